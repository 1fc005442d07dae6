import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn } from "./columns.js";
import { actorType } from "./enums.js";
import { workspaces } from "./workspace.js";

/**
 * Append-only log of domain events, written in the transaction of the change it records; the
 * events some listener takes are also queued in `event_outbox`.
 */
export const events = pgTable(
  "event",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    actorType: actorType("actor_type").notNull(),
    actorId: uuid("actor_id"),
    conversationId: uuid("conversation_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("event_workspace_idx").on(t.workspaceId, t.id)],
);

/**
 * The events some listener takes that the outbox has not handed on yet: a narrow row written with
 * the event (only when a listener wants it) and deleted when its jobs are queued, so the wide event
 * row is written once and this table stays small however long the log grows.
 */
export const eventOutbox = pgTable("event_outbox", {
  eventId: uuid("event_id")
    .primaryKey()
    .references(() => events.id, { onDelete: "cascade" }),
});

/** That a listener handled an event: written with the listener's own changes, so it runs once. */
export const listenerReceipts = pgTable(
  "listener_receipt",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    listener: text("listener").notNull(),
    eventId: uuid("event_id").notNull(),
    handledAt: timestamp("handled_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.listener, t.eventId] }),
    // The retention sweep forgets receipts older than any retry could be.
    index("listener_receipt_handled_idx").on(t.handledAt),
  ],
);

/**
 * A create request's outcome, so that a retry with the same Idempotency-Key gets the same answer:
 * only for the credential that made it (`agent:<id>` for an agent's sessions, `token:<id>` for an
 * API token), for 24 hours, and never with a secret in it.
 */
export const idempotencyKeys = pgTable(
  "idempotency_key",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    credential: text("credential").notNull(),
    key: text("key").notNull(),
    /** Method, route and body hash: the same key with another request is a conflict. */
    fingerprint: text("fingerprint").notNull(),
    statusCode: integer("status_code").notNull(),
    response: jsonb("response").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.credential, t.key] }),
    // The retention sweep deletes keys past their day across workspaces.
    index("idempotency_key_created_idx").on(t.createdAt),
  ],
);

/**
 * Each message Atende's own mail server sent for a workspace (a password reset link, an address-proof
 * code), kept for a day: what its hourly limits count, per workspace and per mailbox.
 */
export const systemMails = pgTable(
  "system_mail",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"password_reset" | "address_proof">().notNull(),
    /** The recipient's mailbox: the address lowercased, without a `+tag` (the same mailbox gets it). */
    mailbox: text("mailbox").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("system_mail_workspace_idx").on(t.workspaceId, t.createdAt), index("system_mail_mailbox_idx").on(t.mailbox, t.createdAt)],
);
