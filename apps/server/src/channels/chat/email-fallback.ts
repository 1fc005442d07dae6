import { z } from "zod";
import { and, asc, desc, eq, gt, isNull, lte, ne, or } from "drizzle-orm";
import { composeChatFallback, localeOf, type EmailDetailsDto, type EventOf } from "@atende/shared";
import type { Config } from "../../config.js";
import { agents, chatVisitors, contacts, conversations, messages, workspaces } from "../../db/schema/index.js";
import type { Runtime } from "../../core/context.js";
import { defineJob, type Scheduled } from "../../core/jobs.js";
import { defineListener } from "../../core/listener.js";
import { replyAddress } from "../email/address.js";
import { ownInboxes, messageIdFor, sendInboxMail } from "../email/outbound.js";
import { replyToken } from "../email/reply-token.js";
import { workspaceSender } from "../email/sender.js";

/** Outgoing chat replies of a conversation the visitor has not read nor been e-mailed. */
const unseen = (conversationId: string) =>
  and(
    eq(messages.conversationId, conversationId),
    eq(messages.direction, "outgoing"),
    eq(messages.kind, "reply"),
    or(isNull(messages.deliveryStatus), ne(messages.deliveryStatus, "read")),
    isNull(messages.email),
  );

/**
 * Sends an agent's chat replies to the visitor by e-mail when they are still unread a while after
 * being written (the visitor closed the page): one e-mail with every unread reply up to this one,
 * in the visitor's language, from the workspace's e-mail inbox, answerable at the conversation's
 * `+token` address so an answer comes back into the same conversation. Nothing is sent when the
 * visitor read them, left no address, a newer unread reply will carry them, or there is no
 * e-mail inbox to send from. Throws on a server failure, so the job retries.
 */
export async function sendChatFallback(runtime: Runtime, workspaceId: string, messageId: string): Promise<"sent" | "skipped"> {
  const { db } = runtime;
  const [message] = await db
    .select({ conversationId: messages.conversationId, status: messages.deliveryStatus, email: messages.email })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId)));
  if (!message || message.status === "read" || message.email) return "skipped";
  const [newer] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), unseen(message.conversationId), gt(messages.id, messageId)))
    .limit(1);
  if (newer) return "skipped"; // its own fallback will carry this one too
  const [who] = await db
    .select({
      email: contacts.email,
      unverifiedEmail: contacts.unverifiedEmail,
      contactId: contacts.id,
      number: conversations.number,
      workspace: workspaces.name,
      signingKey: workspaces.signingKey,
    })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.workspaceId, conversations.workspaceId), eq(contacts.id, conversations.contactId)))
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, message.conversationId)));
  if (!who) return "skipped";
  const [visit] = await db
    .select({ context: chatVisitors.context, claimedEmail: chatVisitors.claimedEmail })
    .from(chatVisitors)
    .where(and(eq(chatVisitors.workspaceId, workspaceId), eq(chatVisitors.contactId, who.contactId)))
    .orderBy(desc(chatVisitors.lastSeenAt))
    .limit(1);
  // The contact's address, else the one the visitor gave (asking to be answered there).
  const to = who.email ?? visit?.claimedEmail ?? who.unverifiedEmail;
  if (!to || (await ownInboxes(db, workspaceId))(to)) return "skipped"; // Atende never mails itself
  const sender = await workspaceSender(db, workspaceId);
  if (!sender) return "skipped";
  const replies = await db
    .select({ id: messages.id, body: messages.body, agent: agents.name })
    .from(messages)
    .leftJoin(agents, and(eq(agents.workspaceId, messages.workspaceId), eq(agents.id, messages.senderAgentId)))
    .where(and(eq(messages.workspaceId, workspaceId), unseen(message.conversationId), lte(messages.id, messageId)))
    .orderBy(asc(messages.id));
  const { subject, text } = composeChatFallback({
    workspace: who.workspace,
    agent: replies.at(-1)?.agent ?? who.workspace,
    replies: replies.map((r) => r.body),
    locale: localeOf(visit?.context?.language),
  });
  await sendInboxMail(runtime, sender.smtp, sender.password, {
    from: { name: replies.at(-1)?.agent ?? who.workspace, address: sender.address },
    to,
    // Answerable at the sending inbox's address, into this chat conversation.
    replyTo: replyAddress(sender.address, replyToken(who.signingKey, sender.inboxId, { id: message.conversationId, number: who.number })),
    subject,
    text,
    messageId: `<${messageIdFor(messageId, sender.address)}>`,
  });
  const sent: EmailDetailsDto = { from: sender.address, to: [to], cc: [], quoted: null, html: null, automated: null };
  for (const reply of replies) {
    await db
      .update(messages)
      .set({ email: sent, ...(reply.id === messageId ? { externalId: messageIdFor(messageId, sender.address) } : {}) })
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, reply.id)));
  }
  return "sent";
}

const FallbackPayload = z.object({ workspaceId: z.string(), messageId: z.string() });

/** One fallback per reply may wait or run at a time. */
export const chatEmailFallbackJob = defineJob({
  name: "chat.email_fallback",
  payload: FallbackPayload,
  policy: "exclusive",
  key: (data) => data.messageId,
  async handle({ workspaceId, messageId }, runtime) {
    await sendChatFallback(runtime, workspaceId, messageId);
  },
});

/** An agent's chat reply follows the visitor by e-mail, should they have gone, unless they read it meanwhile. */
export const chatEmailFallbackListener = defineListener({
  name: "chat.email_fallback",
  applicableEvents: ["message.created"],
  when: ({ payload: { channel, message } }) => channel === "chat" && message.senderType === "agent" && message.kind === "reply",
  async handleEach(events, ctx) {
    await ctx.schedule(
      chatEmailFallbackJob,
      events.map((event) => fallbackFor(event, ctx.config)),
    );
  },
});

/** The fallback of an agent's chat reply: due a while after the reply was written. */
function fallbackFor({ workspaceId, payload: { message } }: EventOf<"message.created">, config: Config): Scheduled<z.infer<typeof FallbackPayload>> {
  return { data: { workspaceId, messageId: message.id }, startAfter: new Date(Date.parse(message.createdAt) + config.chatEmailFallbackMinutes * 60_000) };
}
