import { and, desc, eq, like, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  LOCALES,
  slugify,
  type ArticleDto,
  type ArticlePageDto,
  type ArticleRevisionChanges,
  type ArticleRevisionPageDto,
  type ArticleStatus,
  type CreateArticleBody,
  type ListArticlesQuery,
  type Locale,
  type PageQuery,
  type UpdateArticleBody,
} from "@atende/shared";
import { agents, articleCategories, articleRevisions, articles, articleTranslations } from "../../db/schema/index.js";
import type { Actor, Ctx } from "../../core/context.js";
import { AppError } from "../../lib/app-error.js";
import { CursorId, CursorTime, decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import { holdNamedLock } from "../../db/named-lock.js";
import { MANAGERS, requireRole } from "../policy.js";
import { markdownText, renderMarkdown } from "./markdown.js";
import { toArticleDto, toArticleSummaryDto, toRevisionDto, type ArticleRow, type TranslationRow } from "./presenter.js";
import { addVocabulary, helpCenterBase, loadBundles } from "./queries.js";
import { articleSearchVector, mergeLanguages, searchArticles, searchedText, type ArticleScope } from "./search.js";
import { matchingPassage } from "./snippet.js";
import { pageLimit } from "../../db/rows.js";

/** Admins and supervisors write the knowledge base (and the system, seeding it). */
export function mayWrite(actor: Actor): boolean {
  return actor.type === "system" || (actor.role !== null && MANAGERS.includes(actor.role));
}

/** Agents read published articles only (internal ones too); writers read drafts as well. */
function readableStatus(actor: Actor): ArticleStatus | undefined {
  return mayWrite(actor) ? undefined : "published";
}

async function present(ctx: Ctx, id: string): Promise<ArticleDto> {
  const base = await helpCenterBase(ctx.tx, ctx.config, ctx.actor.workspaceId);
  const bundle = (await loadBundles(ctx.tx, ctx.actor.workspaceId, [id], base, readableStatus(ctx.actor))).get(id);
  if (!bundle) throw AppError.notFound("Article");
  return toArticleDto(bundle, bundle.translation.html, mayWrite(ctx.actor));
}

function slugTaken(): AppError {
  return new AppError("CONFLICT", "Another article in this language has this slug.", [
    { path: "slug", message: "is already the slug of another article in this language", code: "taken" },
  ]);
}

/** Slugs the help center's own pages use (/help/<workspace>/<locale>/contact). */
const RESERVED_SLUGS: ReadonlySet<string> = new Set(["contact"]);

/** Refuses a slug another translation of the workspace's language has (409 naming `slug`), or a reserved one. */
async function requireFreeSlug(ctx: Ctx, locale: Locale, slug: string, except?: string): Promise<string> {
  if (RESERVED_SLUGS.has(slug)) throw AppError.invalidField("slug", "is the address of one of the help center's own pages", "reserved");
  const [taken] = await ctx.tx
    .select({ id: articleTranslations.id })
    .from(articleTranslations)
    .where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.locale, locale), eq(articleTranslations.slug, slug)));
  if (taken && taken.id !== except) throw slugTaken();
  return slug;
}

/**
 * A slug made from the title, free in the workspace's language ("reset-your-password", then "-2",
 * "-3"…). Articles given one title at the same moment choose one at a time, so each gets its own.
 */
async function freeSlug(ctx: Ctx, locale: Locale, title: string): Promise<string> {
  const base = slugify(title, "article", 80);
  await holdNamedLock(ctx.tx, `article-slug:${ctx.actor.workspaceId}:${locale}:${base}`);
  const taken = new Set(
    (
      await ctx.tx
        .select({ slug: articleTranslations.slug })
        .from(articleTranslations)
        .where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.locale, locale), like(articleTranslations.slug, `${base}%`)))
    ).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug) || RESERVED_SLUGS.has(slug); n++) slug = `${base}-${String(n)}`;
  return slug;
}

/** Refuses a category of another workspace, or none, naming the field. */
async function requireCategory(ctx: Ctx, categoryId: string | null | undefined): Promise<void> {
  if (!categoryId) return;
  const [found] = await ctx.tx
    .select({ id: articleCategories.id })
    .from(articleCategories)
    .where(and(eq(articleCategories.workspaceId, ctx.actor.workspaceId), eq(articleCategories.id, categoryId)));
  if (!found) throw AppError.invalidField("categoryId", "no category with this id in this workspace", "not_found");
}

