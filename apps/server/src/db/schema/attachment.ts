import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
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
  (t) => [index("attachment_message_idx").on(t.workspaceId, t.messageId)],
);
