import { sql } from "drizzle-orm";
import { fromDrizzle, fromPglite, PgBoss } from "pg-boss";
import type { DatabaseHandle, Executor } from "../db/client.js";

/** Every durable job the server runs, with its payload. */
export type JobPayloads = {
  "conversation.wake": { workspaceId: string; conversationId: string };
  "email.deliver": { workspaceId: string; messageId: string };
  /** An agent's chat reply the visitor may not have seen: sent by e-mail if still unread. */
  "chat.email_fallback": { workspaceId: string; messageId: string };
};
export type JobName = keyof JobPayloads;

/**
 * How each queue runs. A job about one message is keyed by it on an `exclusive` queue: one job per
 * message may wait or run at a time, so a pending job, an agent's retry and the sweep never send it
 * twice. A wake-up is not keyed: each snooze brings its own, and the handler ignores stale ones.
 */
const QUEUES: { [N in JobName]: { policy: "standard" | "exclusive"; key?: (data: JobPayloads[N]) => string } } = {
  "conversation.wake": { policy: "standard" },
  "email.deliver": { policy: "exclusive", key: (data) => data.messageId },
  "chat.email_fallback": { policy: "exclusive", key: (data) => data.messageId },
};

function sendOptions<N extends JobName>(name: N, data: JobPayloads[N], startAfter: Date | undefined) {
  const key = QUEUES[name].key?.(data);
  return { ...(startAfter ? { startAfter } : {}), ...(key ? { singletonKey: key } : {}) };
}

export type JobQueue = {
  /** Schedules a job inside the caller's transaction: it exists if and only if the change commits. */
  sendInTx<N extends JobName>(tx: Executor, name: N, data: JobPayloads[N], startAfter?: Date): Promise<void>;
  /** Schedules a job now, outside any transaction. */
  send<N extends JobName>(name: N, data: JobPayloads[N], startAfter?: Date): Promise<void>;
  work<N extends JobName>(name: N, handler: (data: JobPayloads[N]) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
};

/** Starts pg-boss on the application's database (its own `pgboss` schema), creating the queues. */
export async function startJobQueue(handle: DatabaseHandle, onError: (err: Error) => void): Promise<JobQueue> {
  const boss =
    handle.kind === "pglite"
      ? new PgBoss({ db: fromPglite(handle.pglite), backend: "pglite" })
      : new PgBoss({ connectionString: handle.pool.options.connectionString, max: 4 });
  boss.on("error", onError);
  await boss.start();
  for (const [name, { policy }] of Object.entries(QUEUES)) {
    // Five retries 10 s, 20 s, 40 s, 80 s and 160 s apart.
    await boss.createQueue(name, { policy, retryLimit: 5, retryDelay: 10, retryBackoff: true });
    // Loads the queue into pg-boss's cache now: a send inside our transaction must not need a
    // second connection to look the queue up (on PGlite that would wait for our own transaction).
    await boss.findJobs(name, { id: "00000000-0000-0000-0000-000000000000" });
  }
  return {
    async sendInTx(tx, name, data, startAfter) {
      await boss.send(name, data, { ...sendOptions(name, data, startAfter), db: fromDrizzle(drizzleLike(tx), sql) });
    },
    async send(name, data, startAfter) {
      await boss.send(name, data, sendOptions(name, data, startAfter));
    },
    async work(name, handler) {
      await boss.work<JobPayloads[typeof name]>(name, { pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}

/** Our executor is typed over the drivers' common base, whose execute() result is `unknown`; both drivers return rows as pg-boss expects. */
function drizzleLike(tx: Executor): Parameters<typeof fromDrizzle>[0] {
  return tx as Parameters<typeof fromDrizzle>[0];
}
