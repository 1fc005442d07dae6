import { and, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { convert } from "html-to-text";
import { MailParser, type AddressObject, type AttachmentStream, type Headers, type MessageText } from "mailparser";
import type { Readable } from "node:stream";
import { contacts, conversations, emailChannels, messages, workspaces } from "../../db/schema/index.js";
import type { Executor } from "../../db/client.js";
import { systemActor, type Ctx, type Runtime } from "../../modules/context.js";
import { createConversation } from "../../modules/conversations/service.js";
import { appendMessage, type NewAttachment } from "../../modules/messages/service.js";
import type { FileStore, StoredFile } from "../../files/file-store.js";
import { MESSAGE_BODY_MAX, safeFileName, type EmailDetailsDto } from "@atende/shared";
import { referencedIds, splitRecipient } from "./address.js";
import { readReplyToken, replyTokenMatches } from "./reply-token.js";
import { classifyAutomated } from "./automated.js";
import { sanitizeEmailHtml } from "./html.js";
import { splitQuoted } from "./quoted.js";

export type Channel = { workspaceId: string; inboxId: string; address: string; token: string | null; signingKey: string };

/** The e-mail inbox a recipient address (or its `+token` form) belongs to, if any. */
export async function findChannel(db: Executor, recipient: string): Promise<Channel | null> {
  const { address, token } = splitRecipient(recipient);
  const [row] = await db
    .select({
      workspaceId: emailChannels.workspaceId,
      inboxId: emailChannels.inboxId,
      address: emailChannels.address,
      signingKey: workspaces.signingKey,
    })
    .from(emailChannels)
    .innerJoin(workspaces, eq(workspaces.id, emailChannels.workspaceId))
    // Only a proven address receives mail: a workspace that merely claims one gets nothing.
    .where(and(eq(emailChannels.address, address), isNotNull(emailChannels.verifiedAt)));
  return row ? { ...row, token } : null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.address ? [a.address.toLowerCase()] : [])));
}

function firstAddress(from: AddressObject | undefined): { email?: string; name?: string } {
  const sender = from?.value[0];
  return { ...(sender?.address ? { email: sender.address.toLowerCase() } : {}), ...(sender?.name ? { name: sender.name } : {}) };
}

/** The conversation a `+token` names, if the token is the one this inbox gave for it (a guess never is). */
async function threadByToken(ctx: Ctx, channel: Channel): Promise<string | null> {
  const token = channel.token ? readReplyToken(channel.token) : null;
  if (!token) return null;
  const [named] = await ctx.tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.number, token.number)));
  return named && replyTokenMatches(channel.signingKey, channel.inboxId, named.id, token.signature) ? named.id : null;
}

/**
 * The conversation this mail continues: by reply token, then by the Message-IDs it refers to (of
 * this inbox's conversations, or of mail this inbox's address sent); never by subject.
 */
async function threadOf(ctx: Ctx, channel: Channel, refs: string[]): Promise<string | null> {
  const byToken = await threadByToken(ctx, channel);
  if (byToken) return byToken;
  if (refs.length === 0) return null;
  const [byReference] = await ctx.tx
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.workspaceId, ctx.actor.workspaceId),
        inArray(messages.externalId, refs),
        or(eq(conversations.inboxId, channel.inboxId), sql`${messages.email}->>'from' = ${channel.address}`),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  return byReference?.conversationId ?? null;
}

/**
 * Whether a sender is part of a conversation: its contact, or someone its mail was from, to or
 * copied to. Anyone else writing in (a reply address or Message-ID can travel) is shown as who
 * they are, flagged, and never copied on replies.
 */
async function isParticipant(ctx: Ctx, conversationId: string, sender: string | undefined): Promise<boolean> {
  if (!sender) return false;
  const address = splitRecipient(sender).address;
  const [found] = await ctx.run<{ found: boolean }>(sql`
    SELECT EXISTS (
      SELECT 1 FROM ${conversations} c JOIN ${contacts} k ON k.id = c.contact_id
      WHERE c.workspace_id = ${ctx.actor.workspaceId} AND c.id = ${conversationId} AND k.email = ${address}
    ) OR EXISTS (
      SELECT 1 FROM ${messages} m
      WHERE m.workspace_id = ${ctx.actor.workspaceId} AND m.conversation_id = ${conversationId} AND m.email IS NOT NULL
        AND (m.email->>'unknownSender') IS DISTINCT FROM 'true'
        AND (m.email->>'from' = ${address} OR m.email->'to' ? ${address} OR m.email->'cc' ? ${address})
    ) AS found`);
  return found?.found === true;
}

