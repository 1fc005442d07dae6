import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { composeReplyText, quoteHeader, replyAllCopies, safeFileName, splitRecipient, type DeliveryStatus, type EmailDetailsDto, type EventOf, type Locale, type MailFailure, type QuotedMessage } from "@atende/shared";
import { textAsHtml, withContentIdSources } from "../../lib/composed-html.js";
import type Mail from "nodemailer/lib/mailer/index.js";
import { sendThrough } from "../../lib/smtp-send.js";
import { allowedNetworks, mailServerAddress } from "../../lib/private-networks.js";
import { agents, attachments, contacts, conversations, emailChannels, messages, workspaces } from "../../db/schema/index.js";
import type { Executor } from "../../db/client.js";
import { createSecretBox } from "../../lib/secret-box.js";
import { systemActor, type Runtime } from "../../core/context.js";
import { defineJob } from "../../core/jobs.js";
import { defineListener } from "../../core/listener.js";
import { replyAddress } from "./address.js";
import { mailFailure } from "./mail-failure.js";
import { replyToken } from "./reply-token.js";

/** The HTML alternative of a formatted reply: the agent's text, the inbox's signature, the customer's last mail quoted. */
function composeReplyHtml(opts: { html: string; signature: string | null; quoted: QuotedMessage | null; locale: Locale }): string {
  const parts = [opts.html];
  if (opts.signature?.trim()) parts.push(`<div class="signature">${textAsHtml(`-- \n${opts.signature.trim()}`)}</div>`);
  if (opts.quoted) parts.push(`${textAsHtml(quoteHeader(opts.quoted, opts.locale))}<blockquote>${textAsHtml(opts.quoted.text.trimEnd())}</blockquote>`);
  return `<!doctype html><html><body>${parts.join("\n")}</body></html>`;
}

/** The Message-ID Atende gives an outgoing reply: its id at the inbox's domain. */
export function messageIdFor(id: string, address: string): string {
  return `${id}@${address.slice(address.lastIndexOf("@") + 1)}`;
}

async function loadDelivery(runtime: Runtime, workspaceId: string, messageId: string) {
  const [row] = await runtime.db
    .select({
      message: {
        id: messages.id,
        body: messages.body,
        status: messages.deliveryStatus,
        conversationId: messages.conversationId,
        email: messages.email,
      },
      subject: conversations.subject,
      number: conversations.number,
      signingKey: workspaces.signingKey,
      to: contacts.email,
      contactName: contacts.name,
      agentName: agents.name,
      agentLocale: agents.locale,
      channel: emailChannels,
    })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)))
    .innerJoin(contacts, and(eq(contacts.workspaceId, conversations.workspaceId), eq(contacts.id, conversations.contactId)))
    .innerJoin(emailChannels, and(eq(emailChannels.workspaceId, conversations.workspaceId), eq(emailChannels.inboxId, conversations.inboxId)))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .leftJoin(agents, and(eq(agents.workspaceId, messages.workspaceId), eq(agents.id, messages.senderAgentId)))
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId)));
  return row;
}

/**
 * Whether an address is one of a workspace's own inboxes (in any `+tag` form), which Atende never
 * mails: that mail would come back in as a customer's, the start of a loop.
 */
export async function ownInboxes(db: Executor, workspaceId: string): Promise<(address: string) => boolean> {
  const rows = await db.select({ address: emailChannels.address }).from(emailChannels).where(eq(emailChannels.workspaceId, workspaceId));
  const own = new Set(rows.map((r) => r.address));
  return (address) => own.has(splitRecipient(address).address);
}

/** Message-IDs of the conversation's earlier mail, oldest first, for In-Reply-To and References. */
async function threadIds(runtime: Runtime, workspaceId: string, conversationId: string, except: string): Promise<string[]> {
  const rows = await runtime.db
    .select({ id: messages.externalId, messageId: messages.id })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), isNotNull(messages.externalId)))
    .orderBy(asc(messages.id));
  // Only real Message-IDs (with an @): not the hash a very long one or a mail without one is kept by.
  return rows.flatMap((r) => (r.id?.includes("@") && r.messageId !== except ? [r.id] : []));
}

type SmtpSettings = NonNullable<typeof emailChannels.$inferSelect.smtp>;

/** Why a reply was not sent, as agents see it (`mailFailure`): the SMTP server's answer is an error with its reply code. */
function deliveryFailure(err: unknown, smtp: SmtpSettings): { deliveryFailure: MailFailure; deliveryError: string } {
  const answered = err instanceof Error && "responseCode" in err && typeof err.responseCode === "number";
  const { failure, text } = mailFailure(err, answered ? err.message : null, `Could not reach the outgoing mail server ${smtp.host}:${String(smtp.port)} over SMTP; check its address, port and TLS.`);
  return { deliveryFailure: failure, deliveryError: text };
}

