import { sql, type SQL } from "drizzle-orm";
import type { ArticleStatus, ArticleVisibility, Locale } from "@atende/shared";
import type { Executor } from "../../db/client.js";
import { pageLimit, rowsOf } from "../../db/rows.js";
import { TtlCache } from "../../lib/ttl-cache.js";
import { indexableText, numberForms, otherWordings, queryKeys } from "./search-text.js";

/**
 * Knowledge-base search: language-aware full text, ranked like BM25 rather than by plain ts_rank.
 *
 * - Articles are indexed in their own language: English and Portuguese stems (PostgreSQL's
 *   snowball stemmers over unaccented text), Czech stems from our light stemmer (czech-stem.ts) as
 *   `simple` words; titles weigh A, bodies B.
 * - A question is not a conjunction: each of its words is its own term, OR-ed, and a translation's
 *   score is the sum over the terms it contains of the term's rarity in the workspace's articles
 *   of that language (BM25's IDF) times ts_rank of that term (which weighs title over body and
 *   saturates with repetition). "my internet is slow in the evening" ranks the article that has
 *   "slow" and "evening" over one that only says "internet" often.
 * - A word no article has is looked for as it is also written (British or American, Portugal's or
 *   Brazil's, spoken or negated Czech, a unit glued to its number: search-text.ts) or as a word of
 *   the same meaning in a support question (support-lexicon.ts), else corrected
 *   to the nearest word (Czech: stem) of the workspace's vocabulary in that language by trigram
 *   similarity, and searched as well.
 * - A Portuguese word is searched in both numbers where the stemmer, given it without accents,
 *   keeps them apart ("configuração", "configurações").
 * - Czech stems match as prefixes, which reaches the forms the light stemmer leaves apart; English
 *   and Portuguese words of five letters or more do too ("admin" finds "administrator").
 * - Function words are left out of questions (PostgreSQL has no Czech list: search-text.ts).
 * - Short questions also find and rank titles by trigram similarity (typing "instal", "reklamce").
 */

const CONFIG: Record<Locale, string> = { en: "english", "pt-BR": "portuguese", cs: "simple" };

/** What of a translation search reads: its title, the questions it answers, and its body as plain text. */
export type SearchedText = { title: string; questions: readonly string[]; plain: string };

/** All of it as one text (for the vocabulary that corrects misspellings). */
export const searchedText = (t: SearchedText): string => [t.title, ...t.questions, t.plain].join("\n");

/**
 * The search vector of a translation, in its language: its title and the questions it answers
 * (weight A: what it is about, in the customers' words too) over its body text (weight B).
 */
export function articleSearchVector(locale: Locale, t: SearchedText): SQL {
  const config = sql.raw(`'${CONFIG[locale]}'`);
  const weighed = (text: string, weight: "A" | "B") => {
    const prepared = locale === "cs" ? sql`${indexableText(locale, text)}` : sql`atende_unaccent(${indexableText(locale, text)})`;
    return sql`setweight(to_tsvector(${config}::regconfig, ${prepared}), ${sql.raw(`'${weight}'`)})`;
  };
  return sql`${weighed([t.title, ...t.questions].join("\n"), "A")} || ${weighed(t.plain, "B")}`;
}

/** Which translations a search reads: one workspace and language, and what the reader may see. */
export type ArticleScope = {
  workspaceId: string;
  locale: Locale;
  status?: ArticleStatus;
  visibility?: ArticleVisibility;
  /** A category's id, or null for articles in none. */
  categoryId?: string | null;
};

/** The method's switches, for the retrieval evaluation's comparison of its parts; the defaults are the method. */
export type SearchTuning = {
  /** Weigh each word by its rarity (BM25's IDF); otherwise one ts_rank of the OR of the words. */
  idf: boolean;
  /** Correct words no article has to the nearest of the vocabulary. */
  correctTypos: boolean;
  /** Czech stems also match longer stems. */
  czechPrefix: boolean;
  /** Czech stems longer than this are cut to it before matching as prefixes (0: not cut). */
  czechTruncate: number;
  /** English and Portuguese words of at least this many letters also match longer words (0: never). */
  prefixFrom: number;
  /** Weight of the title's trigram similarity to a short question. */
  titleTrigram: number;
  /** ts_rank's length normalization (see PostgreSQL's docs: 0 none, 1 log of the length). */
  normalization: number;
};

export const DEFAULT_TUNING: SearchTuning = { idf: true, correctTypos: true, czechPrefix: true, czechTruncate: 0, prefixFrom: 5, titleTrigram: 0.5, normalization: 1 };

