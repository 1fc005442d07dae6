import { sql } from "drizzle-orm";
import { fromDrizzle, fromPglite, PgBoss, type JobInsert, type JobResult, type JobWithMetadata } from "pg-boss";
import { v7 as uuidv7 } from "uuid";
import type { z } from "zod";
import type { DatabaseHandle, Executor } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import type { Runtime } from "./context.js";

/**
 * A durable job: its name, the zod schema of its payload and its handler, declared once in its
 * module. The queue, the payload's type and the worker all come from this declaration.
 */
export type JobDefinition<P = never> = {
  name: string;
  payload: z.ZodType<P>;
  /**
   * `exclusive`: one job per key may wait or run at a time (a pending job, a retry and a second
   * send never run it twice). `ordered`: jobs with the same key run one after the other, in the
   * order they were sent; a parked job holds back its key's later jobs.
   */
  policy?: "standard" | "exclusive" | "ordered";
  key?(data: P): string;
  /** Runs the job; throwing retries it with backoff, and after the last retry parks it (state `failed`). */
  handle(data: P, runtime: Runtime): Promise<void>;
  /**
   * Runs several jobs at once, all or none (one transaction, say); when it throws, each job runs
   * again alone through `handle`, so only the one that fails is retried.
   */
  handleBatch?(batch: P[], runtime: Runtime): Promise<void>;
  /** How many jobs one fetch takes at most (20); a job whose batch costs the same whatever its size takes more. */
  batchSize?: number;
};

/** A job to schedule: its payload, and when it may start (at once when absent). */
export type Scheduled<P> = { data: P; startAfter?: Date };

/** Declares a job; `data` in the handler and in every send is the payload schema's type. */
export function defineJob<P>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}

/** Any job, whatever its payload (handlers are called with data their own schema parsed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the payload type is each definition's own
export type AnyJob = JobDefinition<any>;

export type JobQueue = {
  /** Schedules a job inside the caller's transaction: it exists if and only if the change commits. */
  sendInTx<P>(tx: Executor, job: JobDefinition<P>, data: P, startAfter?: Date): Promise<void>;
  /** Schedules jobs of one kind inside the caller's transaction, in one statement. */
  insertInTx<P>(tx: Executor, job: JobDefinition<P>, jobs: readonly Scheduled<P>[]): Promise<void>;
  /** Runs these jobs' handlers in this process (the worker role). */
  work(jobs: readonly AnyJob[], runtime: Runtime): Promise<void>;
  /** Wakes this process's worker of a job at once, rather than at its next poll. */
  nudge(job: AnyJob): void;
  /** Jobs waiting, running and parked, per queue, and the oldest waiting one's age. */
  backlog(names: string[]): Promise<QueueBacklog[]>;
  stop(): Promise<void>;
};

export type QueueBacklog = { name: string; waiting: number; parked: number; oldestSeconds: number | null; lastError: string | null };

const POLICY = { standard: "standard", exclusive: "exclusive", ordered: "key_strict_fifo" } as const;

function optionsFor<P>(job: JobDefinition<P>, data: P, startAfter?: Date): Omit<JobInsert, "data"> {
  const key = job.key?.(data);
  return { ...(startAfter ? { startAfter } : {}), ...(key ? { singletonKey: key } : {}) };
}

/**
 * Runs a fetched batch: all together when the job can (`handleBatch`), else, or when that fails,
 * each on its own; returns each job's outcome. A job past its last retry is parked, and logged.
 */
async function runBatch(job: AnyJob, batch: JobWithMetadata<unknown>[], runtime: Runtime, log: { error(details: object, message: string): void }): Promise<JobResult[]> {
  const results: JobResult[] = [];
  const fail = (next: JobWithMetadata<unknown>, err: unknown) => {
    if (next.retryCount >= next.retryLimit) log.error({ err, job: job.name, id: next.id }, "a job failed its last retry and is parked");
    results.push({ id: next.id, status: "failed", output: { message: err instanceof Error ? err.message : String(err) } });
  };
  const parsed: { next: JobWithMetadata<unknown>; data: unknown }[] = [];
  for (const next of batch) {
    const data = job.payload.safeParse(next.data);
    if (data.success) parsed.push({ next, data: data.data });
    else fail(next, new Error(`payload does not match ${job.name}'s schema: ${data.error.message}`));
  }
  if (job.handleBatch && parsed.length > 1) {
    try {
      await job.handleBatch(parsed.map((p) => p.data), runtime);
      return [...results, ...parsed.map((p) => ({ id: p.next.id, status: "completed" as const }))];
    } catch {
      // one of them failed: each on its own, below
    }
  }
  for (const { next, data } of parsed) {
    try {
      await job.handle(data, runtime);
      results.push({ id: next.id, status: "completed" });
    } catch (err) {
      fail(next, err);
    }
  }
  return results;
}