/** Marks the outgoing messages a bounce refers to as failed; the report itself joins their conversation. */
async function markBounced(ctx: Ctx, refs: string[]): Promise<void> {
  if (refs.length === 0) return;
  await ctx.tx
    .update(messages)
    .set({ deliveryStatus: "failed" })
    .where(
      and(
        eq(messages.workspaceId, ctx.actor.workspaceId),
        eq(messages.direction, "outgoing"),
        inArray(messages.externalId, refs),
      ),
    );
}

export type Received = { outcome: "stored" | "duplicate"; conversationId: string };

/** What a received e-mail becomes, read once whatever the number of inboxes it is for. */
export type ParsedEmail = {
  messageId: string | undefined;
  subject: string | undefined;
  sender: { email?: string; name?: string };
  body: string;
  email: EmailDetailsDto;
  refs: string[];
  /** Its files, already in the file store, and its original source. */
  attachments: NewAttachment[];
};

/** PostgreSQL text cannot hold NUL. */
const clean = (s: string) => s.replaceAll("\0", "");

/** How much of a returned message a bounce's Message-IDs are looked for in. */
const REPORT_HEAD_BYTES = 64 * 1024;

async function headOf(files: FileStore, sha256: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of files.open(sha256, { start: 0, end: REPORT_HEAD_BYTES - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The Message-IDs a delivery report is about: those of the returned message or headers it attaches. */
async function bouncedIds(files: FileStore, attached: NewAttachment[]): Promise<string[]> {
  const returned = attached.filter((a) => a.contentType === "message/rfc822" || a.contentType === "text/rfc822-headers");
  const heads = await Promise.all(returned.map((a) => headOf(files, a.sha256)));
  return heads.flatMap((head) => [...head.matchAll(/^Message-ID:\s*<([^>\s]+)>/gim)].map((m) => m[1] ?? "")).filter(Boolean);
}

/** A name for a file that came without one, with an extension a desktop opens it by. */
function defaultFileName(contentType: string, n: number): string {
  if (contentType === "message/rfc822") return "message.eml";
  if (contentType === "text/rfc822-headers") return "headers.txt";
  const extension = /^image\/(png|jpeg|gif|webp)$/.exec(contentType)?.[1] ?? (contentType.startsWith("text/") ? "txt" : "bin");
  return `attachment-${String(n)}.${extension === "jpeg" ? "jpg" : extension}`;
}

type Parts = { headers: Headers; text: string; html: string; files: NewAttachment[] };

/** Reads the mail's headers and texts, streaming each attached file into the store as it passes. */
async function readParts(source: Readable, files: FileStore): Promise<Parts> {
  const parser = new MailParser({ skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const parts: Parts = { headers: new Map(), text: "", html: "", files: [] };
  parser.once("headers", (headers: Headers) => {
    parts.headers = headers;
  });
  source.once("error", (err) => parser.destroy(err));
  source.pipe(parser);
  for await (const part of parser as AsyncIterable<AttachmentStream | MessageText>) {
    if (part.type === "text") {
      parts.text = part.text ?? "";
      parts.html = typeof part.html === "string" ? part.html : "";
      continue;
    }
    const stored = await files.put(part.content as unknown as AsyncIterable<Buffer>); // a Transform of Buffers
    part.release();
    if (!stored) continue;
    const contentId = part.contentId ? clean(part.contentId.replace(/^<|>$/g, "")) : null;
    parts.files.push({
      disposition: "attachment",
      fileName: part.filename?.trim() ? safeFileName(clean(part.filename)) : defaultFileName(part.contentType, parts.files.length + 1),
      contentType: clean(part.contentType),
      contentId,
      ...stored,
    });
  }
  return parts;
}

/** The beginning of a source that could not be parsed, as text an agent can read. */
async function rawExcerpt(files: FileStore, sha256: string): Promise<string> {
  return clean((await headOf(files, sha256)).slice(0, 4000)).trim() || "(empty message)";
}

/**
 * Parses a received e-mail whose source is in the file store: its text without the quoted history,
 * addresses, sanitized HTML (inline images named by Content-ID), kind, and files. Mail that cannot
 * be parsed (or has neither headers nor content) is still kept: its text is the source's beginning,
 * it is marked unreadable, and the original is attached.
 */
export async function parseEmail(files: FileStore, original: StoredFile, envelopeFrom?: string): Promise<ParsedEmail> {
  const source: NewAttachment = { disposition: "original", fileName: "original.eml", contentType: "message/rfc822", contentId: null, ...original };
  const parts = await readParts(files.open(original.sha256), files).catch(() => null);
  const sender = parts ? firstAddress(parts.headers.get("from") as AddressObject | undefined) : {};
  if (!parts || (!sender.email && !parts.text.trim() && !parts.html.trim() && parts.files.length === 0)) {
    const from = envelopeFrom?.toLowerCase() || null;
    return {
      messageId: undefined,
      subject: undefined,
      sender: from ? { email: from } : {},
      body: await rawExcerpt(files, original.sha256),
      email: { from, to: [], cc: [], quoted: null, automated: null, html: null, unreadable: true },
      refs: [],
      attachments: [...(parts?.files ?? []), source],
    };
  }
  const { headers } = parts;
  // HTML-only mail is converted here, without hard wrapping at 80 columns.
  const text = clean(parts.text.trim() || (parts.html ? convert(parts.html, { wordwrap: false }) : "")).trim() || "(no text)";
  const { visible, quoted } = splitQuoted(text);
  const from = sender.email ?? null;
  const automated = classifyAutomated(headers, from);
  const sanitized = parts.html ? sanitizeEmailHtml(parts.html) : null;
  const html = sanitized ? clean(sanitized.html) : null;
  const attached = parts.files.map((f) =>
    f.contentId && sanitized?.inlineIds.has(f.contentId) ? { ...f, disposition: "inline" as const } : f,
  );
  const header = (name: string) => {
    const value = headers.get(name);
    return typeof value === "string" ? clean(value) : undefined;
  };
  const references = headers.get("references");
  const referenceList = typeof references === "string" ? references : Array.isArray(references) ? references.filter((r) => typeof r === "string") : undefined;
  return {
    messageId: header("message-id")?.replace(/^<|>$/g, ""),
    subject: header("subject")?.slice(0, 500),
    sender,
    body: visible.slice(0, MESSAGE_BODY_MAX),
    email: {
      from,
      to: addresses(headers.get("to") as AddressObject | AddressObject[] | undefined),
      cc: addresses(headers.get("cc") as AddressObject | AddressObject[] | undefined),
      quoted,
      automated,
      html,
    },
    refs: [
      ...referencedIds(header("in-reply-to"), referenceList),
      ...(automated === "bounce" ? await bouncedIds(files, attached) : []),
    ],
    attachments: [...attached, source],
  };
}

/**
 * Stores one parsed e-mail for an inbox: threads it into its conversation (or opens one), finds or
 * creates the contact from the sender, and stores the same Message-ID only once. `alsoInTx` runs in
 * the same transaction (an IMAP import records its progress there). Resolves after the transaction
 * has committed, so the sender may be told 250 then.
 */
export async function storeEmail(
  runtime: Runtime,
  channel: Channel,
  mail: ParsedEmail,
  alsoInTx?: (ctx: Ctx) => Promise<void>,
): Promise<Received> {
  const { messageId, body, email, refs, attachments } = mail;
  return runtime.transact(systemActor(channel.workspaceId), async (ctx) => {
    await alsoInTx?.(ctx);
    if (messageId) {
      const [seen] = await ctx.tx
        .select({ conversationId: messages.conversationId })
        .from(messages)
        .where(and(eq(messages.workspaceId, channel.workspaceId), eq(messages.externalId, messageId)))
        .limit(1);
      if (seen) return { outcome: "duplicate", conversationId: seen.conversationId };
    }
    if (email.automated === "bounce") await markBounced(ctx, refs);
    const existing = await threadOf(ctx, channel, refs);
    if (existing) {
      const known = await isParticipant(ctx, existing, mail.sender.email);
      const details = known ? email : { ...email, unknownSender: true };
      await appendMessage(ctx, existing, { body, kind: "reply", direction: "incoming", externalId: messageId, email: details, attachments });
      return { outcome: "stored", conversationId: existing };
    }
    const created = await createConversation(
      ctx,
      {
        inboxId: channel.inboxId,
        contact: mail.sender,
        ...(mail.subject ? { subject: mail.subject } : {}),
        message: { body, direction: "incoming" },
      },
      { externalId: messageId, email, attachments },
    );
    return { outcome: "stored", conversationId: created.id };
  });
}

/**
 * Receives one e-mail for its inboxes: keeps its source in the file store (streamed, never whole in
 * memory), parses it once, and stores it for each inbox. Resolves `null`, storing nothing, when the
 * source is larger than `maxBytes`.
 */
export async function receiveEmail(
  runtime: Runtime,
  channels: Channel[],
  source: AsyncIterable<Buffer> | Readable,
  opts: { maxBytes: number; envelopeFrom?: string | undefined; alsoInTx?: (ctx: Ctx) => Promise<void> },
): Promise<Received[] | null> {
  const original = await runtime.files.put(source, { maxBytes: opts.maxBytes });
  if (!original) return null;
  const mail = await parseEmail(runtime.files, original, opts.envelopeFrom);
  const received: Received[] = [];
  for (const channel of channels) received.push(await storeEmail(runtime, channel, mail, opts.alsoInTx));
  return received;
}
