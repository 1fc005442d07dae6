import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import {
  DEFAULT_VIRTUAL_ATTENDANT,
  type AddressProofDto,
  type AttendantFlow,
  type ChatSettings,
  type CreateInboxBody,
  type InboxDto,
  type UpdateInboxBody,
} from "@atende/shared";
import { articleTranslations, chatChannels, emailChannels, emailDomains, inboxes, teams } from "../../db/schema/index.js";
import { dnsProofRecord } from "./address-claims.js";
import { keptPassword, mailServer } from "./mail-servers.js";
import { CHANNEL_ADAPTERS } from "../../channels/registry.js";
import { newIdentitySecret } from "../../channels/chat/inbox.js";
import { AppError } from "../../lib/app-error.js";
import { createSecretBox } from "../../lib/secret-box.js";
import type { Ctx } from "../../core/context.js";
import { ADMINS, requireRole } from "../policy.js";
import { unreadablePattern } from "../virtual-attendant/flows.js";

type MailServer = NonNullable<typeof emailChannels.$inferSelect.smtp>;
type Channel = typeof emailChannels.$inferSelect;
export type InboxRow = typeof inboxes.$inferSelect &
  Pick<Channel, "smtpPassword" | "imapPassword" | "imapError" | "imapFailure" | "signature" | "proofCodeSentAt"> & {
    verifiedAt: Date | null;
    verifiedBy: string | null;
    dnsToken: string | null;
    channelId: string | null;
    address: string | null;
    smtp: MailServer | null;
    imap: (MailServer & { mailbox: string }) | null;
    chatId: string | null;
    widgetToken: string | null;
    identitySecret: string | null;
    chatSettings: ChatSettings | null;
  };

/** An inbox as the API shows it; the identity secret only in the one response that made it (`reveal`). */
function toInboxDto(ctx: Ctx, row: InboxRow, reveal: "identitySecret" | null = null): InboxDto {
  const secret =
    reveal === "identitySecret" && row.identitySecret && ctx.config.secretKey ? createSecretBox(ctx.config.secretKey).open(row.identitySecret) : null;
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    address: row.address,
    addressProof: row.channelId ? toAddressProofDto(ctx, row) : null,
    smtp: row.smtp ? { ...row.smtp, hasPassword: row.smtpPassword !== null } : null,
    imap: row.imap ? { ...row.imap, hasPassword: row.imapPassword !== null, error: row.imapError, failure: row.imapFailure } : null,
    signature: row.signature,
    chat: row.chatSettings && row.widgetToken ? { ...row.chatSettings, widgetToken: row.widgetToken, identitySecret: secret } : null,
    virtualAttendant: row.virtualAttendant,
    createdAt: row.createdAt.toISOString(),
  };
}

const PROOF_METHODS = ["code", "dns", "not-required", "existing"] as const;

function toAddressProofDto(ctx: Ctx, row: InboxRow): AddressProofDto {
  const domain = row.address?.slice(row.address.lastIndexOf("@") + 1) ?? "";
  return {
    status: row.verifiedAt ? "verified" : "unverified",
    method: PROOF_METHODS.find((m) => m === row.verifiedBy) ?? null,
    codeAvailable: ctx.config.systemMail !== null,
    codeSentAt: row.proofCodeSentAt?.toISOString() ?? null,
    dnsRecord: row.dnsToken ? dnsProofRecord(domain, row.dnsToken) : null,
  };
}

function selectInboxes(ctx: Ctx) {
  const { id: channelId, address, smtp, smtpPassword, imap, imapPassword, imapError, imapFailure, signature, verifiedAt, verifiedBy, proofCodeSentAt } =
    getTableColumns(emailChannels);
  const { id: chatId, widgetToken, identitySecret, settings: chatSettings } = getTableColumns(chatChannels);
  return ctx.tx
    .select({
      ...getTableColumns(inboxes),
      ...{ channelId, address, smtp, smtpPassword, imap, imapPassword, imapError, imapFailure, signature, verifiedAt, verifiedBy, proofCodeSentAt },
      dnsToken: emailDomains.token,
      ...{ chatId, widgetToken, identitySecret, chatSettings },
    })
    .from(inboxes)
    .leftJoin(emailChannels, and(eq(emailChannels.workspaceId, inboxes.workspaceId), eq(emailChannels.inboxId, inboxes.id)))
    .leftJoin(
      emailDomains,
      and(eq(emailDomains.workspaceId, inboxes.workspaceId), sql`${emailDomains.domain} = split_part(${emailChannels.address}, '@', 2)`),
    )
    .leftJoin(chatChannels, and(eq(chatChannels.workspaceId, inboxes.workspaceId), eq(chatChannels.inboxId, inboxes.id)));
}

