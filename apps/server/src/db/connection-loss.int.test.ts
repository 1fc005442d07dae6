import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDto } from "@atende/shared";
import { adminQuery, TEST_ENGINE } from "../test/database.js";
import { buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "../test/test-app.js";

let t: TestApp;
let admin: AgentClient;
let conversationId = "";

describe.runIf(TEST_ENGINE === "postgres")("when PostgreSQL drops the app's connections", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await newWorkspace(t);
    conversationId = (await newConversation(admin)).conversationId;
  });
  afterAll(() => t.close());

  /** What a database restart, a failover or a proxy's idle timeout does: every connection of this database ends. */
  const dropConnections = async () => {
    if (t.handle.kind !== "postgres") throw new Error("a PostgreSQL test");
    const database = new URL(t.handle.pool.options.connectionString ?? "").pathname.slice(1);
    await adminQuery(
      process.env.DATABASE_URL ?? "",
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    );
  };

  it("keeps serving under load: requests in flight are retried or fail cleanly, the process lives, and nothing acknowledged is lost", async () => {
    const acknowledged: string[] = [];
    const errors: number[] = [];
    let stop = false;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const body = `carga ${String(n)}-${String(i)}`;
        const post = await admin.request({
          method: "POST",
          url: `/api/v1/conversations/${conversationId}/messages`,
          headers: n % 2 === 0 ? { "idempotency-key": randomUUID() } : {}, // with a key, and in one statement without
          payload: { body },
        });
        if (post.statusCode === 201) acknowledged.push(post.json<MessageDto>().body);
        else if (post.statusCode >= 500) errors.push(post.statusCode);
        const list = await admin.request({ method: "GET", url: "/api/v1/conversations?status=all" });
        if (list.statusCode >= 500) errors.push(list.statusCode);
      }
    };
    const load = Promise.all([1, 2, 3, 4].map(client));
    for (let round = 0; round < 4; round++) {
      await new Promise((r) => setTimeout(r, 400));
      await dropConnections();
    }
    // Enough acknowledged to mean something, however slow the machine.
    for (const deadline = Date.now() + 15_000; acknowledged.length < 20 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    stop = true;
    await load;
    // The process is alive and answers again; the database is reported ready.
    expect((await t.app.inject({ url: "/readyz" })).statusCode).toBe(200);
    const after = await admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "depois" } });
    expect(after.statusCode).toBe(201);
    const stored = await admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages?limit=100` });
    expect(stored.statusCode).toBe(200);
    const all: string[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages?limit=100${cursor ? `&cursor=${cursor}` : ""}` });
      const { items, nextCursor } = page.json<{ items: MessageDto[]; nextCursor: string | null }>();
      all.push(...items.map((m) => m.body));
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    for (const body of acknowledged) expect(all).toContain(body);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    // A dropped connection costs at most the requests that were on it (retried once), and those say
    // "try again" (503), never an internal error.
    expect(errors.filter((status) => status !== 503)).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(4 * 4); // each client has one request in flight at each of the four drops
  });

  it("keeps its job queue: a job sent after the drop still runs", async () => {
    await dropConnections();
    await new Promise((r) => setTimeout(r, 200));
    const snooze = await admin.request({
      method: "PATCH",
      url: `/api/v1/conversations/${conversationId}`,
      payload: { status: "snoozed", snoozedUntil: new Date(Date.now() + 1500).toISOString() },
    });
    expect(snooze.statusCode, snooze.body).toBe(200);
    await expect
      .poll(async () => (await admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}` })).json<{ status: string }>().status, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe("open");
  });
});
