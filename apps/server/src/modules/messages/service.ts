import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  clip,
  CHANNEL_KINDS,
  CHANNELS,
  CONVERSATION_STATUSES,
  describeActivity,
  INLINE_PICTURE_TYPES,
  messageMoves,
  QUEUED_CHANNELS,
  type ClockMoves,
  type ActivityDto,
  type AttachmentDto,
  type ChannelKind,
  type ComposedEmail,
  type ConversationStatus,
  type CreateMessageBody,
  type DeliveryStatus,
  type EmailDetailsDto,
  type ListMessagesQuery,
  type MessageButton,
  type MessageDirection,
  type EventPayload,
  type MessageDto,
  type MessageKind,
} from "@atende/shared";
import { agents, attachments, contacts, conversations, inboxes, messageColumns, messages } from "../../db/schema/index.js";
import { markUploadsSent, openUploads } from "../attachments/uploads.js";
import { sanitizeComposedHtml } from "../../lib/composed-html.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { domainEvent, type Ctx } from "../../core/context.js";
import { loadConversation } from "../conversations/load.js";
import { AppError } from "../../lib/app-error.js";
import { v7 as uuidv7 } from "uuid";
import { toMessageDto, type MessageRow } from "./presenter.js";
import { pageLimit } from "../../db/rows.js";
import { CompiledSelect, compiledSelects, selectBuilder } from "../../db/compiled-select.js";

const PREVIEW_LENGTH = 160;

/** A text's beginning on one line, at most `length` characters (an ellipsis when cut). */
export function preview(body: string, length = PREVIEW_LENGTH): string {
  // Only the beginning is shown: flattening a long e-mail whole would be wasted work on every message.
  const flat = clip(body, length * 8).replace(/\s+/g, " ").trim();
  return flat.length > length ? `${clip(flat, length - 1)}…` : flat;
}

/** The list's line for a message: its text, or for a message of files alone their names. */
function previewOf(m: NewMessage): string {
  const text = preview(m.body);
  const files = (m.attachments ?? []).filter((a) => a.disposition === "attachment").map((a) => a.fileName);
  return text || (files.length > 0 ? preview(`📎 ${files.join(", ")}`) : "");
}

export type NewMessage = {
  body: string;
  kind: Exclude<MessageKind, "activity">;
  direction: MessageDirection;
  /** The message's id on its channel, such as an e-mail Message-ID. */
  externalId?: string | undefined;
  email?: EmailDetailsDto | undefined;
  /** Files already in the file store. */
  attachments?: NewAttachment[] | undefined;
  /** The sending client's id for the message, unique in its conversation. */
  clientId?: string | undefined;
  /** Choices offered with it (the virtual attendant's). */
  buttons?: MessageButton[] | undefined;
};

/** A file a new message carries: its bytes are in the file store; `uploadId` when an upload brought it. */
export type NewAttachment = Omit<AttachmentDto, "id"> & { sha256: string; uploadId?: string };
/** A file as the message's statement records it. */
type StoredAttachment = AttachmentDto & { sha256: string };

type Appended = {
  previousStatus: ConversationStatus;
  contactId: string;
  deliveryStatus: DeliveryStatus | null;
  channel: ChannelKind;
  assigneeId: string | null;
  /** Of a conversation the statement opened: its number, and whether it created its contact. */
  number: number | null;
  contactCreated: boolean;
  /**
   * Not written: stamped no later than the conversation's latest message, which was written while
   * this one waited for the conversation (`lastActivityAt` is that message's time).
   */
  late: boolean;
  lastActivityAt: Date | string | null;
};

/** What the statement that opened a conversation returns: its number, its contact, and the opening's own `shown` columns. */
export type Opened = { number: number; contactId: string; contactCreated: boolean; shown: Record<string, unknown> };

/**
 * A conversation that the first message's own statement opens (see openConversation): given what
 * the message writes on it, the statement's CTEs up to the conversation's insert, named `opened`
 * and returning at least its id, status, contact_id, assignee_id, inbox_id and number; whether the
 * contact was created, as an expression over them; and what is announced once it has committed.
 */
export type Opening = {
  statement: (writes: readonly ConversationWrite[]) => SQL;
  contactCreated: SQL;
  /** More columns for the statement's result, read from `opened` and `prev` (the conversation as the API shows it). */
  shown: SQL;
  announce: (opened: Opened) => void;
  /** What to throw when it opened none (no such inbox, or the contact was created meanwhile). */
  unopened: () => Error;
};

