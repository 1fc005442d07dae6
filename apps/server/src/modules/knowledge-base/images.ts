import { and, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { safeFileName, type ArticleImageDto } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import type { Executor } from "../../db/client.js";
import { articleImages, articles, articleTranslations, workspaces } from "../../db/schema/index.js";
import type { StoredFile } from "../../files/file-store.js";
import { AppError } from "../../lib/app-error.js";
import { MANAGERS, requireRole } from "../policy.js";
import { readableByAnyone } from "./public.js";

/** Pictures only (no SVG: it can carry scripts), up to 5 MB. */
export const ARTICLE_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const ARTICLE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The address of an article image, served by the help center of its workspace: to anyone while a
 * public, published article shows it, else only to the workspace's agents ({@link shownToAnyone}).
 */
export function articleImagePath(workspaceSlug: string, id: string, fileName: string): string {
  return `/help/${workspaceSlug}/files/${id}/${encodeURIComponent(safeFileName(fileName))}`;
}

/** Keeps an uploaded image for articles (admins and supervisors); public once an article anyone may read shows it. */
export async function saveArticleImage(ctx: Ctx, file: StoredFile & { contentType: string }, uploadedName: string): Promise<ArticleImageDto> {
  requireRole(ctx.actor, MANAGERS);
  // Kept and shown (the picture's alt text in the editor) as a name safe anywhere, as every file's.
  const fileName = safeFileName(uploadedName);
  const [row] = await ctx.tx
    .insert(articleImages)
    .values({ workspaceId: ctx.actor.workspaceId, sha256: file.sha256, fileName, contentType: file.contentType, size: file.size, uploadedById: ctx.actor.id })
    .returning();
  const [workspace] = await ctx.tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId));
  if (!row || !workspace) throw AppError.notFound("Workspace");
  return {
    id: row.id,
    url: `${ctx.config.publicUrl ?? ""}${articleImagePath(workspace.slug, row.id, fileName)}`,
    fileName,
    contentType: row.contentType,
    size: row.size,
  };
}

/** An article image of a workspace, for the help center to serve. */
export async function findArticleImage(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(articleImages)
    .where(and(eq(articleImages.workspaceId, workspaceId), eq(articleImages.id, id)));
  return row;
}

/**
 * Whether anyone may see an article image: it is the workspace's logo, or a translation anyone may
 * read (public and published) shows it. One only in drafts or internal articles, or in none yet, is
 * for the workspace's agents: its address, though unguessable, may have been copied, and would
 * tell what is not published.
 */
export async function shownToAnyone(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const address = `/files/${id}/`;
  const shows = (text: SQL | AnyColumn) => sql`strpos(${text}, ${address}) > 0`;
  const [logo] = await db.select({ id: workspaces.id }).from(workspaces).where(and(eq(workspaces.id, workspaceId), shows(workspaces.logoUrl)));
  if (logo) return true;
  const [article] = await db
    .select({ id: articleTranslations.id })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, workspaceId), readableByAnyone, shows(articleTranslations.body)))
    .limit(1);
  return article !== undefined;
}
