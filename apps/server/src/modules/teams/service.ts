import { and, asc, eq, inArray } from "drizzle-orm";
import type { CreateTeamBody, TeamDto, UpdateTeamBody } from "@atende/shared";
import { agents, teamMembers, teams } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import type { Ctx } from "../../core/context.js";
import { MANAGERS, requireRole } from "../policy.js";

type TeamRow = typeof teams.$inferSelect;

async function present(ctx: Ctx, rows: TeamRow[]): Promise<TeamDto[]> {
  if (rows.length === 0) return [];
  const members = await ctx.tx
    .select()
    .from(teamMembers)
    .where(
      and(
        eq(teamMembers.workspaceId, ctx.actor.workspaceId),
        inArray(
          teamMembers.teamId,
          rows.map((r) => r.id),
        ),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    memberIds: members.filter((m) => m.teamId === r.id).map((m) => m.agentId),
  }));
}

/** Loads a team of the actor's workspace or throws NOT_FOUND; `forUpdate` holds it until the transaction ends. */
export async function loadTeam(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<TeamRow> {
  const query = ctx.tx
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, ctx.actor.workspaceId), eq(teams.id, id)));
  const [row] = await (opts.forUpdate ? query.for("no key update") : query);
  if (!row) throw AppError.notFound("Team");
  return row;
}

async function setMembers(ctx: Ctx, teamId: string, memberIds: string[]): Promise<void> {
  const unique = [...new Set(memberIds)];
  if (unique.length > 0) {
    const found = await ctx.tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, ctx.actor.workspaceId), inArray(agents.id, unique)));
    if (found.length !== unique.length) throw AppError.invalidField("memberIds", "names an agent that does not exist", "not_found");
  }
  await ctx.tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.workspaceId, ctx.actor.workspaceId), eq(teamMembers.teamId, teamId)));
  if (unique.length > 0) {
    await ctx.tx
      .insert(teamMembers)
      .values(unique.map((agentId) => ({ workspaceId: ctx.actor.workspaceId, teamId, agentId })));
  }
}

function duplicateName(): AppError {
  return new AppError("CONFLICT", "A team with this name already exists.", [
    { path: "name", message: "is already used by another team", code: "taken" },
  ]);
}

/** Lists teams with their members. */
export async function listTeams(ctx: Ctx): Promise<TeamDto[]> {
  const rows = await ctx.tx
    .select()
    .from(teams)
    .where(eq(teams.workspaceId, ctx.actor.workspaceId))
    .orderBy(asc(teams.name));
  return present(ctx, rows);
}

/** Returns one team with its members. */
export async function getTeam(ctx: Ctx, id: string): Promise<TeamDto> {
  const [dto] = await present(ctx, [await loadTeam(ctx, id)]);
  if (!dto) throw AppError.notFound("Team");
  return dto;
}

/** Creates a team (admins and supervisors). */
export async function createTeam(ctx: Ctx, body: CreateTeamBody): Promise<TeamDto> {
  requireRole(ctx.actor, MANAGERS);
  const [row] = await ctx.tx
    .insert(teams)
    .values({ workspaceId: ctx.actor.workspaceId, name: body.name, description: body.description ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicateName();
  await setMembers(ctx, row.id, body.memberIds);
  return getTeam(ctx, row.id);
}

/** Renames a team, changes its description or replaces its members (one edit of a team at a time: the last one's members stand). */
export async function updateTeam(ctx: Ctx, id: string, body: UpdateTeamBody): Promise<TeamDto> {
  requireRole(ctx.actor, MANAGERS);
  const team = await loadTeam(ctx, id, { forUpdate: true });
  const { memberIds, ...fields } = body;
  if (Object.keys(fields).length > 0) {
    const [row] = await ctx.tx.update(teams).set(fields).where(and(eq(teams.workspaceId, ctx.actor.workspaceId), eq(teams.id, team.id))).returning().catch((err: unknown) => {
      throw isUniqueViolation(err) ? duplicateName() : err;
    });
    if (!row) throw AppError.notFound("Team");
  }
  if (memberIds) await setMembers(ctx, team.id, memberIds);
  return getTeam(ctx, team.id);
}

/** Deletes a team; its conversations keep their assignee and lose the team. */
export async function deleteTeam(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, MANAGERS);
  const team = await loadTeam(ctx, id);
  await ctx.tx.delete(teams).where(and(eq(teams.workspaceId, ctx.actor.workspaceId), eq(teams.id, team.id)));
}

