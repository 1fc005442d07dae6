import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ChatSettings, VisitorContext } from "@atende/shared";
import { createdAt, idColumn } from "./columns.js";
import { contacts } from "./contact.js";
import { inboxes } from "./inbox.js";
import { workspaces } from "./workspace.js";

/** The website widget of a chat inbox. */
export const chatChannels = pgTable(
  "chat_channel",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    inboxId: uuid("inbox_id")
      .notNull()
      .unique()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    /** Public: it is in the snippet on the company's pages. Unique across workspaces, as widgets find their inbox by it. */
    widgetToken: text("widget_token").notNull(),
    /** What the company's server signs visitors' user ids with (HMAC-SHA256), sealed at rest. */
    identitySecret: text("identity_secret").notNull(),
    settings: jsonb("settings").$type<ChatSettings>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("chat_channel_widget_token_key").on(t.widgetToken)],
);

/** A browser talking through a widget: its token (kept by the browser) stands for a contact. */
export const chatVisitors = pgTable(
  "chat_visitor",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    inboxId: uuid("inbox_id")
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** SHA-256 of the visitor token; the token itself is only in the browser. */
    tokenDigest: text("token_digest").notNull(),
    /** The company's user id, when the site proved it with its identity secret. */
    externalUserId: text("external_user_id"),
    /**
     * The e-mail this browser's visitor said is theirs (pre-chat form, or a site's unsigned e-mail):
     * where unread replies may follow them, but it proves nothing, so it never joins them to a contact.
     */
    claimedEmail: text("claimed_email"),
    /** A one-time code mailed to an address the visitor asked to prove (its SHA-256), until it expires or is used. */
    emailCodeDigest: text("email_code_digest"),
    emailCodeFor: text("email_code_for"),
    emailCodeExpiresAt: timestamp("email_code_expires_at", { withTimezone: true, precision: 3 }),
    emailCodeAttempts: integer("email_code_attempts").notNull().default(0),
    /** Page, browser, language and time zone, as last reported. */
    context: jsonb("context").$type<VisitorContext>(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("chat_visitor_token_key").on(t.tokenDigest),
    index("chat_visitor_user_idx").on(t.workspaceId, t.inboxId, t.externalUserId),
  ],
);
