import { and, asc, count, eq, like, sql } from "drizzle-orm";
import {
  slugify,
  type ArticleCategoryDto,
  type ArticleCategoryListDto,
  type CreateArticleCategoryBody,
  type UpdateArticleCategoryBody,
} from "@atende/shared";
import { articleCategories, articles } from "../../db/schema/index.js";
import type { Ctx } from "../../core/context.js";
import { AppError } from "../../lib/app-error.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import { holdNamedLock } from "../../db/named-lock.js";
import { MANAGERS, requireRole } from "../policy.js";
import { toCategoryDto, type CategoryRow } from "./presenter.js";

function slugTaken(): AppError {
  return new AppError("CONFLICT", "Another category has this slug.", [{ path: "slug", message: "is already the slug of another category", code: "taken" }]);
}

async function counted(ctx: Ctx, rows: CategoryRow[]): Promise<ArticleCategoryDto[]> {
  const counts = await ctx.tx
    .select({ id: articles.categoryId, n: count() })
    .from(articles)
    .where(and(eq(articles.workspaceId, ctx.actor.workspaceId), sql`${articles.categoryId} IS NOT NULL`))
    .groupBy(articles.categoryId);
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return rows.map((row) => toCategoryDto(row, byId.get(row.id) ?? 0));
}

async function load(ctx: Ctx, id: string): Promise<CategoryRow> {
  const [row] = await ctx.tx
    .select()
    .from(articleCategories)
    .where(and(eq(articleCategories.workspaceId, ctx.actor.workspaceId), eq(articleCategories.id, id)));
  if (!row) throw AppError.notFound("Category");
  return row;
}

async function presentOne(ctx: Ctx, row: CategoryRow): Promise<ArticleCategoryDto> {
  const [dto] = await counted(ctx, [row]);
  if (!dto) throw AppError.notFound("Category");
  return dto;
}

/** The workspace's categories in their order (every agent). */
export async function listCategories(ctx: Ctx): Promise<ArticleCategoryListDto> {
  const rows = await ctx.tx
    .select()
    .from(articleCategories)
    .where(eq(articleCategories.workspaceId, ctx.actor.workspaceId))
    .orderBy(asc(articleCategories.position), asc(articleCategories.id));
  return { items: await counted(ctx, rows) };
}

export async function getCategory(ctx: Ctx, id: string): Promise<ArticleCategoryDto> {
  return presentOne(ctx, await load(ctx, id));
}

/** A slug from the category's first name, free in the workspace (categories named alike at once choose one at a time). */
async function freeSlug(ctx: Ctx, names: CreateArticleCategoryBody["names"]): Promise<string> {
  const base = slugify(names.en ?? names["pt-BR"] ?? names.cs ?? "", "category", 60);
  await holdNamedLock(ctx.tx, `category-slug:${ctx.actor.workspaceId}:${base}`);
  const taken = new Set(
    (
      await ctx.tx
        .select({ slug: articleCategories.slug })
        .from(articleCategories)
        .where(and(eq(articleCategories.workspaceId, ctx.actor.workspaceId), like(articleCategories.slug, `${base}%`)))
    ).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${String(n)}`;
  return slug;
}

/** A new category (admins and supervisors), last unless a position is given. Raises `article_category.created`. */
export async function createCategory(ctx: Ctx, body: CreateArticleCategoryBody): Promise<ArticleCategoryDto> {
  requireRole(ctx.actor, MANAGERS);
  const ws = ctx.actor.workspaceId;
  const slug = body.slug ?? (await freeSlug(ctx, body.names));
  if (body.position === undefined) await holdNamedLock(ctx.tx, `category-position:${ws}`); // categories made at once: each its own place, last
  const [row] = await ctx.tx
    .insert(articleCategories)
    .values({
      workspaceId: ws,
      names: body.names,
      descriptions: body.descriptions ?? {},
      slug,
      position: body.position ?? sql`(SELECT coalesce(max(position) + 1, 0) FROM article_category WHERE workspace_id = ${ws})`,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw slugTaken();
  await ctx.emit({ type: "article_category.created", payload: { categoryId: row.id } });
  return presentOne(ctx, row);
}

/** Renames, describes, re-slugs or moves a category (admins and supervisors). Raises `article_category.updated`. */
export async function updateCategory(ctx: Ctx, id: string, body: UpdateArticleCategoryBody): Promise<ArticleCategoryDto> {
  requireRole(ctx.actor, MANAGERS);
  const before = await load(ctx, id);
  const fields = (["names", "descriptions", "slug", "position"] as const).filter(
    (f) => body[f] !== undefined && JSON.stringify(body[f]) !== JSON.stringify(before[f]),
  );
  if (fields.length === 0) return presentOne(ctx, before);
  const [row] = await ctx.tx
    .update(articleCategories)
    .set({ ...body, updatedAt: new Date() })
    .where(and(eq(articleCategories.workspaceId, ctx.actor.workspaceId), eq(articleCategories.id, id)))
    .returning()
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? slugTaken() : err;
    });
  if (!row) throw AppError.notFound("Category");
  await ctx.emit({ type: "article_category.updated", payload: { categoryId: id, fields } });
  return presentOne(ctx, row);
}

/** Deletes a category (admins and supervisors); its articles stay, in no category. Raises `article_category.deleted`. */
export async function deleteCategory(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, MANAGERS);
  await load(ctx, id);
  await ctx.tx.delete(articleCategories).where(and(eq(articleCategories.workspaceId, ctx.actor.workspaceId), eq(articleCategories.id, id)));
  await ctx.emit({ type: "article_category.deleted", payload: { categoryId: id } });
}
