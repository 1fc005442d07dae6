import { and, asc, eq, ne } from "drizzle-orm";
import type { AgentDto, CreateAgentBody, UpdateAgentBody, UpdatedMeDto, UpdateMeBody } from "@atende/shared";
import type { Executor } from "../../db/client.js";
import { agents, workspaces } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { hashPassword, verifyPassword } from "../../lib/password.js";
import type { Ctx } from "../../core/context.js";
import { ADMINS, requireRole } from "../policy.js";
import { toAgentDto } from "./presenter.js";
import { agentIdOf } from "../auth/service.js";
import { endCredentials } from "../auth/credentials.js";

type AgentRow = typeof agents.$inferSelect;

/** Inserts an agent; used by the API, the CLI and first-start bootstrap. E-mail taken → CONFLICT. */
export async function insertAgent(db: Executor, workspaceId: string, body: CreateAgentBody): Promise<AgentRow> {
  const passwordHash = await hashPassword(body.password);
  const [row] = await db
    .insert(agents)
    .values({ workspaceId, email: body.email, name: body.name, role: body.role, locale: body.locale ?? null, passwordHash })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw new AppError("CONFLICT", "An agent with this e-mail already exists in the workspace.", [
      { path: "email", message: "is already used by another agent", code: "taken" },
    ]);
  }
  return row;
}

/** Loads an agent of the actor's workspace or throws NOT_FOUND. */
export async function loadAgent(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<AgentRow> {
  const query = ctx.tx
    .select()
    .from(agents)
    .where(and(eq(agents.workspaceId, ctx.actor.workspaceId), eq(agents.id, id)));
  const [row] = await (opts.forUpdate ? query.for("no key update") : query);
  if (!row) throw AppError.notFound("Agent");
  return row;
}

/** Lists the workspace's agents by name. */
export async function listAgents(ctx: Ctx): Promise<AgentDto[]> {
  const rows = await ctx.tx
    .select()
    .from(agents)
    .where(eq(agents.workspaceId, ctx.actor.workspaceId))
    .orderBy(asc(agents.name));
  return rows.map(toAgentDto);
}

/** Creates an agent (admins only). */
export async function createAgent(ctx: Ctx, body: CreateAgentBody): Promise<AgentDto> {
  requireRole(ctx.actor, ADMINS);
  return toAgentDto(await insertAgent(ctx.tx, ctx.actor.workspaceId, body));
}

async function otherActiveAdmins(ctx: Ctx, agentId: string): Promise<number> {
  // Serialises admin changes within the workspace: two admins demoting each other at once must not both succeed.
  await ctx.tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.actor.workspaceId))
    .for("no key update");
  const rows = await ctx.tx
    .select({ id: agents.id })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, ctx.actor.workspaceId),
        eq(agents.role, "admin"),
        eq(agents.active, true),
        ne(agents.id, agentId),
      ),
    );
  return rows.length;
}

/** Edits an agent (admins only); the last active admin cannot be demoted or deactivated. */
export async function updateAgent(ctx: Ctx, id: string, body: UpdateAgentBody): Promise<AgentDto> {
  requireRole(ctx.actor, ADMINS);
  const agent = await loadAgent(ctx, id, { forUpdate: true });
  const losesAdmin = agent.role === "admin" && ((body.role && body.role !== "admin") || body.active === false);
  if (losesAdmin && (await otherActiveAdmins(ctx, id)) === 0) {
    throw new AppError("CONFLICT", "The workspace needs at least one active admin.", [
      { path: body.active === false ? "active" : "role", message: "would leave the workspace without an admin", code: "last_admin" },
    ]);
  }
  const { password, ...changes } = body;
  const set: Partial<typeof agents.$inferInsert> = { ...changes, ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }) };
  const [row] = await ctx.tx.update(agents).set(set).where(and(eq(agents.workspaceId, ctx.actor.workspaceId), eq(agents.id, agent.id))).returning();
  if (!row) throw AppError.notFound("Agent");
  // Deactivated, or a password set by an admin (the agent forgot theirs, or it leaked): whoever was
  // signed in as them, or holds a link or (deactivated) a token of theirs, is no longer.
  const deactivated = agent.active && !row.active;
  if (deactivated || password !== undefined) await endCredentials(ctx, row, { deactivated });
  // Their open connections were allowed by what they were: they end, and come back as what they are.
  if (!deactivated && (row.active !== agent.active || row.role !== agent.role)) ctx.endAccess({ workspaceId: row.workspaceId, agentId: row.id, ended: "all" });
  return toAgentDto(row);
}

/**
 * Lets agents change their own name, availability, language and password. A new password ends every
 * other session of the agent (`keepSession` is the one asking, if it is a session) and every reset
 * link mailed before it; API tokens stay until revoked. Says how many sessions it ended.
 */
export async function updateMe(ctx: Ctx, body: UpdateMeBody, keepSession: string | null): Promise<UpdatedMeDto> {
  // One change of an agent at a time: a second password change checks the current password the first set.
  const me = await loadAgent(ctx, agentIdOf(ctx.actor), { forUpdate: true });
  const { password, currentPassword, ...profile } = body;
  const changes: Partial<typeof agents.$inferInsert> = { ...profile };
  if (password !== undefined) {
    if (!(await verifyPassword(me.passwordHash, currentPassword ?? ""))) {
      throw AppError.invalidField("currentPassword", "is not your current password", "wrong_password");
    }
    changes.passwordHash = await hashPassword(password);
  }
  const [row] = await ctx.tx.update(agents).set(changes).where(and(eq(agents.workspaceId, ctx.actor.workspaceId), eq(agents.id, me.id))).returning();
  if (!row) throw AppError.notFound("Agent");
  if (password === undefined) return toAgentDto(row);
  return { ...toAgentDto(row), otherSessionsEnded: await endCredentials(ctx, me, { keepSession }) };
}
