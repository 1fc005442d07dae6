import { and, desc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { ApiTokenDto, CreatedApiTokenDto, LoginBody, SessionDto } from "@atende/shared";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { agents, apiTokens, sessions, workspaces } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { DUMMY_HASH, verifyPassword } from "../../lib/password.js";
import { digest, newSecret } from "../../lib/secret-token.js";
import { toAgentDto } from "../agents/presenter.js";
import type { Actor, Ctx } from "../../core/context.js";
import type { AccessEnded } from "../../events/bus.js";
import { toWorkspaceDto } from "../workspaces/service.js";
import { eventCursorNow } from "../../realtime/replay.js";

type AgentRow = typeof agents.$inferSelect;

const WRONG_CREDENTIALS = "The e-mail or the password is wrong.";

function actorOf(agent: AgentRow): Actor {
  return {
    workspaceId: agent.workspaceId,
    type: "agent",
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    locale: agent.locale ?? "en", // for what the server writes them (mail) until they choose
  };
}

/** The acting agent's id; the system actor has none. */
export function agentIdOf(actor: Actor): string {
  if (actor.id === null) throw AppError.forbidden("Only an agent can do this.");
  return actor.id;
}

/**
 * Password checks every sign-in makes at the least, so that its time does not tell in how many
 * workspaces an address is an agent: an admin who adds the address to their own workspace and signs
 * in with a wrong password takes as long whether or not another workspace has it too.
 */
const LEAST_PASSWORD_CHECKS = 2;

async function matchingAgents(db: Database, body: LoginBody): Promise<AgentRow[]> {
  const rows = await db
    .select({ agent: agents, slug: workspaces.slug, name: workspaces.name })
    .from(agents)
    .innerJoin(workspaces, eq(workspaces.id, agents.workspaceId))
    .where(and(eq(agents.email, body.email), eq(agents.active, true)));
  const candidates = rows.filter((r) => !body.workspace || r.slug === body.workspace || r.name === body.workspace);
  const verified: AgentRow[] = [];
  for (const c of candidates) {
    if (await verifyPassword(c.agent.passwordHash, body.password)) verified.push(c.agent);
  }
  for (let checks = candidates.length; checks < LEAST_PASSWORD_CHECKS; checks++) await verifyPassword(DUMMY_HASH, body.password);
  return verified;
}

/** Checks e-mail and password and opens a session; the same error for an unknown e-mail and a wrong password. */
export async function login(
  db: Database,
  body: LoginBody,
  ttlDays: number,
): Promise<{ token: string; expiresAt: Date; session: SessionDto }> {
  const verified = await matchingAgents(db, body);
  const [agent, ...others] = verified;
  if (!agent) throw new AppError("UNAUTHENTICATED", WRONG_CREDENTIALS);
  if (others.length > 0) {
    throw AppError.invalidField("workspace", "this e-mail belongs to several workspaces: name the one to sign in to");
  }
  const token = newSecret("ats");
  const csrfToken = newSecret("csrf");
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  // Only while the agent is as the password was checked against: a password changed or an agent
  // deactivated meanwhile (which ends their sessions) leaves no session behind it.
  const started = rowsOf<{ id: string }>(
    await db.execute(sql`
      INSERT INTO ${sessions} (id, workspace_id, agent_id, csrf_token, expires_at)
      SELECT ${digest(token)}, a.workspace_id, a.id, ${csrfToken}, ${expiresAt.toISOString()}::timestamptz FROM ${agents} a
      WHERE a.workspace_id = ${agent.workspaceId} AND a.id = ${agent.id} AND a.password_hash = ${agent.passwordHash} AND a.active
      FOR SHARE
      RETURNING id`),
  );
  if (started.length === 0) throw new AppError("UNAUTHENTICATED", WRONG_CREDENTIALS);
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, agent.workspaceId));
  if (!workspace) throw new Error("agent without workspace");
  return { token, expiresAt, session: { agent: toAgentDto(agent), workspace: toWorkspaceDto(workspace), csrfToken, eventCursor: eventCursorNow() } };
}

/**
 * Ends a session, if the CSRF token is the session's own (so another site cannot sign the agent out);
 * returns what ended, for its sockets to close, or null when the cookie named no live session.
 */
export async function logout(db: Database, token: string, csrfToken: string | undefined): Promise<AccessEnded | null> {
  const id = digest(token);
  const [row] = await db.select({ csrfToken: sessions.csrfToken }).from(sessions).where(eq(sessions.id, id));
  if (!row) return null;
  if (csrfToken !== row.csrfToken) throw AppError.forbidden("Missing or wrong X-CSRF-Token header; take it from the sign-in response or GET /me.");
  const [ended] = await db.delete(sessions).where(eq(sessions.id, id)).returning({ workspaceId: sessions.workspaceId, agentId: sessions.agentId });
  return ended ? { ...ended, ended: "one", credential: { kind: "session", id } } : null;
}

