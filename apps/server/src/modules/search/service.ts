import { and, desc, eq, or, sql } from "drizzle-orm";
import type { SearchQuery, SearchResultDto } from "@atende/shared";
import { contacts, conversations, messages } from "../../db/schema/index.js";
import type { Ctx } from "../../core/context.js";
import { pageLimit, rowsOf } from "../../db/rows.js";
import { contactMatches } from "../contacts/service.js";
import { toContactDto } from "../contacts/presenter.js";
import { toConversationDto } from "../conversations/presenter.js";
import { findConversationRows } from "../conversations/queries.js";
import { messageSearchVector, unindexed } from "./index-messages.js";

/**
 * The query in each of the configurations the documents are indexed with (Portuguese and English
 * stems, unaccented simple words for Czech and everything else), any of which may match. Czech has
 * no stemmer, so a simple word also matches as a prefix without its final vowels ("objednavka" finds
 * "objednávky").
 */
function tsQuery(q: string) {
  const text = sql`atende_unaccent(${q})`;
  const words = sql`websearch_to_tsquery('simple', ${text})::text`;
  const simple = sql`regexp_replace(${words}, ${"'([^']{4,}[^aeiouy'])[aeiouy]+'"}, ${"'\\1':*"}, 'g')::tsquery`;
  return sql`(websearch_to_tsquery('portuguese', ${text}) || websearch_to_tsquery('english', ${text}) || ${simple})`;
}

/** The same query with every word of 4+ letters as a prefix, so headlines also mark stemmed and inflected matches. */
function headlineQuery(q: string) {
  return sql`regexp_replace((${tsQuery(q)})::text, ${"'([^']{4,})'(?!:)"}, ${"'\\1':*"}, 'g')::tsquery`;
}

/**
 * How many of the newest matches are ranked. A frequent word can match a large share of a big
 * workspace's messages; ranking them all would cost seconds, while support search looks for recent
 * conversations first. Rare words (order numbers, names) match fewer and are all ranked.
 */
const RANKED_MATCHES = 200;

/**
 * How many of the messages the indexer has not reached yet are read on the fly: the newest ones, so
 * that what was just said is found at once, while a burst's backlog costs a search no more than this.
 */
const UNINDEXED_READ = 200;

const newestUnindexed = (workspaceId: string) =>
  sql`SELECT ${messages.id} FROM ${messages} WHERE ${messages.workspaceId} = ${workspaceId} AND ${unindexed} ORDER BY ${messages.id} DESC LIMIT ${pageLimit(UNINDEXED_READ)}`;

/**
 * The newest messages matching the query, as a subquery (ranked by the caller, after the limit):
 * indexed ones through the index, and the newest the indexer has not reached yet by their vector
 * computed here, so a message is found as soon as it is stored.
 */
function recentMatches(ctx: Ctx, query: ReturnType<typeof tsQuery>) {
  const vector = sql`coalesce(${messages.searchVector}, ${messageSearchVector(messages.body)})`;
  return ctx.tx
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      body: messages.body,
      createdAt: messages.createdAt,
      vector: sql<string>`${vector}`.as("vector"),
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, ctx.actor.workspaceId),
        or(
          sql`${messages.searchVector} @@ ${query}`,
          and(sql`${messages.id} IN (${newestUnindexed(ctx.actor.workspaceId)})`, sql`${messageSearchVector(messages.body)} @@ ${query}`),
        ),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(pageLimit(RANKED_MATCHES))
    .as("matches");
}

async function searchMessages(ctx: Ctx, q: string, limit: number) {
  const query = tsQuery(q);
  const matches = recentMatches(ctx, query);
  return ctx.tx
    .select({
      id: matches.id,
      conversationId: matches.conversationId,
      conversationNumber: conversations.number,
      createdAt: matches.createdAt,
      headline: sql<string>`ts_headline('atende_simple', ${matches.body}, ${headlineQuery(q)},
        'StartSel=«, StopSel=», MaxWords=30, MinWords=12, MaxFragments=2')`,
    })
    .from(matches)
    .innerJoin(conversations, and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.id, matches.conversationId)))
    .orderBy(desc(sql`ts_rank(${matches.vector}, ${query})`), desc(matches.id))
    .limit(pageLimit(limit));
}

async function searchConversations(ctx: Ctx, q: string, limit: number) {
  const query = tsQuery(q);
  const ws = ctx.actor.workspaceId;
  const matches = recentMatches(ctx, query);
  const hits = await ctx.tx.execute<{ id: string }>(sql`
    SELECT id FROM (
      SELECT ${conversations.id} AS id, ts_rank(${conversations.searchVector}, ${query}) * 2 AS rank
        FROM ${conversations} WHERE ${conversations.workspaceId} = ${ws} AND ${conversations.searchVector} @@ ${query}
      UNION ALL
      SELECT ${matches.conversationId}, ts_rank(${matches.vector}, ${query}) FROM ${matches}
    ) hits GROUP BY id ORDER BY sum(rank) DESC, id DESC LIMIT ${pageLimit(limit)}`);
  const ids = rowsOf<{ id: string }>(hits).map((r) => r.id);
  const rows = await findConversationRows(ctx.tx, ws, ids);
  const byId = new Map(rows.map((r) => [r.conversation.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toConversationDto(row)] : [];
  });
}

async function searchContacts(ctx: Ctx, q: string, limit: number) {
  const rows = await ctx.tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.actor.workspaceId), contactMatches(q)))
    .orderBy(desc(sql`similarity(${contacts.searchText}, lower(atende_unaccent(${q})))`), desc(contacts.id))
    .limit(pageLimit(limit));
  return rows.map(toContactDto);
}

/** Full-text search over conversations, messages or contacts of the workspace, best match first. */
export async function search(ctx: Ctx, query: SearchQuery): Promise<SearchResultDto> {
  switch (query.type) {
    case "messages":
      return {
        type: "messages",
        items: (await searchMessages(ctx, query.q, query.limit)).map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
      };
    case "contacts":
      return { type: "contacts", items: await searchContacts(ctx, query.q, query.limit) };
    case "conversations":
      return { type: "conversations", items: await searchConversations(ctx, query.q, query.limit) };
  }
}

