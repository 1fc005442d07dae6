import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { HandoffReason, Locale } from "@atende/shared";
import { createdAt } from "./columns.js";
import { conversations } from "./conversation.js";
import { workspaces } from "./workspace.js";

/** What the attendant waits for from the customer: whether its answer solved it, or a flow step's answer. */
export type AttendantAwaiting = { kind: "solved"; articleId: string } | { kind: "step"; flowId: string; stepId: string; tries: number } | null;

/** A fact the attendant collected, as the hand-off note lists it. */
export type AttendantFact = { key: string; value: string };

/**
 * The virtual attendant's part in one conversation: whether it still answers there (`active`), or
 * handed it to a person, saw it resolved, or was taken over by an agent; what it waits for; what it
 * collected and showed, for the hand-off note.
 */
export const attendantSessions = pgTable(
  "attendant_session",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["active", "handed_off", "resolved", "taken_over"] }).notNull(),
    locale: text("locale").$type<Locale>().notNull(),
    awaiting: jsonb("awaiting").$type<AttendantAwaiting>(),
    facts: jsonb("facts").$type<AttendantFact[]>().notNull().default([]),
    /** The customer's questions, as they wrote them. */
    questions: jsonb("questions").$type<string[]>().notNull().default([]),
    /** Articles it showed (answered with, offered as related, or a flow's): their titles and addresses. */
    articles: jsonb("articles").$type<{ title: string; url: string }[]>().notNull().default([]),
    /** How many times the customer said an answer did not solve it, or it had none. */
    misses: integer("misses").notNull().default(0),
    handoffReason: text("handoff_reason").$type<HandoffReason>(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("attendant_session_workspace_idx").on(t.workspaceId, t.status, t.createdAt)],
);