/** The channels whose replies wait for a job to send them, as a list for the statement. */
const QUEUED = sql.join(QUEUED_CHANNELS.map((kind) => sql`${kind}`), sql`, `);

/** What the message does to the conversation's clock (the shared rules), as it is being inserted. */
function clockMoves(row: MessageRow, m: NewMessage): ClockMoves {
  return messageMoves({ type: "message_added", at: row.createdAt, direction: m.direction, kind: m.kind, senderType: row.senderType, automated: Boolean(m.email?.automated) });
}

/** A column of its conversation that a message writes, and the value; `fill` only where it is empty. */
export type ConversationWrite = { column: string; value: SQL; fill: boolean };

/** A value for a column of the conversation, cast to the column's type (an INSERT … SELECT infers none). */
function columnValue(field: keyof typeof conversations.$inferSelect, value: string | Date | null): ConversationWrite["value"] {
  return sql`${value instanceof Date ? value.toISOString() : value}::${sql.raw(conversations[field].getSQLType())}`;
}

/**
 * Since when the customer has waited in a conversation, from its timeline: their oldest message
 * (not machine-sent) after the team's last public reply; null when the team spoke last.
 */
export const waitingSinceOf = (workspaceId: string, conversationId: string) => sql`(
  SELECT min(m.created_at) FROM message m
  WHERE m.workspace_id = ${workspaceId} AND m.conversation_id = ${conversationId} AND m.direction = 'incoming' AND m.kind = 'reply'
    AND m.email->>'automated' IS NULL
    AND m.id > coalesce((
      SELECT r.id FROM message r
      WHERE r.workspace_id = ${workspaceId} AND r.conversation_id = ${conversationId} AND r.kind = 'reply' AND r.sender_type = 'agent'
      ORDER BY r.id DESC LIMIT 1
    ), '00000000-0000-0000-0000-000000000000'::uuid))`;

/**
 * What a message writes on its conversation: the clock's moves and, for a reply, the list's preview.
 * Machine-sent mail (out-of-office, bounces) moves neither, and only touches `updated_at`.
 */
function conversationWrites(moves: ClockMoves, m: NewMessage, at: Date): ConversationWrite[] {
  const clock = (Object.keys(moves) as (keyof ClockMoves)[]).flatMap((field) => {
    const move = moves[field];
    return move ? [{ column: conversations[field].name, value: columnValue(field, move.value), fill: move.op === "fill" }] : [];
  });
  if (clock.length === 0) return [{ column: conversations.updatedAt.name, value: columnValue("updatedAt", at), fill: false }];
  if (m.kind !== "reply") return clock;
  const preview = [
    ["lastMessagePreview", previewOf(m)],
    ["lastMessageDirection", m.direction],
    ["lastMessageKind", "reply"],
    ["lastMessageAt", at],
  ] as const;
  return [...clock, ...preview.map(([field, value]) => ({ column: conversations[field].name, value: columnValue(field, value), fill: false }))];
}

/** The writes as an UPDATE's assignments to the conversation `c`. */
function assignments(writes: readonly ConversationWrite[]): SQL {
  return sql.join(
    writes.map(({ column, value, fill }) => {
      const name = sql.identifier(column);
      return fill ? sql`${name} = coalesce(c.${name}, ${value})` : sql`${name} = ${value}`;
    }),
    sql`, `,
  );
}

/**
 * The `message.created` payload as the statement receives it: the body and the e-mail's details
 * (its HTML) are taken from the message the statement inserts, not sent a second time (received
 * mail: about half the bytes of the statement).
 */
function withoutText(payload: EventPayload<"message.created">): EventPayload<"message.created"> {
  return { ...payload, message: { ...payload.message, body: "", email: null } };
}

/** The message's own events, stored by its statement: `message.created`, and the reopening when there is one. */
function eventsOf(ctx: Ctx, row: MessageRow, senderName: string | null, files: AttachmentDto[]) {
  const created = domainEvent(ctx.actor, {
    type: "message.created",
    conversationId: row.conversationId,
    payload: { message: toMessageDto(row, senderName, files), channel: "api", assigneeId: null }, // the channel and assignee are the statement's to fill in
  });
  // `from` is the conversation's status before, which only the statement knows: it fills it in.
  const reopened = domainEvent(ctx.actor, {
    type: "conversation.status_changed",
    conversationId: row.conversationId,
    payload: { from: "open", to: "open", reason: "incoming_message" },
  });
  return { created, reopened };
}

