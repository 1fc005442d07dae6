import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const integration = ["apps/server/src/**/*.int.test.ts"];
const engines = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * A worker runs one test file after another without loading the server's modules again for each:
 * every file builds its own app, database and servers, and no test mocks a module or changes the
 * environment. Importing took a third of the integration files' time (158 → 94 s measured).
 */
const isolate = false;

export default defineConfig({
  test: {
    // Two test files at once even on two cores (Vitest's default leaves one core idle): much of a
    // file's time is waiting on Chromium, PostgreSQL, mail servers and timers. 17.5 → 12.6 min here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ["./vitest.setup.ts"],
    projects: [
      { test: { name: "unit", isolate, include: ["packages/*/src/**/*.test.ts", "apps/server/src/**/*.test.ts", "apps/web/src/**/*.test.ts"], exclude: integration } },
      ...engines.map((engine) => ({
        test: {
          name: `integration-${engine}`,
          isolate,
          include: integration,
          env: { ATENDE_TEST_DB: engine },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A poll waits on real servers, sockets and a browser: 1 s (Vitest's default) is a race on a busy machine.
          expect: { poll: { timeout: 10_000 } },
          pool: "forks" as const,
        },
      })),
    ],
  },
});
