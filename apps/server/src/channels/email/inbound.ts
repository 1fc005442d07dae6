import { and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Readable } from "node:stream";
import { splitRecipient } from "@atende/shared";
import { contacts, conversations, emailChannels, messages, workspaces } from "../../db/schema/index.js";
import type { Executor } from "../../db/client.js";
import type { StoredFile } from "../../files/file-store.js";
import { databaseFailure, racedWithAnotherWrite } from "../../lib/db-errors.js";
import { systemActor, type Actor, type Ctx, type Runtime } from "../../core/context.js";
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

/** Whether someone is part of the conversation `conversationId` (an SQL expression) names: see `lookUp`. */
function participates(ctx: Ctx, conversationId: SQL, address: string): SQL {
  return sql`(EXISTS (
      SELECT 1 FROM ${conversations} c JOIN ${contacts} k ON k.workspace_id = c.workspace_id AND k.id = c.contact_id
      WHERE c.workspace_id = ${ctx.actor.workspaceId} AND c.id = ${conversationId} AND k.email = ${address}
    ) OR EXISTS (
      SELECT 1 FROM ${messages} m
      WHERE m.workspace_id = ${ctx.actor.workspaceId} AND m.conversation_id = ${conversationId} AND m.email IS NOT NULL
        AND (m.email->>'unknownSender') IS DISTINCT FROM 'true'
        AND (m.email->>'from' = ${address} OR m.email->'to' ? ${address} OR m.email->'cc' ? ${address})
    ))`;
}

type LookedUp = {
  seen: string | null;
  named: string | null;
  namedThread: string | null;
  namedKnows: boolean | null;
  referenced: string | null;
  referencedKnows: boolean | null;
};

/**
 * What received mail needs to know before it is stored, in one round trip: whether its Message-ID
 * was stored already; the conversation it continues, by reply token (the one this inbox gave for it;
 * a guess never is; when merged, the one it went to), then by the Message-IDs it refers to (of this
 * inbox's conversations, or of mail Atende sent from this inbox's address), never by subject; and
 * whether its sender is part of that conversation: its contact, or someone its mail was from, to or
 * copied to. Anyone else writing in (a reply address or Message-ID can travel) is shown as who
 * they are, flagged, and never copied on replies.
 */
