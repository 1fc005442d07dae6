import { DomainEvent } from "@atende/shared";
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
