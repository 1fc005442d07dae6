import { and, asc, eq, gt, inArray, type SQL } from "drizzle-orm";
import { type DomainEvent, REPLAY_LIMIT, REPLAY_OVERLAP_MS, uuidv7Floor, uuidv7Time } from "@atende/shared";
import type { Database } from "../db/client.js";
import { events } from "../db/schema/index.js";
import { toDomainEvent } from "../events/stored.js";
import { pageLimit } from "../db/rows.js";

/** The `eventCursor` of an answer made now: a live connection resuming from it misses nothing that happened since. */
export const eventCursorNow = (): string => uuidv7Floor(Date.now());

/**
 * The events a reconnecting client may have missed: from a little before its cursor (transactions
 * commit out of id order), oldest first, at most REPLAY_LIMIT; `complete` is false when there were
 * more, or when the cursor is none an answer gave. A client without a cursor gets none (a client that
 * read its state first resumes from that answer's `eventCursor`).
 */
export async function replayEvents(
  db: Database,
  scope: { workspaceId: string; conversationIds?: string[] },
  after: string | null,
): Promise<{ events: DomainEvent[]; complete: boolean }> {
  if (after === null) return { events: [], complete: true };
  const since = uuidv7Time(after);
  // A cursor no answer gave (not a time-ordered id): what was missed cannot be told, so the client reads its state again.
  if (since === null) return { events: [], complete: false };
  const conditions: SQL[] = [eq(events.workspaceId, scope.workspaceId), gt(events.id, uuidv7Floor(since - REPLAY_OVERLAP_MS))];
  if (scope.conversationIds) {
    if (scope.conversationIds.length === 0) return { events: [], complete: true };
    conditions.push(inArray(events.conversationId, scope.conversationIds));
  }
  const rows = await db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.id))
    .limit(pageLimit(REPLAY_LIMIT + 1));
  return { events: rows.slice(0, REPLAY_LIMIT).flatMap((row) => toDomainEvent(row) ?? []), complete: rows.length <= REPLAY_LIMIT };
}
