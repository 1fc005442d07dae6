import { and, asc, eq, inArray } from "drizzle-orm";
import type { CreateTagBody, TagDto, UpdateTagBody } from "@atende/shared";
import { tags } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import type { Ctx } from "../../core/context.js";
import { MANAGERS, requireRole } from "../policy.js";

type TagRow = typeof tags.$inferSelect;

function toTagDto(row: TagRow): TagDto {
  return { id: row.id, name: row.name, color: row.color };
}

function nameTaken(): AppError {
  return new AppError("CONFLICT", "A tag with this name already exists.", [
    { path: "name", message: "is already used by another tag", code: "taken" },
  ]);
}

async function loadTag(ctx: Ctx, id: string): Promise<TagRow> {
  const [row] = await ctx.tx
    .select()
    .from(tags)
    .where(and(eq(tags.workspaceId, ctx.actor.workspaceId), eq(tags.id, id)));
  if (!row) throw AppError.notFound("Tag");
  return row;
}

/** Lists the workspace's tags by name. */
export async function listTags(ctx: Ctx): Promise<TagDto[]> {
  const rows = await ctx.tx
    .select()
    .from(tags)
    .where(eq(tags.workspaceId, ctx.actor.workspaceId))
    .orderBy(asc(tags.name));
  return rows.map(toTagDto);
}

/** Creates a tag (any agent may; tags are also created by tagging a conversation). */
export async function createTag(ctx: Ctx, body: CreateTagBody): Promise<TagDto> {
  const [row] = await ctx.tx
    .insert(tags)
    .values({ workspaceId: ctx.actor.workspaceId, name: body.name, color: body.color ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw nameTaken();
  return toTagDto(row);
}

/** Renames or recolours a tag (admins and supervisors); conversations follow the rename. */
export async function updateTag(ctx: Ctx, id: string, body: UpdateTagBody): Promise<TagDto> {
  requireRole(ctx.actor, MANAGERS);
  const tag = await loadTag(ctx, id);
  if (Object.keys(body).length === 0) return toTagDto(tag);
  const [row] = await ctx.tx
    .update(tags)
    .set(body)
    .where(and(eq(tags.workspaceId, ctx.actor.workspaceId), eq(tags.id, tag.id)))
    .returning()
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
  if (!row) throw AppError.notFound("Tag");
  return toTagDto(row);
}

/** Deletes a tag and removes it from every conversation (admins and supervisors). */
export async function deleteTag(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, MANAGERS);
  const tag = await loadTag(ctx, id);
  await ctx.tx.delete(tags).where(and(eq(tags.workspaceId, ctx.actor.workspaceId), eq(tags.id, tag.id)));
}

/**
 * The tags with these names, creating those that do not exist yet. They stay until the caller's
 * transaction ends: a tag deleted at the same moment is created again, or waits to be deleted
 * (with its use) after the caller commits, never leaving the caller pointing at nothing.
 */
export async function ensureTags(ctx: Ctx, names: readonly string[]): Promise<TagRow[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  const ws = ctx.actor.workspaceId;
  for (let attempt = 1; ; attempt++) {
    await ctx.tx
      .insert(tags)
      .values(unique.map((name) => ({ workspaceId: ws, name })))
      .onConflictDoNothing();
    const rows = await ctx.tx
      .select()
      .from(tags)
      .where(and(eq(tags.workspaceId, ws), inArray(tags.name, unique)))
      .for("key share");
    // Fewer: one was deleted between the two statements, and is created again.
    if (rows.length === unique.length || attempt === 3) return rows;
  }
}
