import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  CUSTOM_ATTRIBUTES_MAX,
  CUSTOM_ATTRIBUTES_MAX_BYTES,
  type ContactDto,
  type CreateContactBody,
  type ListContactsQuery,
  type UpdateContactBody,
} from "@atende/shared";
import { contacts } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import { domainEvent, type Ctx } from "../../core/context.js";
import { eventWithStatement } from "../../events/stored.js";
import { v7 as uuidv7 } from "uuid";
import { toContactDto } from "./presenter.js";
import { pageLimit } from "../../db/rows.js";

type ContactRow = typeof contacts.$inferSelect;

/** A contact as finding or creating one tells it: its id, and its e-mail address to write to. */
type FoundContact = { id: string; email: string | null };

function emailTaken(): AppError {
  return new AppError("CONFLICT", "Another contact already has this e-mail.", [
    { path: "email", message: "is already used by another contact", code: "taken" },
  ]);
}

/** Loads a contact of the actor's workspace or throws NOT_FOUND. */
export async function loadContact(ctx: Ctx, id: string): Promise<ContactRow> {
  const [row] = await ctx.tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.actor.workspaceId), eq(contacts.id, id)));
  if (!row) throw AppError.notFound("Contact");
  return row;
}

/** Matches `q` against name, e-mail, phone and company, ignoring case and accents. */
export function contactMatches(q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${contacts.searchText} LIKE lower(atende_unaccent(${pattern}))`;
}

/** Lists contacts, newest first, optionally filtered by `q`. */
export async function listContacts(
  ctx: Ctx,
  query: ListContactsQuery,
): Promise<{ items: ContactDto[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, z.tuple([z.uuid()]))[0] : undefined;
  const rows = await ctx.tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, ctx.actor.workspaceId),
        query.q ? contactMatches(query.q) : undefined,
        after ? lt(contacts.id, after) : undefined,
      ),
    )
    .orderBy(desc(contacts.id))
    .limit(pageLimit(query.limit + 1));
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items: items.map(toContactDto), nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

/** Creates a contact; an e-mail already in use is a CONFLICT. */
export async function createContact(ctx: Ctx, body: CreateContactBody): Promise<ContactDto> {
  const [row] = await ctx.tx
    .insert(contacts)
    .values({ ...body, workspaceId: ctx.actor.workspaceId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw emailTaken();
  await ctx.emit({ type: "contact.created", payload: { contactId: row.id } });
  return toContactDto(row);
}

/** The SQL that merges changed custom attributes into the stored ones (JSON merge patch: null removes a key). */
function mergeAttributes(changes: Record<string, unknown>, column: typeof contacts.customAttributes | typeof contacts.siteAttributes = contacts.customAttributes) {
  const removed = Object.keys(changes).filter((key) => changes[key] === null);
  const kept = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== null));
  const merged = sql`(${column} || ${JSON.stringify(kept)}::jsonb)`;
  return removed.length === 0 ? merged : sql.join([merged, ...removed.map((key) => sql`${key}::text`)], sql` - `);
}

/** Whether merged attributes stay within what one contact may hold. */
function attributesFit(merged: SQL) {
  return sql`(SELECT count(*) FROM jsonb_object_keys(${merged})) <= ${CUSTOM_ATTRIBUTES_MAX} AND octet_length((${merged})::text) <= ${CUSTOM_ATTRIBUTES_MAX_BYTES}`;
}

function tooManyAttributes(path: string): AppError {
  return AppError.invalidField(
    path,
    `would give the contact more than ${String(CUSTOM_ATTRIBUTES_MAX)} attributes or ${String(CUSTOM_ATTRIBUTES_MAX_BYTES / 1024)} KiB of them; remove some first`,
    "too_many",
  );
}

/**
 * Edits a contact's profile; custom attributes are merged into the stored ones, a null removing one,
 * within the per-contact limits (`attributesPath` names the field that broke them).
 */
export async function updateContact(ctx: Ctx, id: string, body: UpdateContactBody, attributesPath = "customAttributes"): Promise<ContactDto> {
  const contact = await loadContact(ctx, id);
  if (Object.keys(body).length === 0) return toContactDto(contact);
  const { customAttributes, ...fields } = body;
  const merged = customAttributes ? mergeAttributes(customAttributes) : null;
  const [row] = await ctx.tx
    .update(contacts)
    .set({ ...fields, ...(merged ? { customAttributes: merged } : {}) })
    .where(and(eq(contacts.workspaceId, ctx.actor.workspaceId), eq(contacts.id, contact.id), merged ? attributesFit(merged) : undefined))
    .returning()
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? emailTaken() : err;
    });
  if (!row) {
    await loadContact(ctx, contact.id); // merged into another meanwhile: 404, as it would be a moment later
    throw tooManyAttributes(attributesPath);
  }
  await ctx.emit({ type: "contact.updated", payload: { contactId: row.id, fields: Object.keys(body) } });
  return toContactDto(row);
}

/**
 * Changes the custom attributes a site reports for its chat visitor (`Atende.setAttributes`), as
 * an agent's change would, but only those the contact does not have or still has as the site last
 * set them. A page is the visitor's to script: what an agent, the API or the virtual attendant
 * wrote stays theirs, and no page changes or removes it.
 */
export async function updateSiteAttributes(ctx: Ctx, id: string, changes: NonNullable<UpdateContactBody["customAttributes"]>, attributesPath: string): Promise<void> {
  const thisContact = and(eq(contacts.workspaceId, ctx.actor.workspaceId), eq(contacts.id, id));
  const [row] = await ctx.tx.select({ custom: contacts.customAttributes, site: contacts.siteAttributes }).from(contacts).where(thisContact).for("update");
  if (!row) throw AppError.notFound("Contact");
  const { custom, site } = row;
  const sitesOwn = Object.fromEntries(
    Object.entries(changes).filter(([key]) => !Object.hasOwn(custom, key) || (Object.hasOwn(site, key) && site[key] === custom[key])),
  );
  if (Object.keys(sitesOwn).length === 0) return;
  await updateContact(ctx, id, { customAttributes: sitesOwn }, attributesPath);
  await ctx.tx.update(contacts).set({ siteAttributes: mergeAttributes(sitesOwn, contacts.siteAttributes) }).where(thisContact);
}

/**
 * Remembers an e-mail the customer gave without proof, on their own contact: shown to agents as
 * unverified, never used to find anyone. Nothing changes when the contact already has that address.
 */
export async function noteUnverifiedEmail(ctx: Ctx, contactId: string, email: string): Promise<void> {
  await ctx.tx
    .update(contacts)
    .set({ unverifiedEmail: email })
    .where(
      and(
        eq(contacts.workspaceId, ctx.actor.workspaceId),
        eq(contacts.id, contactId),
        sql`${contacts.email} IS DISTINCT FROM ${email}`,
        sql`${contacts.unverifiedEmail} IS DISTINCT FROM ${email}`,
      ),
    );
}

/** The first of some contact rows (id, name, email, phone) as a conversation shows its contact: a JSON object. */
export const shownContact = (rows: SQL): SQL =>
  sql`(SELECT json_build_object('id', k.id, 'name', k.name, 'email', k.email, 'phone', k.phone) FROM (${rows}) k LIMIT 1)`;

type ContactWho = { email?: string | undefined; name?: string | undefined; phone?: string | undefined };

/**
 * A statement's parts that find the contact with this e-mail (or phone), or create it with its
 * `contact.created`: CTEs `contact_found` and `contact_inserted` (no comma around them), and the
 * contact's id as an expression over them (null when a concurrent statement created it after this
 * one's snapshot) and the contact as shown (see shownContact). `insertsWhen` guards the insert: a
 * statement that also opens a conversation creates nobody for an inbox it cannot open one in.
 */
export function contactStatement(ctx: Ctx, who: ContactWho, insertsWhen: SQL = sql`true`) {
  const ws = ctx.actor.workspaceId;
  const match = who.email ? sql`email = ${who.email}` : who.phone ? sql`phone = ${who.phone}` : undefined;
  const id = uuidv7();
  const created = domainEvent(ctx.actor, { type: "contact.created", payload: { contactId: id } });
  const found = sql`SELECT id, email, name, phone FROM contact WHERE workspace_id = ${ws} AND ${match ?? sql`false`} LIMIT 1`;
  const ctes = sql`contact_found AS (${found}), contact_inserted AS (
      INSERT INTO contact (id, workspace_id, email, name, phone)
      SELECT ${id}::uuid, ${ws}::uuid, ${who.email ?? null}::text, ${who.name ?? null}::text, ${who.phone ?? null}::text
      WHERE NOT EXISTS (SELECT 1 FROM contact_found) AND ${insertsWhen}
      ON CONFLICT DO NOTHING RETURNING id, email, name, phone
    )${eventWithStatement(created, { name: "contact_event", from: "contact_inserted", dispatched: ctx.dispatches(created) })}`;
  return {
    ctes,
    found,
    created,
    id: sql`(SELECT id FROM contact_found UNION ALL SELECT id FROM contact_inserted LIMIT 1)`,
    /** The contact as a conversation shows it (a JSON object), found or inserted by this statement. */
    shown: shownContact(sql`SELECT id, name, email, phone FROM contact_found UNION ALL SELECT id, name, email, phone FROM contact_inserted`),
  };
}

/** Finds the contact with this e-mail (or phone), creating it when there is none. */
export async function findOrCreateContact(ctx: Ctx, who: ContactWho): Promise<FoundContact> {
  const contact = contactStatement(ctx, who);
  // The look-up, the insert when there is none, and the insert's event: one round trip.
  const [row] = await ctx.run<FoundContact & { created: boolean }>(sql`
    WITH ${contact.ctes}
    SELECT id, email, false AS created FROM contact_found UNION ALL SELECT id, email, true FROM contact_inserted`);
  if (row?.created) ctx.announce(contact.created);
  if (row) return { id: row.id, email: row.email };
  // Created by a concurrent request after this statement's snapshot: it is there now.
  const [raced] = await ctx.run<FoundContact>(contact.found);
  if (!raced) throw new Error("contact vanished after a unique conflict");
  return raced;
}
