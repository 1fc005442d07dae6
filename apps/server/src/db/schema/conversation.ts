import { getTableColumns, sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agents, teams } from "./agent.js";
import { createdAt, idColumn, tsvector, updatedAt } from "./columns.js";
import { contacts } from "./contact.js";
import { conversationStatus, messageDirection, messageKind, priority } from "./enums.js";
import { inboxes } from "./inbox.js";
import { workspaces } from "./workspace.js";

export const conversations = pgTable(
  "conversation",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The per-workspace number people quote ("#42"). */
    number: integer("number").notNull(),
    inboxId: uuid("inbox_id")
      .notNull()
      .references(() => inboxes.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    subject: text("subject"),
    status: conversationStatus("status").notNull().default("open"),
    priority: priority("priority").notNull().default("normal"),
    assigneeId: uuid("assignee_id").references(() => agents.id, { onDelete: "set null" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true, precision: 3 }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview"),
    lastMessageDirection: messageDirection("last_message_direction"),
    lastMessageKind: messageKind("last_message_kind"),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, precision: 3 }),
    /** Time of the oldest customer message not yet answered; null when the team spoke last. */
    waitingSince: timestamp("waiting_since", { withTimezone: true, precision: 3 }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true, precision: 3 }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
    /** Set when an agent merged this conversation into another: its messages live there now. */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => conversations.id, { onDelete: "set null" }),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('simple', atende_unaccent(coalesce(subject, '')))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("conversation_workspace_number_key").on(t.workspaceId, t.number),
    index("conversation_inbox_list_idx").on(
      t.workspaceId,
      t.inboxId,
      t.status,
      t.lastActivityAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversation_status_list_idx").on(
      t.workspaceId,
      t.status,
      t.lastActivityAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversation_assignee_list_idx").on(
      t.workspaceId,
      t.assigneeId,
      t.status,
      t.lastActivityAt.desc().nullsFirst(),
    ),
    // The sorts other than by activity, each on its own index: at a million conversations a sort
    // the index does not give reads every conversation of the status.
    index("conversation_waiting_list_idx").on(t.workspaceId, t.status, sql`coalesce(${t.waitingSince}, 'infinity'::timestamptz)`, t.id),
    index("conversation_priority_list_idx").on(
      t.workspaceId,
      t.status,
      t.priority.desc().nullsFirst(),
      t.lastActivityAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversation_team_list_idx").on(
      t.workspaceId,
      t.teamId,
      t.status,
      t.lastActivityAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversation_contact_idx").on(t.workspaceId, t.contactId),
    index("conversation_search_idx").using("gin", t.workspaceId, t.searchVector),
  ],
);

/** Every column but the search vector: what reads select. */
export const { searchVector: _conversationSearchVector, ...conversationColumns } = getTableColumns(conversations);

/**
 * How many conversations each group holds (workspace, tag or all, status, assignee, inbox, team,
 * priority): what the views' counts add up instead of counting the conversations. Kept exact by
 * triggers on the conversations and their tags, which write each change as a +1/−1 row in
 * `conversation_count_change` in the change's own transaction; a worker folds those rows in here.
 * A count is this table's groups plus the changes not folded in yet, read in one statement.
 * `tagId` null is the group of all conversations; a tag's id, those with that tag.
 */
const countGroup = {
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  tagId: uuid("tag_id"),
  status: conversationStatus("status").notNull(),
  assigneeId: uuid("assignee_id"),
  inboxId: uuid("inbox_id").notNull(),
  teamId: uuid("team_id"),
  priority: priority("priority").notNull(),
};

export const conversationCounts = pgTable(
  "conversation_count",
  { ...countGroup, n: integer("n").notNull() },
  (t) => [unique("conversation_count_group_key").on(t.workspaceId, t.tagId, t.status, t.assigneeId, t.inboxId, t.teamId, t.priority).nullsNotDistinct()],
);

/** One change to a group's count (+1 or −1), written with the change; folded into `conversation_count` by a worker. */
export const conversationCountChanges = pgTable(
  "conversation_count_change",
  { id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(), ...countGroup, delta: integer("delta").notNull() },
  (t) => [index("conversation_count_change_workspace_idx").on(t.workspaceId, t.tagId)],
);
