import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "../apps/server/src/db/rows.js";
import type { ConversationStatus, UpdateConversationBody } from "@atende/shared";
import { loadConfig } from "../apps/server/src/config.js";
import { agents, apiTokens } from "../apps/server/src/db/schema/index.js";
import { createLogger } from "../apps/server/src/logger.js";
import { createApiToken } from "../apps/server/src/modules/auth/service.js";
import { ensureFirstWorkspace } from "../apps/server/src/modules/bootstrap/first-start.js";
import type { Actor } from "../apps/server/src/core/context.js";
import { createConversation, updateConversation } from "../apps/server/src/modules/conversations/service.js";
import { createInbox } from "../apps/server/src/modules/inboxes/service.js";
import { createTeam } from "../apps/server/src/modules/teams/service.js";
import { foldCountChanges } from "../apps/server/src/modules/conversations/counts.js";
import { indexMessages } from "../apps/server/src/modules/search/index-messages.js";
import { appendMessage } from "../apps/server/src/modules/messages/service.js";
import { openStore } from "../apps/server/src/server/store.js";
import { startRuntime } from "../apps/server/src/server/runtime.js";
import { agentReply, customerMessage, rng } from "./dataset.js";
import { BENCH_ADMIN_PASSWORD } from "./support.js";

/**
 * Removes the replies an earlier measurement posted (so every run measures the same data set),
 * indexes what is not yet and folds the views' counts, as the worker does, then vacuums and
 * analyzes the tables, as autovacuum would soon after a bulk load.
 */
export async function settleDatabase(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const config = loadConfig({ ...env, LOG_LEVEL: "warn" });
  const store = await openStore(config);
  try {
    await store.handle.db.execute(sql`DELETE FROM message WHERE body LIKE ${`${BENCH_REPLY} %`}`);
    // The data set's own events were handed on long ago, as far as the measurement is concerned.
    await store.handle.db.execute(sql`DELETE FROM event_outbox`);
    const [events] = rowsOf<{ n: string }>(await store.handle.db.execute(sql`SELECT count(*) AS n FROM event`));
    log(`  ${String(events?.n)} events in the table`);
    // Messages are indexed for search after they commit: a loaded data set is measured once it is.
    const started = Date.now();
    let indexed = 0;
    for (let n = (await indexMessages(store.handle.db, 1000)).indexed; n > 0; n = (await indexMessages(store.handle.db, 1000)).indexed) indexed += n;
    if (indexed > 0) log(`  indexed ${String(indexed)} messages for search in ${String(Math.round((Date.now() - started) / 1000))} s`);
    // And the views' counts folded, as the worker folds them every second.
    await foldCountChanges(store.handle.db);
    await store.handle.db.execute(sql`VACUUM ANALYZE`);
  } finally {
    await store.close();
  }
}

/**
 * From commit to handled, for the events between `since` and `until`: each listener's receipt time minus its
 * event's time, in milliseconds (p50, p99, max), and how many.
 */
export async function listenerLag(env: Record<string, string>, since: Date, until: Date) {
  const config = loadConfig({ ...env, LOG_LEVEL: "warn" });
  const store = await openStore(config);
  try {
    return rowsOf<{ listener: string; handled: number; p50: number; p99: number; max: number }>(
      await store.handle.db.execute(sql`
        SELECT r.listener, count(*)::int AS handled,
          round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.handled_at - e.created_at) * 1000))::int AS p50,
          round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM r.handled_at - e.created_at) * 1000))::int AS p99,
          round(max(extract(epoch FROM r.handled_at - e.created_at) * 1000))::int AS max
        FROM listener_receipt r JOIN event e ON e.id = r.event_id AND e.workspace_id = r.workspace_id
        WHERE e.created_at >= ${since.toISOString()}::timestamptz AND e.created_at < ${until.toISOString()}::timestamptz GROUP BY r.listener`),
    );
  } finally {
    await store.close();
  }
}

/** How the measured replies begin, so that a later run can remove them. */
export const BENCH_REPLY = "Benchmark reply";

export const BENCH_ADMIN = { email: "bench@example.com", password: BENCH_ADMIN_PASSWORD };

const STATUSES: ConversationStatus[] = ["open", "open", "open", "open", "pending", "snoozed", "resolved", "resolved", "resolved", "resolved"];

/**
 * How the i-th conversation differs from a customer's new one, so that every view and filter lists
 * some: its status (four in ten open), a third assigned to the bench admin, half to one of two
 * teams, three in ten of high or urgent priority, and a tag on one in seven (billing) or eleven (vip).
 */