/**
 * What, of what only the statement learns (the conversation's channel and assignee, its status
 * before), makes the message's events ones some listener takes: the statement queues them in
 * `event_outbox` only for those, so that an API inbox's reply, or a customer's mail in a
 * conversation nobody has yet, costs the outbox nothing when no listener wants it.
 */
function dispatchedWhen(ctx: Ctx, ev: ReturnType<typeof eventsOf>, agentReplies: boolean) {
  const { message } = ev.created.payload;
  const channels = (assigneeId: string | null) =>
    CHANNEL_KINDS.filter((channel) => {
      const deliveryStatus = agentReplies && QUEUED_CHANNELS.includes(channel) ? "pending" : message.deliveryStatus;
      return ctx.dispatches({ ...ev.created, payload: { channel, assigneeId, message: { ...message, deliveryStatus } } });
    });
  const from = CONVERSATION_STATUSES.filter((status) => status !== "open" && ctx.dispatches({ ...ev.reopened, payload: { ...ev.reopened.payload, from: status } }));
  // Listeners look at whether there is an assignee, never at who: any id stands for one.
  return { unassigned: channels(null), assigned: channels(ctx.actor.id), from };
}

/** The statement's part that queues its events in `event_outbox`, when some listener takes one. */
function outboxed(ctx: Ctx, ev: ReturnType<typeof eventsOf>, agentReplies: boolean): SQL {
  const { unassigned, assigned, from } = dispatchedWhen(ctx, ev, agentReplies);
  if (unassigned.length === 0 && assigned.length === 0 && from.length === 0) return sql``;
  const list = (values: readonly string[]) => (values.length === 0 ? sql`NULL` : sql.join(values.map((v) => sql`${v}`), sql`, `));
  return sql`, outboxed AS (
      INSERT INTO event_outbox (event_id)
      SELECT created_event.id FROM created_event, prev
        WHERE CASE WHEN prev.assignee_id IS NULL THEN prev.channel::text IN (${list(unassigned)}) ELSE prev.channel::text IN (${list(assigned)}) END
      UNION ALL SELECT reopened_event.id FROM reopened_event, prev WHERE prev.status::text IN (${list(from)})
    )`;
}

/** The statement's part that records the message's files (each with its id), when it has any. */
function attached(row: MessageRow, files: readonly StoredAttachment[]): SQL {
  if (files.length === 0) return sql``;
  const values = files.map(
    (f) =>
      sql`(${f.id}::uuid, ${f.disposition}::attachment_disposition, ${f.fileName}::text, ${f.contentType}::text, ${f.size}::bigint, ${f.sha256}::text, ${f.contentId ?? null}::text)`,
  );
  return sql`, attached AS (
      INSERT INTO attachment (id, workspace_id, message_id, disposition, file_name, content_type, size, sha256, content_id)
      SELECT v.id, ${row.workspaceId}, inserted.id, v.disposition, v.file_name, v.content_type, v.size, v.sha256, v.content_id
      FROM inserted, (VALUES ${sql.join(values, sql`, `)}) AS v(id, disposition, file_name, content_type, size, sha256, content_id)
    )`;
}

/**
 * One statement: lock the conversation, move its clock, insert the message, its files and its events. A
 * statement is atomic on its own, and one round trip instead of six is most of the cost of posting
 * a message. What only the database knows (the conversation's contact and previous status) is
 * filled into the events there, and returned so the published copies match the stored ones.
 */
