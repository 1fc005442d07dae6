import { and, eq, gt } from "drizzle-orm";
import type { EventOf } from "@atende/shared";
import { anyOf } from "../../db/rows.js";
import { agents, contacts, conversations, events } from "../../db/schema/index.js";
import { defineListener } from "../../core/listener.js";
import type { Ctx } from "../../core/context.js";
import { notify, notifyEach } from "./service.js";

async function agentName(ctx: Ctx, id: string | null): Promise<string> {
  if (!id) return ctx.actor.name;
  const [row] = await ctx.tx.select({ name: agents.name }).from(agents).where(and(eq(agents.workspaceId, ctx.actor.workspaceId), eq(agents.id, id)));
  return row?.name ?? ctx.actor.name;
}

const conversationFields = {
  id: conversations.id,
  assigneeId: conversations.assigneeId,
  subject: conversations.subject,
  preview: conversations.lastMessagePreview,
  contactName: contacts.name,
  contactEmail: contacts.email,
  contactPhone: contacts.phone,
};

function conversationsOf(ctx: Ctx, workspaceId: string, ids: string[]) {
  return ctx.tx
    .select(conversationFields)
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.workspaceId, conversations.workspaceId), eq(contacts.id, conversations.contactId)))
    .where(and(eq(conversations.workspaceId, workspaceId), anyOf(conversations.id, ids)));
}

async function conversationOf(ctx: Ctx, workspaceId: string, id: string) {
  const [row] = await conversationsOf(ctx, workspaceId, [id]);
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
 * The conversations of these customers' messages with their assignees, and the messages still to
 * tell: a conversation that changed hands after a message had its assignee take it with the
 * message already there (they heard of it by the assignment, or took it themselves).
 */
async function customerMessagesToTell(ctx: Ctx, said: EventOf<"message.created">[]) {
  const ws = ctx.actor.workspaceId;
  const ids = [...new Set(said.flatMap((e) => e.conversationId ?? []))];
  if (ids.length === 0) return [];
  const first = said.reduce((min, e) => (e.id < min ? e.id : min), said[0]?.id ?? "");
  const [found, assigned] = await Promise.all([
    conversationsOf(ctx, ws, ids),
    ctx.tx
      .select({ id: events.id, conversationId: events.conversationId })
      .from(events)
      .where(and(eq(events.workspaceId, ws), anyOf(events.conversationId, ids), eq(events.type, "conversation.assigned"), gt(events.id, first))),
  ]);
  const byId = new Map(found.map((c) => [c.id, c]));
  return said.flatMap((event) => {
    const conversation = event.conversationId ? byId.get(event.conversationId) : undefined;
    const handedOver = assigned.some((a) => a.conversationId === event.conversationId && a.id > event.id);
    return conversation?.assigneeId && !handedOver ? [{ event, conversation, assigneeId: conversation.assigneeId }] : [];
  });
}

/** Tells each assignee of their customers' new messages, one line per conversation. */
async function tellCustomerMessages(said: EventOf<"message.created">[], ctx: Ctx) {
  const due = await customerMessagesToTell(ctx, said);
  await notifyEach(
    ctx,
    due.map(({ event, conversation, assigneeId }) => ({
      cause: event,
      n: {
        agentId: assigneeId,
        kind: "message" as const,
        conversationId: conversation.id,
        actorName: conversation.contactName ?? conversation.contactEmail ?? conversation.contactPhone ?? "",
        preview: event.payload.message.body,
      },
    })),
  );
}

/** A customer's new message in a conversation assigned to an agent, for that agent. */
export const messageNotifications = defineListener({
  name: "notifications.message",
  applicableEvents: ["message.created"],
  // A conversation nobody has when the message comes notifies no one (its assignment will).
  when: ({ payload }) => payload.message.direction === "incoming" && payload.message.kind === "reply" && payload.assigneeId !== null,
  handleEach: tellCustomerMessages,
});
