import type { ConversationDto } from "@atende/shared";
import type { ConversationListRow } from "./queries.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toConversationDto(row: ConversationListRow): ConversationDto {
  const c = row.conversation;
  return {
    id: c.id,
    number: c.number,
    inboxId: c.inboxId,
    channel: row.channel,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    snoozedUntil: iso(c.snoozedUntil),
    contact: row.contact,
    assignee: row.assignee,
    team: row.team,
    tags: row.tags,
    lastMessage:
      c.lastMessagePreview !== null && c.lastMessageDirection && c.lastMessageKind && c.lastMessageAt
        ? {
            preview: c.lastMessagePreview,
            direction: c.lastMessageDirection,
            kind: c.lastMessageKind,
            createdAt: c.lastMessageAt.toISOString(),
          }
        : null,
    waitingSince: iso(c.waitingSince),
    lastActivityAt: c.lastActivityAt.toISOString(),
    firstResponseAt: iso(c.firstResponseAt),
    resolvedAt: iso(c.resolvedAt),
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt.toISOString(),
  };
}
