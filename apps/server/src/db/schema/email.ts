import { sql } from "drizzle-orm";
import { bigint, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { MailFailure } from "@atende/shared";

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
    /**
     * Lower-cased. Once proven, unique across workspaces: incoming mail is routed by it before any
     * workspace is known. Until then it receives nothing, and another workspace may claim it too.
     */
    address: text("address").notNull(),
    /** When the workspace proved the address is theirs (or, where no proof is asked, when it was added). */
    verifiedAt: timestamp("verified_at", { withTimezone: true, precision: 3 }),
    /** How: `code` (mailed to the address), `dns` (a TXT record on its domain), `not-required` (one workspace). */
    verifiedBy: text("verified_by"),
    /** The code mailed to the address to prove it (its SHA-256), when, and how many tries it has had. */
    proofCodeDigest: text("proof_code_digest"),
    proofCodeSentAt: timestamp("proof_code_sent_at", { withTimezone: true, precision: 3 }),
    proofCodeAttempts: integer("proof_code_attempts").notNull().default(0),
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
    /** The last IMAP failure (the server's answer when it gave one), cleared when a connection succeeds. */
    imapError: text("imap_error"),
    /** The same, as a reason clients say in their own words. */
    imapFailure: text("imap_failure").$type<MailFailure>(),
    /** Added below every reply sent from this inbox. */
    signature: text("signature"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_channel_verified_address_key").on(t.address).where(sql`verified_at IS NOT NULL`),
    uniqueIndex("email_channel_workspace_address_key").on(t.workspaceId, t.address),
  ],
);

/**
 * A mail domain a workspace proves with a DNS TXT record (`_atende.<domain>` =
 * `atende-verification=<token>`): once proven, its addresses are the workspace's, and no other
 * workspace may claim one.
 */
export const emailDomains = pgTable(
  "email_domain",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    token: text("token").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_domain_workspace_domain_key").on(t.workspaceId, t.domain),
    uniqueIndex("email_domain_verified_key").on(t.domain).where(sql`verified_at IS NOT NULL`),
  ],
);
