import { advanceClock } from "@atende/shared";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { defineListener } from "../../core/listener.js";
import { conversationColumns, conversations, messages } from "../../db/schema/index.js";

/**
 * Keeps the customer's wait honest as replies are delivered or not: a reply the mail server refused
 * (or that bounced later) leaves the customer waiting, since they last wrote, so the list and the
 * reports tell the truth; the same reply delivered on a retry ends that wait. Only the latest reply
 * counts: a later one that went out (or is going) decided the wait already.
 */
export const replyDeliveryListener = defineListener({
  name: "conversations.reply_delivery",
  applicableEvents: ["message.delivery_changed"],
  when: ({ payload }) => (payload.to === "failed" && payload.from !== "failed") || payload.to === "sent",
  async handle({ workspaceId, conversationId, payload, createdAt }, ctx) {
    if (!conversationId) return;
    const [current] = await ctx.tx
      .select(conversationColumns)
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)))
      .for("update");
    const replies = and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.kind, "reply"));
    const [reply] = await ctx.tx.select({ at: messages.createdAt }).from(messages).where(and(replies, eq(messages.id, payload.messageId)));
    if (!current || !reply) return;
    const [later] = await ctx.tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(replies, eq(messages.direction, "outgoing"), eq(messages.senderType, "agent"), gt(messages.id, payload.messageId), sql`${messages.deliveryStatus} IS DISTINCT FROM 'failed'`))
      .limit(1);
    if (later) return;
    const [wrote] = await ctx.tx
      .select({ at: messages.createdAt })
      .from(messages)
      .where(and(replies, eq(messages.direction, "incoming")))
      .orderBy(desc(messages.createdAt))
      .limit(1);
    const clock = advanceClock(current, { type: "reply_delivery", delivered: payload.to === "sent", at: new Date(createdAt), replyAt: reply.at, customerWroteAt: wrote?.at ?? null });
    if (clock.events.length === 0) return;
    await ctx.tx.update(conversations).set(clock.changes).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, current.id)));
    for (const event of clock.events) await ctx.emit({ ...event, conversationId });
  },
});
