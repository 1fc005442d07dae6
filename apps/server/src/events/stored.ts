import { DomainEvent } from "@atende/shared";
import { sql, type SQL } from "drizzle-orm";
import type { events } from "../db/schema/index.js";

/** A stored event as its type's schema reads it; null for one written in an older shape. */
export function toDomainEvent(row: typeof events.$inferSelect): DomainEvent | null {
  const parsed = DomainEvent.safeParse({
    id: row.id,
    workspaceId: row.workspaceId,
    type: row.type,
    actor: { type: row.actorType, id: row.actorId },
    conversationId: row.conversationId,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
  });
  return parsed.success ? parsed.data : null;
}

/**
 * A statement's part (a CTE, comma first) that stores `event` with the statement's own write, and
 * queues it in `event_outbox` when some listener takes it: the change and its event in one round
 * trip. It is stored only when the CTE `from` holds a row (the write happened); `payload`, a jsonb
 * expression over that row, stands for the event's payload where the statement knows better.
 */
export function eventWithStatement(
  event: DomainEvent,
  opts: { name: string; from: string; dispatched: boolean; payload?: SQL },
): SQL {
  const name = sql.identifier(opts.name);
  const payload = opts.payload ?? sql`${JSON.stringify(event.payload)}::jsonb`;
  const stored = sql`, ${name} AS (
    INSERT INTO event (id, workspace_id, type, actor_type, actor_id, conversation_id, payload, created_at)
    SELECT ${event.id}::uuid, ${event.workspaceId}::uuid, ${event.type}, ${event.actor.type}::actor_type, ${event.actor.id}::uuid,
      ${event.conversationId}::uuid, ${payload}, ${event.createdAt}::timestamptz
    FROM ${sql.identifier(opts.from)} RETURNING id)`;
  if (!opts.dispatched) return stored;
  return sql`${stored}, ${sql.identifier(`${opts.name}_queued`)} AS (INSERT INTO event_outbox (event_id) SELECT id FROM ${name})`;
}