/**
 * Sends one message through an inbox's outgoing server, its password unsealed only here, to the
 * address the server's name stands for when the installation's private networks allow it
 * (ATENDE_PRIVATE_NETWORKS; PrivateNetworkError otherwise).
 */
export async function sendInboxMail(runtime: Runtime, smtp: SmtpSettings, sealedPassword: string | null, mail: Mail.Options): Promise<void> {
  const { config } = runtime;
  const target = await mailServerAddress(smtp.host, await allowedNetworks(runtime.db, config.privateNetworks));
  const password = sealedPassword && config.secretKey ? createSecretBox(config.secretKey).open(sealedPassword) : "";
  await sendThrough({ ...target, port: smtp.port, secure: smtp.secure, auth: smtp.user ? { user: smtp.user, pass: password } : null }, mail);
}

/**
 * The customer's last mail before this reply: what it quotes, and who it was copied to. Mail from a
 * sender who is not part of the conversation never sets who a reply goes to.
 */
async function lastIncoming(runtime: Runtime, workspaceId: string, conversationId: string, before: string) {
  const [row] = await runtime.db
    .select({ body: messages.body, email: messages.email, createdAt: messages.createdAt })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        eq(messages.direction, "incoming"),
        eq(messages.kind, "reply"),
        lt(messages.id, before),
        sql`(${messages.email}->>'unknownSender') IS DISTINCT FROM 'true'`,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  return row;
}

/** The files sent with a reply, streamed from the file store: attached, or shown inline by its HTML (`cid:`). */
async function filesOf(runtime: Runtime, workspaceId: string, messageId: string) {
  const rows = await runtime.db
    .select({ fileName: attachments.fileName, contentType: attachments.contentType, sha256: attachments.sha256, contentId: attachments.contentId })
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.messageId, messageId), inArray(attachments.disposition, ["attachment", "inline"])))
    .orderBy(asc(attachments.id));
  return rows.map((f) => ({
    filename: safeFileName(f.fileName),
    contentType: f.contentType,
    content: runtime.files.open(f.sha256),
    ...(f.contentId ? { cid: f.contentId, contentDisposition: "inline" as const } : {}),
  }));
}

/**
 * Records how a delivery went, and says so (`message.delivery_changed`) in the same transaction:
 * whoever follows the conversation sees the reply sent or failed at once.
 */
async function record(
  runtime: Runtime,
  message: { workspaceId: string; id: string; conversationId: string; status: DeliveryStatus | null },
  set: Partial<typeof messages.$inferInsert> & { deliveryStatus: "sent" | "failed" },
): Promise<void> {
  await runtime.transact(systemActor(message.workspaceId), async (ctx) => {
    await ctx.tx.update(messages).set(set).where(and(eq(messages.workspaceId, message.workspaceId), eq(messages.id, message.id)));
    if (message.status === set.deliveryStatus) return; // a retry that failed again
    await ctx.emit({
      type: "message.delivery_changed",
      conversationId: message.conversationId,
      payload: {
        messageId: message.id,
        from: message.status,
        to: set.deliveryStatus,
        reason: set.deliveryStatus === "sent" ? "sent" : "refused",
        error: set.deliveryError ?? null,
      },
    });
  });
}

/**
 * Sends one agent reply through its inbox's SMTP server, from the inbox's address with the agent's
 * name, threaded with In-Reply-To/References and answerable at the `+token` address. Records `sent`
 * with the Message-ID, or `failed` with the server's answer and throws, so the job is retried with
 * backoff (a later success records `sent`).
 */
