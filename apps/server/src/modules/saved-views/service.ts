import { and, asc, eq, or, sql, type SQL } from "drizzle-orm";
import type { CreateSavedViewBody, SavedViewCountsDto, SavedViewDto, SavedViewFilters, UpdateSavedViewBody } from "@atende/shared";
import { agents, inboxes, savedViews, teams } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import type { Actor, Ctx } from "../../core/context.js";
import { countLists } from "../conversations/service.js";
import { toSavedViewDto, type SavedViewWithOwner } from "./presenter.js";

type SavedViewRow = typeof savedViews.$inferSelect;

/** The agent acting: saved views belong to agents, so the system has none. */
function agentOf(actor: Actor): string {
  if (actor.id === null) throw AppError.forbidden("Only agents have saved views.");
  return actor.id;
}

/** The views this agent sees: their own and the workspace's shared ones. */
function visibleTo(actor: Actor): SQL | undefined {
  return and(eq(savedViews.workspaceId, actor.workspaceId), or(eq(savedViews.ownerId, agentOf(actor)), eq(savedViews.shared, true)));
}

function selectWithOwner(ctx: Ctx) {
  return ctx.tx
    .select({ view: savedViews, owner: { id: agents.id, name: agents.name, email: agents.email } })
    .from(savedViews)
    .innerJoin(agents, and(eq(agents.workspaceId, savedViews.workspaceId), eq(agents.id, savedViews.ownerId)));
}

function nameTaken(): AppError {
  return new AppError("CONFLICT", "You already have a saved view with this name.", [
    { path: "name", message: "is already the name of another of your saved views", code: "taken" },
  ]);
}

/** A view the actor sees (404 for anyone else's personal view, as for another workspace's). */
async function loadVisible(ctx: Ctx, id: string): Promise<SavedViewRow> {
  const [row] = await ctx.tx
    .select()
    .from(savedViews)
    .where(and(visibleTo(ctx.actor), eq(savedViews.id, id)));
  if (!row) throw AppError.notFound("Saved view");
  return row;
}

/** A view the actor may change: their own, or a shared one when they are an admin (403 for others who see it). */
async function loadEditable(ctx: Ctx, id: string): Promise<SavedViewRow> {
  const row = await loadVisible(ctx, id);
  if (!mayEdit(ctx.actor, row)) throw AppError.forbidden("Only its owner or an admin may change a shared view.");
  return row;
}

function mayEdit(actor: Actor, row: Pick<SavedViewRow, "ownerId" | "shared">): boolean {
  return row.ownerId === actor.id || (row.shared && actor.role === "admin");
}

/** Refuses filters that name an inbox, team or agent this workspace does not have, naming the field. */
async function checkFilters(ctx: Ctx, filters: SavedViewFilters): Promise<void> {
  const ws = ctx.actor.workspaceId;
  const missing = async (table: typeof inboxes | typeof teams | typeof agents, id: string | undefined) => {
    if (id === undefined) return false;
    const [found] = await ctx.tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.workspaceId, ws), eq(table.id, id)));
    return !found;
  };
  if (await missing(inboxes, filters.inboxId)) throw AppError.invalidField("filters.inboxId", "no inbox with this id", "not_found");
  if (await missing(teams, filters.teamId)) throw AppError.invalidField("filters.teamId", "no team with this id", "not_found");
  const agentId = filters.assigneeId === "me" || filters.assigneeId === "none" ? undefined : filters.assigneeId;
  if (await missing(agents, agentId)) throw AppError.invalidField("filters.assigneeId", "no agent with this id", "not_found");
}

async function withOwner(ctx: Ctx, id: string): Promise<SavedViewDto> {
  const [row] = await selectWithOwner(ctx).where(and(eq(savedViews.workspaceId, ctx.actor.workspaceId), eq(savedViews.id, id)));
  if (!row) throw AppError.notFound("Saved view");
  return present(ctx, row);
}

const present = (ctx: Ctx, row: SavedViewWithOwner) => toSavedViewDto(row, mayEdit(ctx.actor, row.view));

/** The agent's own saved views and the workspace's shared ones, by name (any case). */
export async function listSavedViews(ctx: Ctx): Promise<SavedViewDto[]> {
  const rows = await selectWithOwner(ctx)
    .where(visibleTo(ctx.actor))
    .orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.id));
  return rows.map((row) => present(ctx, row));
}

/** How many conversations each saved view the agent sees holds now, in one pass over the conversations. */
export async function countSavedViews(ctx: Ctx): Promise<SavedViewCountsDto> {
  const rows = await ctx.tx.select({ id: savedViews.id, filters: savedViews.filters }).from(savedViews).where(visibleTo(ctx.actor));
  return countLists(ctx, new Map(rows.map((row) => [row.id, row.filters])));
}

/** Saves a view for the agent (any agent may; `shared` shows it to the whole workspace). */
export async function createSavedView(ctx: Ctx, body: CreateSavedViewBody): Promise<SavedViewDto> {
  const ownerId = agentOf(ctx.actor);
  await checkFilters(ctx, body.filters);
  const [row] = await ctx.tx
    .insert(savedViews)
    .values({ workspaceId: ctx.actor.workspaceId, ownerId, name: body.name, filters: body.filters, shared: body.shared })
    .onConflictDoNothing()
    .returning({ id: savedViews.id });
  if (!row) throw nameTaken();
  return withOwner(ctx, row.id);
}

/** Renames a saved view, replaces its filters or (un)shares it: its owner, or an admin when it is shared. */
export async function updateSavedView(ctx: Ctx, id: string, body: UpdateSavedViewBody): Promise<SavedViewDto> {
  const view = await loadEditable(ctx, id);
  if (body.filters) await checkFilters(ctx, body.filters);
  await ctx.tx
    .update(savedViews)
    .set(body)
    .where(and(eq(savedViews.workspaceId, ctx.actor.workspaceId), eq(savedViews.id, view.id)))
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
  return withOwner(ctx, view.id);
}

/** Deletes a saved view: its owner, or an admin when it is shared. */
export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  const view = await loadEditable(ctx, id);
  await ctx.tx.delete(savedViews).where(and(eq(savedViews.workspaceId, ctx.actor.workspaceId), eq(savedViews.id, view.id)));
}
