import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDto, MessageHitDto } from "@atende/shared";
import { messages } from "../../db/schema/index.js";
import { MODULES } from "../index.js";
import { TEST_ENGINE } from "../../test/database.js";
import { buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "../../test/test-app.js";
import { rowsOf } from "../../db/rows.js";
import { indexingLag, indexMessages, unindexed } from "./index-messages.js";

let t: TestApp;
let agent: AgentClient;
let conversationId = "";

// The indexer is this test's to run: the search module without its background worker.
const withoutIndexer = MODULES.map((m) => (m.name === "search" ? { ...m, workers: [] } : m));

/** The passages a search finds, without the match marks. */
const search = async (q: string) =>
  (await agent.request({ method: "GET", url: `/api/v1/search?type=messages&q=${encodeURIComponent(q)}` }))
    .json<{ items: MessageHitDto[] }>()
    .items.map((h) => h.headline.replace(/[«»]/g, ""));
const unindexedIds = async () =>
  (await t.runtime.db.select({ id: messages.id }).from(messages).where(and(eq(messages.workspaceId, agent.workspaceId), isNull(messages.searchVector)))).map((r) => r.id);

describe("indexing messages for search after they commit", () => {
  beforeAll(async () => {
    t = await buildTestApp({}, undefined, withoutIndexer);
    agent = await newWorkspace(t);
    ({ conversationId } = await newConversation(agent, { body: "A fatura de novembro veio em dobro" }));
    for (const body of ["Zkontroloval jsem objednávku", "The refund went through yesterday"]) {
      await agent.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body } });
    }
    // An activity, which is never indexed.
    await agent.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { priority: "high" } });
  });
  afterAll(() => t.close());

  it("finds a message before the indexer reaches it, reports the lag at /readyz, and indexes oldest first in batches, never an activity", async () => {
    expect(await unindexedIds()).toHaveLength(4); // three messages and the activity
    expect(await search("faturas")).toEqual([expect.stringContaining("fatura de novembro")]); // read on the fly
    const lag = await indexingLag(t.runtime.db);
    expect(lag.waiting).toBe(3);
    expect((await t.app.inject({ url: "/readyz?detail=1" })).json<{ searchIndexing: { waiting: number } }>().searchIndexing.waiting).toBe(3);

    const timeline = (await agent.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json<{ items: MessageDto[] }>().items;
    const [first, second, third] = timeline.filter((m) => m.kind !== "activity").map((m) => m.id);
    expect((await indexMessages(t.runtime.db, 2)).indexed).toBe(2);
    expect(await unindexedIds()).not.toContain(first);
    expect(await unindexedIds()).not.toContain(second);
    expect(await unindexedIds()).toContain(third);
    expect((await indexMessages(t.runtime.db, 2)).indexed).toBe(1);
    expect((await indexMessages(t.runtime.db, 2)).indexed).toBe(0);
    expect(await unindexedIds()).toEqual(timeline.filter((m) => m.kind === "activity").map((m) => m.id));
    expect(await indexingLag(t.runtime.db)).toEqual({ waiting: 0, oldestSeconds: 0 });

    // Indexed, each is found by its language's forms, as before.
    expect(await search("objednavky")).toEqual([expect.stringContaining("Zkontroloval jsem objednávku")]);
    expect(await search("refunded")).toEqual([expect.stringContaining("refund went through")]);
    expect(await search("faturas")).toEqual([expect.stringContaining("fatura de novembro")]);
  });

  it.runIf(TEST_ENGINE === "postgres")("lets several indexers (one per worker) run at once without taking the same messages or waiting on each other", async () => {
    for (const body of ["um", "dois", "três", "quatro"]) {
      await agent.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: `mensagem ${body}` } });
    }
    await t.handle.transaction(async (tx) => {
      expect((await indexMessages(tx, 1)).indexed).toBe(1); // holds its row until it commits
      expect((await indexMessages(t.runtime.db, 10)).indexed).toBe(3); // skips it rather than waiting
    });
    expect(await indexingLag(t.runtime.db)).toEqual({ waiting: 0, oldestSeconds: 0 });
  });

  it("tells the indexer whether mail is still arriving, so that it yields to a burst and catches up once it ends", async () => {
    await agent.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "chegou agora" } });
    expect(await indexMessages(t.runtime.db, 1)).toEqual({ indexed: 1, arriving: true });
    await agent.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "chegou antes" } });
    await t.runtime.db.execute(sql`UPDATE ${messages} SET created_at = created_at - interval '5 seconds'`); // the last arrived 5 s ago
    expect(await indexMessages(t.runtime.db, 1)).toEqual({ indexed: 1, arriving: false });
    expect(await indexMessages(t.runtime.db, 1)).toEqual({ indexed: 0, arriving: false });
  });

  it("finds what is left to index through its partial index, with no value a kept plan would have to guess", async () => {
    const query = t.runtime.db.select({ id: messages.id }).from(messages).where(unindexed).orderBy(messages.id).toSQL();
    // A prepared statement's kept plan proves the index's `kind <> 'activity'` only from a constant.
    expect(query.params).toEqual([]);
    const plan = await t.runtime.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`); // a test's few rows would be read whole
      return rowsOf<Record<string, string>>(await tx.execute(sql.raw(`EXPLAIN ${query.sql}`))).map((row) => Object.values(row)[0]).join("\n");
    });
    expect(plan).toContain("message_unindexed_idx");
  });
});
