import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { CONVERSATION_STATUSES, PRIORITIES, type ConversationSort, type ListConversationsQuery } from "@atende/shared";
import type { Executor } from "../../db/client.js";
import { CompiledSelect, compiledSelects, selectBuilder } from "../../db/compiled-select.js";
import { pageLimit } from "../../db/rows.js";
import { agents, contacts, conversationColumns, conversations, inboxes, teams } from "../../db/schema/index.js";
import { CursorId, CursorTime, decodeCursor, encodeCursor } from "../../lib/cursor.js";

const assignee = alias(agents, "assignee");

/** An id no agent has: what `me` matches when nobody in particular is asking (the system). */
const NOBODY = "00000000-0000-0000-0000-000000000000";

/** The tag names of the conversation in the outer query, sorted. */
const tagNames = sql<string[]>`coalesce((
  SELECT array_agg(t.name ORDER BY t.name) FROM conversation_tag ct JOIN tag t ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id
  WHERE ct.workspace_id = ${conversations.workspaceId} AND ct.conversation_id = ${conversations.id}), '{}')`;

function selectConversations() {
  return selectBuilder
    .select({
      conversation: conversationColumns,
      channel: inboxes.channel,
      contact: { id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone },
      assignee: { id: assignee.id, name: assignee.name, email: assignee.email },
      team: { id: teams.id, name: teams.name },
      tags: tagNames,
    })
    .from(conversations)
    .innerJoin(inboxes, and(eq(inboxes.workspaceId, conversations.workspaceId), eq(inboxes.id, conversations.inboxId)))
    .innerJoin(contacts, and(eq(contacts.workspaceId, conversations.workspaceId), eq(contacts.id, conversations.contactId)))
    .leftJoin(assignee, and(eq(assignee.workspaceId, conversations.workspaceId), eq(assignee.id, conversations.assigneeId)))
    .leftJoin(teams, and(eq(teams.workspaceId, conversations.workspaceId), eq(teams.id, conversations.teamId)));
}

export type ConversationListRow = ReturnType<typeof selectConversations>["_"]["result"][number];

/** A value of the statement's, filled at each run (see compiled-select.ts). */
const value = (name: string) => sql.placeholder(name);

const inWorkspace = eq(conversations.workspaceId, value("workspaceId"));

const oneConversation = new CompiledSelect(selectConversations().where(and(inWorkspace, eq(conversations.id, value("id")))));

