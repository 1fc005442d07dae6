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
export async function notify(
  ctx: Ctx,
  cause: Pick<DomainEvent, "id" | "createdAt">,
  n: { agentId: string; kind: NotificationKind; conversationId: string; actorName: string; preview: string },
): Promise<void> {
  const ws = ctx.actor.workspaceId;
  if (n.kind === "message") {
    await ctx.tx
      .delete(notifications)
      .where(
        and(
          eq(notifications.workspaceId, ws),
          eq(notifications.agentId, n.agentId),
          eq(notifications.conversationId, n.conversationId),
          eq(notifications.kind, "message"),
          isNull(notifications.readAt),
        ),
      );
  }
  const [row] = await ctx.tx
    .insert(notifications)
    .values({ ...n, workspaceId: ws, eventId: cause.id, createdAt: new Date(cause.createdAt), preview: preview(n.preview, PREVIEW_MAX) })
    .returning({ id: notifications.id });
  if (!row) throw new Error("notification insert returned no row");
  await ctx.emit({
    type: "notification.created",
    conversationId: n.conversationId,
    payload: { agentId: n.agentId, notificationId: row.id, kind: n.kind },
  });
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
    .innerJoin(conversations, eq(conversations.id, notifications.conversationId))
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
