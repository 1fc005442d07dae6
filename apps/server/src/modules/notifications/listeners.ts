import { and, eq, gt } from "drizzle-orm";
import { agents, contacts, conversations, events } from "../../db/schema/index.js";
import { defineListener } from "../../core/listener.js";
import type { Ctx } from "../../core/context.js";
import { notify } from "./service.js";

async function agentName(ctx: Ctx, id: string | null): Promise<string> {
  if (!id) return ctx.actor.name;
  const [row] = await ctx.tx.select({ name: agents.name }).from(agents).where(eq(agents.id, id));
  return row?.name ?? ctx.actor.name;
}

async function conversationOf(ctx: Ctx, workspaceId: string, id: string) {
  const [row] = await ctx.tx
    .select({
      assigneeId: conversations.assigneeId,
      subject: conversations.subject,
      preview: conversations.lastMessagePreview,
      contactName: contacts.name,
      contactEmail: contacts.email,
      contactPhone: contacts.phone,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  return row;
}

/** A teammate's @mention, for the agent mentioned. */
export const mentionNotifications = defineListener({
  name: "notifications.mention",
  applicableEvents: ["agent.mentioned"],
  async handle(event, ctx) {
    const { conversationId, payload } = event;
    if (!conversationId) return;
    await notify(ctx, event, { agentId: payload.agentId, kind: "mention", conversationId, actorName: payload.by, preview: payload.preview });
  },
});

/** A conversation given to an agent by someone else (a teammate, a rule, the attendant's hand-off). */
export const assignmentNotifications = defineListener({
  name: "notifications.assigned",
  applicableEvents: ["conversation.assigned"],
  when: ({ payload, actor }) => payload.to !== null && payload.to !== actor.id,
  async handle(event, ctx) {
    const { workspaceId, conversationId, payload, actor } = event;
    const conversation = conversationId ? await conversationOf(ctx, workspaceId, conversationId) : undefined;
    if (!conversationId || !conversation || !payload.to || conversation.assigneeId !== payload.to) return; // reassigned since
    await notify(ctx, event, {
      agentId: payload.to,
      kind: "assigned",
      conversationId,
      actorName: actor.type === "agent" ? await agentName(ctx, actor.id) : ctx.actor.name,
      preview: conversation.subject ?? conversation.preview ?? "",
    });
  },
});

/**
 * Whether the conversation changed hands after this event: then its assignee took it with the
 * message already there (and heard of it by the assignment, or took it themselves).
 */
async function assignedSince(ctx: Ctx, workspaceId: string, conversationId: string, eventId: string): Promise<boolean> {
  const [later] = await ctx.tx
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), gt(events.id, eventId), eq(events.conversationId, conversationId), eq(events.type, "conversation.assigned")))
    .limit(1);
  return later !== undefined;
}

/** A customer's new message in a conversation assigned to an agent, for that agent. */
export const messageNotifications = defineListener({
  name: "notifications.message",
  applicableEvents: ["message.created"],
  // A conversation nobody has when the message comes notifies no one (its assignment will).
  when: ({ payload }) => payload.message.direction === "incoming" && payload.message.kind === "reply" && payload.assigneeId !== null,
  async handle(event, ctx) {
    const { id, workspaceId, conversationId, payload } = event;
    const conversation = conversationId ? await conversationOf(ctx, workspaceId, conversationId) : undefined;
    if (!conversationId || !conversation?.assigneeId || (await assignedSince(ctx, workspaceId, conversationId, id))) return;
    await notify(ctx, event, {
      agentId: conversation.assigneeId,
      kind: "message",
      conversationId,
      actorName: conversation.contactName ?? conversation.contactEmail ?? conversation.contactPhone ?? "",
      preview: payload.message.body,
    });
  },
});