/** What a request proved: a session (by its id, the digest of the cookie) or an API token (by its id). */
export type Credential = { kind: "session" | "token"; id: string };

export type Authenticated = { actor: Actor; csrfToken: string | null; credential: Credential };

/** Resolves a session cookie to its agent, if the session is live and the agent active. */
export async function authenticateSession(db: Database, token: string): Promise<Authenticated | null> {
  return sessionById(db, digest(token));
}

/** A live session of an active agent, by its id (the cookie's digest). */
export async function sessionById(db: Database, id: string): Promise<Authenticated | null> {
  const [row] = await db
    .select({ agent: agents, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(agents, and(eq(agents.workspaceId, sessions.workspaceId), eq(agents.id, sessions.agentId)))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), eq(agents.active, true)));
  return row ? { actor: actorOf(row.agent), csrfToken: row.csrfToken, credential: { kind: "session", id } } : null;
}

const lastUseRecorded = new Map<string, number>();

/** Resolves a Bearer API token to the agent it acts as; records its use at most once a minute. */
export async function authenticateApiToken(db: Database, token: string): Promise<Authenticated | null> {
  const found = await liveToken(db, eq(apiTokens.tokenHash, digest(token)));
  if (!found) return null;
  const now = Date.now();
  const tokenId = found.credential.id;
  if ((lastUseRecorded.get(tokenId) ?? 0) < now - 60_000) {
    lastUseRecorded.set(tokenId, now);
    await db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(and(eq(apiTokens.workspaceId, found.actor.workspaceId), eq(apiTokens.id, tokenId)));
  }
  return found;
}

async function liveToken(db: Database, which: SQL): Promise<Authenticated | null> {
  const [row] = await db
    .select({ agent: agents, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(agents, and(eq(agents.workspaceId, apiTokens.workspaceId), eq(agents.id, apiTokens.agentId)))
    .where(and(which, isNull(apiTokens.revokedAt), eq(agents.active, true)));
  return row ? { actor: actorOf(row.agent), csrfToken: null, credential: { kind: "token", id: row.tokenId } } : null;
}

/**
 * Looks a credential up again, past any cache: what an open socket checks now and then, so that it
 * ends within a minute of its session or token, whatever node ended it.
 */
export function recheckCredential(db: Database, credential: Credential): Promise<Authenticated | null> {
  return credential.kind === "session" ? sessionById(db, credential.id) : liveToken(db, eq(apiTokens.id, credential.id));
}

/** Loads the acting agent with their workspace, for `GET /me`. */
export async function currentSession(ctx: Ctx, csrfToken: string): Promise<SessionDto> {
  const [row] = await ctx.tx
    .select({ agent: agents, workspace: workspaces })
    .from(agents)
    .innerJoin(workspaces, eq(workspaces.id, agents.workspaceId))
    .where(and(eq(agents.id, agentIdOf(ctx.actor)), eq(agents.workspaceId, ctx.actor.workspaceId)));
  if (!row) throw AppError.notFound("Agent");
  return { agent: toAgentDto(row.agent), workspace: toWorkspaceDto(row.workspace), csrfToken, eventCursor: eventCursorNow() };
}

function toApiTokenDto(row: typeof apiTokens.$inferSelect): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates an API token acting as the current agent; the secret is returned this once only. */
export async function createApiToken(ctx: Ctx, name: string): Promise<CreatedApiTokenDto> {
  const token = newSecret("atk");
  const [row] = await ctx.tx
    .insert(apiTokens)
    .values({ workspaceId: ctx.actor.workspaceId, agentId: agentIdOf(ctx.actor), name, tokenHash: digest(token) })
    .returning();
  if (!row) throw new Error("api token insert returned no row");
  return { ...toApiTokenDto(row), token };
}

/** Lists the current agent's live API tokens (without their secrets). */
export async function listApiTokens(ctx: Ctx): Promise<ApiTokenDto[]> {
  const rows = await ctx.tx
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.actor.workspaceId),
        eq(apiTokens.agentId, agentIdOf(ctx.actor)),
        isNull(apiTokens.revokedAt),
      ),
    )
    .orderBy(desc(apiTokens.id));
  return rows.map(toApiTokenDto);
}

/** Revokes one of the current agent's API tokens. */
export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  const rows = await ctx.tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.actor.workspaceId),
        eq(apiTokens.agentId, agentIdOf(ctx.actor)),
        eq(apiTokens.id, id),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw AppError.notFound("API token");
  ctx.endAccess({ workspaceId: ctx.actor.workspaceId, agentId: agentIdOf(ctx.actor), ended: "one", credential: { kind: "token", id } });
}
