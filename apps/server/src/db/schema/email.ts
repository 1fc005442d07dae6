import { bigint, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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
    /** Where the IMAP import stands: the mailbox's UIDVALIDITY and the last UID stored under it. */
    imapUidValidity: bigint("imap_uid_validity", { mode: "number" }),
    imapLastUid: bigint("imap_last_uid", { mode: "number" }).notNull().default(0),
    /** Which process reads the mailbox, until when: one reader per mailbox across nodes. */
    imapLeaseOwner: text("imap_lease_owner"),
    imapLeaseUntil: timestamp("imap_lease_until", { withTimezone: true, precision: 3 }),
    /** The last IMAP failure in the server's words, cleared when a connection succeeds. */
    imapError: text("imap_error"),
    /** Added below every reply sent from this inbox. */
    signature: text("signature"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_channel_address_key").on(t.address)],
);
