import { and, eq } from "drizzle-orm";
import { attachments } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import type { Ctx } from "../context.js";

/** Image types a browser shows without running anything: the only ones served for display in the page. */
const SHOWN_INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** One of the workspace's files, with how it may be served; NOT_FOUND for another workspace's. */
export async function loadAttachment(ctx: Ctx, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.workspaceId, ctx.actor.workspaceId), eq(attachments.id, id)));
  if (!row) throw AppError.notFound("Attachment");
  const inline = SHOWN_INLINE.has(row.contentType.toLowerCase());
  return { ...row, inline, servedType: inline || row.contentType.startsWith("text/plain") ? row.contentType : "application/octet-stream" };
}