/** Runs a write that may break a unique slug, as a 409 naming `slug`. */
async function slugSafe<T>(write: Promise<T>): Promise<T> {
  return write.catch((err: unknown) => {
    throw isUniqueViolation(err) ? slugTaken() : err;
  });
}

type Snapshot = Pick<TranslationRow, "title" | "slug" | "body" | "questions" | "status"> & Pick<ArticleRow, "visibility" | "categoryId">;

async function recordRevision(
  ctx: Ctx,
  translationId: string,
  kind: "created" | "updated" | "restored",
  changes: ArticleRevisionChanges,
  s: Snapshot,
  restoredFrom: string | null = null,
): Promise<void> {
  await ctx.tx.insert(articleRevisions).values({
    workspaceId: ctx.actor.workspaceId,
    translationId,
    kind,
    restoredFrom,
    byId: ctx.actor.id,
    changes,
    title: s.title,
    slug: s.slug,
    body: s.body,
    questions: s.questions,
    status: s.status,
    visibility: s.visibility,
    categoryId: s.categoryId,
  });
}

/** The article a new translation joins (refusing a language it has), or a new article. */
async function articleFor(ctx: Ctx, body: CreateArticleBody): Promise<ArticleRow> {
  const ws = ctx.actor.workspaceId;
  if (body.translationOf === undefined) {
    await requireCategory(ctx, body.categoryId);
    if (body.position === undefined) await holdNamedLock(ctx.tx, `article-position:${ws}`); // articles made at once: each its own place, last
    const [row] = await ctx.tx
      .insert(articles)
      .values({
        workspaceId: ws,
        categoryId: body.categoryId ?? null,
        visibility: body.visibility ?? "public",
        position: body.position ?? sql`(SELECT coalesce(max(position) + 1, 0) FROM article WHERE workspace_id = ${ws})`,
      })
      .returning();
    if (!row) throw new Error("article insert returned no row");
    return row;
  }
  for (const field of ["visibility", "categoryId", "position"] as const) {
    if (body[field] !== undefined) throw AppError.invalidField(field, "belongs to the article, shared by its translations: change it with PATCH", "article_field");
  }
  const [source] = await ctx.tx
    .select({ article: articles })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, ws), eq(articleTranslations.id, body.translationOf)))
    .for("update", { of: articles });
  if (!source) throw AppError.invalidField("translationOf", "no article translation with this id in this workspace", "not_found");
  const [existing] = await ctx.tx
    .select({ id: articleTranslations.id })
    .from(articleTranslations)
    .where(and(eq(articleTranslations.workspaceId, ws), eq(articleTranslations.articleId, source.article.id), eq(articleTranslations.locale, body.locale)));
  if (existing) {
    throw new AppError("CONFLICT", "The article already has a translation in this language.", [
      { path: "locale", message: "the article already has a translation in this language", code: "taken" },
    ]);
  }
  return source.article;
}

/**
 * Writes an article (or, with `translationOf`, a translation of one): admins and supervisors.
 * Records its first revision and raises `article.created` (and `article.published` when published).
 */
export async function createArticle(ctx: Ctx, body: CreateArticleBody): Promise<ArticleDto> {
  requireRole(ctx.actor, MANAGERS);
  const article = await articleFor(ctx, body);
  const slug = body.slug === undefined ? await freeSlug(ctx, body.locale, body.title) : await requireFreeSlug(ctx, body.locale, body.slug);
  const plain = markdownText(body.body);
  const now = new Date();
  const [row] = await slugSafe(
    ctx.tx
      .insert(articleTranslations)
      .values({
        workspaceId: ctx.actor.workspaceId,
        articleId: article.id,
        locale: body.locale,
        title: body.title,
        slug,
        body: body.body,
        questions: body.questions ?? [],
        html: renderMarkdown(body.body),
        plain,
        status: body.status,
        authorId: ctx.actor.id,
        updatedById: ctx.actor.id,
        createdAt: now,
        updatedAt: now,
        publishedAt: body.status === "published" ? now : null,
        searchVector: articleSearchVector(body.locale, { title: body.title, questions: body.questions ?? [], plain }),
      })
      .returning(),
  );
  if (!row) throw new Error("translation insert returned no row");
  await recordRevision(ctx, row.id, "created", {}, { ...row, visibility: article.visibility, categoryId: article.categoryId });
  await addVocabulary(ctx.tx, ctx.actor.workspaceId, body.locale, searchedText({ title: body.title, questions: body.questions ?? [], plain }));
  const ref = { articleId: article.id, translationId: row.id, locale: row.locale, visibility: article.visibility };
  await ctx.emit({ type: "article.created", payload: { ...ref, status: row.status } });
  if (row.status === "published") await ctx.emit({ type: "article.published", payload: ref });
  return present(ctx, row.id);
}