async function insertAndTouch(ctx: Ctx, { row, moves, ev }: Stamped, m: NewMessage, files: readonly StoredAttachment[], opening?: Opening, acceptLate = false) {
  const incoming = m.direction === "incoming";
  const reopens = moves.status !== undefined;
  const agentReplies = moves.firstResponseAt !== undefined; // an agent's public reply, which e-mail must deliver
  const now = sql`${row.createdAt.toISOString()}::timestamptz`;
  const writes = conversationWrites(moves, m, row.createdAt);
  const eventColumns = sql`(id, workspace_id, type, actor_type, actor_id, conversation_id, payload, created_at)`;
  const actor = sql`${ctx.actor.type}::actor_type, ${ctx.actor.id}::uuid`;
  const deliveryStatus = sql`CASE WHEN ${agentReplies}::boolean AND i.channel IN (${QUEUED}) THEN 'pending' ELSE ${row.deliveryStatus}::text END AS delivery_status`;
  // The conversation: one this statement opens with the message's writes in its insert, or one that
  // exists, locked and then written.
  const conversation = opening
    ? sql`${opening.statement(writes)}, prev AS (
      SELECT c.id, c.status, c.contact_id, c.assignee_id, i.channel, ${deliveryStatus}, c.number, ${opening.contactCreated} AS contact_created,
        false AS late, NULL::timestamptz AS last_activity_at
      FROM opened c JOIN inbox i ON i.workspace_id = c.workspace_id AND i.id = c.inbox_id
    )`
    : sql`locked AS (
      SELECT c.id, c.status, c.contact_id, c.assignee_id, i.channel, ${deliveryStatus}, NULL::integer AS number, false AS contact_created,
        c.last_activity_at >= ${now} AND NOT ${acceptLate}::boolean AS late, c.last_activity_at
      FROM conversation c JOIN inbox i ON i.workspace_id = c.workspace_id AND i.id = c.inbox_id
      WHERE c.workspace_id = ${ctx.actor.workspaceId} AND c.id = ${row.conversationId} AND c.merged_into_id IS NULL FOR UPDATE OF c
    ), prev AS (
      SELECT * FROM locked WHERE NOT late
    ), touched AS (
      UPDATE conversation c SET ${assignments(writes)} FROM prev WHERE c.workspace_id = ${ctx.actor.workspaceId} AND c.id = prev.id RETURNING c.id
    )`;
  const [appended] = await ctx.run<Appended>(sql`
    WITH ${conversation}, inserted AS (
      INSERT INTO message (id, workspace_id, conversation_id, direction, kind, sender_type, sender_agent_id,
        sender_contact_id, body, delivery_status, external_id, client_id, email, buttons, created_at)
      SELECT ${row.id}, ${row.workspaceId}, prev.id, ${row.direction}, ${row.kind}, ${row.senderType},
        ${row.senderAgentId}, CASE WHEN ${incoming} THEN prev.contact_id END, ${row.body},
        prev.delivery_status::delivery_status,
        ${row.externalId}, ${row.clientId}, ${row.email ? JSON.stringify(row.email) : null}::jsonb,
        ${row.buttons ? JSON.stringify(row.buttons) : null}::jsonb, ${now}
      FROM prev RETURNING id, body, email
    ), created_event AS (
      INSERT INTO event ${eventColumns}
      SELECT ${ev.created.id}, ${row.workspaceId}, ${ev.created.type}, ${actor}, prev.id,
        jsonb_set(jsonb_set(jsonb_set(
          jsonb_set(created.payload, '{message,sender}',
            CASE WHEN ${incoming} THEN jsonb_build_object('id', prev.contact_id, 'name', NULL) ELSE created.payload #> '{message,sender}' END),
          '{message,deliveryStatus}', coalesce(to_jsonb(prev.delivery_status), 'null'::jsonb)),
          '{message,body}', to_jsonb(inserted.body)), '{message,email}', coalesce(inserted.email, 'null'::jsonb))
          || jsonb_build_object('channel', prev.channel, 'assigneeId', prev.assignee_id),
        ${ev.created.createdAt}::timestamptz
      FROM prev, inserted, (SELECT ${JSON.stringify(withoutText(ev.created.payload))}::jsonb AS payload) created RETURNING id
    ), reopened_event AS (
      INSERT INTO event ${eventColumns}
      SELECT ${ev.reopened.id}, ${row.workspaceId}, ${ev.reopened.type}, ${actor}, prev.id,
        jsonb_build_object('from', prev.status, 'to', 'open', 'reason', 'incoming_message'), ${ev.reopened.createdAt}::timestamptz
      FROM prev WHERE ${reopens} AND prev.status <> 'open' RETURNING id
    )${outboxed(ctx, ev, agentReplies)}${attached(row, files)}
    SELECT prev.status AS "previousStatus", prev.contact_id AS "contactId", prev.delivery_status AS "deliveryStatus", prev.channel,
      prev.assignee_id AS "assigneeId", prev.number, prev.contact_created AS "contactCreated", prev.late,
      prev.last_activity_at AS "lastActivityAt"${opening ? sql`, ${opening.shown} FROM prev, opened` : sql` FROM locked prev`}`);
  if (!appended && opening) throw opening.unopened();
  return appended;
}

