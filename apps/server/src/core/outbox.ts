import { asc, count, eq, min, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { eventOutbox, events } from "../db/schema/index.js";
import type { Database } from "../db/client.js";
import { anyOf, pageLimit, rowsOf } from "../db/rows.js";
import { toDomainEvent } from "../events/stored.js";
import type { Runtime } from "./context.js";
import type { AnyJob } from "./jobs.js";
import { applies, type AnyListener } from "./listener.js";

/** How many committed events one pass hands on. */
const BATCH = 500;
/** How often the outbox looks for events when nothing tells it of new ones (other nodes' commits without Redis). */
const POLL_MS = 250;
/** The shortest time between two passes. */
const MIN_GAP_MS = 50;
/** One outbox at a time across every process on the database: the one holding this lock. */
export const OUTBOX_LOCK = 0x61_74_65_6e; // "aten"

export type Wired = { listener: AnyListener; job: AnyJob };

/**
 * Hands committed events to their listeners: in one transaction it takes the oldest events waiting
 * in `event_outbox` (only those some listener takes are there), inserts one job per applicable
 * listener and event, and deletes them from the outbox. One process does it at a time (an advisory
 * lock), so events go out in the order they were written. Returns how many events it handed on.
 */
async function dispatchEvents(runtime: Runtime): Promise<number> {
  const none = { count: 0, nudged: [] as AnyJob[] };
  // Most passes find nothing: one light read instead of a transaction's four round trips.
  const waiting = await runtime.db.select({ id: eventOutbox.eventId }).from(eventOutbox).limit(1);
  if (waiting.length === 0) return 0;
  const pass = await runtime.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${OUTBOX_LOCK}) AS locked`));
    if (!lock?.locked) return none;
    const taken = rowsOf<{ id: string }>(
      await tx.execute(sql`
        DELETE FROM event_outbox WHERE event_id IN (SELECT event_id FROM event_outbox ORDER BY event_id LIMIT ${pageLimit(BATCH)})
        RETURNING event_id AS id`),
    );
    if (taken.length === 0) return none;
    const rows = await tx.select().from(events).where(anyOf(events.id, taken.map((r) => r.id))).orderBy(asc(events.id));
    const batch = rows.flatMap((row) => toDomainEvent(row) ?? []);
    const nudged: AnyJob[] = [];
    for (const { listener, job } of runtime.spine.listeners) {
      const data = batch.filter((e) => applies(listener, e)).map((e) => ({ data: { workspaceId: e.workspaceId, eventId: e.id, conversationId: e.conversationId } }));
      if (data.length === 0) continue;
      await runtime.jobs.insertInTx(tx, job, data);
      nudged.push(job);
    }
    return { count: taken.length, nudged };
  });
  for (const job of pass.nudged) runtime.jobs.nudge(job);
  return pass.count;
}

/**
 * Runs the outbox on this node: a pass when this node's bus carries a commit, and every POLL_MS
 * for other nodes' events (without Redis); at most one pass every MIN_GAP_MS, so that under load
 * each takes what gathered meanwhile, in one transaction; a pass goes on while batches are full.
 * Returns what stops it.
 */
export function startOutbox(runtime: Runtime, log: FastifyBaseLogger): () => void {
  // Read through functions: other work changes them while a pass awaits.
  const state = { stopped: false, running: false, again: false };
  const stopped = () => state.stopped;
  const again = () => state.again && !state.stopped;
  let last = 0;
  const run = async () => {
    do {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, last + MIN_GAP_MS - Date.now())));
      if (stopped()) break;
      last = Date.now();
      state.again = false;
      try {
        while ((await dispatchEvents(runtime)) === BATCH && !stopped()) {
          // a full batch: more are waiting
        }
      } catch (err) {
        log.warn({ err, module: "outbox" }, "handing events to their listeners failed; trying again shortly");
      }
    } while (again());
    state.running = false;
  };
  const nudge = () => {
    if (state.stopped) return;
    state.again = true;
    if (state.running) return;
    state.running = true;
    void run();
  };
  const timer = setInterval(nudge, POLL_MS);
  timer.unref();
  // Only a commit with an event some listener takes gives the outbox work.
  const unsubscribe = runtime.bus.subscribe((event) => {
    if (runtime.dispatches(event)) nudge();
  });
  return () => {
    state.stopped = true;
    clearInterval(timer);
    unsubscribe();
  };
}

/** What the outbox has not handed on yet: how many events, and the oldest one's age in seconds. */
export async function undispatched(db: Database): Promise<{ events: number; oldestSeconds: number | null }> {
  const [row] = await db
    .select({ events: count(), oldest: min(events.createdAt) })
    .from(eventOutbox)
    .innerJoin(events, eq(events.id, eventOutbox.eventId));
  return { events: row?.events ?? 0, oldestSeconds: row?.oldest ? Math.max(0, (Date.now() - row.oldest.getTime()) / 1000) : null };
}

/** How far each listener is behind: events not handed on yet plus its jobs waiting or running; parked jobs and the last error. */
export async function listenerLag(runtime: Runtime) {
  const { listeners } = runtime.spine;
  const outbox = await undispatched(runtime.db);
  const queues = await runtime.jobs.backlog(listeners.map((w) => w.job.name));
  return {
    outbox,
    listeners: Object.fromEntries(
      listeners.map(({ listener }, i) => {
        const q = queues[i];
        const oldest = Math.max(outbox.oldestSeconds ?? 0, q?.oldestSeconds ?? 0);
        return [listener.name, { behind: outbox.events + (q?.waiting ?? 0), oldestSeconds: oldest, parked: q?.parked ?? 0, lastError: q?.lastError ?? null }];
      }),
    ),
  };
}

/** How often the listeners' lag is logged while any is behind or parked. */
const LAG_LOG_MS = 60_000;

/** Logs the listeners' lag every minute while one is behind or has parked work; returns what stops it. */
export function logListenerLag(runtime: Runtime, log: FastifyBaseLogger): () => void {
  const timer = setInterval(() => {
    listenerLag(runtime).then(
      (lag) => {
        const behind = Object.values(lag.listeners).some((l) => l.behind > 0 || l.parked > 0);
        if (behind) log.info({ module: "outbox", ...lag }, "listeners' lag");
      },
      (err: unknown) => {
        log.warn({ err, module: "outbox" }, "measuring the listeners' lag failed");
      },
    );
  }, LAG_LOG_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