/** A translation the actor may read (404 otherwise: another workspace's, or a draft for an agent). */
export async function loadReadable(ctx: Ctx, id: string): Promise<{ translation: TranslationRow; article: ArticleRow }> {
  const status = readableStatus(ctx.actor);
  const [row] = await ctx.tx
    .select({ translation: articleTranslations, article: articles })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.id, id), status ? eq(articleTranslations.status, status) : undefined));
  if (!row) throw AppError.notFound("Article");
  return row;
}

/** One translation in full: every agent reads published ones, internal included; writers drafts too. */
export async function getArticle(ctx: Ctx, id: string): Promise<ArticleDto> {
  await loadReadable(ctx, id);
  return present(ctx, id);
}

/** The last row's `updatedAt` and id (both compared in SQL: a forged value is refused naming `cursor`). */
const ListCursor = z.tuple([CursorTime, CursorId]);
const SearchCursor = z.tuple([z.number().int().min(0).max(10_000)]);

/** Translations, newest change first; with `q`, best match first (in `locale`, or in every language). */
export async function listArticles(ctx: Ctx, query: ListArticlesQuery): Promise<ArticlePageDto> {
  const ws = ctx.actor.workspaceId;
  const readable = readableStatus(ctx.actor);
  if (readable && query.status && query.status !== readable) return { items: [], nextCursor: null };
  const status = query.status ?? readable;
  const categoryId = query.categoryId === "none" ? null : query.categoryId;
  const base = await helpCenterBase(ctx.tx, ctx.config, ws);
  if (query.q) {
    const [offset] = query.cursor ? decodeCursor(query.cursor, SearchCursor) : [0];
    const locales = query.locale ? [query.locale] : LOCALES;
    const scope = (locale: Locale): ArticleScope => ({ workspaceId: ws, locale, status, visibility: query.visibility, categoryId });
    const q = query.q;
    const perLanguage = await Promise.all(locales.map((l) => searchArticles(ctx.tx, scope(l), q, { limit: offset + query.limit + 1 })));
    const hits = mergeLanguages(perLanguage).slice(offset, offset + query.limit + 1);
    const page = hits.slice(0, query.limit);
    const bundles = await loadBundles(ctx.tx, ws, page.map((h) => h.id), base, readableStatus(ctx.actor));
    const items = page.flatMap((h) => {
      const b = bundles.get(h.id);
      return b ? [toArticleSummaryDto(b, matchingPassage(b.translation.locale, b.translation.plain, q))] : [];
    });
    return { items, nextCursor: hits.length > query.limit ? encodeCursor([offset + query.limit]) : null };
  }
  const conditions: (SQL | undefined)[] = [
    eq(articleTranslations.workspaceId, ws),
    query.locale ? eq(articleTranslations.locale, query.locale) : undefined,
    status ? eq(articleTranslations.status, status) : undefined,
    query.visibility ? eq(articles.visibility, query.visibility) : undefined,
    categoryId === undefined ? undefined : categoryId === null ? sql`${articles.categoryId} IS NULL` : eq(articles.categoryId, categoryId),
  ];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ListCursor);
    const when = new Date(at);
    conditions.push(or(lt(articleTranslations.updatedAt, when), and(eq(articleTranslations.updatedAt, when), lt(articleTranslations.id, id))));
  }
  const rows = await ctx.tx
    .select({ id: articleTranslations.id, updatedAt: articleTranslations.updatedAt })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(...conditions))
    .orderBy(desc(articleTranslations.updatedAt), desc(articleTranslations.id))
    .limit(pageLimit(query.limit + 1));
  const page = rows.slice(0, query.limit);
  const bundles = await loadBundles(ctx.tx, ws, page.map((r) => r.id), base, readableStatus(ctx.actor));
  const items = page.flatMap((r) => {
    const b = bundles.get(r.id);
    return b ? [toArticleSummaryDto(b)] : [];
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null };
}