/** A message as stamped at `at`, with its events and what it does to the conversation's clock. */
type Stamped = { row: MessageRow; ev: ReturnType<typeof eventsOf>; moves: ClockMoves };

/** How often a message is stamped again after later ones, before it is written after them as it is. */
const RESTAMPS = 5;

/**
 * Adds a reply or note to a conversation and moves the conversation's clock: an incoming message
 * reopens a pending, snoozed or resolved conversation and starts the customer's wait; the first
 * public agent reply sets `firstResponseAt`. Writes with a single statement (see insertAndTouch),
 * which with `opening` also opens the conversation. A message is stamped (its time and id, which
 * order the timeline) before it waits for its conversation: should a later one be written
 * meanwhile, it is stamped again after it, so that the timeline and the conversation's clock see
 * messages in the order they were written. A conversation merged into another (before, or while
 * this waited for it) passes the message on to that one (`hops` counts how often).
 */
export async function appendMessage(ctx: Ctx, conversationId: string, m: NewMessage, opening?: Opening, hops = 0): Promise<MessageDto> {
  const incoming = m.direction === "incoming";
  const senderName = incoming ? null : ctx.actor.name;
  const files = (m.attachments ?? []).map((a) => ({
    id: uuidv7(),
    disposition: a.disposition,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    contentId: a.contentId,
  }));
  const fileDtos = files.map(({ id, disposition, fileName, contentType, size, contentId }) => ({ id, disposition, fileName, contentType, size, contentId }));
  const stamp = (id: string, createdAt: Date): Stamped => {
    const row: MessageRow = {
      id,
      workspaceId: ctx.actor.workspaceId,
      conversationId,
      direction: m.direction,
      kind: m.kind,
      senderType: incoming ? "contact" : ctx.actor.type === "agent" || ctx.actor.type === "bot" ? ctx.actor.type : "system",
      senderAgentId: incoming ? null : ctx.actor.id,
      senderContactId: null,
      body: m.body,
      activity: null,
      deliveryStatus: m.kind === "reply" && !incoming ? "sent" : null,
      deliveryError: null,
      deliveryFailure: null,
      externalId: m.externalId ?? null,
      clientId: m.clientId ?? null,
      buttons: m.buttons ?? null,
      email: m.email ?? null,
      createdAt,
    };
    return { row, ev: eventsOf(ctx, row, senderName, fileDtos), moves: clockMoves(row, m) };
  };
  let stamped = stamp(uuidv7(), new Date());
  let appended = await insertAndTouch(ctx, stamped, m, files, opening);
  for (let restamps = 1; appended?.late && restamps <= RESTAMPS; restamps++) {
    const after = new Date(Math.max(Date.now(), new Date(appended.lastActivityAt ?? 0).getTime() + 1));
    stamped = stamp(uuidv7({ msecs: after.getTime() }), after);
    appended = await insertAndTouch(ctx, stamped, m, files, opening, restamps === RESTAMPS);
  }
  if (!appended) {
    // Merged into another (before, or while this waited for it): the message goes where its messages went.
    const { mergedIntoId } = await loadConversation(ctx, conversationId); // NOT_FOUND when there is none
    if (mergedIntoId && hops < 3) return appendMessage(ctx, mergedIntoId, m, undefined, hops + 1);
    throw AppError.notFound("Conversation");
  }
  const { row, ev, moves } = stamped;
  const { previousStatus, contactId, deliveryStatus, channel, assigneeId, number, contactCreated } = appended;
  if (opening && number !== null) opening.announce({ number, contactId, contactCreated, shown: appended });
  if (files.length > 0) await markUploadsSent(ctx, m.attachments ?? []);
  const dto = toMessageDto(
    { ...row, deliveryStatus, senderContactId: incoming ? contactId : null },
    senderName,
    fileDtos,
  );
  // Its delivery (an e-mail reply) and its follow-up (a chat reply the visitor may miss) are the listeners' work.
  ctx.announce({ ...ev.created, payload: { message: dto, channel, assigneeId } });
  if (moves.status !== undefined && previousStatus !== "open") {
    ctx.announce({ ...ev.reopened, payload: { from: previousStatus, to: "open", reason: "incoming_message" } });
  }
  return dto;
}

