import { sql } from "drizzle-orm";
import { pgTable, text } from "drizzle-orm/pg-core";
import type { Locale } from "@atende/shared";
import { createdAt, idColumn } from "./columns.js";

export const workspaces = pgTable("workspace", {
  id: idColumn(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /**
   * Signs what the workspace hands out and must recognise later (the `+token` of reply addresses):
   * 256 random bits, made by the database when the workspace is.
   */
  signingKey: text("signing_key")
    .notNull()
    .default(sql`encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex')`),
  /** An IANA name: business hours, reports and the help center count days and hours in it. */
  timeZone: text("time_zone").notNull().default("UTC"),
  defaultLocale: text("default_locale").$type<Locale>().notNull().default("en"),
  /** The help center's accent colour (#rrggbb) and logo (an https address or an uploaded article image). */
  brandColor: text("brand_color").notNull().default("#1f6feb"),
  logoUrl: text("logo_url"),
  createdAt: createdAt(),
});
