import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CONVERSATION_VIEWS, PRIORITIES, type ConversationCountsDto, type ConversationView } from "@atende/shared";
import { rowsOf } from "../../db/rows.js";
import { addAgent, newConversation, newWorkspace, useSignedInAdmin } from "../../test/test-app.js";
import { foldCountChanges } from "./counts.js";

const env = useSignedInAdmin();

/** The views' counts by counting the conversations themselves: what the kept counts must equal. */
async function countedByScan(workspaceId: string, me: string, filters: { inboxId?: string; priority?: string; tag?: string }): Promise<ConversationCountsDto> {
  const out: Record<string, number> = {};
  for (const [view, q] of Object.entries(CONVERSATION_VIEWS) as [ConversationView, { status: string; assigneeId?: string }][]) {
    const assignee = q.assigneeId === "me" ? sql`AND c.assignee_id = ${me}` : q.assigneeId === "none" ? sql`AND c.assignee_id IS NULL` : sql``;
    const [row] = rowsOf<{ n: number }>(
      await env.t.runtime.db.execute(sql`SELECT count(*)::int AS n FROM conversation c WHERE c.workspace_id = ${workspaceId} AND c.status = ${q.status} ${assignee}
        ${filters.inboxId ? sql`AND c.inbox_id = ${filters.inboxId}` : sql``} ${filters.priority ? sql`AND c.priority = ${filters.priority}` : sql``}
        ${filters.tag ? sql`AND EXISTS (SELECT 1 FROM conversation_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.conversation_id = c.id AND t.name = ${filters.tag})` : sql``}`),
    );
    out[view] = row?.n ?? -1;
  }
  return out as ConversationCountsDto;
}

describe("the views' counts", () => {
  it("stay exact through concurrent changes of status, assignee, priority and tags, before and while the changes are folded in", async () => {
    const ws = await newWorkspace(env.t);
    const teammate = await addAgent(env.t, ws, "agent", "Rita Alves");
    const first = await newConversation(ws);
    const created = await Promise.all(Array.from({ length: 23 }, (_, i) => newConversation(ws, { inboxId: i % 2 === 0 ? first.inboxId : undefined })));
    const ids = [first, ...created].map((c) => c.conversationId);
    const otherInbox = created.find((c) => c.inboxId !== first.inboxId)?.inboxId ?? first.inboxId;
    const statuses = ["open", "pending", "resolved", "snoozed"] as const;
    // Many changes at once, the fold running beside them (and on its own every second).
    const changes = ids.flatMap((id, i) => [
      { assigneeId: i % 3 === 0 ? ws.agentId : i % 3 === 1 ? teammate.agentId : null },
      { priority: PRIORITIES[i % PRIORITIES.length] },
      { addTags: i % 2 === 0 ? ["boleto"] : ["entrega", "urgente"] },
      i % 4 === 3 ? { status: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() } : { status: statuses[i % 3] },
      ...(i % 5 === 0 ? [{ removeTags: ["boleto"] }] : []),
    ]);
    const results = await Promise.all([
      ...changes.map((payload, k) => ws.request({ method: "PATCH", url: `/api/v1/conversations/${ids[k % ids.length] ?? ""}`, payload })),
      foldCountChanges(env.t.runtime.db),
      foldCountChanges(env.t.runtime.db),
    ]);
    expect(results.filter((r) => typeof r === "object" && r.statusCode !== 200)).toEqual([]);
    const filterSets: Record<string, string>[] = [{}, { inboxId: first.inboxId }, { inboxId: otherInbox }, { priority: "urgent" }, { tag: "boleto" }, { tag: "urgente", priority: "high" }, { tag: "nunca-usada" }];
    const check = async () => {
      for (const filters of filterSets) {
        const query = new URLSearchParams(filters).toString();
        const kept = (await ws.request({ method: "GET", url: `/api/v1/conversations/counts?${query}` })).json<ConversationCountsDto>();
        expect(kept, query).toEqual(await countedByScan(ws.workspaceId, ws.agentId, filters));
      }
    };
    await check();
    await foldCountChanges(env.t.runtime.db);
    const [left] = rowsOf<{ n: number }>(await env.t.runtime.db.execute(sql`SELECT count(*)::int AS n FROM conversation_count_change WHERE workspace_id = ${ws.workspaceId}`));
    expect(left?.n).toBe(0); // all folded in
    await check();
    // The teammate's own Mine, and a saved view's count of another agent's conversations, from the same groups.
    const theirs = (await teammate.request({ method: "GET", url: "/api/v1/conversations/counts" })).json<ConversationCountsDto>();
    expect(theirs).toEqual(await countedByScan(ws.workspaceId, teammate.agentId, {}));
  });

  it("after folding a bulk change, vacuum the changes' table, whose dead rows every count would read past", async () => {
    const ws = await newWorkspace(env.t);
    const { inboxId } = await newConversation(ws);
    const vacuumed = async () =>
      rowsOf<{ at: string | null }>(await env.t.runtime.db.execute(sql`SELECT pg_stat_get_last_vacuum_time('conversation_count_change'::regclass)::text AS at`))[0]?.at ?? null;
    const before = await vacuumed();
    // 10,000 changes that cancel out, as a bulk import and its undoing would write.
    await env.t.runtime.db.execute(sql`INSERT INTO conversation_count_change (workspace_id, status, inbox_id, priority, delta)
      SELECT ${ws.workspaceId}, 'open', ${inboxId}, 'normal', CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END FROM generate_series(1, 10000) i`);
    // Folded here, or already by the worker's fold every second: either vacuums after it.
    await foldCountChanges(env.t.runtime.db);
    await expect.poll(vacuumed, { timeout: 5000 }).not.toBe(before);
    expect(await vacuumed()).not.toBeNull();
    const counts = (await ws.request({ method: "GET", url: "/api/v1/conversations/counts" })).json<ConversationCountsDto>();
    expect(counts.all).toBe(1); // the workspace's own first conversation, and nothing of the bulk
  });
});