/** Records a change in the conversation's timeline, naming who made it. */
export async function recordActivity(ctx: Ctx, conversationId: string, activity: ActivityDto): Promise<void> {
  const [row] = await ctx.tx
    .insert(messages)
    .values({
      workspaceId: ctx.actor.workspaceId,
      conversationId,
      direction: "outgoing",
      kind: "activity",
      senderType: ctx.actor.type === "agent" ? "agent" : "system",
      senderAgentId: ctx.actor.type === "agent" ? ctx.actor.id : null,
      body: describeActivity(activity),
      activity,
    })
    .returning();
  if (!row) throw new Error("activity insert returned no row");
  await ctx.emit({
    type: "message.created",
    conversationId,
    payload: { message: toMessageDto(row, ctx.actor.type === "agent" ? ctx.actor.name : null) },
  });
}

/** The workspace's active agents among `ids`; an unknown one is refused naming it. */
async function mentionedAgents(ctx: Ctx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await ctx.tx
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.workspaceId, ctx.actor.workspaceId), inArray(agents.id, unique), eq(agents.active, true)));
  const known = new Set(found.map((a) => a.id));
  const unknown = unique.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw AppError.invalidField(`mentions.${String(unknown)}`, "is not an active agent of this workspace", "not_found");
  return unique;
}

/**
 * What an agent's own e-mail carries beyond its text (copies, blind copies, formatting), refused
 * naming the field outside e-mail. The addressees are settled when the mail is sent; copies left
 * out are decided then too (reply all). An image in the formatting shows one of the message's
 * pictures (`<img src="cid:0">` is the first file): that file becomes an inline part of the mail.
 */
export async function composedEmail(
  ctx: Ctx,
  inboxId: string,
  e: ComposedEmail,
  files: readonly NewAttachment[] = [],
): Promise<{ email?: EmailDetailsDto; files: NewAttachment[] }> {
  const field = (["cc", "bcc", "html"] as const).find((key) => e[key] !== undefined);
  if (!field) return { files: [...files] };
  const [inbox] = await ctx.tx
    .select({ channel: inboxes.channel })
    .from(inboxes)
    .where(and(eq(inboxes.workspaceId, ctx.actor.workspaceId), eq(inboxes.id, inboxId)));
  if (!inbox || !CHANNELS[inbox.channel].supports.copies) throw AppError.invalidField(field, "is only for e-mail conversations", "email_only");
  const shown = files.map((f) => ({ ...f }));
  const inline = (position: number) => {
    const file = shown[position];
    if (!file || !INLINE_PICTURE_TYPES.includes(file.contentType)) return null;
    file.disposition = "inline";
    file.contentId ??= `${uuidv7()}@atende`;
    return file.contentId;
  };
  const html = e.html === undefined ? null : sanitizeComposedHtml(e.html, inline) || null;
  const email: EmailDetailsDto = {
    from: null,
    to: [],
    cc: e.cc ?? [],
    ...(e.bcc?.length ? { bcc: e.bcc } : {}),
    ...(e.cc === undefined ? { replyAll: true } : {}),
    quoted: null,
    html,
    automated: null,
  };
  return { email, files: shown };
}

/** Posts an agent reply, an internal note, or (for API inboxes) a message from the contact. */
export async function createMessage(ctx: Ctx, conversationId: string, body: CreateMessageBody): Promise<MessageDto> {
  const uploaded = body.attachments ? openUploads(ctx.config, ctx.actor.workspaceId, body.attachments, "attachments") : [];
  const composed = body.cc || body.bcc || body.html ? await composedEmail(ctx, (await loadConversation(ctx, conversationId)).inboxId, body, uploaded) : { files: uploaded };
  const mentioned = body.mentions?.length ? await mentionedAgents(ctx, body.mentions) : [];
  const message = await appendMessage(ctx, conversationId, {
    body: body.body,
    kind: body.private ? "note" : "reply",
    direction: body.direction,
    email: composed.email,
    attachments: composed.files,
  });
  for (const agentId of mentioned) {
    await ctx.emit({
      type: "agent.mentioned",
      conversationId: message.conversationId,
      payload: { agentId, messageId: message.id, by: ctx.actor.name, preview: preview(message.body) },
    });
  }
  return message;
}

const Cursor = z.tuple([z.uuid()]);

/** A message's files, oldest first, as one JSON array (no second round trip for a timeline). */
const attachmentsOf = sql<AttachmentDto[]>`coalesce((
  SELECT json_agg(json_build_object('id', a.id, 'disposition', a.disposition, 'fileName', a.file_name,
    'contentType', a.content_type, 'size', a.size, 'contentId', a.content_id) ORDER BY a.id)
  FROM ${attachments} a WHERE a.workspace_id = ${messages.workspaceId} AND a.message_id = ${messages.id}), '[]'::json)`;

