import { and, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Readable } from "node:stream";
import { splitRecipient } from "@atende/shared";
import { contacts, conversations, emailChannels, messages, workspaces } from "../../db/schema/index.js";
import type { Executor } from "../../db/client.js";
import type { StoredFile } from "../../files/file-store.js";
import { databaseFailure } from "../../lib/db-errors.js";
import { systemActor, type Ctx, type Runtime } from "../../core/context.js";
import { openConversation } from "../../modules/conversations/service.js";
import { appendMessage } from "../../modules/messages/service.js";
import { mailParser } from "./parser-pool.js";
import { unreadableEmail, type ParsedEmail } from "./parse.js";
import { readReplyToken, replyTokenMatches } from "./reply-token.js";

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

/**
 * The conversation a `+token` names, if the token is the one this inbox gave for it (a guess never
 * is); when that conversation was merged into another, the one it went to.
 */
async function threadByToken(ctx: Ctx, channel: Channel): Promise<string | null> {
  const token = channel.token ? readReplyToken(channel.token) : null;
  if (!token) return null;
  const [named] = await ctx.tx
    .select({ id: conversations.id, mergedIntoId: conversations.mergedIntoId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.number, token.number)));
  if (!named || !replyTokenMatches(channel.signingKey, channel.inboxId, named.id, token.signature)) return null;
  return named.mergedIntoId ?? named.id;
}

/**
 * The conversation this mail continues: by reply token, then by the Message-IDs it refers to (of
 * this inbox's conversations, or of mail Atende sent from this inbox's address); never by subject.
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
        // Mail this inbox's address sent (from another inbox of the workspace): only what Atende
        // itself sent, never incoming mail whose From header merely claims the address.
        or(eq(conversations.inboxId, channel.inboxId), and(eq(messages.direction, "outgoing"), sql`${messages.email}->>'from' = ${channel.address}`)),
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

/** Marks the outgoing messages a bounce refers to as failed, saying so; the report itself joins their conversation. */
async function markBounced(ctx: Ctx, refs: string[]): Promise<void> {
  if (refs.length === 0) return;
  const error = "The recipient's mail server returned it (a delivery report).";
  const returned = await ctx.tx
    .select({ id: messages.id, conversationId: messages.conversationId, status: messages.deliveryStatus })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, ctx.actor.workspaceId),
        eq(messages.direction, "outgoing"),
        inArray(messages.externalId, refs),
        sql`${messages.deliveryStatus} IS DISTINCT FROM 'failed'`,
      ),
    )
    .for("update");
  for (const message of returned) {
    await ctx.tx.update(messages).set({ deliveryStatus: "failed", deliveryError: error }).where(eq(messages.id, message.id));
    await ctx.emit({
      type: "message.delivery_changed",
      conversationId: message.conversationId,
      payload: { messageId: message.id, from: message.status, to: "failed", reason: "bounced", error },
    });
  }
}

export type Received = { outcome: "stored" | "duplicate"; conversationId: string };

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
    const created = await openConversation(
      ctx,
      {
        inboxId: channel.inboxId,
        contact: mail.sender,
        ...(mail.subject ? { subject: mail.subject } : {}),
        message: { body, direction: "incoming" },
      },
      { externalId: messageId, email, attachments },
      "email",
    );
    return { outcome: "stored", conversationId: created.id };
  });
}

/**
 * Stores a parsed e-mail for an inbox; should it be refused for what it is (not for a database that
 * is away), it is stored again as unreadable, its original kept, so that a message is never
 * answered 451 forever for its content.
 */
async function storeEmailOrOriginal(
  runtime: Runtime,
  channel: Channel,
  mail: ParsedEmail,
  original: StoredFile,
  opts: { envelopeFrom?: string | undefined; alsoInTx?: (ctx: Ctx) => Promise<void> },
): Promise<Received> {
  try {
    return await storeEmail(runtime, channel, mail, opts.alsoInTx);
  } catch (err) {
    if (databaseFailure(err) || mail.email.unreadable) throw err;
    runtime.log.warn({ err, module: "mail", inboxId: channel.inboxId }, "a received message could not be stored as mail; kept as unreadable");
    return storeEmail(runtime, channel, await unreadableEmail(runtime.files, original, opts.envelopeFrom), opts.alsoInTx);
  }
}

/**
 * Receives one e-mail for its inboxes: keeps its source in the file store (streamed, never whole in
 * memory), parses it once on a worker thread, and stores it for each inbox. Resolves `null`,
 * storing nothing, when the source is larger than `maxBytes`.
 */
export async function receiveEmail(
  runtime: Runtime,
  channels: Channel[],
  source: AsyncIterable<Buffer> | Readable,
  opts: { maxBytes: number; envelopeFrom?: string | undefined; alsoInTx?: (ctx: Ctx) => Promise<void> },
): Promise<Received[] | null> {
  const original = await runtime.files.put(source, { maxBytes: opts.maxBytes });
  if (!original) return null;
  const mail = await mailParser(runtime).parse(original, opts.envelopeFrom);
  const received: Received[] = [];
  for (const channel of channels) received.push(await storeEmailOrOriginal(runtime, channel, mail, original, opts));
  return received;
}
