import { and, count, eq, gte, lt } from "drizzle-orm";
import { HANDOFF_REASONS, type AttendantStatsDto, type AttendantStatsQuery, type HandoffReason } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import { attendantSessions, conversations } from "../../db/schema/index.js";
import { MANAGERS, requireRole } from "../policy.js";

const DAY = 86_400_000;

/** The attendant's outcomes in a period (admins and supervisors), from its record of each conversation. */
export async function attendantStats(ctx: Ctx, q: AttendantStatsQuery): Promise<AttendantStatsDto> {
  requireRole(ctx.actor, MANAGERS);
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  const rows = await ctx.tx
    .select({ inboxId: conversations.inboxId, locale: attendantSessions.locale, status: attendantSessions.status, reason: attendantSessions.handoffReason, n: count() })
    .from(attendantSessions)
    .innerJoin(conversations, and(eq(conversations.workspaceId, attendantSessions.workspaceId), eq(conversations.id, attendantSessions.conversationId)))
    .where(and(eq(attendantSessions.workspaceId, ctx.actor.workspaceId), gte(attendantSessions.createdAt, from), lt(attendantSessions.createdAt, to)))
    .groupBy(conversations.inboxId, attendantSessions.locale, attendantSessions.status, attendantSessions.handoffReason);
  const byKey = new Map<string, AttendantStatsDto["rows"][number]>();
  for (const r of rows) {
    const key = `${r.inboxId} ${r.locale}`;
    const row = byKey.get(key) ?? {
      inboxId: r.inboxId,
      locale: r.locale,
      conversations: 0,
      resolved: 0,
      handedOff: 0,
      handoffReasons: Object.fromEntries(HANDOFF_REASONS.map((x) => [x, 0])) as Record<HandoffReason, number>,
      takenOver: 0,
      active: 0,
    };
    row.conversations += r.n;
    if (r.status === "resolved") row.resolved += r.n;
    if (r.status === "taken_over") row.takenOver += r.n;
    if (r.status === "active") row.active += r.n;
    if (r.status === "handed_off") {
      row.handedOff += r.n;
      if (r.reason) row.handoffReasons[r.reason] += r.n;
    }
    byKey.set(key, row);
  }
  return { from: from.toISOString(), to: to.toISOString(), rows: [...byKey.values()] };
}