type Change = UpdateArticleBody & { restoredFrom?: string };

/** The translation (locked until the transaction ends) and its article, for a writer. */
export async function loadForChange(ctx: Ctx, id: string): Promise<{ translation: TranslationRow; article: ArticleRow }> {
  requireRole(ctx.actor, MANAGERS);
  const [row] = await ctx.tx
    .select({ translation: articleTranslations, article: articles })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.id, id)))
    .for("update");
  if (!row) throw AppError.notFound("Article");
  return row;
}

/** What a change changes, field by field (nothing for a value it already has). */
function changesOf(t: TranslationRow, a: ArticleRow, body: Change): ArticleRevisionChanges & { position?: { from: number; to: number } } {
  const c: ArticleRevisionChanges & { position?: { from: number; to: number } } = {};
  if (body.title !== undefined && body.title !== t.title) c.title = { from: t.title, to: body.title };
  if (body.slug !== undefined && body.slug !== t.slug) c.slug = { from: t.slug, to: body.slug };
  if (body.body !== undefined && body.body !== t.body) c.body = { fromLength: t.body.length, toLength: body.body.length };
  if (body.questions !== undefined && body.questions.join("\n") !== t.questions.join("\n")) c.questions = { from: t.questions, to: body.questions };
  if (body.status !== undefined && body.status !== t.status) c.status = { from: t.status, to: body.status };
  if (body.visibility !== undefined && body.visibility !== a.visibility) c.visibility = { from: a.visibility, to: body.visibility };
  if (body.categoryId !== undefined && body.categoryId !== a.categoryId) c.categoryId = { from: a.categoryId, to: body.categoryId };
  if (body.position !== undefined && body.position !== a.position) c.position = { from: a.position, to: body.position };
  return c;
}

async function change(ctx: Ctx, id: string, body: Change): Promise<ArticleDto> {
  const { translation: t, article: a } = await loadForChange(ctx, id);
  const { position, ...changes } = changesOf(t, a, body);
  if (Object.keys(changes).length === 0 && !position) return present(ctx, id);
  if (changes.slug) await requireFreeSlug(ctx, t.locale, changes.slug.to, t.id);
  if (changes.categoryId) await requireCategory(ctx, changes.categoryId.to);
  const now = new Date();
  const title = changes.title?.to ?? t.title;
  const markdown = body.body ?? t.body;
  const plain = changes.body ? markdownText(markdown) : t.plain;
  const searched = { title, questions: changes.questions?.to ?? t.questions, plain };
  const researched = Boolean(changes.title || changes.body || changes.questions);
  const status = changes.status?.to ?? t.status;
  const [row] = await slugSafe(
    ctx.tx
      .update(articleTranslations)
      .set({
        title,
        slug: changes.slug?.to ?? t.slug,
        body: markdown,
        questions: searched.questions,
        ...(changes.body ? { html: renderMarkdown(markdown) } : {}),
        plain,
        status,
        updatedById: ctx.actor.id,
        updatedAt: now,
        ...(changes.status?.to === "published" && t.publishedAt === null ? { publishedAt: now } : {}),
        ...(researched ? { searchVector: articleSearchVector(t.locale, searched) } : {}),
      })
      .where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.id, t.id)))
      .returning(),
  );
  if (!row) throw AppError.notFound("Article");
  const visibility = changes.visibility?.to ?? a.visibility;
  const categoryId = changes.categoryId ? changes.categoryId.to : a.categoryId;
  if (changes.visibility || changes.categoryId || position) {
    await ctx.tx
      .update(articles)
      .set({ visibility, categoryId, position: position?.to ?? a.position, updatedAt: now })
      .where(and(eq(articles.workspaceId, ctx.actor.workspaceId), eq(articles.id, a.id)));
    // Every translation shows the article's visibility and category: their pages change too.
    await ctx.tx
      .update(articleTranslations)
      .set({ updatedAt: now })
      .where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.articleId, a.id)));
  }
  if (researched) await addVocabulary(ctx.tx, ctx.actor.workspaceId, t.locale, searchedText(searched));
  await recordRevision(ctx, t.id, body.restoredFrom ? "restored" : "updated", changes, { ...row, visibility, categoryId }, body.restoredFrom ?? null);
  const ref = { articleId: a.id, translationId: t.id, locale: t.locale, visibility };
  const fields = [...(Object.keys(changes) as (keyof ArticleRevisionChanges)[]), ...(position ? (["position"] as const) : [])];
  await ctx.emit({ type: "article.updated", payload: { ...ref, fields, restoredFrom: body.restoredFrom ?? null } });
  if (changes.status) await ctx.emit({ type: changes.status.to === "published" ? "article.published" : "article.unpublished", payload: ref });
  return present(ctx, t.id);
}

