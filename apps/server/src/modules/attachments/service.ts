import { and, eq, ne } from "drizzle-orm";
import { attachments, conversations, messages } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import type { Ctx } from "../../core/context.js";
import type { ServedFile } from "./serve.js";

/** Image types a browser shows without running anything: the only ones served for display in the page. */
export const SHOWN_INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** A chat visitor asking for a file: only those on the replies of its own conversations in its inbox. */
export type VisitorScope = { contactId: string; inboxId: string };

/** One of the workspace's files, with how it may be served; NOT_FOUND for another workspace's (or one the visitor may not see). */
export async function loadAttachment(ctx: Ctx, id: string, visitor?: VisitorScope): Promise<ServedFile> {
  const query = ctx.tx
    .select({ sha256: attachments.sha256, size: attachments.size, fileName: attachments.fileName, contentType: attachments.contentType })
    .from(attachments);
  const mine = and(eq(attachments.workspaceId, ctx.actor.workspaceId), eq(attachments.id, id));
  const [row] = visitor
    ? await query
        .innerJoin(messages, and(eq(messages.workspaceId, attachments.workspaceId), eq(messages.id, attachments.messageId)))
        .innerJoin(conversations, and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)))
        .where(
          and(
            mine,
            eq(messages.kind, "reply"),
            ne(attachments.disposition, "original"),
            eq(conversations.contactId, visitor.contactId),
            eq(conversations.inboxId, visitor.inboxId),
          ),
        )
    : await query.where(mine);
  if (!row) throw AppError.notFound("Attachment");
  const inline = SHOWN_INLINE.has(row.contentType.toLowerCase());
  return { ...row, inline, servedType: inline || row.contentType.startsWith("text/plain") ? row.contentType : "application/octet-stream" };
}
