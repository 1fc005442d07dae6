import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { advanceClock } from "@atende/shared";
import type {
  ActivityDto,
  ChannelKind,
  ConversationCountsDto,
  ConversationFilters,
  ConversationDto,
  CreateConversationBody,
  EventPayload,
  GetConversationQuery,
  OpenedConversationDto,
  ListConversationsQuery,
  MessageDto,
  UpdateConversationBody,
} from "@atende/shared";
import {
  agents,
  contacts,
  conversationColumns,
  conversations,
  conversationTags,
  inboxes,
  teams,
} from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { domainEvent, systemActor, type Ctx } from "../../core/context.js";
import { eventWithStatement } from "../../events/stored.js";
import { v7 as uuidv7 } from "uuid";
import { defineJob } from "../../core/jobs.js";
import { contactStatement, findOrCreateContact, shownContact } from "../contacts/service.js";
import { openUploads } from "../attachments/uploads.js";
import { appendMessage, composedEmail, messagePage, recordActivity, type NewMessage, type Opening } from "../messages/service.js";
import { ensureTags } from "../tags/service.js";
import { toConversationDto } from "./presenter.js";
import { countLists as countListGroups, countViews as countViewGroups, type CountedList } from "./counts.js";
import { findConversationPage, findConversationRow, type ConversationListRow } from "./queries.js";
import { loadConversation, type ConversationRow } from "./load.js";

/** How many conversations each of the actor's views holds, with the filters applied. */
export function countViews(ctx: Ctx, filters: ConversationFilters): Promise<ConversationCountsDto> {
  return countViewGroups(ctx.tx, ctx.actor.workspaceId, ctx.actor.id, filters);
}

/**
 * How many conversations each of several lists holds now (saved views), by the keys given: the same
 * conditions as listing them, `me` being the actor.
 */
export function countLists(ctx: Ctx, lists: ReadonlyMap<string, CountedList>): Promise<Record<string, number>> {
  return countListGroups(ctx.tx, ctx.actor.workspaceId, ctx.actor.id, lists);
}

/** The conversation as the API shows it. */
export async function getConversation(ctx: Ctx, id: string, query: GetConversationQuery = {}): Promise<OpenedConversationDto> {
  // With its newest messages, both read at once: opening a conversation is one request and one wait.
  const [row, page] = await Promise.all([
    findConversationRow(ctx.tx, ctx.actor.workspaceId, id),
    query.messages ? messagePage(ctx, id, { limit: query.messages, order: "newest" }) : undefined,
  ]);
  if (!row) throw AppError.notFound("Conversation");
  return page ? { ...toConversationDto(row), messages: page } : toConversationDto(row);
}

