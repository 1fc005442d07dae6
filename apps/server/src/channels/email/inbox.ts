import { and, eq } from "drizzle-orm";
import type { CreateInboxBody } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import { emailChannels } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { addressUnavailable, claimedElsewhere, initialProof } from "../../modules/inboxes/address-claims.js";
import { mailServer } from "../../modules/inboxes/mail-servers.js";

/** An e-mail inbox's channel: its address (proven, or waiting for proof), its mail servers and signature. */
export async function createEmailChannel(ctx: Ctx, inboxId: string, body: CreateInboxBody): Promise<void> {
  const { address } = body;
  if (address === undefined) throw AppError.invalidField("address", "is required for an e-mail inbox", "required");
  const smtp = body.smtp ? await mailServer(ctx, body.smtp, "smtp") : null;
  const imap = body.imap ? await mailServer(ctx, body.imap, "imap") : null;
  const [mine] = await ctx.tx
    .select({ id: emailChannels.id })
    .from(emailChannels)
    .where(and(eq(emailChannels.workspaceId, ctx.actor.workspaceId), eq(emailChannels.address, address)));
  if (mine) {
    throw new AppError("CONFLICT", "Another inbox of this workspace already receives mail at this address.", [
      { path: "address", message: "is already used by another inbox", code: "taken" },
    ]);
  }
  if (await claimedElsewhere(ctx, address)) throw addressUnavailable();
  const proof = await initialProof(ctx, address);
  const [channel] = await ctx.tx
    .insert(emailChannels)
    .values({
      workspaceId: ctx.actor.workspaceId,
      inboxId,
      address: address,
      ...proof,
      smtp: smtp?.settings ?? null,
      smtpPassword: smtp?.password ?? null,
      imap: imap?.settings ?? null,
      imapPassword: imap?.password ?? null,
      signature: body.signature ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: emailChannels.id });
  if (!channel) throw addressUnavailable(); // proven by another workspace a moment ago
}

