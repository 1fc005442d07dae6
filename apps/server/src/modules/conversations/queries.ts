import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { ConversationFilters, ConversationSort, ListConversationsQuery } from "@atende/shared";
import type { Executor } from "../../db/client.js";
import { pageLimit } from "../../db/rows.js";
import { agents, contacts, conversationColumns, conversations, inboxes, teams } from "../../db/schema/index.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { AppError } from "../../lib/app-error.js";

const assignee = alias(agents, "assignee");

/** An id no agent has: what `me` matches when nobody in particular is asking (the system). */
const NOBODY = "00000000-0000-0000-0000-000000000000";

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

/**
 * A list's value, given to the statement so that its plan cannot depend on it (an uncorrelated
 * subquery, evaluated once before the rows are read: the indexes still find the rows by it).
 * PostgreSQL plans a prepared statement for the values it is given while that plan looks cheaper
 * than the one it keeps for all values, and for a list's deep page, a tag or a large status it
 * always does: planning this statement's joins cost 1–2 ms per request, as much as running it.
 * With its values out of the planner's sight, every plan is the kept one.
 */
const unplanned = (value: string, type: ValueType): SQL => sql`(SELECT ${value}::${sql.raw(type)})`;

/** The database types a list's values are given as. */
type ValueType = "uuid" | "text" | "timestamptz" | "conversation_status" | "priority";

const matches = (column: AnyPgColumn, value: string, type: ValueType): SQL => sql`${column} = ${unplanned(value, type)}`;

/**
 * The conversation has the workspace's tag of this name: the tag's id found once, then one probe
 * of the conversation's tags' key for each conversation the list walks.
 */
function hasTag(workspaceId: string, name: string): SQL {
  return sql`EXISTS (SELECT 1 FROM conversation_tag ct WHERE ct.workspace_id = ${conversations.workspaceId} AND ct.conversation_id = ${conversations.id}
    AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.workspace_id = ${workspaceId} AND t.name = ${unplanned(name.toLowerCase(), "text")}))`;
}

/** The conditions of the filters every view shares. */
function filtered(workspaceId: string, q: ConversationFilters): (SQL | undefined)[] {
  return [
    q.inboxId ? matches(conversations.inboxId, q.inboxId, "uuid") : undefined,
    q.teamId ? matches(conversations.teamId, q.teamId, "uuid") : undefined,
    q.priority ? matches(conversations.priority, q.priority, "priority") : undefined,
    q.tag ? hasTag(workspaceId, q.tag) : undefined,
  ];
}

/** What a list holds, within a workspace: the status, the assignee (`me` is the asking agent) and the filters. */
type ListedQuery = Pick<ListConversationsQuery, "status" | "assigneeId"> & ConversationFilters;

/** The condition a list's conversations meet (besides the workspace), or undefined when it lists them all. */
function listed(workspaceId: string, me: string | null, q: ListedQuery): SQL | undefined {
  const assigneeFilter =
    q.assigneeId === undefined
      ? undefined
      : q.assigneeId === "none"
        ? isNull(conversations.assigneeId)
        : matches(conversations.assigneeId, q.assigneeId === "me" ? (me ?? NOBODY) : q.assigneeId, "uuid");
  return and(q.status === "all" ? undefined : matches(conversations.status, q.status, "conversation_status"), ...filtered(workspaceId, q), assigneeFilter);
}

/** The keys a list is ordered by, all one way, then the id: what its cursor holds and how each is read back. */
type SortKeys = { dir: "asc" | "desc"; keys: { column: SQL; type: ValueType; of: (c: ConversationListRow["conversation"]) => string }[] };

const iso = (d: Date) => d.toISOString();
const activity: SortKeys["keys"][number] = { column: sql`${conversations.lastActivityAt}`, type: "timestamptz", of: (c) => iso(c.lastActivityAt) };
const SORTS: Record<ConversationSort, SortKeys> = {
  newest: { dir: "desc", keys: [activity] },
  oldest: { dir: "asc", keys: [activity] },
  // Nobody waiting sorts after everyone who is (as if they had waited since the end of time).
  waiting: {
    dir: "asc",
    keys: [{ column: sql`coalesce(${conversations.waitingSince}, 'infinity'::timestamptz)`, type: "timestamptz", of: (c) => (c.waitingSince ? iso(c.waitingSince) : "infinity") }],
  },
  priority: { dir: "desc", keys: [{ column: sql`${conversations.priority}`, type: "priority", of: (c) => c.priority }, activity] },
};

const Cursor = z.array(z.string().max(64)).min(2).max(3);

/** A page of conversations in the order asked for (newest activity first unless told). `me` stands for the asking agent. */
export async function findConversationPage(
  db: Executor,
  workspaceId: string,
  me: string | null,
  q: ListConversationsQuery,
): Promise<{ rows: ConversationListRow[]; nextCursor: string | null }> {
  const sort = SORTS[q.sort];
  const after = q.cursor ? decodeCursor(q.cursor, Cursor) : undefined;
  if (after && after.length !== sort.keys.length + 1) throw AppError.invalidField("cursor", "is not a cursor this list gave out");
  const keys = [...sort.keys.map((k) => k.column), sql`${conversations.id}`];
  const bound = after ? [...sort.keys.map((k) => k.type), "uuid" as const].map((type, i) => unplanned(after[i] ?? "", type)) : [];
  const rows = await selectConversations(db)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        listed(workspaceId, me, q),
        q.contactId ? matches(conversations.contactId, q.contactId, "uuid") : undefined,
        after ? sql`(${sql.join(keys, sql`, `)}) ${sort.dir === "desc" ? sql`<` : sql`>`} (${sql.join(bound, sql`, `)})` : undefined,
      ),
    )
    .orderBy(...keys.map((k) => (sort.dir === "desc" ? desc(k) : asc(k))))
    .limit(pageLimit(q.limit + 1));
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor([...sort.keys.map((k) => k.of(last.conversation)), last.conversation.id])
      : null;
  return { rows: page, nextCursor };
}