/** A page of conversations, newest activity first. */
export async function listConversations(
  ctx: Ctx,
  query: ListConversationsQuery,
): Promise<{ items: ConversationDto[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await findConversationPage(ctx.tx, ctx.actor.workspaceId, ctx.actor.id, query);
  return { items: rows.map(toConversationDto), nextCursor };
}

async function inboxOf(ctx: Ctx, id: string): Promise<{ id: string; channel: ChannelKind }> {
  const [inbox] = await ctx.tx
    .select({ id: inboxes.id, channel: inboxes.channel })
    .from(inboxes)
    .where(and(eq(inboxes.workspaceId, ctx.actor.workspaceId), eq(inboxes.id, id)));
  if (!inbox) throw noSuchInbox();
  return inbox;
}

const noSuchInbox = () => AppError.invalidField("inboxId", "no inbox with this id", "not_found");

/** A conversation's statement opened none, and may once its contact is visible: it runs once more. */
class Unopened extends Error {}

type FirstMessage = Pick<NewMessage, "externalId" | "email" | "attachments" | "clientId">;

/** Opens a conversation (see openConversation) and returns it as the API shows it. */
export async function createConversation(ctx: Ctx, body: CreateConversationBody, channel: FirstMessage = {}): Promise<ConversationDto> {
  return (await openConversation(ctx, body, channel)).conversation;
}

/** The conversation's columns, as the statement that opens one returns them. */
const openedColumns = Object.entries(conversationColumns);

/**
 * What the opening statement returns besides its message, for the conversation as the API shows it:
 * its columns, and its contact (`contact`: found or inserted by the same statement, so not in the
 * tables it reads), assignee and team as JSON objects. A conversation just opened has no tags.
 */
function shownWhenOpened(contact: SQL): SQL {
  const columns = openedColumns.map(([key, column]) => sql`opened.${sql.identifier(column.name)} AS ${sql.identifier(key)}`);
  return sql`${sql.join(columns, sql`, `)}, ${contact} AS contact,
    (SELECT json_build_object('id', a.id, 'name', a.name, 'email', a.email) FROM agent a WHERE a.workspace_id = opened.workspace_id AND a.id = opened.assignee_id) AS assignee,
    (SELECT json_build_object('id', t.id, 'name', t.name) FROM team t WHERE t.workspace_id = opened.workspace_id AND t.id = opened.team_id) AS team`;
}

/** The conversation as the API shows it, from what the opening statement returned (see shownWhenOpened). */
function openedConversation(shown: Record<string, unknown>): ConversationDto {
  // A driver that parsed a value (a timestamp as a date) gave it as the row reads it; else the column maps it.
  const conversation = Object.fromEntries(
    openedColumns.map(([key, column]) => {
      const value = shown[key];
      return [key, value === null || value instanceof Date ? value : column.mapFromDriverValue(value)];
    }),
  ) as ConversationRow;
  const row = shown as Pick<ConversationListRow, "channel" | "contact" | "assignee" | "team">;
  return toConversationDto({ conversation, channel: row.channel, contact: row.contact, assignee: row.assignee, team: row.team, tags: [] });
}

/**
 * Opens a conversation with its first message, finding or creating the contact. An outgoing first
 * message in an e-mail inbox is a new e-mail to the contact (with its copies and formatting), sent
 * by the delivery listener like any reply; the contact then needs an address. Returns its id, the
 * message, and the conversation as the API shows it, all from the one statement that wrote them.
 */
export async function openConversation(
  ctx: Ctx,
  body: CreateConversationBody,
  channel: FirstMessage = {},
  /** The channel of `body.inboxId`, when the caller has just found that inbox in this workspace (received mail): not read again. */
  inboxChannel?: ChannelKind,
): Promise<{ id: string; message: MessageDto; conversation: ConversationDto }> {
  const ws = ctx.actor.workspaceId;
  // A customer's first message needs nothing of its inbox before the conversation's insert, which
  // takes the inbox from this workspace's (one round trip fewer); an agent's depends on its channel.
  const inbox = inboxChannel || body.message.direction === "incoming" ? { id: body.inboxId, channel: inboxChannel ?? null } : await inboxOf(ctx, body.inboxId);
  const uploaded = body.message.attachments ? openUploads(ctx.config, ws, body.message.attachments, "message.attachments") : channel.attachments;
  const { email, files } = await composedEmail(ctx, inbox.id, { cc: body.cc, bcc: body.bcc, html: body.message.html }, uploaded);
  const newEmail = body.message.direction === "outgoing" && inbox.channel === "email";
  // A contact given by id is read first; so is the one of an agent's new e-mail, which must have an
  // address. Any other is found or created by the statement that opens the conversation.
  let known: { id: string; email: string | null } | null = null;
  if (body.contactId) {
    const [found] = await ctx.tx
      .select({ id: contacts.id, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws), eq(contacts.id, body.contactId)));
    if (!found) throw AppError.invalidField("contactId", "no contact with this id", "not_found");
    known = found;
  } else if (newEmail) {
    known = await findOrCreateContact(ctx, body.contact ?? {});
  }
  if (newEmail && !known?.email) {
    throw AppError.invalidField(body.contactId ? "contactId" : "contact.email", "an e-mail needs the contact's e-mail address", "no_email");
  }
  // A new e-mail from an agent is theirs to follow, and waits on the customer's answer.
  const agentsEmail = newEmail && ctx.actor.type === "agent";
  const message: NewMessage = { body: body.message.body, kind: "reply", direction: body.message.direction, ...channel, ...(email ? { email } : {}), attachments: files };
  // The contact (found or created), the conversation with the workspace's next number, the first
  // message and every event: one statement. Once more should it open nothing, in case a concurrent
  // statement created the contact after this one's snapshot; then the inbox is not this workspace's.
  let shown: Record<string, unknown> | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const id = uuidv7();
    const contact = known ? null : contactStatement(ctx, body.contact ?? {}, sql`EXISTS (SELECT 1 FROM inbox WHERE workspace_id = ${ws} AND id = ${inbox.id})`);
    const contactId = known ? sql`${known.id}::uuid` : contact?.id ?? sql`NULL::uuid`;
    const created = domainEvent(ctx.actor, { type: "conversation.created", conversationId: id, payload: { number: 0, contactId: known?.id ?? contact?.created.payload.contactId ?? "", inboxId: inbox.id } });
    const opening: Opening = {
      statement: (writes) => {
        const columns = new Map<string, SQL>([
          ["id", sql`${id}::uuid`],
          ["workspace_id", sql`${ws}::uuid`],
          ["number", sql`atende_next_conversation_number(${ws}::uuid)`],
          ["inbox_id", sql`i.id`],
          ["contact_id", contactId],
          ["subject", sql`${body.subject ?? null}::text`],
          ["assignee_id", sql`${agentsEmail ? ctx.actor.id : null}::uuid`],
          ["status", sql`${agentsEmail ? "pending" : "open"}::conversation_status`],
        ]);
        // A new conversation's columns are empty: what the message fills, it sets.
        for (const write of writes) columns.set(write.column, write.value);
        return sql`${contact ? sql`${contact.ctes}, ` : sql``}opened AS (
          INSERT INTO conversation (${sql.join([...columns.keys()].map((column) => sql.identifier(column)), sql`, `)})
          SELECT ${sql.join([...columns.values()], sql`, `)}
          FROM inbox i WHERE i.workspace_id = ${ws} AND i.id = ${inbox.id} AND ${contactId} IS NOT NULL
          RETURNING ${sql.join(openedColumns.map(([, column]) => sql.identifier(column.name)), sql`, `)}
        )${eventWithStatement(created, {
          name: "opened_event",
          from: "opened",
          dispatched: ctx.dispatches(created),
          payload: sql`jsonb_build_object('number', opened.number, 'contactId', opened.contact_id, 'inboxId', opened.inbox_id)`,
        })}`;
      },
      contactCreated: contact ? sql`EXISTS (SELECT 1 FROM contact_inserted)` : sql`false`,
      shown: shownWhenOpened(contact?.shown ?? shownContact(sql`SELECT id, name, email, phone FROM contact WHERE workspace_id = opened.workspace_id AND id = opened.contact_id`)),
      announce: (opened) => {
        if (contact && opened.contactCreated) ctx.announce(contact.created);
        ctx.announce({ ...created, payload: { ...created.payload, number: opened.number, contactId: opened.contactId } });
        shown = opened.shown;
      },
      unopened: () => (attempt === 1 && contact ? new Unopened() : noSuchInbox()),
    };
    try {
      const first = await appendMessage(ctx, id, message, opening);
      if (!shown) throw new Error("the opening statement returned no conversation");
      return { id, message: first, conversation: openedConversation(shown) };
    } catch (err) {
      if (!(err instanceof Unopened)) throw err;
    }
  }
}