function variety(i: number, adminId: string, teamIds: string[]): UpdateConversationBody {
  const status = STATUSES[i % STATUSES.length] ?? "open";
  return {
    ...(status === "open" ? {} : { status }),
    ...(status === "snoozed" ? { snoozedUntil: new Date(Date.now() + 365 * 86_400_000).toISOString() } : {}),
    ...(i % 3 === 0 ? { assigneeId: adminId } : {}),
    ...(i % 4 < 2 ? { teamId: teamIds[i % 4] ?? null } : {}),
    ...(i % 10 === 0 ? { priority: "urgent" as const } : i % 10 < 3 ? { priority: "high" as const } : {}),
    ...(i % 7 === 0 ? { tags: ["billing"] } : i % 11 === 0 ? { tags: ["vip"] } : {}),
  };
}

/**
 * Loads the data set through the same services the API uses (createConversation, appendMessage,
 * updateConversation), 50 conversations per transaction. Returns a Bearer token for the load.
 */
export async function loadDataset(env: Record<string, string>, conversations: number, messages: number, log: (s: string) => void) {
  const config = loadConfig({ ...env, ATENDE_ADMIN_EMAIL: BENCH_ADMIN.email, ATENDE_ADMIN_PASSWORD: BENCH_ADMIN.password, LOG_LEVEL: "warn" });
  const store = await openStore(config);
  const runtime = await startRuntime(config, store.handle, createLogger(config));
  try {
    await ensureFirstWorkspace(runtime, config, false);
    const [admin] = await runtime.db.select().from(agents).where(eq(agents.email, BENCH_ADMIN.email));
    if (!admin) throw new Error("no bench admin");
    const actor: Actor = { workspaceId: admin.workspaceId, type: "agent", id: admin.id, name: admin.name, email: admin.email, role: "admin", locale: "en" };
    const token = await runtime.transact(actor, (ctx) => createApiToken(ctx, `bench ${new Date().toISOString()}`));
    const inboxIds = await runtime.transact(actor, async (ctx) => {
      const ids: string[] = [];
      for (const name of ["Loja", "Obchod", "Store", "Partners", "API"]) ids.push((await createInbox(ctx, { name, channel: "api" })).id);
      return ids;
    });
    const teamIds = await runtime.transact(actor, async (ctx) => [
      (await createTeam(ctx, { name: "Billing", memberIds: [admin.id] })).id,
      (await createTeam(ctx, { name: "Logistics", memberIds: [] })).id,
    ]);
    const extraPerConversation = Math.max(0, messages / conversations - 1);
    const started = Date.now();
    const batches = Array.from({ length: Math.ceil(conversations / 50) }, (_, b) => b * 50);
    // PostgreSQL takes several loaders at once; PGlite runs one transaction at a time anyway.
    const streams = store.handle.kind === "postgres" ? 4 : 1;
    const loadBatch = (done: number) =>
      runtime.transact(actor, async (ctx) => {
        const random = rng(done + 1);
        for (let i = done; i < Math.min(done + 50, conversations); i++) {
          const created = await createConversation(ctx, {
            inboxId: inboxIds[i % inboxIds.length] ?? "",
            contact: { email: `customer${String(i % Math.ceil(conversations / 2))}@example.com`, name: `Customer ${String(i)}` },
            message: { body: customerMessage(random), direction: "incoming" },
          });
          const extra = Math.floor(extraPerConversation) + (random() < extraPerConversation % 1 ? 1 : 0);
          for (let m = 0; m < extra; m++) {
            const incoming = m % 2 === 1;
            await appendMessage(ctx, created.id, {
              body: incoming ? customerMessage(random) : agentReply(random),
              kind: "reply",
              direction: incoming ? "incoming" : "outgoing",
            });
          }
          const change = variety(i, admin.id, teamIds);
          if (Object.keys(change).length > 0) await updateConversation(ctx, created.id, change);
        }
      });
    let next = 0;
    await Promise.all(
      Array.from({ length: streams }, async () => {
        for (let b = next++; b < batches.length; b = next++) {
          const done = batches[b] ?? 0;
          await loadBatch(done);
          if (done % 5000 === 0) log(`  loaded ${String(done)} conversations (${String(Math.round((Date.now() - started) / 1000))} s)`);
        }
      }),
    );
    log(`  loaded ${String(conversations)} conversations in ${String(Math.round((Date.now() - started) / 1000))} s`);
    const live = await runtime.db.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.agentId, admin.id)));
    return { token: token.token, inboxId: inboxIds[0] ?? "", tokens: live.length };
  } finally {
    await runtime.jobs.stop();
    await runtime.bus.close();
    await store.close();
  }
}
