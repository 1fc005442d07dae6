import { and, eq, isNotNull, ne } from "drizzle-orm";
import { emailChannels, emailDomains } from "../../db/schema/index.js";
import { hasSeveralWorkspaces } from "../../lib/installation.js";
import { AppError } from "../../lib/app-error.js";
import type { Ctx } from "../../core/context.js";

/** What a workspace is told of an address another one has: only that it cannot have it. */
export function addressUnavailable(): AppError {
  return new AppError("CONFLICT", "This address is unavailable.", [{ path: "address", message: "is unavailable", code: "taken" }]);
}

export const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1);

/** The TXT record that proves a domain for a workspace. */
export function dnsProofRecord(domain: string, token: string): { name: string; value: string } {
  return { name: `_atende.${domain}`, value: `atende-verification=${token}` };
}

/** Whether another workspace has proven this address, or its domain. */
export async function claimedElsewhere(ctx: Ctx, address: string): Promise<boolean> {
  const ws = ctx.actor.workspaceId;
  const [byAddress] = await ctx.tx
    .select({ id: emailChannels.id })
    .from(emailChannels)
    .where(and(eq(emailChannels.address, address), isNotNull(emailChannels.verifiedAt), ne(emailChannels.workspaceId, ws)))
    .limit(1);
  if (byAddress) return true;
  const [byDomain] = await ctx.tx
    .select({ id: emailDomains.id })
    .from(emailDomains)
    .where(and(eq(emailDomains.domain, domainOf(address)), isNotNull(emailDomains.verifiedAt), ne(emailDomains.workspaceId, ws)))
    .limit(1);
  return byDomain !== undefined;
}

/** Whether addresses must be proven here: always, never, or (auto) once the installation has several workspaces. */
async function proofRequired(ctx: Ctx): Promise<boolean> {
  if (ctx.config.addressProof !== "auto") return ctx.config.addressProof === "required";
  return hasSeveralWorkspaces(ctx.tx);
}

/**
 * How a new address starts: proven already when no proof is asked (one workspace) or when the
 * workspace has proven its domain; otherwise unproven, receiving nothing until it is.
 */
export async function initialProof(ctx: Ctx, address: string): Promise<{ verifiedAt: Date | null; verifiedBy: string | null }> {
  if (!(await proofRequired(ctx))) return { verifiedAt: new Date(), verifiedBy: "not-required" };
  const [domain] = await ctx.tx
    .select({ id: emailDomains.id })
    .from(emailDomains)
    .where(and(eq(emailDomains.workspaceId, ctx.actor.workspaceId), eq(emailDomains.domain, domainOf(address)), isNotNull(emailDomains.verifiedAt)));
  return domain ? { verifiedAt: new Date(), verifiedBy: "dns" } : { verifiedAt: null, verifiedBy: null };
}
