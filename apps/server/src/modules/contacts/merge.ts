import { and, eq, sql } from "drizzle-orm";
import type { ContactDto } from "@atende/shared";
import { chatVisitors, contacts, conversations, messages } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import type { Ctx } from "../../core/context.js";
import { toContactDto } from "./presenter.js";

type ContactRow = typeof contacts.$inferSelect;

/** Both contacts, locked in id order (two merges of the same pair the other way round cannot deadlock). */
async function lockPair(ctx: Ctx, ids: [string, string]): Promise<Map<string, ContactRow>> {
  const rows = await ctx.tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.actor.workspaceId), sql`${contacts.id} IN (${ids[0]}, ${ids[1]})`))
    .orderBy(contacts.id)
    .for("update");
  return new Map(rows.map((r) => [r.id, r]));
}

const joinNotes = (a: string | null, b: string | null) => (a && b && a !== b ? `${a}\n\n${b}` : (a ?? b));

/**
 * Merges `sourceId` into `targetId`, for when an agent is sure they are one customer: the source's
 * conversations, chat visits and messages move to the target, which keeps its own details and takes
 * the source's where it has none (custom attributes: the target's win); then the source is deleted.
 * Visitors who chatted as the source now see the target's history in that inbox.
 */
export async function mergeContacts(ctx: Ctx, targetId: string, sourceId: string): Promise<ContactDto> {
  if (targetId === sourceId) throw AppError.invalidField("otherId", "is this contact itself; choose another one", "itself");
  const pair = await lockPair(ctx, [targetId, sourceId].sort() as [string, string]);
  const target = pair.get(targetId);
  if (!target) throw AppError.notFound("Contact");
  const source = pair.get(sourceId);
  if (!source) throw AppError.invalidField("otherId", "is not a contact of this workspace", "not_found");
  const ws = ctx.actor.workspaceId;
  const moved = await ctx.tx
    .update(conversations)
    .set({ contactId: target.id })
    .where(and(eq(conversations.workspaceId, ws), eq(conversations.contactId, source.id)))
    .returning({ id: conversations.id });
  await ctx.tx.update(chatVisitors).set({ contactId: target.id }).where(and(eq(chatVisitors.workspaceId, ws), eq(chatVisitors.contactId, source.id)));
  await ctx.tx
    .update(messages)
    .set({ senderContactId: target.id })
    .where(and(eq(messages.workspaceId, ws), eq(messages.senderContactId, source.id)));
  // The source goes first, so that its e-mail (unique in the workspace) can pass to the target.
  await ctx.tx.delete(contacts).where(and(eq(contacts.workspaceId, ws), eq(contacts.id, source.id)));
  const email = target.email ?? source.email;
  const [row] = await ctx.tx
    .update(contacts)
    .set({
      name: target.name ?? source.name,
      email,
      unverifiedEmail: [target.unverifiedEmail, source.unverifiedEmail].find((e) => e && e !== email) ?? null,
      phone: target.phone ?? source.phone,
      company: target.company ?? source.company,
      notes: joinNotes(target.notes, source.notes),
      customAttributes: { ...source.customAttributes, ...target.customAttributes },
      siteAttributes: { ...source.siteAttributes, ...target.siteAttributes },
    })
    .where(and(eq(contacts.workspaceId, ctx.actor.workspaceId), eq(contacts.id, target.id)))
    .returning();
  if (!row) throw AppError.notFound("Contact");
  await ctx.emit({ type: "contact.merged", payload: { contactId: target.id, mergedId: source.id, conversationIds: moved.map((c) => c.id) } });
  return toContactDto(row);
}
