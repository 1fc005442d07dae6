import { and, asc, eq, getTableColumns } from "drizzle-orm";
import type { CreateInboxBody, InboxDto, UpdateInboxBody } from "@atende/shared";
import type { Config } from "../../config.js";
import { emailChannels, inboxes } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { createSecretBox } from "../../lib/secret-box.js";
import type { Ctx } from "../context.js";
import { ADMINS, requireRole } from "../policy.js";

type MailServer = NonNullable<typeof emailChannels.$inferSelect.smtp>;
type InboxRow = typeof inboxes.$inferSelect & {
  address: string | null;
  smtp: MailServer | null;
  smtpPassword: string | null;
  imap: (MailServer & { mailbox: string }) | null;
  imapPassword: string | null;
};

function toInboxDto(row: InboxRow): InboxDto {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    address: row.address,
    smtp: row.smtp ? { ...row.smtp, hasPassword: row.smtpPassword !== null } : null,
    imap: row.imap ? { ...row.imap, hasPassword: row.imapPassword !== null } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function selectInboxes(ctx: Ctx) {
  const { address, smtp, smtpPassword, imap, imapPassword } = getTableColumns(emailChannels);
  return ctx.tx
    .select({ ...getTableColumns(inboxes), address, smtp, smtpPassword, imap, imapPassword })
    .from(inboxes)
    .leftJoin(emailChannels, eq(emailChannels.inboxId, inboxes.id));
}

/** Loads an inbox of the actor's workspace or throws NOT_FOUND. */
export async function loadInbox(ctx: Ctx, id: string): Promise<InboxRow> {
  const [row] = await selectInboxes(ctx).where(and(eq(inboxes.workspaceId, ctx.actor.workspaceId), eq(inboxes.id, id)));
  if (!row) throw AppError.notFound("Inbox");
  return row;
}

/** Lists the workspace's inboxes by name. */
export async function listInboxes(ctx: Ctx): Promise<InboxDto[]> {
  const rows = await selectInboxes(ctx).where(eq(inboxes.workspaceId, ctx.actor.workspaceId)).orderBy(asc(inboxes.name));
  return rows.map(toInboxDto);
}

/** Returns one inbox. */
export async function getInbox(ctx: Ctx, id: string): Promise<InboxDto> {
  return toInboxDto(await loadInbox(ctx, id));
}

/** A mail server's settings for storage: the password sealed with the secret key, never in clear. */
function mailServer<S extends { user?: string | undefined; password?: string | undefined }>(
  config: Config,
  server: S,
  path: string,
): { settings: Omit<S, "user" | "password"> & { user: string | null }; password: string | null } {
  const { password, user, ...settings } = server;
  if (password !== undefined && !config.secretKey) {
    throw AppError.invalidField(`${path}.password`, "cannot be stored until ATENDE_SECRET_KEY is set on every Atende process");
  }
  const sealed = password !== undefined && config.secretKey ? createSecretBox(config.secretKey).seal(password) : null;
  return { settings: { ...settings, user: user ?? null }, password: sealed };
}

/** Creates an inbox (admins only); an e-mail inbox with its address and mail servers. */
export async function createInbox(ctx: Ctx, body: CreateInboxBody): Promise<InboxDto> {
  requireRole(ctx.actor, ADMINS);
  const [row] = await ctx.tx
    .insert(inboxes)
    .values({ workspaceId: ctx.actor.workspaceId, name: body.name, channel: body.channel })
    .returning();
  if (!row) throw new Error("inbox insert returned no row");
  if (body.address === undefined) {
    return toInboxDto({ ...row, address: null, smtp: null, smtpPassword: null, imap: null, imapPassword: null });
  }
  const smtp = body.smtp ? mailServer(ctx.config, body.smtp, "smtp") : null;
  const imap = body.imap ? mailServer(ctx.config, body.imap, "imap") : null;
  const [channel] = await ctx.tx
    .insert(emailChannels)
    .values({
      workspaceId: ctx.actor.workspaceId,
      inboxId: row.id,
      address: body.address,
      smtp: smtp?.settings ?? null,
      smtpPassword: smtp?.password ?? null,
      imap: imap?.settings ?? null,
      imapPassword: imap?.password ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!channel) {
    throw new AppError("CONFLICT", "Another inbox already receives mail at this address.", [
      { path: "address", message: "is already used by another inbox" },
    ]);
  }
  return toInboxDto({ ...row, ...channel, id: row.id, createdAt: row.createdAt });
}

/** Renames an inbox (admins only). */
export async function updateInbox(ctx: Ctx, id: string, body: UpdateInboxBody): Promise<InboxDto> {
  requireRole(ctx.actor, ADMINS);
  const inbox = await loadInbox(ctx, id);
  if (Object.keys(body).length === 0) return toInboxDto(inbox);
  const [row] = await ctx.tx.update(inboxes).set(body).where(eq(inboxes.id, inbox.id)).returning();
  if (!row) throw AppError.notFound("Inbox");
  return toInboxDto({ ...inbox, ...row });
}
