import { and, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DomainEvent, ListNotificationsQuery, NotificationDto, NotificationKind, NotificationPageDto, ReadNotificationsBody } from "@atende/shared";
import { conversations, notifications } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import type { Ctx } from "../../core/context.js";
import { preview } from "../messages/service.js";
import { pageLimit } from "../../db/rows.js";

/** The longest preview kept: a notification says what happened, the conversation holds the rest. */
const PREVIEW_MAX = 200;


/**
 * Tells an agent something (stored, then said live with `notification.created`), dated and ordered
 * by the event that caused it (`cause`), however late its listener ran. A customer's new message
 * replaces what the agent has not read yet of the same conversation: one line per conversation that
 * waits for them, however many messages came.
 */
export async function notify(ctx: Ctx, cause: Cause, n: Notice): Promise<void> {
  await notifyEach(ctx, [{ cause, n }]);
}

type Cause = Pick<DomainEvent, "id" | "createdAt">;
type Notice = { agentId: string; kind: NotificationKind; conversationId: string; actorName: string; preview: string };

/**
 * Tells several things at once, as `notify` would one after the other, in three statements: the
 * unread message lines they replace, the new lines, and their events. Of several customer messages
 * for one agent in one conversation only the last is a line (the others would be replaced at once).
 */
export async function notifyEach(ctx: Ctx, notices: readonly { cause: Cause; n: Notice }[]): Promise<void> {
  const ws = ctx.actor.workspaceId;
  const lineOf = ({ n }: { n: Notice }) => (n.kind === "message" ? `${n.agentId} ${n.conversationId}` : null);
  const lastLine = new Map(notices.map((notice, i) => [lineOf(notice) ?? i, notice]));
  const kept = notices.filter((notice, i) => lastLine.get(lineOf(notice) ?? i) === notice);
  if (kept.length === 0) return;
  const replaced = kept.filter(({ n }) => n.kind === "message");
  if (replaced.length > 0) {
    await ctx.run(sql`
      DELETE FROM ${notifications} WHERE workspace_id = ${ws} AND kind = 'message' AND read_at IS NULL
        AND (agent_id, conversation_id) IN (SELECT * FROM unnest(${sql.param(replaced.map(({ n }) => n.agentId))}::uuid[], ${sql.param(replaced.map(({ n }) => n.conversationId))}::uuid[]))`);
  }
  const rows = await ctx.tx
    .insert(notifications)
    .values(kept.map(({ cause, n }) => ({ ...n, workspaceId: ws, eventId: cause.id, createdAt: new Date(cause.createdAt), preview: preview(n.preview, PREVIEW_MAX) })))
    .returning({ id: notifications.id });
  if (rows.length !== kept.length) throw new Error("a notification insert returned no row");
  for (const [i, { n }] of kept.entries()) {
    await ctx.emit({ type: "notification.created", conversationId: n.conversationId, payload: { agentId: n.agentId, notificationId: rows[i]?.id ?? "", kind: n.kind } });
  }
}

/** The signed-in agent's own notifications (the system has none). */
function mine(ctx: Ctx) {
  if (!ctx.actor.id) throw AppError.forbidden("Only an agent has notifications.");
  return and(eq(notifications.workspaceId, ctx.actor.workspaceId), eq(notifications.agentId, ctx.actor.id));
}

async function unreadCount(ctx: Ctx): Promise<number> {
  const [row] = await ctx.tx.select({ n: count() }).from(notifications).where(and(mine(ctx), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Where a page ended: the last notification's event. */
const Cursor = z.tuple([z.uuid()]);

/** The signed-in agent's notifications, newest first, with how many are unread in all. */
export async function listNotifications(ctx: Ctx, q: ListNotificationsQuery): Promise<NotificationPageDto> {
  const after = q.cursor ? decodeCursor(q.cursor, Cursor)[0] : undefined;
  const rows = await ctx.tx
    .select({ n: notifications, number: conversations.number, subject: conversations.subject })
    .from(notifications)
    .innerJoin(conversations, and(eq(conversations.workspaceId, notifications.workspaceId), eq(conversations.id, notifications.conversationId)))
    .where(and(mine(ctx), q.unread ? isNull(notifications.readAt) : undefined, after ? lt(notifications.eventId, after) : undefined))
    .orderBy(desc(notifications.eventId))
    .limit(pageLimit(q.limit + 1));
  const shown = rows.slice(0, q.limit);
  const items: NotificationDto[] = shown.map(({ n, number, subject }) => ({
    id: n.id,
    kind: n.kind,
    conversation: { id: n.conversationId, number, subject },
    actorName: n.actorName,
    preview: n.preview,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  }));
  const last = shown.at(-1)?.n;
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor([last.eventId]) : null, unread: await unreadCount(ctx) };
}

/** Marks the agent's notifications read (some, a conversation's, or all); says how many stay unread. */
export async function readNotifications(ctx: Ctx, body: ReadNotificationsBody): Promise<{ unread: number }> {
  const which =
    "ids" in body
      ? inArray(notifications.id, body.ids)
      : "conversationId" in body
        ? eq(notifications.conversationId, body.conversationId)
        : sql`true`;
  await ctx.tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine(ctx), isNull(notifications.readAt), which));
  return { unread: await unreadCount(ctx) };
}
