import { randomBytes, randomUUID } from "node:crypto";
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { MessageDto } from "@atende/shared";
import { openPostgres } from "./client.js";
import { runMigrations } from "./migrate.js";
import { adminQuery, TEST_ENGINE } from "../test/database.js";
import { openSocket, type TestSocket } from "../test/sockets.js";
import { addAgent, buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "../test/test-app.js";

/**
 * A TCP path to PostgreSQL that the test cuts and mends: what a database restart, a failover or a
 * network partition looks like from the app (connections reset, new ones refused), while the
 * database itself keeps what it committed.
 */
async function databasePath(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  /** A statement text that, when a connection sends it next, cuts that connection (once). */
  let cutAt: string | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => {
            client.destroy();
            upstream.destroy();
          });
          s.on("close", () => sockets.delete(s));
        }
        client.on("data", (chunk: Buffer) => {
          if (cutAt === null || !chunk.includes(cutAt)) return;
          cutAt = null;
          client.destroy();
          upstream.destroy();
        });
        client.pipe(upstream).pipe(client);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server?.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    port: () => port,
    cut: async () => {
      // Closed once its connections are gone: new ones refused from now, the open ones reset.
      const closed = new Promise<void>((resolve) => {
        if (!server) resolve();
        else
          server.close(() => {
            resolve();
          });
      });
      for (const s of sockets) s.resetAndDestroy();
      await closed;
    },
    mend: listen,
    /** Cuts the next connection that sends this text, as it sends it (the statement never arrives). */
    cutWhenSent: (text: string) => {
      cutAt = text;
    },
  };
}

let t: TestApp;
let admin: AgentClient;
let path: Awaited<ReturnType<typeof databasePath>>;
let conversationId = "";
const serverUrl = process.env.DATABASE_URL ?? "";
const name = `atende_test_${randomBytes(6).toString("hex")}`;

describe.runIf(TEST_ENGINE === "postgres")("when the database is away for a while", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    path = await databasePath(new URL(serverUrl));
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    url.hostname = "127.0.0.1";
    url.port = String(path.port());
    t = await buildTestApp({}, async () => {
      const handle = await openPostgres(url.toString(), 5);
      await runMigrations(handle);
      return handle;
    });
    admin = await newWorkspace(t);
    conversationId = (await newConversation(admin)).conversationId;
  });
  afterAll(async () => {
    await t.close();
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  const post = (body: string, key: string) =>
    admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, headers: { "idempotency-key": key }, payload: { body } });

  it("says so at /readyz, answers 503 problems (never 500) while the process lives, and takes the same request once when it is back", async () => {
    expect((await t.app.inject({ url: "/readyz" })).json()).toMatchObject({ status: "ready", database: "ok" });
    await path.cut();

    const ready = await t.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: "database unavailable", database: "unavailable" });
    expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200); // the process serves and says why it is not ready
    const key = randomUUID();
    for (const attempt of [post("enquanto o banco está fora", key), admin.request({ method: "GET", url: "/api/v1/conversations" })]) {
      const res = await attempt;
      expect(res.statusCode).toBe(503);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ code: "UNAVAILABLE" });
    }

    await path.mend();
    await expect.poll(async () => (await t.app.inject({ url: "/readyz" })).statusCode, { timeout: 10_000 }).toBe(200);
    const retried = await post("enquanto o banco está fora", key);
    expect(retried.statusCode).toBe(201);
    expect((await post("enquanto o banco está fora", key)).json<MessageDto>().id).toBe(retried.json<MessageDto>().id); // a replay, not a second message
    const timeline = (await admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json<{ items: MessageDto[] }>();
    expect(timeline.items.filter((m) => m.body === "enquanto o banco está fora")).toHaveLength(1);
  });

  it("lives through a connection lost while it is being made ready (its session settings), and the next one serves", async () => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    url.hostname = "127.0.0.1";
    url.port = String(path.port());
    const errors: Error[] = [];
    const handle = await openPostgres(url.toString(), 2, (err) => errors.push(err));
    if (handle.kind !== "postgres") throw new Error("a PostgreSQL test");
    const held = await handle.pool.connect(); // the pool's one connection, so the next is a new one
    path.cutWhenSent("SET pg_trgm.word_similarity_threshold");
    await expect(handle.pool.connect()).rejects.toThrow("Connection terminated unexpectedly");
    expect(errors.map((e) => e.message)).toContain("Connection terminated unexpectedly"); // reported, not thrown
    held.release();
    const fresh = await handle.pool.connect();
    expect((await fresh.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    fresh.release();
    await handle.close();
  });

  it("keeps agents' sockets open while it is away, answers what needs it by asking to reconnect or refusing cleanly, and carries new events once it is back", async () => {
    const base = (await t.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
    const teammate = await addAgent(t, admin, "agent", "Rita Souza");
    const tab = await openSocket(`${base}/api/v1/realtime`, { cookie: admin.cookie });
    tab.send({ type: "resume", after: null });
    await tab.until((f) => f.type === "resumed");
    await path.cut();

    // The open tab lives through it: its heartbeat is answered, nothing closes it.
    tab.send({ type: "ping" });
    await tab.until((f) => f.type === "pong");
    // A resume from a known event needs the event table: the tab is asked to reconnect (1011), the server lives on.
    const resuming = await openSocket(`${base}/api/v1/realtime`, { cookie: admin.cookie });
    resuming.send({ type: "resume", after: uuidv7() });
    expect(await resuming.closed).toBe(1011);
    // A tab whose session is not in memory cannot be checked: refused with 503, not dropped or 500.
    t.app.authCache.clear();
    await expect(openSocket(`${base}/api/v1/realtime`, { cookie: teammate.cookie })).rejects.toThrow(/503/);
    expect(tab.isOpen()).toBe(true);

    await path.mend();
    await expect.poll(async () => (await t.app.inject({ url: "/readyz" })).statusCode, { timeout: 10_000 }).toBe(200);
    const said = async (socket: TestSocket, body: string) =>
      socket.until((f) => f.type === "event" && f.event.type === "message.created" && f.event.payload.message.body === body, 8000);
    expect((await post("de volta", randomUUID())).statusCode).toBe(201);
    await said(tab, "de volta");
    // A tab that reconnects now resumes, and hears what was said while it was away.
    const again = await openSocket(`${base}/api/v1/realtime`, { cookie: teammate.cookie });
    again.send({ type: "resume", after: null });
    await again.until((f) => f.type === "resumed");
    expect((await post("para todos", randomUUID())).statusCode).toBe(201);
    await said(again, "para todos");
    await Promise.all([tab.close(), again.close()]);
  });
});