type Change = { set: Partial<typeof conversations.$inferInsert>; activity?: Omit<ActivityDto, "actorName"> };

async function nameOf(ctx: Ctx, table: typeof agents | typeof teams, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const [row] = await ctx.tx.select({ name: table.name }).from(table).where(and(eq(table.workspaceId, ctx.actor.workspaceId), eq(table.id, id)));
  return row?.name ?? null;
}

/** The status and snooze an agent asks for, by the clock's rules (refused as a field error when it cannot be). */
function statusChange(current: ConversationRow, body: UpdateConversationBody): Change | null {
  const snoozedUntil = body.snoozedUntil === undefined ? undefined : body.snoozedUntil === null ? null : new Date(body.snoozedUntil);
  const clock = advanceClock(current, { type: "status_set", at: new Date(), status: body.status, snoozedUntil });
  if ("refused" in clock) throw AppError.invalidField(clock.refused.path, clock.refused.message, clock.refused.code);
  if (clock.events.length === 0) return null;
  const { changes } = clock;
  const to = changes.status ?? current.status;
  return {
    // All three, as the timeline and the events have always told it (snoozing again reads snoozed → snoozed).
    set: {
      status: to,
      snoozedUntil: changes.snoozedUntil === undefined ? current.snoozedUntil : changes.snoozedUntil,
      resolvedAt: changes.resolvedAt === undefined ? current.resolvedAt : changes.resolvedAt,
    },
    activity: { action: "status", from: current.status, to },
  };
}

