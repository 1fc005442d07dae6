import { and, asc, eq } from "drizzle-orm";
import {
  fillTemplate,
  type CannedResponseDto,
  type CreateCannedResponseBody,
  type UpdateCannedResponseBody,
} from "@atende/shared";
import { cannedResponses } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import type { Ctx } from "../../core/context.js";
import { loadConversationContext } from "../conversations/load.js";
import { MANAGERS, requireRole } from "../policy.js";

type CannedRow = typeof cannedResponses.$inferSelect;

function toDto(row: CannedRow): CannedResponseDto {
  return { id: row.id, shortCode: row.shortCode, title: row.title, body: row.body };
}

function codeTaken(): AppError {
  return new AppError("CONFLICT", "Another canned response already uses this short code.", [
    { path: "shortCode", message: "is already used", code: "taken" },
  ]);
}

async function loadCanned(ctx: Ctx, id: string): Promise<CannedRow> {
  const [row] = await ctx.tx
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.workspaceId, ctx.actor.workspaceId), eq(cannedResponses.id, id)));
  if (!row) throw AppError.notFound("Canned response");
  return row;
}

/** Lists canned responses by short code. */
export async function listCannedResponses(ctx: Ctx): Promise<CannedResponseDto[]> {
  const rows = await ctx.tx
    .select()
    .from(cannedResponses)
    .where(eq(cannedResponses.workspaceId, ctx.actor.workspaceId))
    .orderBy(asc(cannedResponses.shortCode));
  return rows.map(toDto);
}

/** Creates a canned response (admins and supervisors). */
export async function createCannedResponse(ctx: Ctx, body: CreateCannedResponseBody): Promise<CannedResponseDto> {
  requireRole(ctx.actor, MANAGERS);
  const [row] = await ctx.tx
    .insert(cannedResponses)
    .values({ ...body, workspaceId: ctx.actor.workspaceId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw codeTaken();
  return toDto(row);
}

/** Edits a canned response (admins and supervisors). */
export async function updateCannedResponse(
  ctx: Ctx,
  id: string,
  body: UpdateCannedResponseBody,
): Promise<CannedResponseDto> {
  requireRole(ctx.actor, MANAGERS);
  const canned = await loadCanned(ctx, id);
  if (Object.keys(body).length === 0) return toDto(canned);
  const [row] = await ctx.tx
    .update(cannedResponses)
    .set(body)
    .where(and(eq(cannedResponses.workspaceId, ctx.actor.workspaceId), eq(cannedResponses.id, canned.id)))
    .returning()
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? codeTaken() : err;
    });
  if (!row) throw AppError.notFound("Canned response");
  return toDto(row);
}

/** Deletes a canned response (admins and supervisors). */
export async function deleteCannedResponse(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, MANAGERS);
  const canned = await loadCanned(ctx, id);
  await ctx.tx.delete(cannedResponses).where(and(eq(cannedResponses.workspaceId, ctx.actor.workspaceId), eq(cannedResponses.id, canned.id)));
}

/** The canned response's text with `{{contact.firstName}}`, `{{agent.name}}`… filled for a conversation. */
export async function renderCannedResponse(ctx: Ctx, id: string, conversationId: string): Promise<{ body: string }> {
  const canned = await loadCanned(ctx, id);
  const conversation = await loadConversationContext(ctx, conversationId);
  return {
    body: fillTemplate(canned.body, {
      contact: conversation.contact,
      agent: { name: ctx.actor.name, email: ctx.actor.email },
      conversation: { number: conversation.number, subject: conversation.subject },
    }),
  };
}