async function lookUp(ctx: Ctx, channel: Channel, mail: ParsedEmail): Promise<{ seen: string | null; thread: string | null; known: boolean }> {
  const ws = ctx.actor.workspaceId;
  const token = channel.token ? readReplyToken(channel.token) : null;
  const sender = mail.sender.email ? splitRecipient(mail.sender.email).address : "";
  const byToken = token
    ? sql`SELECT coalesce(merged_into_id, id) AS thread, id AS named FROM ${conversations} WHERE workspace_id = ${ws} AND number = ${token.number}`
    : null;
  const byReference =
    mail.refs.length > 0
      ? sql`SELECT m.conversation_id AS thread FROM ${messages} m JOIN ${conversations} c ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id
          WHERE m.workspace_id = ${ws} AND m.external_id IN (${sql.join(mail.refs.map((r) => sql`${r}`), sql`, `)})
            -- Mail this inbox's address sent (from another inbox of the workspace): only what Atende
            -- itself sent, never incoming mail whose From header merely claims the address.
            AND (c.inbox_id = ${channel.inboxId} OR (m.direction = 'outgoing' AND m.email->>'from' = ${channel.address}))
          ORDER BY m.id DESC LIMIT 1`
      : null;
  // Only the parts this mail calls for: most new mail asks whether it was seen, and nothing else.
  const parts: SQL[] = [
    mail.messageId ? sql`(SELECT conversation_id FROM ${messages} WHERE workspace_id = ${ws} AND external_id = ${mail.messageId} LIMIT 1) AS seen` : sql`NULL::uuid AS seen`,
    ...(byToken ? [sql`t.named, t.thread AS "namedThread", ${participates(ctx, sql`t.thread`, sender)} AS "namedKnows"`] : []),
    ...(byReference ? [sql`r.thread AS referenced, ${participates(ctx, sql`r.thread`, sender)} AS "referencedKnows"`] : []),
  ];
  const joined = [...(byToken ? [sql`LEFT JOIN (${byToken}) t ON true`] : []), ...(byReference ? [sql`LEFT JOIN (${byReference}) r ON true`] : [])];
  const [found] = await ctx.run<Partial<LookedUp>>(sql`SELECT ${sql.join(parts, sql`, `)} FROM (SELECT 1) one ${sql.join(joined, sql` `)}`);
  if (!found) throw new Error("the look-up returned no row");
  const seen = found.seen ?? null;
  if (token && found.named && replyTokenMatches(channel.signingKey, channel.inboxId, found.named, token.signature)) {
    return { seen, thread: found.namedThread ?? null, known: sender !== "" && found.namedKnows === true };
  }
  return { seen, thread: found.referenced ?? null, known: sender !== "" && found.referencedKnows === true };
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
    await ctx.tx.update(messages).set({ deliveryStatus: "failed", deliveryError: error, deliveryFailure: "bounced" }).where(and(eq(messages.workspaceId, ctx.actor.workspaceId), eq(messages.id, message.id)));
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
 * the same transaction (an IMAP import records its progress there). Resolves after the write has
 * committed, so the sender may be told 250 then.
 */
export async function storeEmail(
  runtime: Runtime,
  channel: Channel,
  mail: ParsedEmail,
  alsoInTx?: (ctx: Ctx) => Promise<void>,
): Promise<Received> {
  const { messageId, body, email, refs, attachments } = mail;
  // Its one write (a reply, or a new conversation with its contact) is a statement of its own; a
  // bounce also marks the reply it bounces, and an import records its progress: a transaction.
  const oneWrite = !alsoInTx && email.automated !== "bounce";
  const write = <T>(actor: Actor, work: (ctx: Ctx) => Promise<T>) => (oneWrite ? runtime.inOneStatement(actor, work) : runtime.transact(actor, work));
  return write(systemActor(channel.workspaceId), async (ctx) => {
    await alsoInTx?.(ctx);
    const { seen, thread, known } = await lookUp(ctx, channel, mail);
    if (seen) return { outcome: "duplicate", conversationId: seen };
    if (email.automated === "bounce") await markBounced(ctx, refs);
    if (thread) {
      const details = known ? email : { ...email, unknownSender: true };
      await appendMessage(ctx, thread, { body, kind: "reply", direction: "incoming", externalId: messageId, email: details, attachments });
      return { outcome: "stored", conversationId: thread };
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
  const store = (stored: ParsedEmail) => storeEmail(runtime, channel, stored, opts.alsoInTx);
  try {
    // Met another write at the same moment (the sender's contact merged, the same mail through another door): once more.
    return await store(mail).catch((err: unknown) => {
      if (racedWithAnotherWrite(err)) return store(mail);
      throw err;
    });
  } catch (err) {
    if (databaseFailure(err) || mail.email.unreadable) throw err;
    runtime.log.warn({ err, module: "mail", inboxId: channel.inboxId }, "a received message could not be stored as mail; kept as unreadable");
    return store(await unreadableEmail(runtime.files, original, opts.envelopeFrom));
  }
}

/** Mail up to this size is read whole into memory and handed to a parser thread, which keeps its source. */
const IN_MEMORY_MAIL_BYTES = 1024 * 1024;

/** The whole source when it ends within `limit` bytes; otherwise all of it, from the start, as a stream. */
async function wholeOrStream(source: AsyncIterable<Buffer> | Readable, limit: number): Promise<Buffer | AsyncIterable<Buffer>> {
  const chunks = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    head.push(next.value);
    size += next.value.length;
    if (size > limit) {
      return (async function* () {
        yield* head;
        for (let rest = await chunks.next(); !rest.done; rest = await chunks.next()) yield rest.value;
      })();
    }
  }
  return Buffer.concat(head, size);
}

/**
 * Receives one e-mail for its inboxes: keeps its source in the file store (a large one streamed,
 * never whole in memory; a small one by the parser thread), parses it once on a worker thread, and
 * stores it for each inbox. Resolves `null`, storing nothing, when the source is larger than `maxBytes`.
 */
export async function receiveEmail(
  runtime: Runtime,
  channels: Channel[],
  source: AsyncIterable<Buffer> | Readable,
  opts: { maxBytes: number; envelopeFrom?: string | undefined; alsoInTx?: (ctx: Ctx) => Promise<void> },
): Promise<Received[] | null> {
  const whole = await wholeOrStream(source, Math.min(IN_MEMORY_MAIL_BYTES, opts.maxBytes));
  const kept = Buffer.isBuffer(whole) ? whole : await runtime.files.put(whole, { maxBytes: opts.maxBytes });
  if (!kept) return null;
  const { original, mail } = await mailParser(runtime).parse(kept, opts.envelopeFrom);
  const received: Received[] = [];
  for (const channel of channels) received.push(await storeEmailOrOriginal(runtime, channel, mail, original, opts));
  return received;
}
