import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn, updatedAt } from "./columns.js";
import { workspaces } from "./workspace.js";

export const contacts = pgTable(
  "contact",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name"),
    /** Lower-cased on write, so equality finds the contact whatever the sender's capitalisation. */
    email: text("email"),
    /**
     * An e-mail the customer said is theirs but nobody proved (a chat visitor typed it, or a site
     * sent it without signing it): shown to agents as unverified, never used to find or join a contact.
     */
    unverifiedEmail: text("unverified_email"),
    phone: text("phone"),
    company: text("company"),
    customAttributes: jsonb("custom_attributes").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The custom attributes as the site last reported them for its visitor (`Atende.setAttributes`),
     * which the page may change while the contact still has that value: what an agent, the API or
     * the virtual attendant wrote since is theirs.
     */
    siteAttributes: jsonb("site_attributes").$type<Record<string, unknown>>().notNull().default({}),
    notes: text("notes"),
    /** Unaccented, lower-cased name, e-mail, phone and company for trigram matching. */
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(atende_unaccent(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(company, '')))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contact_workspace_email_key").on(t.workspaceId, t.email).where(sql`email IS NOT NULL`),
    index("contact_workspace_created_idx").on(t.workspaceId, t.id),
    index("contact_search_text_idx").using("gin", t.workspaceId, t.searchText.op("gin_trgm_ops")),
  ],
);