/** Questions of at most this many words are short: their titles are also matched by trigrams. */
const SHORT_QUESTION_WORDS = 3;
/** A title as its trigram index holds it: lower case, without accents. */
const TITLE_KEY = sql.raw("lower(atende_unaccent(title))");
/** How alike a misspelled word and a vocabulary word must be (pg_trgm similarity) to correct it. */
const CORRECTION_FLOOR = 0.35;

export type SearchOptions = {
  limit: number;
  offset?: number;
  /** The question is still being typed: its last word also matches as the start of a longer one. */
  typing?: boolean;
  tuning?: SearchTuning;
};

/**
 * A translation found, with its score (for ranking only: it grows with the question) and how much
 * of the question it covers: the share of the question's words it has, each weighed by its rarity
 * in the scope (BM25's IDF; a word no article has weighs most), from 0 to 1. A question mostly
 * about something the articles never mention has a low coverage even in its best hit.
 */
export type ArticleHit = { id: string; score: number; coverage: number };

/** ts_rank of a term a vector lacks is (about) zero. */
const PRESENT = 1e-9;

/** At most this many terms are searched (a pasted paragraph is a question of its first words). */
const MAX_TERMS = 16;

const sizes = new TtlCache<number>(60_000, 5000);

/**
 * How many translations a scope holds (BM25's N), known for a minute: counting them on every search
 * would read the whole language's rows.
 */
async function scopeSize(db: Executor, scope: ArticleScope): Promise<number> {
  const key = JSON.stringify(scope);
  const known = sizes.get(key);
  if (known !== undefined) return known;
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`SELECT count(*) AS n FROM article_translation t JOIN article a ON a.workspace_id = t.workspace_id AND a.id = t.article_id WHERE ${scopeCondition(scope)}`),
  );
  const n = Number(row?.n ?? 0);
  sizes.set(key, n);
  return n;
}

/** The rows of the scope's workspace and language, in a table that has both (a translation, a vocabulary term). */
const inLanguage = (scope: ArticleScope): SQL => sql`workspace_id = ${scope.workspaceId} AND locale = ${scope.locale}`;

function scopeCondition(scope: ArticleScope): SQL {
  const parts = [sql`t.workspace_id = ${scope.workspaceId}`, sql`t.locale = ${scope.locale}`];
  if (scope.status) parts.push(sql`t.status = ${scope.status}`);
  if (scope.visibility) parts.push(sql`a.visibility = ${scope.visibility}`);
  if (scope.categoryId !== undefined) parts.push(scope.categoryId === null ? sql`a.category_id IS NULL` : sql`a.category_id = ${scope.categoryId}`);
  return sql.join(parts, sql` AND `);
}

/**
 * One key as a tsquery of its language, also its other number where the stemmer keeps them apart
 * (an English or Portuguese stopword gives an empty one, left out).
 */
function termQuery(locale: Locale, key: string, prefixed: (key: string) => boolean): SQL {
  const config = sql.raw(`'${CONFIG[locale]}'`);
  const forms = numberForms(locale, key).map((form) => (prefixed(form) ? `${form}:*` : form));
  return sql`to_tsquery(${config}::regconfig, ${forms.join(" | ")})`;
}

/** Whether some translation in scope matches `q`: what a search may know of the articles it does not show (none). */
const inScopeMatches = (scope: ArticleScope, q: SQL): SQL =>
  sql`EXISTS (SELECT 1 FROM article_translation t JOIN article a ON a.workspace_id = t.workspace_id AND a.id = t.article_id WHERE ${scopeCondition(scope)} AND t.search_vector @@ ${q})`;

/**
 * The keys no article in scope contains, each with what it most likely meant: the first of its
 * other wordings that an article in scope has (the same word written otherwise, or a word of the
 * same meaning: as good as the word itself), else the nearest word (Czech: stem) of the vocabulary
 * by trigram similarity that an article in scope has (a misspelling's guess). Misspelled key →
 * correction. Only articles in scope count, everywhere: the vocabulary holds every article's words,
 * drafts' and internal ones' too, and a public search corrected by those would tell whether they exist.
 */