export async function deliverEmail(runtime: Runtime, workspaceId: string, messageId: string): Promise<void> {
  const delivery = await loadDelivery(runtime, workspaceId, messageId);
  if (!delivery || delivery.message.status === "sent") return;
  const { channel, message } = delivery;
  const recorded = { workspaceId, id: message.id, conversationId: message.conversationId, status: message.status };
  if (!channel.smtp || !delivery.to) {
    const failed = channel.smtp
      ? { deliveryFailure: "no_address" as const, deliveryError: "The contact has no e-mail address." }
      : { deliveryFailure: "no_smtp" as const, deliveryError: "This inbox has no outgoing mail server (SMTP) set up." };
    await record(runtime, recorded, { deliveryStatus: "failed", ...failed });
    return; // nothing a retry could change
  }
  const isOwn = await ownInboxes(runtime.db, workspaceId);
  if (isOwn(delivery.to)) {
    await record(runtime, recorded, { deliveryStatus: "failed", deliveryFailure: "no_address", deliveryError: `${delivery.to} is one of this workspace's own inboxes; Atende does not mail itself.` });
    return;
  }
  const references = await threadIds(runtime, workspaceId, message.conversationId, messageId);
  const ownId = messageIdFor(message.id, channel.address);
  // Known by its Message-ID before it leaves: a copy that comes back (a forward, a list) is this reply, not a customer's mail.
  await runtime.db.update(messages).set({ externalId: ownId }).where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, message.id)));
  const subject = delivery.subject ?? "";
  const previous = await lastIncoming(runtime, workspaceId, message.conversationId, messageId);
  const chosen = message.email && !message.email.replyAll ? message.email : null;
  const notOwn = (address: string) => !isOwn(address);
  const cc = (chosen?.cc ?? replyAllCopies(previous?.email, channel.address, delivery.to)).filter(notOwn);
  const bcc = (message.email?.bcc ?? []).filter(notOwn);
  const composedHtml = message.email?.html ?? null;
  const sentEmail: EmailDetailsDto = {
    from: channel.address,
    to: [delivery.to],
    cc,
    ...(bcc.length > 0 ? { bcc } : {}),
    quoted: null,
    html: composedHtml,
    automated: null,
  };
  const quoted = previous ? { at: previous.createdAt, name: delivery.contactName ?? delivery.to, text: previous.body } : null;
  const locale = delivery.agentLocale ?? "en";
  const text = composeReplyText({ body: message.body, signature: channel.signature, quoted, locale });
  const html = composedHtml === null ? null : composeReplyHtml({ html: withContentIdSources(composedHtml), signature: channel.signature, quoted, locale });
  // The conversation's first mail is the team's own (a new e-mail): its subject is as written.
  const firstMail = references.length === 0 && !previous;
  try {
    await sendInboxMail(runtime, channel.smtp, channel.smtpPassword, {
      from: { name: delivery.agentName ?? channel.address, address: channel.address },
      to: delivery.to,
      ...(cc.length > 0 ? { cc } : {}),
      ...(bcc.length > 0 ? { bcc } : {}),
      replyTo: replyAddress(channel.address, replyToken(delivery.signingKey, channel.inboxId, { id: message.conversationId, number: delivery.number })),
      subject: firstMail || /^re:/i.test(subject) ? subject : `Re: ${subject}`.trim(),
      text,
      ...(html ? { html } : {}),
      attachments: await filesOf(runtime, workspaceId, messageId),
      messageId: `<${ownId}>`,
      ...(references.length > 0 ? { inReplyTo: `<${references.at(-1) ?? ""}>`, references: references.map((r) => `<${r}>`) } : {}),
    });
    await record(runtime, recorded, { deliveryStatus: "sent", deliveryError: null, deliveryFailure: null, email: sentEmail });
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "EENVELOPE" && !("responseCode" in err)) {
      // The mail library could not write the address down (no server was asked): no retry changes
      // that. A server's refusal (a greylisting 450, an unknown user) has a reply code, and goes on.
      await record(runtime, recorded, { deliveryStatus: "failed", deliveryFailure: "no_address", deliveryError: `No mail can be sent to ${delivery.to}: it is not an address.` });
      return;
    }
    await record(runtime, recorded, { deliveryStatus: "failed", ...deliveryFailure(err, channel.smtp) });
    throw err;
  }
}

const DeliveryPayload = z.object({ workspaceId: z.string(), messageId: z.string() });

/** Sends one reply; one job per message may wait or run at a time, so a retry never sends it twice. */
export const deliverEmailJob = defineJob({
  name: "email.deliver",
  payload: DeliveryPayload,
  policy: "exclusive",
  key: (data) => data.messageId,
  handle: ({ workspaceId, messageId }, runtime) => deliverEmail(runtime, workspaceId, messageId),
});

/** A reply waiting to be sent (new, or sent again by an agent) gets its delivery job. */
export const deliverEmailListener = defineListener({
  name: "email.deliver",
  applicableEvents: ["message.created", "message.delivery_changed"],
  when: (event) =>
    event.type === "message.created" ? event.payload.message.deliveryStatus === "pending" : event.payload.to === "pending",
  async handleEach(events, ctx) {
    await ctx.schedule(deliverEmailJob, events.map(deliveryOf));
  },
});

/** The delivery job of the reply an event names. */
function deliveryOf(event: EventOf<"message.created" | "message.delivery_changed">) {
  return { data: { workspaceId: event.workspaceId, messageId: event.type === "message.created" ? event.payload.message.id : event.payload.messageId } };
}
