import type { DomainEvent, EventOf, EventType } from "@atende/shared";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { events, listenerReceipts } from "../db/schema/index.js";
import { toDomainEvent } from "../events/stored.js";
import { systemActor, type Ctx, type Runtime } from "./context.js";
import { defineJob } from "./jobs.js";

/**
 * What a module does after a change, whatever made it: it hears each committed event of the types
 * it applies to, once, on one node, in its own transaction (`ctx.tx`, acting as the system).
 */
export type Listener<T extends EventType = EventType> = {
  /** Unique and stable: its queue and its receipts are named by it. */
  name: string;
  applicableEvents: readonly T[];
  /** Decides, when the event is handed on, whether this listener needs it at all (no job if not). */
  when?(event: EventOf<T>): boolean;
  /** Events of one conversation one after the other, in the order they were committed. */
  ordered?: boolean;
  /** Throwing rolls its changes back and retries it with backoff; after the last retry it is parked. */
  handle(event: EventOf<T>, ctx: Ctx): Promise<void>;
};

export function defineListener<T extends EventType>(listener: Listener<T>): Listener<T> {
  return listener;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each listener narrows to its own event types
export type AnyListener = Listener<any>;

/** The event types a listener takes. */
export function typesOf(listener: AnyListener): readonly EventType[] {
  return listener.applicableEvents as readonly EventType[]; // AnyListener's are any of the union's
}

/** Whether a listener takes this event (its type, then its own filter). */
export function applies(listener: AnyListener, event: DomainEvent): boolean {
  return typesOf(listener).includes(event.type) && (listener.when?.(event) ?? true);
}

const ListenerJobPayload = z.object({ workspaceId: z.string(), eventId: z.string(), conversationId: z.string().nullable() });

/** The durable job that runs one listener on one event; its queue is named after the listener. */
export function listenerJob(listener: AnyListener) {
  return defineJob({
    name: `listener.${listener.name}`,
    payload: ListenerJobPayload,
    ...(listener.ordered ? { policy: "ordered" as const, key: (d: z.infer<typeof ListenerJobPayload>) => d.conversationId ?? d.eventId } : {}),
    handle: (data, runtime) => runOnce(runtime, listener, data.workspaceId, [data.eventId]),
    // A batch in one transaction per workspace: the common case, all of them handled, costs one commit.
    async handleBatch(batch, runtime) {
      const byWorkspace = new Map<string, string[]>();
      for (const { workspaceId, eventId } of batch) byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), eventId]);
      for (const [workspaceId, eventIds] of byWorkspace) await runOnce(runtime, listener, workspaceId, eventIds);
    },
  });
}

/**
 * Runs the listener on these events of one workspace, in one transaction, in the order given. The
 * receipts commit with the listener's changes: a second run of the same job (a worker that died
 * before it said so) finds them and skips those events; a concurrent one waits, then does too.
 */
async function runOnce(runtime: Runtime, listener: AnyListener, workspaceId: string, eventIds: string[]): Promise<void> {
  await runtime.transact(systemActor(workspaceId), async (ctx) => {
    const fresh = await ctx.tx
      .insert(listenerReceipts)
      .values(eventIds.map((eventId) => ({ workspaceId, listener: listener.name, eventId })))
      .onConflictDoNothing()
      .returning({ eventId: listenerReceipts.eventId });
    if (fresh.length === 0) return;
    const rows = await ctx.tx
      .select()
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), inArray(events.id, fresh.map((r) => r.eventId))));
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of eventIds) {
      const row = byId.get(id);
      const event = row ? toDomainEvent(row) : null;
      if (event && applies(listener, event)) await listener.handle(event, ctx);
    }
  });
}