async function corrections(
  db: Executor,
  scope: ArticleScope,
  keys: string[],
  wordings: Map<string, string[]>,
  prefixed: (key: string) => boolean,
): Promise<Map<string, { fix: string; likeness: number }>> {
  const candidates = keys.filter((k) => k.length >= 4 && !/^\d+$/.test(k));
  if (candidates.length === 0) return new Map();
  const config = sql.raw(`'${CONFIG[scope.locale]}'`);
  const list = sql.join(
    candidates.map((k) => {
      const others = wordings.get(k) ?? [];
      const queries = others.map((o) => termQuery(scope.locale, o, prefixed));
      return sql`(${k}, ${termQuery(scope.locale, k, () => false)}, ARRAY[${sql.join(others.map((o) => sql`${o}`), sql`, `)}]::text[], ARRAY[${sql.join(queries, sql`, `)}]::tsquery[])`;
    }),
    sql`, `,
  );
  const rows = rowsOf<{ key: string; fix: string | null; likeness: number | null }>(
    await db.execute(sql`
      SELECT k.key, c.term AS fix, c.likeness FROM (VALUES ${list}) AS k(key, q, others, other_queries)
      LEFT JOIN LATERAL (
        SELECT term, likeness FROM (
          SELECT o.term, 1::float8 AS likeness, o.n AS preference
          FROM unnest(k.others, k.other_queries) WITH ORDINALITY AS o(term, q, n)
          WHERE numnode(o.q) > 0 AND ${inScopeMatches(scope, sql`o.q`)}
          UNION ALL
          (SELECT v.term, similarity(v.term, k.key)::float8, 1000 FROM article_term v
           WHERE v.workspace_id = ${scope.workspaceId} AND v.locale = ${scope.locale} AND similarity(v.term, k.key) >= ${CORRECTION_FLOOR}
             AND ${inScopeMatches(scope, sql`plainto_tsquery(${config}::regconfig, v.term)`)}
           ORDER BY similarity(v.term, k.key) DESC, v.term LIMIT 1)
        ) found ORDER BY preference LIMIT 1) c ON true
      WHERE numnode(k.q) > 0 AND NOT ${inScopeMatches(scope, sql`k.q`)}`),
  );
  return new Map(rows.flatMap((r) => (r.fix && !keys.includes(r.fix) ? [[r.key, { fix: r.fix, likeness: r.likeness ?? 0 }] as const] : [])));
}

/**
 * The translations in scope that best answer `q`, best first, with their scores. Empty when the
 * question has no searchable word.
 */
