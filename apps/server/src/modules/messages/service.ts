import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import {
  describeActivity,
  type ActivityDto,
  type CreateMessageBody,
  type ListMessagesQuery,
  type MessageDirection,
  type MessageDto,
  type MessageKind,
} from "@atende/shared";
import { agents, contacts, conversations, messages } from "../../db/schema/index.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import type { Ctx } from "../context.js";
import { loadConversation, type ConversationRow } from "../conversations/service.js";
import { toMessageDto } from "./presenter.js";

const PREVIEW_LENGTH = 160;

function preview(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

type NewMessage = {
  body: string;
  kind: Exclude<MessageKind, "activity">;
  direction: MessageDirection;
};

/**
 * Adds a reply or note to a conversation and moves the conversation's clock: an incoming message
 * reopens a pending, snoozed or resolved conversation and starts the customer's wait; the first
 * public agent reply sets `firstResponseAt`.
 */
export async function appendMessage(ctx: Ctx, conversation: ConversationRow, m: NewMessage): Promise<MessageDto> {
  const fromContact = m.direction === "incoming";
  const [row] = await ctx.tx
    .insert(messages)
    .values({
      workspaceId: ctx.actor.workspaceId,
      conversationId: conversation.id,
      direction: m.direction,
      kind: m.kind,
      senderType: fromContact ? "contact" : ctx.actor.type === "agent" ? "agent" : "system",
      senderAgentId: fromContact ? null : ctx.actor.id,
      senderContactId: fromContact ? conversation.contactId : null,
      body: m.body,
      deliveryStatus: m.kind === "reply" && !fromContact ? "sent" : null,
    })
    .returning();
  if (!row) throw new Error("message insert returned no row");

  const now = row.createdAt;
  const reopens = fromContact && conversation.status !== "open";
  const agentReplies = !fromContact && m.kind === "reply" && ctx.actor.type === "agent";
  await ctx.tx
    .update(conversations)
    .set({
      lastActivityAt: now,
      ...(m.kind === "reply"
        ? { lastMessagePreview: preview(m.body), lastMessageDirection: m.direction, lastMessageKind: m.kind, lastMessageAt: now }
        : {}),
      ...(fromContact ? { waitingSince: sql`coalesce(${conversations.waitingSince}, ${now.toISOString()}::timestamptz)` } : {}),
      ...(reopens ? { status: "open" as const, snoozedUntil: null, resolvedAt: null } : {}),
      ...(agentReplies
        ? { waitingSince: null, firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${now.toISOString()}::timestamptz)` }
        : {}),
    })
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.id, conversation.id)));

  const senderName = fromContact ? null : ctx.actor.name;
  const dto = toMessageDto(row, senderName);
  await ctx.emit({ type: "message.created", conversationId: conversation.id, payload: { message: dto } });
  if (reopens) {
    await ctx.emit({
      type: "conversation.status_changed",
      conversationId: conversation.id,
      payload: { from: conversation.status, to: "open", reason: "incoming_message" },
    });
  }
  return dto;
}

/** Records a change in the conversation's timeline, naming who made it. */
export async function recordActivity(ctx: Ctx, conversationId: string, activity: ActivityDto): Promise<void> {
  const [row] = await ctx.tx
    .insert(messages)
    .values({
      workspaceId: ctx.actor.workspaceId,
      conversationId,
      direction: "outgoing",
      kind: "activity",
      senderType: ctx.actor.type === "agent" ? "agent" : "system",
      senderAgentId: ctx.actor.type === "agent" ? ctx.actor.id : null,
      body: describeActivity(activity),
      activity,
    })
    .returning();
  if (!row) throw new Error("activity insert returned no row");
  await ctx.emit({
    type: "message.created",
    conversationId,
    payload: { message: toMessageDto(row, ctx.actor.type === "agent" ? ctx.actor.name : null) },
  });
}

/** Posts an agent reply, an internal note, or (for API inboxes) a message from the contact. */
export async function createMessage(ctx: Ctx, conversationId: string, body: CreateMessageBody): Promise<MessageDto> {
  const conversation = await loadConversation(ctx, conversationId, { forUpdate: true });
  return appendMessage(ctx, conversation, {
    body: body.body,
    kind: body.private ? "note" : "reply",
    direction: body.direction,
  });
}

const Cursor = z.tuple([z.uuid()]);

/** A conversation's timeline, oldest first. */
export async function listMessages(
  ctx: Ctx,
  conversationId: string,
  query: ListMessagesQuery,
): Promise<{ items: MessageDto[]; nextCursor: string | null }> {
  const conversation = await loadConversation(ctx, conversationId);
  const after = query.cursor ? decodeCursor(query.cursor, Cursor)[0] : undefined;
  const rows = await ctx.tx
    .select({ message: messages, agentName: agents.name, contactName: contacts.name })
    .from(messages)
    .leftJoin(agents, eq(agents.id, messages.senderAgentId))
    .leftJoin(contacts, eq(contacts.id, messages.senderContactId))
    .where(
      and(
        eq(messages.workspaceId, ctx.actor.workspaceId),
        eq(messages.conversationId, conversation.id),
        after ? gt(messages.id, after) : undefined,
      ),
    )
    .orderBy(asc(messages.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toMessageDto(r.message, r.agentName ?? r.contactName)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.message.id]) : null,
  };
}
