import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agents } from "./agent.js";
import { chatVisitors } from "./chat.js";
import { createdAt, idColumn } from "./columns.js";
import { attachmentDisposition } from "./enums.js";
import { messages } from "./message.js";
import { workspaces } from "./workspace.js";

/** A file on a message. Its bytes live in the file store under their SHA-256, shared by equal files. */
export const attachments = pgTable(
  "attachment",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    disposition: attachmentDisposition("disposition").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    /** The Content-ID an HTML body refers to as `cid:…`. */
    contentId: text("content_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachment_message_idx").on(t.workspaceId, t.messageId),
    // The retention sweep asks whether any message still has a file, across workspaces (files are shared by content).
    index("attachment_sha256_idx").on(t.sha256),
  ],
);

/**
 * A file uploaded and not sent yet: what its token stands for until a message takes it or it
 * expires. Counted against what one visitor, one address and one workspace may hold unsent; the
 * retention sweep deletes expired ones, and their bytes when nothing else refers to them.
 */
export const uploads = pgTable(
  "upload",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Who uploaded it: a chat visitor, or an agent. */
    visitorId: uuid("visitor_id").references(() => chatVisitors.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id").references(() => agents.id, { onDelete: "cascade" }),
    /** The address it came from. */
    ip: text("ip").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("upload_workspace_expires_idx").on(t.workspaceId, t.expiresAt),
    index("upload_visitor_idx").on(t.visitorId).where(sql`visitor_id IS NOT NULL`),
    index("upload_ip_expires_idx").on(t.ip, t.expiresAt),
    index("upload_sha256_idx").on(t.sha256),
    index("upload_expires_idx").on(t.expiresAt),
  ],
);
