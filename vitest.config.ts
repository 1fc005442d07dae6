import { defineConfig } from "vitest/config";

const integration = ["apps/server/src/**/*.int.test.ts"];
const engines = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export default defineConfig({
  test: {
    globalSetup: ["./vitest.setup.ts"],
    projects: [
      { test: { name: "unit", include: ["packages/*/src/**/*.test.ts", "apps/server/src/**/*.test.ts", "apps/web/src/**/*.test.ts"], exclude: integration } },
      ...engines.map((engine) => ({
        test: {
          name: `integration-${engine}`,
          include: integration,
          env: { ATENDE_TEST_DB: engine },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: "forks" as const,
        },
      })),
    ],
  },
});