/**
 * Refuses an assignee who is not an active agent of the workspace. The agent's row stays as read
 * until the assignment commits (a deactivation at the same moment waits, and then finds it).
 */
async function validateAssignee(ctx: Ctx, id: string): Promise<void> {
  const [agent] = await ctx.tx
    .select({ active: agents.active })
    .from(agents)
    .where(and(eq(agents.workspaceId, ctx.actor.workspaceId), eq(agents.id, id)))
    .for("share");
  if (!agent) throw AppError.invalidField("assigneeId", "no agent with this id", "not_found");
  if (!agent.active) throw AppError.invalidField("assigneeId", "this agent is deactivated", "deactivated");
}

async function validateTeam(ctx: Ctx, id: string): Promise<void> {
  const [team] = await ctx.tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, ctx.actor.workspaceId), eq(teams.id, id)));
  if (!team) throw AppError.invalidField("teamId", "no team with this id", "not_found");
}

async function collectChanges(ctx: Ctx, c: ConversationRow, body: UpdateConversationBody): Promise<Change[]> {
  const changes: Change[] = [];
  const status = statusChange(c, body);
  if (status) changes.push(status);
  if (body.assigneeId !== undefined && body.assigneeId !== c.assigneeId) {
    if (body.assigneeId) await validateAssignee(ctx, body.assigneeId);
    changes.push({
      set: { assigneeId: body.assigneeId },
      activity: {
        action: "assignee",
        from: await nameOf(ctx, agents, c.assigneeId),
        to: await nameOf(ctx, agents, body.assigneeId),
      },
    });
  }
  if (body.teamId !== undefined && body.teamId !== c.teamId) {
    if (body.teamId) await validateTeam(ctx, body.teamId);
    changes.push({
      set: { teamId: body.teamId },
      activity: { action: "team", from: await nameOf(ctx, teams, c.teamId), to: await nameOf(ctx, teams, body.teamId) },
    });
  }
  if (body.priority !== undefined && body.priority !== c.priority) {
    changes.push({ set: { priority: body.priority }, activity: { action: "priority", from: c.priority, to: body.priority } });
  }
  return changes;
}

/** The tags a request wants, from the current ones: all replaced, or some added and some removed. */
function wantedTags(current: string[], body: UpdateConversationBody): string[] {
  if (body.tags) return body.tags;
  const removed = new Set(body.removeTags);
  return [...current, ...(body.addTags ?? [])].filter((t) => !removed.has(t));
}

/** Changes the conversation's tags; returns the activity and the names before and after when the set changed. */
async function changeTags(ctx: Ctx, conversationId: string, body: UpdateConversationBody): Promise<(Change & { tags: { from: string[]; to: string[] } }) | null> {
  const ws = ctx.actor.workspaceId;
  const current = (await findConversationRow(ctx.tx, ws, conversationId))?.tags ?? [];
  const wanted = [...new Set(wantedTags(current, body))].sort();
  if (wanted.join("\n") === current.join("\n")) return null;
  const rows = await ensureTags(ctx, wanted);
  await ctx.tx
    .delete(conversationTags)
    .where(and(eq(conversationTags.workspaceId, ws), eq(conversationTags.conversationId, conversationId)));
  if (rows.length > 0) {
    await ctx.tx
      .insert(conversationTags)
      .values(rows.map((t) => ({ workspaceId: ws, conversationId, tagId: t.id })));
  }
  return {
    set: {},
    activity: { action: "tags", from: current.join(", ") || null, to: wanted.join(", ") || null },
    tags: { from: [...current].sort(), to: wanted },
  };
}