/**
 * Changes a translation (title, slug, Markdown, status) and its article (visibility, category,
 * position, shared by its translations): admins and supervisors. Records a revision of what changed
 * and raises `article.updated` (and `article.published`/`unpublished` when the status moved).
 */
export function updateArticle(ctx: Ctx, id: string, body: UpdateArticleBody): Promise<ArticleDto> {
  return change(ctx, id, body);
}

/** Deletes a translation (the article with its last one): admins and supervisors. Raises `article.deleted`. */
export async function deleteArticle(ctx: Ctx, id: string): Promise<void> {
  const { translation: t, article: a } = await loadForChange(ctx, id);
  await ctx.tx.delete(articleTranslations).where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.id, t.id)));
  const [left] = await ctx.tx
    .select({ id: articleTranslations.id })
    .from(articleTranslations)
    .where(and(eq(articleTranslations.workspaceId, ctx.actor.workspaceId), eq(articleTranslations.articleId, a.id)))
    .limit(1);
  if (!left) await ctx.tx.delete(articles).where(and(eq(articles.workspaceId, ctx.actor.workspaceId), eq(articles.id, a.id)));
  await ctx.emit({ type: "article.deleted", payload: { articleId: a.id, translationId: t.id, locale: t.locale, visibility: a.visibility } });
}

const RevisionCursor = z.tuple([CursorId]);

/** A translation's saves, newest first (for those who write articles). */
export async function listRevisions(ctx: Ctx, id: string, query: z.infer<typeof PageQuery>): Promise<ArticleRevisionPageDto> {
  // For those who write: a revision keeps the text of every draft, which other agents never read.
  requireRole(ctx.actor, MANAGERS);
  await loadReadable(ctx, id);
  const ws = ctx.actor.workspaceId;
  const before = query.cursor ? decodeCursor(query.cursor, RevisionCursor)[0] : undefined;
  const rows = await ctx.tx
    .select({ revision: articleRevisions, by: { id: agents.id, name: agents.name, email: agents.email } })
    .from(articleRevisions)
    .leftJoin(agents, and(eq(agents.workspaceId, articleRevisions.workspaceId), eq(agents.id, articleRevisions.byId)))
    .where(and(eq(articleRevisions.workspaceId, ws), eq(articleRevisions.translationId, id), before ? lt(articleRevisions.id, before) : undefined))
    .orderBy(desc(articleRevisions.id))
    .limit(pageLimit(query.limit + 1));
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toRevisionDto(r.revision, r.by)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.revision.id]) : null,
  };
}

/**
 * Brings back an earlier revision's title and Markdown (status, slug, visibility and category
 * stay as they are now): a new revision that says which it restored.
 */
export async function restoreRevision(ctx: Ctx, id: string, revisionId: string): Promise<ArticleDto> {
  requireRole(ctx.actor, MANAGERS);
  const [revision] = await ctx.tx
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.workspaceId, ctx.actor.workspaceId), eq(articleRevisions.translationId, id), eq(articleRevisions.id, revisionId)));
  if (!revision) throw AppError.notFound("Revision");
  return change(ctx, id, { title: revision.title, body: revision.body, questions: revision.questions, restoredFrom: revision.id });
}
