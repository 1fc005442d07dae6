import { and, eq, isNull, ne } from "drizzle-orm";
import type { Ctx } from "../../core/context.js";
import { apiTokens, passwordResetTokens, sessions } from "../../db/schema/index.js";

/**
 * What a change of who may sign in as an agent ends, in its transaction: every session but
 * `keepSession` (the one asking for a new password of its own), every reset link not used yet (a
 * link mailed before the change would set a password the change meant to replace), and, when the
 * agent is deactivated, their API tokens (a deactivated agent leaves nothing that works if they are
 * active again). Their sockets close on every node. Says how many sessions it ended.
 */
export async function endCredentials(ctx: Ctx, agent: { workspaceId: string; id: string }, opts: { keepSession?: string | null; deactivated?: boolean } = {}): Promise<number> {
  const { workspaceId, id: agentId } = agent;
  const ended = await ctx.tx
    .delete(sessions)
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.agentId, agentId), opts.keepSession ? ne(sessions.id, opts.keepSession) : undefined))
    .returning({ id: sessions.id });
  await ctx.tx.delete(passwordResetTokens).where(and(eq(passwordResetTokens.workspaceId, workspaceId), eq(passwordResetTokens.agentId, agentId), isNull(passwordResetTokens.usedAt)));
  if (opts.deactivated) {
    await ctx.tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.agentId, agentId), isNull(apiTokens.revokedAt)));
  }
  ctx.endAccess({ workspaceId, agentId, ended: opts.deactivated ? "all" : "sessions", ...(opts.keepSession ? { keepSession: opts.keepSession } : {}) });
  return ended.length;
}
