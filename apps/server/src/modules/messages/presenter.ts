import { safeFileName, type AttachmentDto, type MessageDto } from "@atende/shared";
import type { messages } from "../../db/schema/index.js";

/** A message row without its search vector, which is never read back. */
export type MessageRow = Omit<typeof messages.$inferSelect, "searchVector">;

export function toMessageDto(row: MessageRow, senderName: string | null, attachments: AttachmentDto[] = []): MessageDto {
  const senderId = row.senderAgentId ?? row.senderContactId;
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction,
    kind: row.kind,
    private: row.kind === "note",
    senderType: row.senderType,
    sender: senderId ? { id: senderId, name: senderName } : null,
    body: row.body,
    activity: row.activity ?? null,
    deliveryStatus: row.deliveryStatus,
    deliveryError: row.deliveryError,
    deliveryFailure: row.deliveryFailure,
    email: row.email ?? null,
    // Names stored before they were made safe are shown safe too.
    attachments: attachments.map((a) => ({ ...a, fileName: safeFileName(a.fileName) })),
    clientId: row.clientId,
    buttons: row.buttons,
    createdAt: row.createdAt.toISOString(),
  };
}
