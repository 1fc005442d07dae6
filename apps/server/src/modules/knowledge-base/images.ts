import { and, eq } from "drizzle-orm";
import { safeFileName, type ArticleImageDto } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import type { Executor } from "../../db/client.js";
import { articleImages, workspaces } from "../../db/schema/index.js";
import type { StoredFile } from "../../files/file-store.js";
import { AppError } from "../../lib/app-error.js";
import { MANAGERS, requireRole } from "../policy.js";

/** Pictures only (no SVG: it can carry scripts), up to 5 MB. */
export const ARTICLE_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const ARTICLE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** The public address of an article image: served by the help center of its workspace. */
export function articleImagePath(workspaceSlug: string, id: string, fileName: string): string {
  return `/help/${workspaceSlug}/files/${id}/${encodeURIComponent(safeFileName(fileName))}`;
}

/** Keeps an uploaded image for articles (admins and supervisors); it is public from then on. */
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
