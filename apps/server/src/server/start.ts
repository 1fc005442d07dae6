import type { FastifyBaseLogger } from "fastify";
import { buildApp } from "../app.js";
import type { Config } from "../config.js";
import { ensureFirstWorkspace } from "../modules/bootstrap/first-start.js";
import { openStore } from "./store.js";
import { startRuntime, startWorkers } from "./runtime.js";

export type Running = { url: string | null; stop: () => Promise<void> };

/** Starts Atende with the roles in `config.roles`: migrations, first-start set-up, jobs, then HTTP. */
export async function startServer(config: Config, log: FastifyBaseLogger, out: (line: string) => void): Promise<Running> {
  const store = await openStore(config);
  const runtime = await startRuntime(config, store.handle, log);
  const first = await ensureFirstWorkspace(runtime, config, config.demo);
  if (first) {
    out(`Created workspace "${first.workspace}" with admin ${first.email}.`);
    if (first.generatedPassword) out(`Admin password (shown once, change it after signing in): ${first.generatedPassword}`);
  }
  if (config.roles.includes("worker")) await startWorkers(runtime);
  const app = config.roles.includes("web") ? await buildApp(runtime, store.handle, log) : null;
  const url = app ? await app.listen({ port: config.port, host: config.host }) : null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app?.close();
      await runtime.jobs.stop();
      await runtime.bus.close();
      await store.close();
    })());
  return { url, stop };
}
