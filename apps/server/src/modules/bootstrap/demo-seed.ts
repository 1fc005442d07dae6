import { and, eq, sql } from "drizzle-orm";
import { conversations, messages } from "../../db/schema/index.js";
import { createCannedResponse } from "../canned-responses/service.js";
import type { Ctx } from "../../core/context.js";
import { openConversation, updateConversation } from "../conversations/service.js";
import { appendMessage } from "../messages/service.js";
import { seedKnowledgeBase } from "../knowledge-base/demo-seed.js";
import { createInbox, updateInbox } from "../inboxes/service.js";
import { slowInternetFlow } from "../virtual-attendant/demo-flow.js";
import { DEMO_CANNED_RESPONSES, DEMO_CONVERSATIONS, type DemoConversation } from "./demo-data.js";

const MINUTE = 60_000;

/** Moves a seeded conversation's clock back so the demo shows realistic waiting times. */
async function backdate(ctx: Ctx, conversationId: string, demo: DemoConversation): Promise<void> {
  const rows = await ctx.tx
    .select({ id: messages.id, kind: messages.kind })
    .from(messages)
    .where(and(eq(messages.workspaceId, ctx.actor.workspaceId), eq(messages.conversationId, conversationId)))
    .orderBy(messages.id);
  const replies = rows.filter((r) => r.kind !== "activity");
  const newest = demo.messages.at(-1)?.minutesAgo ?? 0;
  for (const [i, row] of replies.entries()) {
    const at = new Date(Date.now() - (demo.messages[i]?.minutesAgo ?? newest) * MINUTE);
    await ctx.tx.update(messages).set({ createdAt: at }).where(and(eq(messages.workspaceId, ctx.actor.workspaceId), eq(messages.id, row.id)));
  }
  const shift = sql`make_interval(mins => ${Math.max(newest - 1, 0)})`;
  await ctx.tx
    .update(messages)
    .set({ createdAt: sql`now() - ${shift}` })
    .where(and(eq(messages.workspaceId, ctx.actor.workspaceId), eq(messages.conversationId, conversationId), eq(messages.kind, "activity")));
  const first = new Date(Date.now() - (demo.messages[0]?.minutesAgo ?? 0) * MINUTE);
  await ctx.tx
    .update(conversations)
    .set({
      createdAt: first,
      lastActivityAt: sql`${conversations.lastActivityAt} - ${shift}`,
      lastMessageAt: sql`${conversations.lastMessageAt} - ${shift}`,
      waitingSince: sql`${conversations.waitingSince} - ${shift}`,
      firstResponseAt: sql`${conversations.firstResponseAt} - ${shift}`,
      resolvedAt: sql`${conversations.resolvedAt} - ${shift}`,
    })
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.id, conversationId)));
}

async function seedConversation(ctx: Ctx, inboxId: string, demo: DemoConversation): Promise<void> {
  const [opening, ...rest] = demo.messages;
  if (!opening) return;
  const created = await openConversation(ctx, {
    inboxId,
    contact: { email: demo.contact.email, name: demo.contact.name, phone: demo.contact.phone },
    subject: demo.subject,
    message: { body: opening.body, direction: "incoming" },
  });
  for (const m of rest) {
    await appendMessage(ctx, created.id, {
      body: m.body,
      kind: m.note ? "note" : "reply",
      direction: m.from === "contact" ? "incoming" : "outgoing",
    });
  }
  await updateConversation(ctx, created.id, {
    priority: demo.priority,
    tags: demo.tags,
    ...(demo.assignToAdmin && ctx.actor.id ? { assigneeId: ctx.actor.id } : {}),
    ...(demo.status === "snoozed"
      ? { status: "snoozed", snoozedUntil: new Date(Date.now() + 20 * 60 * MINUTE).toISOString() }
      : { status: demo.status }),
  });
  await backdate(ctx, created.id, demo);
}

/**
 * Creates the "Demo" inbox with a dozen conversations in Portuguese, Czech and English, canned
 * responses, the demo knowledge base (its help center at /help/<workspace>), and a "Site chat"
 * inbox whose virtual attendant has the example flow for slow internet.
 */
export async function seedDemo(ctx: Ctx): Promise<void> {
  const inbox = await createInbox(ctx, { name: "Demo", channel: "api" });
  for (const demo of DEMO_CONVERSATIONS) await seedConversation(ctx, inbox.id, demo);
  for (const canned of DEMO_CANNED_RESPONSES) await createCannedResponse(ctx, canned);
  const articles = await seedKnowledgeBase(ctx);
  // The site's chat, answered first by the virtual attendant with the example flow (a chat inbox needs ATENDE_SECRET_KEY).
  if (!ctx.config.secretKey) return;
  const chat = await createInbox(ctx, { name: "Site chat", channel: "chat" });
  await updateInbox(ctx, chat.id, { virtualAttendant: { enabled: true, name: "Lia", flows: [slowInternetFlow(articles.get("en:slow-internet"))] } });
}
