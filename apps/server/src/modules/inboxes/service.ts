import { and, asc, eq, getTableColumns } from "drizzle-orm";
import type { CreateInboxBody, InboxDto, UpdateInboxBody } from "@atende/shared";
import { emailChannels, inboxes } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import type { Ctx } from "../context.js";
import { ADMINS, requireRole } from "../policy.js";

type InboxRow = typeof inboxes.$inferSelect & { address: string | null };

function toInboxDto(row: InboxRow): InboxDto {
  return { id: row.id, name: row.name, channel: row.channel, address: row.address, createdAt: row.createdAt.toISOString() };
}

function selectInboxes(ctx: Ctx) {
  return ctx.tx
    .select({ ...getTableColumns(inboxes), address: emailChannels.address })
    .from(inboxes)
    .leftJoin(emailChannels, eq(emailChannels.inboxId, inboxes.id));
}

/** Loads an inbox of the actor's workspace or throws NOT_FOUND. */
export async function loadInbox(ctx: Ctx, id: string): Promise<InboxRow> {
  const [row] = await selectInboxes(ctx).where(and(eq(inboxes.workspaceId, ctx.actor.workspaceId), eq(inboxes.id, id)));
  if (!row) throw AppError.notFound("Inbox");
  return row;
}

/** Lists the workspace's inboxes by name. */
export async function listInboxes(ctx: Ctx): Promise<InboxDto[]> {
  const rows = await selectInboxes(ctx).where(eq(inboxes.workspaceId, ctx.actor.workspaceId)).orderBy(asc(inboxes.name));
  return rows.map(toInboxDto);
}

/** Returns one inbox. */
export async function getInbox(ctx: Ctx, id: string): Promise<InboxDto> {
  return toInboxDto(await loadInbox(ctx, id));
}

/** Creates an inbox (admins only). */
export async function createInbox(ctx: Ctx, body: CreateInboxBody): Promise<InboxDto> {
  requireRole(ctx.actor, ADMINS);
  const [row] = await ctx.tx
    .insert(inboxes)
    .values({ workspaceId: ctx.actor.workspaceId, name: body.name, channel: body.channel })
    .returning();
  if (!row) throw new Error("inbox insert returned no row");
  if (body.address === undefined) return toInboxDto({ ...row, address: null });
  const [channel] = await ctx.tx
    .insert(emailChannels)
    .values({ workspaceId: ctx.actor.workspaceId, inboxId: row.id, address: body.address })
    .onConflictDoNothing()
    .returning();
  if (!channel) {
    throw new AppError("CONFLICT", "Another inbox already receives mail at this address.", [
      { path: "address", message: "is already used by another inbox" },
    ]);
  }
  return toInboxDto({ ...row, address: channel.address });
}

/** Renames an inbox (admins only). */
export async function updateInbox(ctx: Ctx, id: string, body: UpdateInboxBody): Promise<InboxDto> {
  requireRole(ctx.actor, ADMINS);
  const inbox = await loadInbox(ctx, id);
  if (Object.keys(body).length === 0) return toInboxDto(inbox);
  const [row] = await ctx.tx.update(inboxes).set(body).where(eq(inboxes.id, inbox.id)).returning();
  if (!row) throw AppError.notFound("Inbox");
  return toInboxDto({ ...row, address: inbox.address });
}