export async function searchArticles(db: Executor, scope: ArticleScope, q: string, opts: SearchOptions): Promise<ArticleHit[]> {
  const tuning = opts.tuning ?? DEFAULT_TUNING;
  const keys = queryKeys(scope.locale, q);
  if (keys.length === 0) return [];
  const lastKey = keys.at(-1);
  const czech = scope.locale === "cs";
  const prefixed = (key: string) =>
    (czech && tuning.czechPrefix && key.length >= 4) ||
    (!czech && tuning.prefixFrom > 0 && key.length >= tuning.prefixFrom) ||
    (opts.typing === true && key === lastKey && key.length >= 2);
  // While typing, the last word is unfinished: it is matched as a prefix, never corrected.
  const fixes = tuning.correctTypos
    ? await corrections(db, scope, opts.typing ? keys.slice(0, -1) : keys, otherWordings(scope.locale, q), prefixed)
    : new Map<string, { fix: string; likeness: number }>();
  const cut = (key: string) => (czech && tuning.czechTruncate > 0 && key.length > tuning.czechTruncate ? key.slice(0, tuning.czechTruncate) : key);
  const searched = [...new Set([...keys, ...[...fixes.values()].map((f) => f.fix)].map(cut))].slice(0, MAX_TERMS);
  const terms = searched.map((key) => termQuery(scope.locale, key, prefixed));
  // What the question asks about, for coverage: its words, a misspelled one as its correction.
  const asked = new Set(keys.map((k) => cut(fixes.get(k)?.fix ?? k)));
  // A correction is a guess: the word it replaced counts as covered only as far as the two are alike.
  const credit = new Map([...fixes.values()].map((f) => [cut(f.fix), f.likeness]));
  const short = keys.length <= SHORT_QUESTION_WORDS && tuning.titleTrigram > 0;
  const phrase = keys.join(" ");
  const where = scopeCondition(scope);
  const norm = sql.raw(String(Math.trunc(tuning.normalization)));
  const qCol = (i: number) => sql.raw(`q${String(i)}`);
  const r = (i: number) => sql.raw(`r${String(i)}`);
  // Each way of matching by its own index (an OR of both would read every vector of the language);
  // `<%` finds titles at the session's WORD_SIMILARITY_THRESHOLD (db/client.ts).
  const matches = short
    ? sql`t.id IN (
        SELECT id FROM article_translation WHERE ${inLanguage(scope)} AND search_vector @@ (SELECT qany FROM qs)
        UNION
        SELECT id FROM article_translation WHERE ${inLanguage(scope)} AND ${phrase} <% ${TITLE_KEY})`
    : sql`t.search_vector @@ (SELECT qany FROM qs)`;
  // Each term's rank in each candidate: what ts_rank gives (title over body, saturating), ~0 where absent.
  const ranks = sql.join(
    terms.map((_, i) => sql`CASE WHEN numnode(qs.${qCol(i)}) > 0 THEN ts_rank((c.doc).f1, qs.${qCol(i)}, ${norm}) ELSE 0 END AS ${r(i)}`),
    sql`, `,
  );
  const n = await scopeSize(db, scope);
  // BM25's IDF of each term among the candidates (all the translations that have any term): its
  // document frequency counted once (a window per term), however often the scores read it.
  const d = (i: number) => sql.raw(`d${String(i)}`);
  const counts = tuning.idf ? sql`, ${sql.join(terms.map((_, i) => sql`count(*) FILTER (WHERE ${r(i)} > ${PRESENT}) OVER () AS ${d(i)}`), sql`, `)}` : sql``;
  const idf = (i: number) => sql`ln(1 + (${n}::float8 - ${d(i)} + 0.5) / (${d(i)} + 0.5))`;
  const textScore = tuning.idf ? sql.join(terms.map((_, i) => sql`CASE WHEN ${r(i)} > ${PRESENT} THEN ${idf(i)} * ${r(i)} ELSE 0 END`), sql` + `) : sql`rany`;
  // A term that is no word (a stopword: an empty tsquery) asks nothing; a misspelling counts as its correction.
  const askedTerms = searched.flatMap((key, i) => (asked.has(key) ? [i] : []));
  const coverage =
    tuning.idf && askedTerms.length > 0
      ? sql`(${sql.join(askedTerms.map((i) => sql`CASE WHEN ${r(i)} > ${PRESENT} THEN ${idf(i)} * ${credit.get(searched[i] ?? "") ?? 1} ELSE 0 END`), sql` + `)}) / NULLIF(${sql.join(
          askedTerms.map((i) => sql`CASE WHEN numnode(qs.${qCol(i)}) > 0 THEN ${idf(i)} ELSE 0 END`),
          sql` + `,
        )}, 0)`
      : sql`0`;
  const titleScore = short ? sql` + ${tuning.titleTrigram} * word_similarity(${phrase}, title)` : sql``;
  // The candidates' vectors are read from storage once each: a row value holds its fields whole,
  // where the table's column is a pointer that every ts_rank of every term would fetch again (the
  // most of a search's time, measured). Their ranks are then computed once (narrow, materialized).
  return rowsOf<ArticleHit>(
    await db.execute(sql`
      WITH qs AS MATERIALIZED (SELECT ${sql.join(terms.map((term, i) => sql`${term} AS ${qCol(i)}`), sql`, `)}, (${sql.join(terms, sql` || `)}) AS qany),
      ranked AS MATERIALIZED (
        SELECT c.id, c.title, ${tuning.idf ? ranks : sql`ts_rank((c.doc).f1, qs.qany, ${norm}) AS rany`}
        FROM (
          SELECT t.id, ${short ? sql`lower(atende_unaccent(t.title))` : sql`NULL`} AS title, ROW(t.search_vector) AS doc
          FROM article_translation t JOIN article a ON a.workspace_id = t.workspace_id AND a.id = t.article_id
          WHERE ${where} AND ${matches}
          OFFSET 0
        ) c CROSS JOIN qs
      )
      SELECT id, score, coalesce(coverage, 0) AS coverage
      FROM (
        SELECT id, (${textScore}${titleScore})::float8 AS score, (${coverage})::float8 AS coverage
        FROM (SELECT ranked.*${counts} FROM ranked) counted CROSS JOIN qs
      ) scored
      ORDER BY score DESC, id
      LIMIT ${pageLimit(opts.limit)} OFFSET ${pageLimit(opts.offset ?? 0)}`),
  );
}

/**
 * A language whose first hit covers less than this share of what the best language's first hit
 * covers is a weak one for the question: it shares a word or a guessed spelling with it, not its meaning.
 */
const WEAK_LANGUAGE_COVERAGE_SHARE = 0.5;

/**
 * The hits of one question searched in several languages (the agents' search names none), each
 * language's best first, as one list: by score, except that the weak languages' hits come after
 * the others'. Scores are each language's own (its words' rarity, stems and corrections), so they
 * compare only roughly: "send my order back" also finds Portuguese articles through "senha", a
 * guess that covers 6 % of it, with a higher score than the English articles, which cover most of it.
 * A language's strength is its first hit's coverage (first by score, not the best covered): every
 * page of the same search fetches each language from its first hit, so pages agree.
 */
export function mergeLanguages(perLanguage: readonly ArticleHit[][]): ArticleHit[] {
  const firstCoverage = (hits: readonly ArticleHit[]) => hits[0]?.coverage ?? 0;
  const best = Math.max(0, ...perLanguage.map(firstCoverage));
  return perLanguage
    .flatMap((hits) => {
      const strong = firstCoverage(hits) >= best * WEAK_LANGUAGE_COVERAGE_SHARE;
      return hits.map((hit) => ({ hit, strong }));
    })
    .sort((a, b) => Number(b.strong) - Number(a.strong) || b.hit.score - a.hit.score)
    .map(({ hit }) => hit);
}