/** Messages with their senders' names and files, as the API shows them. */
function selectMessages() {
  return selectBuilder
    .select({ message: messageColumns, agentName: agents.name, contactName: contacts.name, attachments: attachmentsOf })
    .from(messages)
    .leftJoin(agents, and(eq(agents.workspaceId, messages.workspaceId), eq(agents.id, messages.senderAgentId)))
    .leftJoin(contacts, and(eq(contacts.workspaceId, messages.workspaceId), eq(contacts.id, messages.senderContactId)));
}

function present(r: ReturnType<typeof selectMessages>["_"]["result"][number]): MessageDto {
  return toMessageDto(r.message, r.agentName ?? r.contactName, r.attachments);
}

/** A page of a conversation's timeline, from its oldest or its newest message. */
export async function listMessages(
  ctx: Ctx,
  conversationId: string,
  query: ListMessagesQuery,
): Promise<{ items: MessageDto[]; nextCursor: string | null }> {
  const conversation = await loadConversation(ctx, conversationId);
  return messagePage(ctx, conversation.id, query);
}

const inWorkspace = eq(messages.workspaceId, sql.placeholder("workspaceId"));

/** A timeline's page: from its newest or oldest message, the first page or the one after a message (`from`). */
const timelinePages = compiledSelects((shape: { newest: boolean; after: boolean; limit: number }) => {
  const from = sql.placeholder("from");
  return selectMessages()
    .where(
      and(
        inWorkspace,
        eq(messages.conversationId, sql.placeholder("conversationId")),
        shape.after ? (shape.newest ? lt(messages.id, from) : gt(messages.id, from)) : undefined,
      ),
    )
    .orderBy(shape.newest ? desc(messages.id) : asc(messages.id))
    .limit(pageLimit(shape.limit));
});

/** A page of the timeline of a conversation known to be the actor's workspace's. */
export async function messagePage(ctx: Ctx, conversationId: string, query: Pick<ListMessagesQuery, "cursor" | "limit" | "order">) {
  const from = query.cursor ? decodeCursor(query.cursor, Cursor)[0] : undefined;
  const rows = await timelinePages({ newest: query.order === "newest", after: from !== undefined, limit: query.limit + 1 }).run(ctx.tx, {
    workspaceId: ctx.actor.workspaceId,
    conversationId,
    from,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.message.id]) : null,
  };
}

const oneMessage = new CompiledSelect(selectMessages().where(and(inWorkspace, eq(messages.id, sql.placeholder("id")))));

/** One message of the actor's workspace as the API shows it, or null. */
export async function getMessage(ctx: Ctx, id: string): Promise<MessageDto | null> {
  const [row] = await oneMessage.run(ctx.tx, { workspaceId: ctx.actor.workspaceId, id });
  return row ? present(row) : null;
}

/** Sends a reply whose delivery failed once more, now (an agent's "retry"). */
export async function retryDelivery(ctx: Ctx, conversationId: string, messageId: string): Promise<MessageDto> {
  const [row] = await ctx.tx
    .update(messages)
    .set({ deliveryStatus: "pending", deliveryError: null, deliveryFailure: null })
    .where(
      and(
        eq(messages.workspaceId, ctx.actor.workspaceId),
        eq(messages.conversationId, conversationId),
        eq(messages.id, messageId),
        eq(messages.deliveryStatus, "failed"),
      ),
    )
    .returning({ id: messages.id });
  if (!row) {
    const found = await getMessage(ctx, messageId);
    if (found?.conversationId !== conversationId) throw AppError.notFound("Message"); // none, or another workspace's: as everywhere
    throw new AppError("CONFLICT", "Only a message whose delivery failed can be sent again.", [
      { path: "params.messageId", message: "is not a failed outgoing message of this conversation", code: "not_failed" },
    ]);
  }
  await ctx.emit({
    type: "message.delivery_changed",
    conversationId,
    payload: { messageId: row.id, from: "failed", to: "pending", reason: "retried", error: null },
  });
  const retried = await getMessage(ctx, row.id);
  if (!retried) throw AppError.notFound("Message");
  return retried; // named after whoever wrote it, not whoever retried it
}
