import { eq, like, or } from "drizzle-orm";
import { slugify, type EventPayload, type UpdateWorkspaceBody, type WorkspaceDto } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import { AppError } from "../../lib/app-error.js";
import { ADMINS, requireRole } from "../policy.js";
import type { Executor } from "../../db/client.js";
import { holdNamedLock } from "../../db/named-lock.js";
import { workspaces } from "../../db/schema/index.js";

type WorkspaceRow = typeof workspaces.$inferSelect;

export function toWorkspaceDto(row: WorkspaceRow): WorkspaceDto {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.timeZone,
    defaultLocale: row.defaultLocale,
    brandColor: row.brandColor,
    logoUrl: row.logoUrl,
    helpCenterUrl: `/help/${row.slug}`,
  };
}

/** Finds a workspace by its exact name or its slug. */
export async function findWorkspace(db: Executor, nameOrSlug: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db
    .select()
    .from(workspaces)
    .where(or(eq(workspaces.name, nameOrSlug), eq(workspaces.slug, nameOrSlug)))
    .limit(1);
  return row;
}

/** Creates a workspace with a unique slug derived from its name (in a transaction, workspaces named alike at once choose one at a time). */
export async function createWorkspace(db: Executor, name: string): Promise<WorkspaceRow> {
  const base = slugify(name, "workspace");
  await holdNamedLock(db, `workspace-slug:${base}`);
  const taken = new Set(
    (await db.select({ slug: workspaces.slug }).from(workspaces).where(like(workspaces.slug, `${base}%`))).map(
      (r) => r.slug,
    ),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${String(n)}`;
  const [row] = await db.insert(workspaces).values({ name, slug }).returning();
  if (!row) throw new Error("workspace insert returned no row");
  return row;
}

/** The actor's workspace. */
export async function getWorkspace(ctx: Ctx): Promise<WorkspaceDto> {
  const [row] = await ctx.tx.select().from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId));
  if (!row) throw AppError.notFound("Workspace");
  return toWorkspaceDto(row);
}

/** Admins change the workspace's name, time zone, default language and help-center branding; `workspace.updated` says what changed. */
export async function updateWorkspace(ctx: Ctx, body: UpdateWorkspaceBody): Promise<WorkspaceDto> {
  requireRole(ctx.actor, ADMINS);
  const [before] = await ctx.tx.select().from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId)).for("update");
  if (!before) throw AppError.notFound("Workspace");
  const changes: EventPayload<"workspace.updated">["changes"] = {};
  if (body.name !== undefined && body.name !== before.name) changes.name = { from: before.name, to: body.name };
  if (body.timeZone !== undefined && body.timeZone !== before.timeZone) changes.timeZone = { from: before.timeZone, to: body.timeZone };
  if (body.defaultLocale !== undefined && body.defaultLocale !== before.defaultLocale) changes.defaultLocale = { from: before.defaultLocale, to: body.defaultLocale };
  if (body.brandColor !== undefined && body.brandColor !== before.brandColor) changes.brandColor = { from: before.brandColor, to: body.brandColor };
  if (body.logoUrl !== undefined && body.logoUrl !== before.logoUrl) changes.logoUrl = { from: before.logoUrl, to: body.logoUrl };
  if (Object.keys(changes).length === 0) return toWorkspaceDto(before);
  const [row] = await ctx.tx
    .update(workspaces)
    .set({
      ...(changes.name ? { name: changes.name.to } : {}),
      ...(changes.timeZone ? { timeZone: changes.timeZone.to } : {}),
      ...(changes.defaultLocale ? { defaultLocale: changes.defaultLocale.to } : {}),
      ...(changes.brandColor ? { brandColor: changes.brandColor.to } : {}),
      ...(changes.logoUrl ? { logoUrl: changes.logoUrl.to } : {}),
    })
    .where(eq(workspaces.id, before.id))
    .returning();
  if (!row) throw AppError.notFound("Workspace");
  await ctx.emit({ type: "workspace.updated", payload: { changes } });
  return toWorkspaceDto(row);
}
