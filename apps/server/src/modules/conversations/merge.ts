import { and, eq, sql } from "drizzle-orm";
import type { ConversationDto } from "@atende/shared";
import { conversationColumns, conversations, messages } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import type { Ctx } from "../../core/context.js";
import { recordActivity, waitingSinceOf } from "../messages/service.js";
import type { ConversationRow } from "./load.js";
import { findConversationRow } from "./queries.js";
import { getConversation, updateConversation } from "./service.js";

/** Both conversations, locked in id order (two merges of the same pair the other way round cannot deadlock). */
async function lockPair(ctx: Ctx, ids: string[]): Promise<Map<string, ConversationRow>> {
  const rows = await ctx.tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), sql`${conversations.id} IN (${ids[0]}, ${ids[1]})`))
    .orderBy(conversations.id)
    .for("update");
  return new Map(rows.map((r) => [r.id, r]));
}

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * The merged conversation's summary from its timeline as it now is: its newest message, and since
 * when the customer has waited (their oldest message after the team's last reply).
 */
async function summarize(ctx: Ctx, target: ConversationRow, other: ConversationRow, awaitsReply: boolean): Promise<void> {
  const newest = (other.lastMessageAt ?? new Date(0)) > (target.lastMessageAt ?? new Date(0)) ? other : target;
  const [waiting] = await ctx.run<{ since: Date | string | null }>(sql`SELECT ${waitingSinceOf(ctx.actor.workspaceId, target.id)} AS since`);
  const since = waiting?.since ? new Date(waiting.since) : null;
  await ctx.tx
    .update(conversations)
    .set({
      lastMessagePreview: newest.lastMessagePreview,
      lastMessageDirection: newest.lastMessageDirection,
      lastMessageKind: newest.lastMessageKind,
      lastMessageAt: newest.lastMessageAt,
      lastActivityAt: other.lastActivityAt > target.lastActivityAt ? other.lastActivityAt : target.lastActivityAt,
      waitingSince: awaitsReply ? since : target.waitingSince,
      firstResponseAt: earliest(target.firstResponseAt, other.firstResponseAt),
      updatedAt: new Date(),
    })
    .where(and(eq(conversations.workspaceId, target.workspaceId), eq(conversations.id, target.id)));
}

/**
 * Merges `otherId` into `targetId`, two conversations of one customer about one thing: the other's
 * messages (and their files) move into the target's timeline, where ids keep them in time order;
 * the target takes the other's tags and, when the customer was still waiting there, opens again.
 * The other is resolved and points at the target, so its links, reply addresses and chats lead
 * there. Both timelines record the merge.
 */
export async function mergeConversations(ctx: Ctx, targetId: string, otherId: string): Promise<ConversationDto> {
  if (targetId === otherId) throw AppError.invalidField("otherId", "is this conversation itself; choose another one", "itself");
  const pair = await lockPair(ctx, [targetId, otherId].sort());
  const target = pair.get(targetId);
  if (!target) throw AppError.notFound("Conversation");
  const other = pair.get(otherId);
  if (!other) throw AppError.invalidField("otherId", "is not a conversation of this workspace", "not_found");
  if (target.mergedIntoId) throw new AppError("CONFLICT", "This conversation was merged into another; merge into that one.");
  if (other.mergedIntoId) throw AppError.invalidField("otherId", "was already merged into another conversation", "merged");
  if (other.contactId !== target.contactId) {
    throw AppError.invalidField("otherId", "belongs to another contact; merge the contacts first", "other_contact");
  }
  const ws = ctx.actor.workspaceId;
  // A mail or chat message that reached both keeps its id once: the moved copy lets go of it.
  await ctx.run(sql`
    UPDATE message o SET external_id = NULL FROM message t
    WHERE o.workspace_id = ${ws} AND o.conversation_id = ${other.id} AND t.workspace_id = ${ws} AND t.conversation_id = ${target.id}
      AND o.external_id = t.external_id`);
  await ctx.run(sql`
    UPDATE message o SET client_id = NULL FROM message t
    WHERE o.workspace_id = ${ws} AND o.conversation_id = ${other.id} AND t.workspace_id = ${ws} AND t.conversation_id = ${target.id}
      AND o.client_id = t.client_id`);
  const moved = await ctx.tx
    .update(messages)
    .set({ conversationId: target.id })
    .where(and(eq(messages.workspaceId, ws), eq(messages.conversationId, other.id)))
    .returning({ id: messages.id });
  // Resolved while it can still be changed: once merged, it is changed only through this one.
  if (other.status !== "resolved") await updateConversation(ctx, other.id, { status: "resolved" });
  // What was merged into the other before points here too: one step always leads to where the messages are.
  await ctx.tx
    .update(conversations)
    .set({ mergedIntoId: target.id })
    .where(and(eq(conversations.workspaceId, ws), sql`(${conversations.id} = ${other.id} OR ${conversations.mergedIntoId} = ${other.id})`));

  const otherTags = (await findConversationRow(ctx.tx, ws, other.id))?.tags ?? [];
  // The customer still waiting in the other conversation waits here now: open it again for them.
  const reopens = other.waitingSince !== null && other.status !== "resolved" && target.status !== "open";
  await updateConversation(ctx, target.id, {
    ...(otherTags.length > 0 ? { addTags: otherTags } : {}),
    ...(reopens ? { status: "open" } : {}),
  });
  await summarize(ctx, target, other, reopens || target.status === "open" || target.status === "pending");
  await recordActivity(ctx, target.id, { action: "merged", from: `#${String(other.number)}`, to: null, actorName: ctx.actor.name });
  await recordActivity(ctx, other.id, { action: "merged_into", from: null, to: `#${String(target.number)}`, actorName: ctx.actor.name });
  await ctx.emit({
    type: "conversation.merged",
    conversationId: target.id,
    payload: { mergedId: other.id, mergedNumber: other.number, messageIds: moved.map((m) => m.id) },
  });
  return getConversation(ctx, target.id);
}