/** Loads an inbox of the actor's workspace or throws NOT_FOUND; `forUpdate` holds it until the transaction ends. */
export async function loadInbox(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<InboxRow> {
  const query = selectInboxes(ctx).where(and(eq(inboxes.workspaceId, ctx.actor.workspaceId), eq(inboxes.id, id)));
  const [row] = await (opts.forUpdate ? query.for("no key update", { of: inboxes }) : query);
  if (!row) throw AppError.notFound("Inbox");
  return row;
}

/** Lists the workspace's inboxes by name. */
export async function listInboxes(ctx: Ctx): Promise<InboxDto[]> {
  const rows = await selectInboxes(ctx).where(eq(inboxes.workspaceId, ctx.actor.workspaceId)).orderBy(asc(inboxes.name));
  return rows.map((row) => toInboxDto(ctx, row));
}

/** Returns one inbox. */
export async function getInbox(ctx: Ctx, id: string): Promise<InboxDto> {
  return toInboxDto(ctx, await loadInbox(ctx, id));
}

/** Creates an inbox (admins only); an e-mail inbox with its address and mail servers. */
export async function createInbox(ctx: Ctx, body: CreateInboxBody): Promise<InboxDto> {
  requireRole(ctx.actor, ADMINS);
  const [row] = await ctx.tx
    .insert(inboxes)
    .values({ workspaceId: ctx.actor.workspaceId, name: body.name, channel: body.channel })
    .returning();
  if (!row) throw new Error("inbox insert returned no row");
  await CHANNEL_ADAPTERS[body.channel].setUpInbox(ctx, row.id, body);
  return toInboxDto(ctx, await loadInbox(ctx, row.id), "identitySecret");
}

/** A created inbox as a replay of its Idempotency-Key returns it: without the secret shown once. */
export function withoutIdentitySecret(inbox: InboxDto): InboxDto {
  return inbox.chat ? { ...inbox, chat: { ...inbox.chat, identitySecret: null } } : inbox;
}

/** The IMAP settings that name another mailbox: changing one starts the import over. */
const sameMailbox = (a: InboxRow["imap"], b: InboxRow["imap"]) =>
  a !== null && b !== null && a.host === b.host && a.port === b.port && a.user === b.user && a.mailbox === b.mailbox;

/**
 * The e-mail settings an update changes: a server given without a password keeps the stored one
 * while it goes to the same server (`keptPassword`).
 */
async function channelChanges(ctx: Ctx, inbox: InboxRow, body: UpdateInboxBody): Promise<Partial<Channel>> {
  const changes: Partial<Channel> = {};
  if (body.signature !== undefined) changes.signature = body.signature;
  if (body.smtp !== undefined) {
    const smtp = body.smtp ? await mailServer(ctx, body.smtp, "smtp") : null;
    changes.smtp = smtp?.settings ?? null;
    changes.smtpPassword = smtp ? (smtp.password ?? keptPassword("smtp", inbox.smtp, smtp.settings, inbox.smtpPassword)) : null;
  }
  if (body.imap !== undefined) {
    const imap = body.imap ? await mailServer(ctx, body.imap, "imap") : null;
    changes.imap = imap?.settings ?? null;
    changes.imapPassword = imap ? (imap.password ?? keptPassword("imap", inbox.imap, imap.settings, inbox.imapPassword)) : null;
    Object.assign(changes, { imapError: null, imapFailure: null });
    if (!sameMailbox(inbox.imap, changes.imap)) Object.assign(changes, { imapUidValidity: null, imapLastUid: 0 });
  }
  return changes;
}

/** Changes an inbox's name and, for an e-mail inbox, its mail servers and signature (admins only). */
export async function updateInbox(ctx: Ctx, id: string, body: UpdateInboxBody): Promise<InboxDto> {
  requireRole(ctx.actor, ADMINS);
  // One change of an inbox at a time: each merges its fields into what the one before it wrote.
  const inbox = await loadInbox(ctx, id, { forUpdate: true });
  const { name, allowedOrigins, widget, virtualAttendant, ...email } = body;
  if (name !== undefined) await ctx.tx.update(inboxes).set({ name }).where(and(eq(inboxes.workspaceId, ctx.actor.workspaceId), eq(inboxes.id, inbox.id)));
  if (virtualAttendant !== undefined) {
    if (!inbox.chatId) throw AppError.invalidField("virtualAttendant", "is only for chat inboxes", "chat_only");
    const unreadable = unreadablePattern(virtualAttendant.flows ?? []);
    if (unreadable) throw AppError.invalidField(unreadable, "must be a regular expression in RE2's syntax (no look-arounds nor back-references)", "pattern");
    await checkFlowReferences(ctx, virtualAttendant.flows ?? []);
    const before = inbox.virtualAttendant;
    const settings = { ...DEFAULT_VIRTUAL_ATTENDANT, ...before, ...virtualAttendant, version: (before?.version ?? 0) + 1 };
    await ctx.tx.update(inboxes).set({ virtualAttendant: settings }).where(and(eq(inboxes.workspaceId, ctx.actor.workspaceId), eq(inboxes.id, inbox.id)));
  }
  if (allowedOrigins !== undefined || widget !== undefined) {
    if (!inbox.chatId || !inbox.chatSettings) throw AppError.invalidField(widget ? "widget" : "allowedOrigins", "is only for chat inboxes", "chat_only");
    const settings = { ...inbox.chatSettings, ...widget, ...(allowedOrigins ? { allowedOrigins } : {}) };
    await ctx.tx.update(chatChannels).set({ settings }).where(and(eq(chatChannels.workspaceId, ctx.actor.workspaceId), eq(chatChannels.id, inbox.chatId)));
  }
  if (Object.keys(email).length > 0) {
    if (!inbox.channelId) throw AppError.invalidField(Object.keys(email)[0] ?? "smtp", "is only for e-mail inboxes", "email_only");
    await ctx.tx.update(emailChannels).set(await channelChanges(ctx, inbox, email)).where(and(eq(emailChannels.workspaceId, ctx.actor.workspaceId), eq(emailChannels.id, inbox.channelId)));
  }
  return getInbox(ctx, inbox.id);
}

/** The teams and articles a flow names must be the workspace's: refused naming the first that is not. */
async function checkFlowReferences(ctx: Ctx, flows: AttendantFlow[]): Promise<void> {
  type Named = { kind: "team" | "article"; id: string; path: string };
  const named = flows.flatMap((flow, f) =>
    flow.steps.flatMap((step, i): Named[] => {
      const path = `virtualAttendant.flows.${String(f)}.steps.${String(i)}`;
      if ((step.type === "set" || step.type === "hand_off") && step.teamId) return [{ kind: "team", id: step.teamId, path: `${path}.teamId` }];
      if (step.type === "article") return [{ kind: "article", id: step.articleId, path: `${path}.articleId` }];
      return [];
    }),
  );
  if (named.length === 0) return;
  const ws = ctx.actor.workspaceId;
  const teamIds = named.filter((n) => n.kind === "team").map((n) => n.id);
  const articleIds = named.filter((n) => n.kind === "article").map((n) => n.id);
  const known = new Set([
    ...(teamIds.length ? await ctx.tx.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, ws), inArray(teams.id, teamIds))) : []).map((r) => r.id),
    ...(articleIds.length
      ? await ctx.tx.select({ id: articleTranslations.id }).from(articleTranslations).where(and(eq(articleTranslations.workspaceId, ws), inArray(articleTranslations.id, articleIds)))
      : []
    ).map((r) => r.id),
  ]);
  const unknown = named.find((n) => !known.has(n.id));
  if (unknown) throw AppError.invalidField(unknown.path, `is not a ${unknown.kind} of this workspace`, "not_found");
}

/**
 * Gives a chat inbox a new identity secret (admins only), for when the old one may have leaked or was
 * not copied when shown: from now on only ids signed with the new one prove who a visitor is. The
 * response shows the new secret, once.
 */
export async function replaceIdentitySecret(ctx: Ctx, id: string): Promise<InboxDto> {
  requireRole(ctx.actor, ADMINS);
  const inbox = await loadInbox(ctx, id);
  if (!inbox.chatId) throw AppError.invalidField("id", "is not a chat inbox");
  await ctx.tx.update(chatChannels).set({ identitySecret: newIdentitySecret(ctx, "id") }).where(and(eq(chatChannels.workspaceId, ctx.actor.workspaceId), eq(chatChannels.id, inbox.chatId)));
  return toInboxDto(ctx, await loadInbox(ctx, inbox.id), "identitySecret");
}
