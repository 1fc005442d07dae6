import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { composePasswordReset, LOCALES, type ConfirmPasswordResetBody, type Locale } from "@atende/shared";
import type { Config } from "../../config.js";
import { systemActor, type Runtime } from "../../core/context.js";
import { defineJob } from "../../core/jobs.js";
import { agents, passwordResetTokens, workspaces } from "../../db/schema/index.js";
import { endCredentials } from "./credentials.js";
import { AppError } from "../../lib/app-error.js";
import { hashPassword } from "../../lib/password.js";
import { digest, newSecret } from "../../lib/secret-token.js";
import { countSystemMail, sendSystemMail, SystemMailLimit, uncountSystemMail } from "../../lib/system-mail.js";

/** How long a link works, and how soon another may be mailed to the same agent. */
const LINK_TTL_MS = 60 * 60_000;
const ONE_MAIL_PER_MS = 60_000;

/** The field error of a link that was used, expired, replaced by a newer one, or never made. */
const linkInvalid = () =>
  AppError.invalidField("token", "is not a valid password reset link: it was used, it expired, or a newer one was sent; ask for a new one", "reset_link_invalid");

/** Whether this installation mails reset links: it has a mail server of its own (and the address links point to). */
export function passwordResetAvailable(config: Config): boolean {
  return config.systemMail !== null && config.publicUrl !== null;
}

const MailPayload = z.object({ email: z.string(), locale: z.enum(LOCALES) });

/**
 * Mails a reset link to each active agent with the address (one per workspace they are in). The
 * link's token is made here, in the job, so that it is written nowhere but in the e-mail (the
 * database keeps its SHA-256). An agent gets one link a minute at most; a retry after a failed
 * send finds the links already sent and sends only the others. A link over the limits of Atende's
 * own mail server (per workspace, per mailbox: `systemMailLimits`) is not made, and the log says so;
 * the request's answer is the same, as for an unknown address.
 */
async function mailResetLinks(runtime: Runtime, email: string, fallback: Locale): Promise<void> {
  const { config, db } = runtime;
  const { publicUrl } = config;
  if (!config.systemMail || !publicUrl) return; // turned off since the request: nothing to send with
  const found = await db
    .select({ agent: { id: agents.id, email: agents.email, locale: agents.locale }, workspaceId: workspaces.id, workspace: workspaces.name })
    .from(agents)
    .innerJoin(workspaces, eq(workspaces.id, agents.workspaceId))
    .where(and(eq(agents.email, email), eq(agents.active, true)));
  for (const { agent, workspaceId, workspace } of found) {
    const token = newSecret("apr");
    const tokenHash = digest(token);
    const made = await runtime.transact(systemActor(workspaceId), async (ctx): Promise<string | null> => {
      const recent = await ctx.tx
        .select({ tokenHash: passwordResetTokens.tokenHash })
        .from(passwordResetTokens)
        .where(
          and(
            eq(passwordResetTokens.workspaceId, workspaceId),
            eq(passwordResetTokens.agentId, agent.id),
            isNull(passwordResetTokens.usedAt),
            gt(passwordResetTokens.createdAt, new Date(Date.now() - ONE_MAIL_PER_MS)),
          ),
        )
        .limit(1);
      if (recent.length > 0) return null;
      const counted = await countSystemMail(ctx.tx, config.systemMailLimits, { workspaceId, kind: "password_reset", to: agent.email }).catch((err: unknown) => {
        if (!(err instanceof SystemMailLimit)) throw err;
        runtime.log.warn({ module: "auth", workspaceId, agentId: agent.id }, `a password reset link was not mailed: ${err.message}`);
        return null;
      });
      if (counted === null) return null;
      // A new link replaces every earlier one not used yet.
      await ctx.tx
        .delete(passwordResetTokens)
        .where(and(eq(passwordResetTokens.workspaceId, workspaceId), eq(passwordResetTokens.agentId, agent.id), isNull(passwordResetTokens.usedAt)));
      await ctx.tx.insert(passwordResetTokens).values({ tokenHash, workspaceId, agentId: agent.id, expiresAt: new Date(Date.now() + LINK_TTL_MS) });
      return counted;
    });
    if (made === null) continue;
    const link = `${publicUrl}/app/reset-password?token=${encodeURIComponent(token)}`;
    const { subject, text } = composePasswordReset({ email: agent.email, workspace, link, locale: agent.locale ?? fallback });
    try {
      await sendSystemMail(config, { to: agent.email, subject, text });
    } catch (err) {
      // Not sent: the retry makes a new link, unhindered by this one.
      await db.delete(passwordResetTokens).where(and(eq(passwordResetTokens.workspaceId, workspaceId), eq(passwordResetTokens.tokenHash, tokenHash)));
      await uncountSystemMail(db, workspaceId, made);
      throw err;
    }
  }
}

/** Mails the reset links of one request; one job per address may wait or run at a time. */
export const passwordResetMailJob = defineJob({
  name: "auth.password-reset-mail",
  payload: MailPayload,
  policy: "exclusive",
  key: (data) => data.email,
  handle: ({ email, locale }, runtime) => mailResetLinks(runtime, email, locale),
});

/**
 * Asks for reset links to be mailed to `email`, in the agent's language (`fallback`, from the
 * request, for an agent who chose none). Does the same whether or not any agent has the address,
 * so that the answer and its timing tell nobody who has an account: the job finds out.
 */
export async function requestPasswordReset(runtime: Runtime, email: string, fallback: Locale): Promise<void> {
  if (!passwordResetAvailable(runtime.config)) {
    throw new AppError("UNAVAILABLE", "Password reset by e-mail is not available here (this installation has no mail server of its own): ask an admin of your workspace to reset your password.");
  }
  await runtime.jobs.sendInTx(runtime.db, passwordResetMailJob, { email, locale: fallback });
  runtime.jobs.nudge(passwordResetMailJob);
}

/**
 * Sets a new password with a link's token: once, within its hour, for an agent still active. Ends
 * every session of the agent and every other link (their sockets close on every node); their API
 * tokens stay.
 */
export async function confirmPasswordReset(runtime: Runtime, body: ConfirmPasswordResetBody): Promise<void> {
  const tokenHash = digest(body.token);
  const [link] = await runtime.db
    .select({ workspaceId: passwordResetTokens.workspaceId, agentId: passwordResetTokens.agentId })
    .from(passwordResetTokens)
    .innerJoin(agents, and(eq(agents.workspaceId, passwordResetTokens.workspaceId), eq(agents.id, passwordResetTokens.agentId)))
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, new Date()), eq(agents.active, true)));
  if (!link) throw linkInvalid();
  const passwordHash = await hashPassword(body.password); // before the transaction: it takes a while
  const { workspaceId, agentId } = link;
  await runtime.transact(systemActor(workspaceId), async (ctx) => {
    // Claimed in the same statement that checks it, so two uses at once cannot both succeed.
    const claimed = await ctx.tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResetTokens.workspaceId, workspaceId),
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning({ agentId: passwordResetTokens.agentId });
    if (claimed.length === 0) throw linkInvalid();
    const changed = await ctx.tx
      .update(agents)
      .set({ passwordHash })
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId), eq(agents.active, true)))
      .returning({ id: agents.id });
    if (changed.length === 0) throw linkInvalid(); // deactivated meanwhile
    await endCredentials(ctx, { workspaceId, id: agentId });
  });
}
