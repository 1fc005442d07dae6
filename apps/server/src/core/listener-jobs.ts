import { and, eq, sql } from "drizzle-orm";
import type { DomainEvent } from "@atende/shared";
import type { Executor } from "../db/client.js";
import { z } from "zod";
import { events, listenerReceipts } from "../db/schema/index.js";
import { anyOf } from "../db/rows.js";
import { toDomainEvent } from "../events/stored.js";
import { AppError } from "../lib/app-error.js";
import { systemActor, type Ctx, type Runtime } from "./context.js";
import { defineJob } from "./jobs.js";
import { applies, type AnyListener } from "./listener.js";

const ListenerJobPayload = z.object({ workspaceId: z.string(), eventId: z.string(), conversationId: z.string().nullable() });

/** The durable job that runs one listener on one event; its queue is named after the listener. */
export function listenerJob(listener: AnyListener) {
  return defineJob({
    name: `listener.${listener.name}`,
    payload: ListenerJobPayload,
    ...(listener.ordered ? { policy: "ordered" as const, key: (d: z.infer<typeof ListenerJobPayload>) => d.conversationId ?? d.eventId } : {}),
    handle: (data, runtime) => runOnce(runtime, listener, data.workspaceId, [data.eventId]),
    // A listener that handles a batch in a few statements takes a backlog in large bites.
    ...(listener.handleEach ? { batchSize: 250 } : {}),
    // A batch in one transaction per workspace: the common case, all of them handled, costs one commit.
    async handleBatch(batch, runtime) {
      const byWorkspace = new Map<string, string[]>();
      for (const { workspaceId, eventId } of batch) byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), eventId]);
      for (const [workspaceId, eventIds] of byWorkspace) await runOnce(runtime, listener, workspaceId, eventIds);
    },
  });
}

/** These events of one workspace, in the order given, as the listener takes them. */
async function eventsFor(db: Executor, listener: AnyListener, workspaceId: string, eventIds: string[]): Promise<DomainEvent[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), anyOf(events.id, eventIds)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return eventIds.flatMap((id) => {
    const row = byId.get(id);
    const event = row ? toDomainEvent(row) : null;
    return event && applies(listener, event) ? [event] : [];
  });
}

/**
 * Runs the listener on these events of one workspace, in one transaction, in the order given. The
 * receipts commit with the listener's changes: a second run of the same job (a worker that died
 * before it said so) finds them and skips those events; a concurrent one waits, then does too. What
 * the listener prepares (see `Listener`) is done before, outside the transaction.
 */
async function runOnce(runtime: Runtime, listener: AnyListener, workspaceId: string, eventIds: string[]): Promise<void> {
  const prepared = new Map<string, unknown>();
  if (listener.prepare) for (const event of await eventsFor(runtime.db, listener, workspaceId, eventIds)) prepared.set(event.id, await listener.prepare(event, runtime));
  try {
    await inTransaction(runtime, listener, workspaceId, eventIds, async (taken, ctx) => {
      if (!listener.handleEach) for (const event of taken) await listener.handle(event, ctx, prepared.get(event.id));
      else if (taken.length > 0) await listener.handleEach(taken, ctx);
    });
  } catch (err) {
    if (!(err instanceof AppError) || !listener.onRefused) throw err;
    // Only the refused event falls back: each of a batch's is taken again on its own.
    if (eventIds.length > 1) {
      for (const id of eventIds) await runOnce(runtime, listener, workspaceId, [id]);
      return;
    }
    runtime.log.warn({ listener: listener.name, eventIds, refusal: { code: err.code, message: err.message } }, "a listener's change was refused: it falls back");
    await inTransaction(runtime, listener, workspaceId, eventIds, async (taken, ctx) => {
      for (const event of taken) await listener.onRefused?.(event, ctx, err);
    });
  }
}

/** Runs `work` in one transaction on those of these events this listener has not taken yet, with their receipts. */
async function inTransaction(runtime: Runtime, listener: AnyListener, workspaceId: string, eventIds: string[], work: (taken: DomainEvent[], ctx: Ctx) => Promise<void>) {
  await runtime.transact(systemActor(workspaceId), async (ctx) => {
    const fresh = await ctx.run<{ eventId: string }>(sql`
      INSERT INTO ${listenerReceipts} (workspace_id, listener, event_id)
      SELECT ${workspaceId}::uuid, ${listener.name}, unnest(${sql.param(eventIds)}::uuid[])
      ON CONFLICT DO NOTHING RETURNING event_id AS "eventId"`);
    if (fresh.length === 0) return;
    const freshIds = new Set(fresh.map((r) => r.eventId));
    await work(await eventsFor(ctx.tx, listener, workspaceId, eventIds.filter((id) => freshIds.has(id))), ctx);
  });
}
