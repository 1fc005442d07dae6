import { asc, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { FastifyBaseLogger } from "fastify";
import type { Executor } from "../../db/client.js";
import { pageLimit, rowsOf } from "../../db/rows.js";
import { messages } from "../../db/schema/index.js";
import { startLoop } from "../../core/background-loop.js";

/**
 * A message's search vector: Portuguese and English stems of its unaccented words, over the first
 * 100,000 characters so that a huge message cannot exceed a tsvector's size. Words of any other
 * language (Czech has no stemmer in PostgreSQL) are in it as those stemmers leave them, and a query
 * asks in all three configurations (`tsQuery` in service.ts), so each of its words meets the
 * message's in the same stemmer's form; a third, simple vector of the same text found nothing more
 * and cost a third of the work. It is computed after the message commits (by the indexer below),
 * and on the fly by search for the few it has not reached yet.
 */
export function messageSearchVector(body: AnyPgColumn | SQL): SQL {
  return sql`(SELECT to_tsvector('portuguese', u.text) || to_tsvector('english', u.text)
    FROM (SELECT atende_unaccent(left(${body}, 100000)) AS text) u)`;
}

/**
 * Messages not indexed yet (activities are never): the predicate of `message_unindexed_idx`, word
 * for word. Its constant is written in the text, not passed as a parameter: a prepared statement's
 * kept plan cannot prove `kind <> $1` implies the index's `kind <> 'activity'`, and at millions of
 * messages walked the primary key instead (2.3 s a batch, and /readyz?detail=1 took 4–37 s).
 */
export const unindexed = sql`${messages.searchVector} IS NULL AND ${messages.kind} <> 'activity'`;

/** Candidates per message of a batch: indexers running at once each lock a batch of their own among them. */
const CANDIDATES_PER_BATCH = 4;

/**
 * Indexes up to `batch` of the oldest messages not indexed yet, in one statement; several indexers
 * (one per worker) never take the same rows. The oldest candidates are found first, from the index
 * of what is not indexed alone, then a batch of them locked: asked for both at once, PostgreSQL
 * walked the primary key through every message to reach them (5.5 s a batch at 7,000,000
 * messages, against 55 ms). Returns how many, and whether messages are still arriving (the newest
 * is less than a second old), which the indexer yields to.
 */
export async function indexMessages(db: Executor, batch = 100): Promise<{ indexed: number; arriving: boolean }> {
  const rows = rowsOf<{ arriving: boolean }>(
    await db.execute(sql`
      UPDATE ${messages} SET search_vector = ${messageSearchVector(messages.body)}
      WHERE ${messages.id} IN (
        SELECT ${messages.id} FROM ${messages} WHERE ${unindexed} AND ${messages.id} IN (
          SELECT ${messages.id} FROM ${messages} WHERE ${unindexed} ORDER BY ${messages.id} LIMIT ${pageLimit(batch * CANDIDATES_PER_BATCH)}
        ) ORDER BY ${messages.id} LIMIT ${pageLimit(batch)} FOR UPDATE SKIP LOCKED
      )
      RETURNING (SELECT ${messages.createdAt} FROM ${messages} ORDER BY ${messages.id} DESC LIMIT 1) > clock_timestamp() - interval '1 second' AS arriving`),
  );
  return { indexed: rows.length, arriving: rows[0]?.arriving ?? false };
}

/** How far search indexing is behind: messages waiting, and how long the oldest has waited. */
export async function indexingLag(db: Executor): Promise<{ waiting: number; oldestSeconds: number }> {
  const [oldest] = await db.select({ createdAt: messages.createdAt }).from(messages).where(unindexed).orderBy(asc(messages.id)).limit(1);
  if (!oldest) return { waiting: 0, oldestSeconds: 0 };
  const [count] = rowsOf<{ n: string }>(await db.execute(sql`SELECT count(*) AS n FROM ${messages} WHERE ${unindexed}`));
  return { waiting: Number(count?.n ?? 0), oldestSeconds: Math.max(0, (Date.now() - oldest.createdAt.getTime()) / 1000) };
}

/**
 * Keeps the search index following new messages (worker role). While mail is arriving, a batch and
 * then a pause three times as long as it took: a quarter of a database core, so that a burst is
 * stored first and indexed just after. Once it stops arriving, the backlog at four fifths of a core,
 * which leaves room for agents' requests. A look every half second when there is nothing to do.
 * Returns what stops it.
 */
export function startSearchIndexer(db: Executor, log: FastifyBaseLogger): () => void {
  let arriving = false;
  return startLoop(log, {
    module: "search",
    failure: "indexing messages for search failed; trying again",
    step: async () => {
      const round = await indexMessages(db);
      arriving = round.arriving;
      return round.indexed;
    },
    pauseMs: (indexed, tookMs) => (indexed === 0 ? 500 : arriving ? tookMs * 3 : tookMs / 4),
  });
}