/** One conversation with everything its DTO shows, or undefined. */
export async function findConversationRow(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ConversationListRow | undefined> {
  const [row] = await oneConversation.run(db, { workspaceId, id });
  return row;
}

const someConversations = new CompiledSelect(selectConversations().where(and(inWorkspace, sql`${conversations.id} = ANY(${value("ids")}::uuid[])`)));

/** Several conversations by id, in no particular order. */
export async function findConversationRows(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<ConversationListRow[]> {
  if (ids.length === 0) return [];
  return someConversations.run(db, { workspaceId, ids });
}

/**
 * A list's value, given to the statement so that its plan cannot depend on it (an uncorrelated
 * subquery, evaluated once before the rows are read: the indexes still find the rows by it).
 * PostgreSQL plans a prepared statement for the values it is given while that plan looks cheaper
 * than the one it keeps for all values, and for a list's deep page, a tag or a large status it
 * always does: planning this statement's joins cost 1–2 ms per request, as much as running it.
 * With its values out of the planner's sight, every plan is the kept one.
 */
const unplanned = (name: string, type: ValueType): SQL => sql`(SELECT ${value(name)}::${sql.raw(type)})`;

/** The database types a list's values are given as. */
type ValueType = "uuid" | "text" | "timestamptz" | "conversation_status" | "priority";

const matches = (column: AnyPgColumn, name: string, type: ValueType): SQL => sql`${column} = ${unplanned(name, type)}`;

/**
 * The conversation has the workspace's tag of this name: the tag's id found once, then one probe
 * of the conversation's tags' key for each conversation the list walks.
 */
const hasTag = sql`EXISTS (SELECT 1 FROM conversation_tag ct WHERE ct.workspace_id = ${conversations.workspaceId} AND ct.conversation_id = ${conversations.id}
    AND ct.tag_id = (SELECT t.id FROM tag t WHERE t.workspace_id = ${value("workspaceId")} AND t.name = ${unplanned("tag", "text")}))`;

/** What a list's statement depends on besides its values: which conditions it has, its order and its page's size. */
type ListShape = {
  sort: ConversationSort;
  limit: number;
  after: boolean;
  status: boolean;
  inbox: boolean;
  team: boolean;
  priority: boolean;
  tag: boolean;
  contact: boolean;
  /** Anyone's, nobody's, or one agent's. */
  assignee: "any" | "none" | "one";
};

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

/** The cursor's values are named after their place in the sort's keys. */
const afterKey = (i: number) => `after${String(i)}`;

const listStatements = compiledSelects((shape: ListShape) => {
  const sort = SORTS[shape.sort];
  const keys = [...sort.keys, { column: sql`${conversations.id}`, type: "uuid" as const }];
  const bound = keys.map((k, i) => unplanned(afterKey(i), k.type));
  const columns = keys.map((k) => k.column);
  return selectConversations()
    .where(
      and(
        inWorkspace,
        shape.status ? matches(conversations.status, "status", "conversation_status") : undefined,
        shape.inbox ? matches(conversations.inboxId, "inboxId", "uuid") : undefined,
        shape.team ? matches(conversations.teamId, "teamId", "uuid") : undefined,
        shape.priority ? matches(conversations.priority, "priority", "priority") : undefined,
        shape.tag ? hasTag : undefined,
        shape.assignee === "none" ? isNull(conversations.assigneeId) : shape.assignee === "one" ? matches(conversations.assigneeId, "assigneeId", "uuid") : undefined,
        shape.contact ? matches(conversations.contactId, "contactId", "uuid") : undefined,
        shape.after ? sql`(${sql.join(columns, sql`, `)}) ${sort.dir === "desc" ? sql`<` : sql`>`} (${sql.join(bound, sql`, `)})` : undefined,
      ),
    )
    .orderBy(...columns.map((k) => (sort.dir === "desc" ? desc(k) : asc(k))))
    .limit(pageLimit(shape.limit));
});

/**
 * What a cursor's value of each type may be: the statement casts each to its column's type, so a
 * forged one must be refused here (naming `cursor`), not by PostgreSQL as a 500.
 */
const CURSOR_VALUES: Record<ValueType, z.ZodType<string>> = {
  uuid: CursorId,
  text: z.string().max(64),
  timestamptz: z.union([CursorTime, z.literal("infinity")]), // nobody waiting sorts as 'infinity'
  conversation_status: z.enum(CONVERSATION_STATUSES),
  priority: z.enum(PRIORITIES),
};

/** A cursor of a sort: its keys' values, then the id; another sort's cursor does not fit. */
const cursorOf = (sort: SortKeys) => {
  const values = [...sort.keys.map((k) => CURSOR_VALUES[k.type]), CursorId];
  return z.tuple(values as [z.ZodType<string>, ...z.ZodType<string>[]]); // never empty: the id ends it
};

/** A page of conversations in the order asked for (newest activity first unless told). `me` stands for the asking agent. */
export async function findConversationPage(
  db: Executor,
  workspaceId: string,
  me: string | null,
  q: ListConversationsQuery,
): Promise<{ rows: ConversationListRow[]; nextCursor: string | null }> {
  const sort = SORTS[q.sort];
  const after = q.cursor ? decodeCursor(q.cursor, cursorOf(sort)) : undefined;
  const assigneeId = q.assigneeId === "me" ? (me ?? NOBODY) : q.assigneeId;
  const statement = listStatements({
    sort: q.sort,
    limit: q.limit + 1,
    after: after !== undefined,
    status: q.status !== "all",
    inbox: q.inboxId !== undefined,
    team: q.teamId !== undefined,
    priority: q.priority !== undefined,
    tag: q.tag !== undefined,
    contact: q.contactId !== undefined,
    assignee: assigneeId === undefined ? "any" : assigneeId === "none" ? "none" : "one",
  });
  const values: Record<string, unknown> = { workspaceId, status: q.status, inboxId: q.inboxId, teamId: q.teamId, priority: q.priority, tag: q.tag?.toLowerCase(), contactId: q.contactId, assigneeId };
  for (const [i, v] of (after ?? []).entries()) values[afterKey(i)] = v;
  const rows = await statement.run(db, values);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor([...sort.keys.map((k) => k.of(last.conversation)), last.conversation.id])
      : null;
  return { rows: page, nextCursor };
}
