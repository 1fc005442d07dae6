import { sql } from "drizzle-orm";
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Locale } from "@atende/shared";
import { createdAt, idColumn, updatedAt } from "./columns.js";
import { agentRole, availability } from "./enums.js";
import { workspaces } from "./workspace.js";

export const agents = pgTable(
  "agent",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: agentRole("role").notNull().default("agent"),
    /** What the agent chose; the widget counts them as there only while `seenAt` is recent too. */
    availability: availability("availability").notNull().default("offline"),
    /** When the agent last used an open tab (a key, a click); null once every tab of theirs closed. */
    seenAt: timestamp("seen_at", { withTimezone: true, precision: 3 }),
    /** The language the agent chose; null until they choose one (the app follows their browser). */
    locale: text("locale").$type<Locale>(),
    active: boolean("active").notNull().default(true),
    /** The photo the agent chose, in the file store (SHA-256 and image type); null shows their initials. */
    avatarSha256: text("avatar_sha256"),
    avatarType: text("avatar_type"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("agent_workspace_email_key").on(t.workspaceId, t.email),
    // Sign-in looks an e-mail up across workspaces, before any workspace is known.
    index("agent_email_idx").on(t.email),
  ],
);

export const sessions = pgTable(
  "session",
  {
    /** SHA-256 of the cookie's secret: a leaked table does not leak sessions. */
    id: text("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("session_workspace_agent_idx").on(t.workspaceId, t.agentId)],
);

export const apiTokens = pgTable(
  "api_token",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("api_token_workspace_agent_idx").on(t.workspaceId, t.agentId)],
);

/** A link that sets a new password for an agent who forgot theirs: used once, within an hour. */
export const passwordResetTokens = pgTable(
  "password_reset_token",
  {
    /** SHA-256 of the link's token; the token itself is only ever in the e-mail. */
    tokenHash: text("token_hash").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  // Looked up by the hash before the workspace is known (like a session), and by agent to replace older links.
  (t) => [index("password_reset_token_workspace_agent_idx").on(t.workspaceId, t.agentId)],
);

export const teams = pgTable(
  "team",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("team_workspace_name_key").on(t.workspaceId, sql`lower(${t.name})`)],
);

export const teamMembers = pgTable(
  "team_member",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.teamId, t.agentId] }),
    index("team_member_agent_idx").on(t.workspaceId, t.agentId),
  ],
);
