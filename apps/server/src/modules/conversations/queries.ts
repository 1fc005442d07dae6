import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { ConversationCountsDto, ConversationFilters, ListConversationsQuery } from "@atende/shared";
import type { Executor } from "../../db/client.js";
import { agents, contacts, conversationColumns, conversations, inboxes, teams } from "../../db/schema/index.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";

const assignee = alias(agents, "assignee");

/** The tag names of the conversation in the outer query, sorted. */
const tagNames = sql<string[]>`coalesce((
  SELECT array_agg(t.name ORDER BY t.name) FROM conversation_tag ct JOIN tag t ON t.id = ct.tag_id
  WHERE ct.workspace_id = ${conversations.workspaceId} AND ct.conversation_id = ${conversations.id}), '{}')`;

function selectConversations(db: Executor) {
  return db
    .select({
      conversation: conversationColumns,
      channel: inboxes.channel,
      contact: { id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone },
      assignee: { id: assignee.id, name: assignee.name, email: assignee.email },
      team: { id: teams.id, name: teams.name },
      tags: tagNames,
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId));
}

export type ConversationListRow = Awaited<ReturnType<ReturnType<typeof selectConversations>["execute"]>>[number];

/** One conversation with everything its DTO shows, or undefined. */
export async function findConversationRow(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ConversationListRow | undefined> {
  const [row] = await selectConversations(db).where(
    and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)),
  );
  return row;
}

/** Several conversations by id, in no particular order. */
export async function findConversationRows(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<ConversationListRow[]> {
  if (ids.length === 0) return [];
  return selectConversations(db).where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids)));
}

function hasTag(name: string): SQL {
  return sql`EXISTS (SELECT 1 FROM conversation_tag ct JOIN tag t ON t.id = ct.tag_id
    WHERE ct.workspace_id = ${conversations.workspaceId} AND ct.conversation_id = ${conversations.id} AND t.name = ${name.toLowerCase()})`;
}

/** The conditions of the filters every view shares. */
function filtered(q: ConversationFilters): (SQL | undefined)[] {
  return [
    q.inboxId ? eq(conversations.inboxId, q.inboxId) : undefined,
    q.teamId ? eq(conversations.teamId, q.teamId) : undefined,
    q.priority ? eq(conversations.priority, q.priority) : undefined,
    q.tag ? hasTag(q.tag) : undefined,
  ];
}

/** How many conversations each view of the inbox holds (CONVERSATION_VIEWS), in one pass. */
export async function countConversationViews(db: Executor, workspaceId: string, me: string | null, q: ConversationFilters): Promise<ConversationCountsDto> {
  const open = sql`${conversations.status} = 'open'`;
  const [row] = await db
    .select({
      mine: sql<number>`count(*) FILTER (WHERE ${open} AND ${conversations.assigneeId} = ${me ?? "00000000-0000-0000-0000-000000000000"})`.mapWith(Number),
      unassigned: sql<number>`count(*) FILTER (WHERE ${open} AND ${conversations.assigneeId} IS NULL)`.mapWith(Number),
      all: sql<number>`count(*) FILTER (WHERE ${open})`.mapWith(Number),
      pending: sql<number>`count(*) FILTER (WHERE ${conversations.status} = 'pending')`.mapWith(Number),
      snoozed: sql<number>`count(*) FILTER (WHERE ${conversations.status} = 'snoozed')`.mapWith(Number),
      resolved: sql<number>`count(*) FILTER (WHERE ${conversations.status} = 'resolved')`.mapWith(Number),
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), ...filtered(q)));
  return row ?? { mine: 0, unassigned: 0, all: 0, pending: 0, snoozed: 0, resolved: 0 };
}

const Cursor = z.tuple([z.iso.datetime(), z.uuid()]);

/** A page of conversations, newest activity first. `me` stands for the asking agent. */
export async function findConversationPage(
  db: Executor,
  workspaceId: string,
  me: string | null,
  q: ListConversationsQuery,
): Promise<{ rows: ConversationListRow[]; nextCursor: string | null }> {
  const assigneeFilter =
    q.assigneeId === undefined
      ? undefined
      : q.assigneeId === "none"
        ? isNull(conversations.assigneeId)
        : eq(conversations.assigneeId, q.assigneeId === "me" ? (me ?? "") : q.assigneeId);
  const after = q.cursor ? decodeCursor(q.cursor, Cursor) : undefined;
  const rows = await selectConversations(db)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        q.status === "all" ? undefined : eq(conversations.status, q.status),
        ...filtered(q),
        assigneeFilter,
        q.contactId ? eq(conversations.contactId, q.contactId) : undefined,
        after
          ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor([last.conversation.lastActivityAt.toISOString(), last.conversation.id])
      : null;
  return { rows: page, nextCursor };
}