/** Changes status (with snooze), assignee, team, priority and tags, recording each change in the timeline. */
export async function updateConversation(ctx: Ctx, id: string, body: UpdateConversationBody): Promise<ConversationDto> {
  const current = await loadConversation(ctx, id, { forUpdate: true });
  if (current.mergedIntoId) {
    // Its messages, and any new one, are in the other: a change here would show what is not there.
    throw new AppError("CONFLICT", "This conversation was merged into another; change that one.", [
      { path: "params.id", message: "was already merged into another conversation", code: "merged" },
    ]);
  }
  const changes = await collectChanges(ctx, current, body);
  const tagChange = body.tags || body.addTags || body.removeTags ? await changeTags(ctx, current.id, body) : null;
  if (tagChange) changes.push(tagChange);
  if (changes.length === 0) return getConversation(ctx, id);

  const set = Object.assign({}, ...changes.map((c) => c.set)) as Partial<typeof conversations.$inferInsert>; // merged partial updates
  await ctx.tx
    .update(conversations)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.id, current.id)));
  for (const change of changes) {
    if (change.activity) await recordActivity(ctx, current.id, { ...change.activity, actorName: ctx.actor.name });
  }
  await emitChangeEvents(ctx, current, set, tagChange?.tags ?? null);
  if (set.status === "snoozed" && set.snoozedUntil) {
    await ctx.schedule(wakeConversationJob, [{ data: { workspaceId: ctx.actor.workspaceId, conversationId: current.id }, startAfter: set.snoozedUntil }]);
  }
  return getConversation(ctx, id);
}

/** What changed, field by field, from the row before and what was set (tags apart). */
function changedFields(before: ConversationRow, set: Partial<typeof conversations.$inferInsert>, tags: { from: string[]; to: string[] } | null) {
  const changes: EventPayload<"conversation.updated">["changes"] = {};
  if (set.status !== undefined) changes.status = { from: before.status, to: set.status };
  if (set.snoozedUntil !== undefined) changes.snoozedUntil = { from: before.snoozedUntil?.toISOString() ?? null, to: set.snoozedUntil?.toISOString() ?? null };
  if (set.assigneeId !== undefined) changes.assigneeId = { from: before.assigneeId, to: set.assigneeId };
  if (set.teamId !== undefined) changes.teamId = { from: before.teamId, to: set.teamId };
  if (set.priority !== undefined) changes.priority = { from: before.priority, to: set.priority };
  if (tags) changes.tags = tags;
  return changes;
}

async function emitChangeEvents(
  ctx: Ctx,
  before: ConversationRow,
  set: Partial<typeof conversations.$inferInsert>,
  tags: { from: string[]; to: string[] } | null,
): Promise<void> {
  await ctx.emit({ type: "conversation.updated", conversationId: before.id, payload: { changes: changedFields(before, set, tags) } });
  if (set.status !== undefined) {
    await ctx.emit({
      type: "conversation.status_changed",
      conversationId: before.id,
      payload: { from: before.status, to: set.status },
    });
  }
  if (set.assigneeId !== undefined) {
    await ctx.emit({
      type: "conversation.assigned",
      conversationId: before.id,
      payload: { from: before.assigneeId, to: set.assigneeId },
    });
  }
}

/** Reopens a snoozed conversation whose snooze has ended; does nothing if it was changed meanwhile. */
export async function wakeConversation(ctx: Ctx, id: string): Promise<boolean> {
  const [current] = await ctx.tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.actor.workspaceId), eq(conversations.id, id)))
    .for("update");
  if (!current) return false;
  const clock = advanceClock(current, { type: "snooze_ended", at: new Date() });
  if (clock.events.length === 0) return false; // snoozed again, or woken already
  await ctx.tx
    .update(conversations)
    .set({ ...clock.changes, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, current.workspaceId), eq(conversations.id, current.id)));
  await recordActivity(ctx, current.id, { action: "status", from: "snoozed", to: "open", actorName: ctx.actor.name });
  for (const event of clock.events) await ctx.emit({ ...event, conversationId: current.id });
  return true;
}

/** Reopens a snoozed conversation when its time comes; a stale wake-up (snoozed again, or woken) does nothing. */
export const wakeConversationJob = defineJob({
  name: "conversation.wake",
  payload: z.object({ workspaceId: z.string(), conversationId: z.string() }),
  async handle({ workspaceId, conversationId }, runtime) {
    await runtime.transact(systemActor(workspaceId), (ctx) => wakeConversation(ctx, conversationId));
  },
});

/** Conversations of one contact, newest activity first. */
export async function listContactConversations(
  ctx: Ctx,
  contactId: string,
  query: Omit<ListConversationsQuery, "contactId">,
): Promise<{ items: ConversationDto[]; nextCursor: string | null }> {
  const [contact] = await ctx.tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.actor.workspaceId), eq(contacts.id, contactId)));
  if (!contact) throw AppError.notFound("Contact");
  return listConversations(ctx, { ...query, contactId });
}

