import { and, eq, inArray, isNull, lte, ne, or } from "drizzle-orm";
import { messages } from "../../db/schema/index.js";
import type { Ctx } from "../../core/context.js";

/** The greatest message id: "everything up to now". */
export const NEWEST = "ffffffff-ffff-ffff-ffff-ffffffffffff";

/**
 * Read receipts: the other side's messages the reader has now seen, up to the message `upTo`. A
 * visitor reads the agents' replies; an agent reads the customer's messages. They become `read`,
 * and everyone following the conversation hears it (`message.read`, naming who read). Returns how
 * many messages became read.
 */
export async function markRead(ctx: Ctx, conversationIds: string[], upTo: string): Promise<number> {
  if (conversationIds.length === 0) return 0;
  const by = ctx.actor.type === "contact" ? "contact" : "agent";
  const read = await ctx.tx
    .update(messages)
    .set({ deliveryStatus: "read" })
    .where(
      and(
        eq(messages.workspaceId, ctx.actor.workspaceId),
        inArray(messages.conversationId, conversationIds),
        eq(messages.direction, by === "contact" ? "outgoing" : "incoming"),
        eq(messages.kind, "reply"),
        lte(messages.id, upTo),
        or(isNull(messages.deliveryStatus), ne(messages.deliveryStatus, "read")),
      ),
    )
    .returning({ id: messages.id, conversationId: messages.conversationId });
  const byConversation = new Map<string, string[]>();
  for (const m of read) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m.id]);
  for (const [conversationId, ids] of byConversation) {
    const upTo = ids.reduce((newest, id) => (id > newest ? id : newest));
    await ctx.emit({ type: "message.read", conversationId, payload: { upTo, count: ids.length, by } });
  }
  return read.length;
}
