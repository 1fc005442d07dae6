import { and, desc, eq, inArray } from "drizzle-orm";
import { convert } from "html-to-text";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { conversations, emailChannels, messages } from "../../db/schema/index.js";
import type { Executor } from "../../db/client.js";
import { systemActor, type Ctx, type Runtime } from "../../modules/context.js";
import { createConversation } from "../../modules/conversations/service.js";
import { appendMessage } from "../../modules/messages/service.js";
import { MESSAGE_BODY_MAX } from "@atende/shared";
import { referencedIds, splitRecipient } from "./address.js";
import { classifyAutomated } from "./automated.js";
import { sanitizeEmailHtml } from "./html.js";
import { splitQuoted } from "./quoted.js";

export type Channel = { workspaceId: string; inboxId: string; address: string; token: string | null };

/** The e-mail inbox a recipient address (or its `+token` form) belongs to, if any. */
export async function findChannel(db: Executor, recipient: string): Promise<Channel | null> {
  const { address, token } = splitRecipient(recipient);
  const [row] = await db
    .select({ workspaceId: emailChannels.workspaceId, inboxId: emailChannels.inboxId, address: emailChannels.address })
    .from(emailChannels)
    .where(eq(emailChannels.address, address));
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The conversation this mail continues: by reply token, then by the Message-IDs it refers to; never by subject. */
async function threadOf(ctx: Ctx, channel: Channel, refs: string[]): Promise<string | null> {
  const ws = ctx.actor.workspaceId;
  if (channel.token && UUID.test(channel.token)) {
    const [byToken] = await ctx.tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, ws), eq(conversations.id, channel.token)));
    if (byToken) return byToken.id;
  }
  if (refs.length === 0) return null;
  const [byReference] = await ctx.tx
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.workspaceId, ws), inArray(messages.externalId, refs)))
    .orderBy(desc(messages.id))
    .limit(1);
  return byReference?.conversationId ?? null;
}

/** The Message-IDs a delivery report is about: those of the returned message or headers it attaches. */
function bouncedIds(mail: ParsedMail): string[] {
  return mail.attachments
    .filter((a) => a.contentType === "message/rfc822" || a.contentType === "text/rfc822-headers")
    .flatMap((a) => [...a.content.toString("utf8").matchAll(/^Message-ID:\s*<([^>\s]+)>/gim)].map((m) => m[1] ?? ""))
    .filter(Boolean);
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
export type ParsedEmail = Awaited<ReturnType<typeof parseEmail>>;

/** Parses a received e-mail: its text without the quoted history, addresses, sanitized HTML, kind. */
export async function parseEmail(raw: Buffer) {
  // HTML-only mail is converted here, without mailparser's hard wrapping at 80 columns.
  const mail = await simpleParser(raw, { skipHtmlToText: true });
  const rawHtml = typeof mail.html === "string" ? mail.html : "";
  const text = (mail.text?.trim() || (rawHtml ? convert(rawHtml, { wordwrap: false }) : "")).trim() || "(no text)";
  const { visible, quoted } = splitQuoted(text);
  const sender = firstAddress(mail.from);
  const from = sender.email ?? null;
  const automated = classifyAutomated(mail.headers, from);
  return {
    messageId: mail.messageId?.replace(/^<|>$/g, ""),
    subject: mail.subject?.slice(0, 500),
    sender,
    body: visible.slice(0, MESSAGE_BODY_MAX),
    email: {
      from,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      quoted,
      automated,
      html: rawHtml ? sanitizeEmailHtml(rawHtml) : null,
    },
    refs: [...referencedIds(mail.inReplyTo, mail.references), ...(automated === "bounce" ? bouncedIds(mail) : [])],
  };
}

/**
 * Stores one parsed e-mail for an inbox: threads it into its conversation (or opens one), finds or
 * creates the contact from the sender, and stores the same Message-ID only once. Resolves after the
 * transaction has committed, so the sender may be told 250 then.
 */
export async function storeEmail(runtime: Runtime, channel: Channel, mail: ParsedEmail): Promise<Received> {
  const { messageId, body, email, refs } = mail;
  return runtime.transact(systemActor(channel.workspaceId), async (ctx) => {
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
      await appendMessage(ctx, existing, { body, kind: "reply", direction: "incoming", externalId: messageId, email });
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
      { externalId: messageId, email },
    );
    return { outcome: "stored", conversationId: created.id };
  });
}
