import { jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

type MailServer = { host: string; port: number; secure: boolean; user: string | null };
import { createdAt, idColumn } from "./columns.js";
import { inboxes } from "./inbox.js";
import { workspaces } from "./workspace.js";

/** The e-mail settings of an e-mail inbox. */
export const emailChannels = pgTable(
  "email_channel",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    inboxId: uuid("inbox_id")
      .notNull()
      .unique()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    /** Lower-cased. Unique across workspaces: incoming mail is routed by it before any workspace is known. */
    address: text("address").notNull(),
    /** The company's outgoing server (host, port, TLS, user); its password is sealed apart. */
    smtp: jsonb("smtp").$type<MailServer>(),
    smtpPassword: text("smtp_password"),
    /** A mailbox on the company's server to read mail from; its password is sealed apart. */
    imap: jsonb("imap").$type<MailServer & { mailbox: string }>(),
    imapPassword: text("imap_password"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_channel_address_key").on(t.address)],
);
