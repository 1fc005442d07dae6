import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { Resolver } from "node:dns/promises";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { composeAddressProof, type ConfirmAddressProofBody, type InboxDto, type StartAddressProofBody } from "@atende/shared";
import type { Config } from "../../config.js";
import { emailChannels, emailDomains, workspaces } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import { digest } from "../../lib/secret-token.js";
import { countSystemMail, sendSystemMail, SystemMailLimit, uncountSystemMail, type SystemMessage } from "../../lib/system-mail.js";
import type { Actor, Ctx, Runtime } from "../../core/context.js";
import { ADMINS, requireRole } from "../policy.js";
import { addressUnavailable, claimedElsewhere, dnsProofRecord, domainOf } from "./address-claims.js";
import { getInbox, loadInbox, type InboxRow } from "./service.js";

/** How long a mailed code counts, how many tries it allows, and how soon another may be sent. */
const CODE_TTL_MS = 60 * 60_000;
const CODE_TRIES = 5;
const RESEND_AFTER_MS = 60_000;
const codeDigest = (channelId: string, code: string) => digest(`address:${channelId}:${code}`);

/** An e-mail inbox whose address is not proven yet, or the reason it cannot be proven here. */
async function unproven(ctx: Ctx, id: string): Promise<InboxRow & { channelId: string; address: string }> {
  requireRole(ctx.actor, ADMINS);
  const inbox = await loadInbox(ctx, id, { forUpdate: true }); // one proof step at a time (a code a minute)
  if (!inbox.channelId || !inbox.address) throw AppError.invalidField("id", "is not an e-mail inbox");
  if (inbox.verifiedAt) throw new AppError("CONFLICT", "This address is proven already.");
  if (await claimedElsewhere(ctx, inbox.address)) throw addressUnavailable();
  return { ...inbox, channelId: inbox.channelId, address: inbox.address };
}

/**
 * Starts proving an inbox's address (admins): `code` mails a 6-digit code to the address through
 * Atende's own mail server (one a minute at most), never the inbox's: a server the workspace names
 * could keep the code from ever reaching the address; `dns` gives the TXT record to put on its domain.
 * The code is claimed in one transaction and mailed after it commits, so that no lock or connection
 * waits on a mail server; a code that could not be sent gives the inbox back the one it had.
 */
export async function startAddressProof(runtime: Runtime, actor: Actor, id: string, body: StartAddressProofBody): Promise<InboxDto> {
  if (body.method === "dns") return runtime.transact(actor, (ctx) => startDnsProof(ctx, id));
  const claim = await runtime.transact(actor, (ctx) => claimCode(ctx, id));
  try {
    await sendSystemMail(runtime.config, claim.message);
  } catch (err) {
    await runtime.transact(actor, (ctx) => giveBack(ctx, claim));
    // Why stays in the log (with the error handler's 503): a server's own answer is no business of the caller's.
    throw Object.assign(new AppError("UNAVAILABLE", "The code could not be sent just now; try again in a few minutes, or use dns."), { cause: err });
  }
  return runtime.read(actor, (ctx) => getInbox(ctx, id));
}

async function startDnsProof(ctx: Ctx, id: string): Promise<InboxDto> {
  const inbox = await unproven(ctx, id);
  await ctx.tx
    .insert(emailDomains)
    .values({ workspaceId: ctx.actor.workspaceId, domain: domainOf(inbox.address), token: randomBytes(16).toString("hex") })
    .onConflictDoNothing();
  return getInbox(ctx, id);
}

/** The code an inbox was given, the one it had before, and the mail that carries the new one. */
type CodeClaim = { channelId: string; digest: string; counted: string; before: { digest: string | null; sentAt: Date | null; attempts: number }; message: SystemMessage };

async function claimCode(ctx: Ctx, id: string): Promise<CodeClaim> {
  const inbox = await unproven(ctx, id);
  if (!ctx.config.systemMail) {
    throw AppError.invalidField("method", "needs Atende's own mail server (ATENDE_SYSTEM_SMTP_URL) to mail the code; use dns, or ask whoever runs Atende to set it", "system_mail_missing");
  }
  const thisChannel = and(eq(emailChannels.workspaceId, ctx.actor.workspaceId), eq(emailChannels.id, inbox.channelId));
  const [before] = await ctx.tx
    .select({ digest: emailChannels.proofCodeDigest, sentAt: emailChannels.proofCodeSentAt, attempts: emailChannels.proofCodeAttempts })
    .from(emailChannels)
    .where(thisChannel);
  if (before?.sentAt && before.sentAt.getTime() > Date.now() - RESEND_AFTER_MS) {
    throw new AppError("RATE_LIMITED", "A code was sent less than a minute ago; check that mailbox, or ask again in a minute.");
  }
  const counted = await countSystemMail(ctx.tx, ctx.config.systemMailLimits, { workspaceId: ctx.actor.workspaceId, kind: "address_proof", to: inbox.address }).catch((err: unknown) => {
    throw err instanceof SystemMailLimit ? new AppError("RATE_LIMITED", `${err.message}; ask again later, or use dns.`) : err;
  });
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const newDigest = codeDigest(inbox.channelId, code);
  await ctx.tx.update(emailChannels).set({ proofCodeDigest: newDigest, proofCodeSentAt: new Date(), proofCodeAttempts: 0 }).where(thisChannel);
  const [workspace] = await ctx.tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId));
  const { subject, text } = composeAddressProof({ address: inbox.address, workspace: workspace?.name ?? "", code, locale: ctx.actor.locale });
  return {
    channelId: inbox.channelId,
    digest: newDigest,
    counted,
    before: { digest: before?.digest ?? null, sentAt: before?.sentAt ?? null, attempts: before?.attempts ?? 0 },
    message: { to: inbox.address, subject, text },
  };
}

