import { sql, type SQL } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { CONVERSATION_VIEWS, type ConversationCountsDto, type ConversationFilters, type ConversationView, type ListConversationsQuery } from "@atende/shared";
import type { Executor } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { startLoop } from "../../core/background-loop.js";

/** What a counted list holds, within a workspace: the status, the assignee (`me` is the asking agent) and the filters. */
export type CountedList = Pick<ListConversationsQuery, "status" | "assigneeId"> & ConversationFilters;

/** An id no agent has: what `me` matches when nobody in particular is asking (the system). */
const NOBODY = "00000000-0000-0000-0000-000000000000";

/** The groups of a list, as a condition on a group's columns (`g.…`): the same rules as listing it. */
function holds(workspaceId: string, me: string | null, q: CountedList): SQL {
  const conditions: SQL[] = [
    q.tag ? sql`g.tag_id = (SELECT t.id FROM tag t WHERE t.workspace_id = ${workspaceId} AND t.name = ${q.tag.toLowerCase()})` : sql`g.tag_id IS NULL`,
  ];
  if (q.status !== "all") conditions.push(sql`g.status = ${q.status}`);
  if (q.assigneeId === "none") conditions.push(sql`g.assignee_id IS NULL`);
  else if (q.assigneeId !== undefined) conditions.push(sql`g.assignee_id = ${q.assigneeId === "me" ? (me ?? NOBODY) : q.assigneeId}`);
  if (q.inboxId) conditions.push(sql`g.inbox_id = ${q.inboxId}`);
  if (q.teamId) conditions.push(sql`g.team_id = ${q.teamId}`);
  if (q.priority) conditions.push(sql`g.priority = ${q.priority}`);
  return sql.join(conditions, sql` AND `);
}

/**
 * How many conversations each list holds, by the keys given, without reading a conversation: the
 * sum of the groups each list takes from `conversation_count` and of the changes not folded into it
 * yet, in one statement (one snapshot: exact, whatever commits meanwhile). A few hundred groups per
 * workspace, however many conversations it has.
 */
export async function countLists(db: Executor, workspaceId: string, me: string | null, lists: ReadonlyMap<string, CountedList>): Promise<Record<string, number>> {
  const entries = [...lists];
  if (entries.length === 0) return {};
  const sums = entries.map(([, q], i) => sql`coalesce(sum(g.n) FILTER (WHERE ${holds(workspaceId, me, q)}), 0)::int AS ${sql.identifier(`c${String(i)}`)}`);
  // Only the groups of the tags asked about are read beside the untagged ones.
  const tags = [...new Set(entries.flatMap(([, q]) => (q.tag ? [q.tag.toLowerCase()] : [])))];
  const tagged = tags.length === 0 ? sql`tag_id IS NULL` : sql`(tag_id IS NULL OR tag_id IN (SELECT t.id FROM tag t WHERE t.workspace_id = ${workspaceId} AND t.name IN (${sql.join(tags.map((t) => sql`${t}`), sql`, `)})))`;
  const result = await db.execute(sql`
    SELECT ${sql.join(sums, sql`, `)} FROM (
      SELECT tag_id, status, assignee_id, inbox_id, team_id, priority, n FROM conversation_count WHERE workspace_id = ${workspaceId} AND ${tagged}
      UNION ALL
      SELECT tag_id, status, assignee_id, inbox_id, team_id, priority, delta FROM conversation_count_change WHERE workspace_id = ${workspaceId} AND ${tagged}
    ) g`);
  const [row] = rowsOf<Record<string, number>>(result);
  return Object.fromEntries(entries.map(([key], i) => [key, row?.[`c${String(i)}`] ?? 0]));
}

/** How many conversations each view of the inbox holds (CONVERSATION_VIEWS), with the filters applied. */
export async function countViews(db: Executor, workspaceId: string, me: string | null, filters: ConversationFilters): Promise<ConversationCountsDto> {
  const views = Object.keys(CONVERSATION_VIEWS) as ConversationView[];
  const counts = await countLists(db, workspaceId, me, new Map(views.map((view) => [view, { ...CONVERSATION_VIEWS[view], ...filters }])));
  return Object.fromEntries(views.map((view) => [view, counts[view] ?? 0])) as ConversationCountsDto;
}

/**
 * A fold of this many changes (a bulk import, a mass update) leaves as many dead rows in the
 * changes' table, which every count reads past until the table is vacuumed: the fold then vacuums
 * it itself (outside any transaction: `db` is the pool) rather than wait for autovacuum, which is
 * off on some servers and late on a busy one.
 */
const VACUUM_AFTER_CHANGES = 10_000;

/**
 * Folds the counted changes into their groups, in one statement: a read sees either the changes or
 * the groups they went into, never both; two folds at once take each change once (the second waits
 * for the first's deletions, then skips them). Groups left empty are dropped. Returns how many
 * changes it folded.
 */
export async function foldCountChanges(db: Executor): Promise<number> {
  const result = await db.execute(sql`
    WITH folded AS (DELETE FROM conversation_count_change RETURNING workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, delta),
    summed AS (
      SELECT workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, sum(delta)::int AS n, count(*)::int AS changes
      FROM folded GROUP BY workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority
    ),
    applied AS (
      INSERT INTO conversation_count AS c (workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, n)
      SELECT workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, n FROM summed
      ON CONFLICT ON CONSTRAINT conversation_count_group_key DO UPDATE SET n = c.n + excluded.n
      RETURNING 1
    )
    SELECT coalesce(sum(changes), 0)::int AS folded, (SELECT count(*) FROM applied)::int AS groups FROM summed`);
  await db.execute(sql`DELETE FROM conversation_count WHERE n = 0`);
  const folded = rowsOf<{ folded: number }>(result)[0]?.folded ?? 0;
  if (folded >= VACUUM_AFTER_CHANGES) await db.execute(sql`VACUUM ANALYZE conversation_count_change`);
  return folded;
}

/** How often the counted changes are folded into their groups: a count then reads at most a second's changes. */
const FOLD_EVERY_MS = 1000;

/** Folds the counted changes into their groups every second (worker role). Returns what stops it. */
export function startCountFolding(db: Executor, log: FastifyBaseLogger): () => void {
  return startLoop(log, {
    module: "conversations",
    failure: "folding the views' counts failed; trying again",
    step: () => foldCountChanges(db),
    pauseMs: (_, tookMs) => Math.max(FOLD_EVERY_MS - tookMs, tookMs),
  });
}
