import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import { createFileStore } from "../files/file-store.js";
import type { Config } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import { statementRunner } from "../db/prepared.js";
import { createInProcessBus, createRedisBus } from "../events/bus.js";
import { startJobQueue } from "../core/jobs.js";
import { createRuntime, type Runtime } from "../core/context.js";
import { listenerJob } from "../core/listener-jobs.js";
import type { AtendeModule } from "../core/module.js";
import { logListenerLag, startOutbox } from "../core/outbox.js";
import { MODULES } from "../modules/index.js";

/** What the modules declare: their listeners, each with the job that runs it, and every job. */
function spineOf(modules: readonly AtendeModule[]): Runtime["spine"] {
  const listeners = modules.flatMap((m) => m.listeners ?? []).map((listener) => ({ listener, job: listenerJob(listener) }));
  return { modules, listeners, jobs: [...modules.flatMap((m) => m.jobs ?? []), ...listeners.map((w) => w.job)] };
}

/** Connects the event bus and the job queue (every module's jobs and listeners' queues) around a database. */
export async function startRuntime(config: Config, handle: DatabaseHandle, log: FastifyBaseLogger, modules = MODULES): Promise<Runtime> {
  const busLog = log.child({ module: "events" });
  const bus = config.redisUrl
    ? await createRedisBus(
        config.redisUrl,
        {
          warn: (err, message) => {
            busLog.warn({ err }, message);
          },
          info: (message) => {
            busLog.info(message);
          },
        },
        config.redisPrefix,
      )
    : createInProcessBus();
  const spine = spineOf(modules);
  const jobLog = log.child({ module: "jobs" });
  const jobs = await startJobQueue(handle, spine.jobs, { retries: config.jobRetries, retryDelaySeconds: config.jobRetrySeconds }, {
    warn: (err, message) => {
      jobLog.warn({ err }, message);
    },
    error: (details, message) => {
      jobLog.error(details, message);
    },
  });
  const files = createFileStore(join(config.dataDir, "files"));
  return createRuntime({ config, handle, bus, jobs, files, log, runStatement: statementRunner(handle), spine });
}

/** The worker role: every job's handler, the outbox that hands events to listeners, and each module's background work. */
export async function startWorkers(runtime: Runtime, log: FastifyBaseLogger): Promise<() => void> {
  const { modules, jobs } = runtime.spine;
  await runtime.jobs.work(jobs, runtime);
  const stopOutbox = startOutbox(runtime, log);
  const stopLagLog = logListenerLag(runtime, log);
  const stops = modules.flatMap((m) => m.workers ?? []).map((start) => start(runtime, log));
  return () => {
    stopOutbox();
    stopLagLog();
    for (const stop of stops) stop();
  };
}
