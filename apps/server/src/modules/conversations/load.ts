import { and, eq } from "drizzle-orm";
import type { Ctx } from "../../core/context.js";
import { contacts, conversationColumns, conversations } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";

export type ConversationRow = Omit<typeof conversations.$inferSelect, "searchVector">;

/** Loads a conversation of the actor's workspace or throws NOT_FOUND; `forUpdate` serialises concurrent changes. */
export async function loadConversation(
  ctx: Ctx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ConversationRow> {
  const query = ctx.tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.id, id)));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw AppError.notFound("Conversation");
  return row;
}

/** The conversation with its contact, for filling templates. */
export async function loadConversationContext(ctx: Ctx, id: string) {
  const conversation = await loadConversation(ctx, id);
  const [contact] = await ctx.tx.select().from(contacts).where(and(eq(contacts.workspaceId, conversation.workspaceId), eq(contacts.id, conversation.contactId)));
  if (!contact) throw AppError.notFound("Contact");
  return { number: conversation.number, subject: conversation.subject, contact };
}