/** A code that was never sent: the inbox has the one it had before (unless another came since). */
async function giveBack(ctx: Ctx, claim: CodeClaim): Promise<void> {
  await uncountSystemMail(ctx.tx, ctx.actor.workspaceId, claim.counted);
  await ctx.tx
    .update(emailChannels)
    .set({ proofCodeDigest: claim.before.digest, proofCodeSentAt: claim.before.sentAt, proofCodeAttempts: claim.before.attempts })
    .where(and(eq(emailChannels.workspaceId, ctx.actor.workspaceId), eq(emailChannels.id, claim.channelId), eq(emailChannels.proofCodeDigest, claim.digest)));
}

/** Whether the domain's `_atende` TXT record holds the workspace's token. */
async function dnsHolds(config: Config, record: { name: string; value: string }): Promise<boolean> {
  const resolver = new Resolver({ timeout: 5000, tries: 2 });
  if (config.dnsServers) resolver.setServers(config.dnsServers);
  try {
    const records = await resolver.resolveTxt(record.name);
    return records.some((chunks) => chunks.join("") === record.value);
  } catch {
    return false; // no such record (yet), or the name does not exist
  }
}

/** A try at an inbox's code, counted in a transaction of its own so that a wrong one counts too (five per code). */
export type CodeTry = { digest: string | null; sentAt: Date | null } | null;

/** Counts a try at the code mailed for an inbox's address; null once its tries are used up. */
export async function countCodeTry(ctx: Ctx, id: string): Promise<CodeTry> {
  const inbox = await unproven(ctx, id);
  const [tried] = await ctx.tx
    .update(emailChannels)
    .set({ proofCodeAttempts: sql`${emailChannels.proofCodeAttempts} + 1` })
    .where(and(eq(emailChannels.workspaceId, ctx.actor.workspaceId), eq(emailChannels.id, inbox.channelId), lt(emailChannels.proofCodeAttempts, CODE_TRIES)))
    .returning({ digest: emailChannels.proofCodeDigest, sentAt: emailChannels.proofCodeSentAt });
  return tried ?? null;
}

/**
 * Proves an inbox's address (admins) by the code mailed to it (`tried`, counted before) or by the DNS
 * record on its domain (which proves the domain: its other addresses in this workspace too). An
 * address another workspace proved meanwhile is unavailable.
 */
export async function confirmAddressProof(ctx: Ctx, id: string, body: ConfirmAddressProofBody, tried: CodeTry): Promise<InboxDto> {
  const inbox = await unproven(ctx, id);
  const now = new Date();
  try {
    if (body.method === "code") {
      const fresh = tried?.sentAt && now.getTime() - tried.sentAt.getTime() < CODE_TTL_MS;
      const [given, expected] = [Buffer.from(codeDigest(inbox.channelId, body.code ?? "")), Buffer.from(tried?.digest ?? "")];
      if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw AppError.invalidField("code", "is not the code that was sent, or it expired; send a new one", "wrong_code");
      }
      await ctx.tx
        .update(emailChannels)
        .set({ verifiedAt: now, verifiedBy: "code", proofCodeDigest: null })
        .where(and(eq(emailChannels.workspaceId, ctx.actor.workspaceId), eq(emailChannels.id, inbox.channelId)));
      return await getInbox(ctx, id);
    }
    const domain = domainOf(inbox.address);
    const [pending] = await ctx.tx
      .select({ id: emailDomains.id, token: emailDomains.token })
      .from(emailDomains)
      .where(and(eq(emailDomains.workspaceId, ctx.actor.workspaceId), eq(emailDomains.domain, domain)));
    if (!pending) throw AppError.invalidField("method", "ask for the DNS record first (start with method dns)", "dns_first");
    const record = dnsProofRecord(domain, pending.token);
    if (!(await dnsHolds(ctx.config, record))) {
      throw AppError.invalidField("method", `the TXT record ${record.name} does not hold ${record.value} yet; DNS changes can take a while`, "dns_not_yet");
    }
    await ctx.tx.update(emailDomains).set({ verifiedAt: now }).where(and(eq(emailDomains.workspaceId, ctx.actor.workspaceId), eq(emailDomains.id, pending.id)));
    await ctx.tx
      .update(emailChannels)
      .set({ verifiedAt: now, verifiedBy: "dns" })
      .where(
        and(
          eq(emailChannels.workspaceId, ctx.actor.workspaceId),
          isNull(emailChannels.verifiedAt),
          sql`split_part(${emailChannels.address}, '@', 2) = ${domain}`,
        ),
      );
    return await getInbox(ctx, id);
  } catch (err) {
    throw isUniqueViolation(err) ? addressUnavailable() : err;
  }
}