/** Starts pg-boss on the application's database (its own `pgboss` schema), creating every job's queue. */
export async function startJobQueue(
  handle: DatabaseHandle,
  jobs: readonly AnyJob[],
  settings: { retries: number; retryDelaySeconds: number },
  log: { warn(err: Error, message: string): void; error(details: object, message: string): void },
): Promise<JobQueue> {
  const boss =
    handle.kind === "pglite"
      ? new PgBoss({ db: fromPglite(handle.pglite), backend: "pglite" })
      : new PgBoss({ connectionString: handle.pool.options.connectionString, max: 4 });
  boss.on("error", (err) => {
    log.warn(err, "job queue error");
  });
  await boss.start();
  for (const job of jobs) {
    // Five retries by default, each twice as far apart as the one before (10 s, 20 s, … 160 s).
    await boss.createQueue(job.name, {
      policy: POLICY[job.policy ?? "standard"],
      retryLimit: settings.retries,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
    });
    // Loads the queue into pg-boss's cache now: a send inside our transaction must not need a
    // second connection to look the queue up (on PGlite that would wait for our own transaction).
    await boss.findJobs(job.name, { id: "00000000-0000-0000-0000-000000000000" });
  }
  const workers = new Map<string, string>();
  const inTx = (tx: Executor) => ({ db: fromDrizzle(drizzleLike(tx), sql) });
  return {
    async sendInTx(tx, job, data, startAfter) {
      await boss.send(job.name, data as object, { ...optionsFor(job, data, startAfter), ...inTx(tx) });
    },
    async insertInTx(tx, job, each) {
      // Time-ordered ids: jobs inserted together keep their order on an ordered queue (it breaks ties by id).
      if (each.length > 0) await boss.insert(job.name, each.map(({ data, startAfter }) => ({ id: uuidv7(), data: data as object, ...optionsFor(job, data, startAfter) })), inTx(tx));
    },
    async work(toRun, runtime) {
      for (const job of toRun) {
        // Up to 20 jobs a fetch (or the job's own batch size), fetched again at once while fetches
        // come back full; each job settled on its own (one that fails is retried alone).
        const id = await boss.work(job.name, { pollingIntervalSeconds: 0.5, batchSize: job.batchSize ?? 20, burstWhenBatchFull: true, perJobResults: true, includeMetadata: true }, (batch) =>
          runBatch(job, batch, runtime, log),
        );
        workers.set(job.name, id);
      }
    },
    nudge(job) {
      const id = workers.get(job.name);
      if (id) boss.notifyWorker(id);
    },
    async backlog(names) {
      if (names.length === 0) return [];
      const rows = await handle.db.execute(sql`
        SELECT name,
          count(*) FILTER (WHERE state IN ('created', 'retry', 'active'))::int AS waiting,
          count(*) FILTER (WHERE state = 'failed')::int AS parked,
          extract(epoch FROM now() - min(created_on) FILTER (WHERE state IN ('created', 'retry', 'active') AND start_after <= now()))::float AS "oldestSeconds",
          (array_agg(output->>'message' ORDER BY completed_on DESC) FILTER (WHERE state = 'failed'))[1] AS "lastError"
        FROM pgboss.job WHERE name IN (${sql.join(names.map((n) => sql`${n}`), sql`, `)}) GROUP BY name`);
      const found = new Map(rowsOf<QueueBacklog>(rows).map((r) => [r.name, r]));
      return names.map((name) => found.get(name) ?? { name, waiting: 0, parked: 0, oldestSeconds: null, lastError: null });
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
