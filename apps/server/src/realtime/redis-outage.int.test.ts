import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ENGINE } from "../test/database.js";
import { startTestRedis, type TestRedis } from "../test/redis-server.js";
import { openSocket, type TestSocket } from "../test/sockets.js";
import { buildTestApp, newConversation, newWorkspace, signIn, type AgentClient, type TestApp } from "../test/test-app.js";

let redis: TestRedis;
let nodeA: TestApp;
let nodeB: TestApp;
let onA: AgentClient;
let onB: AgentClient;
let tab: TestSocket;
let conversationId = "";

const said = (socket: TestSocket, body: string) =>
  socket.until((f) => f.type === "event" && f.event.type === "message.created" && (f.event.payload.message).body === body, 8000);

describe.runIf(TEST_ENGINE === "postgres")("when Redis goes away and comes back", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    redis = await startTestRedis();
    const env = { REDIS_URL: redis.url, ATENDE_REDIS_PREFIX: "outage", LOGIN_RATE_LIMIT: "5" };
    nodeA = await buildTestApp(env);
    // A second node on the same database and Redis.
    nodeB = await buildTestApp(env, () => Promise.resolve({ ...nodeA.handle, close: () => Promise.resolve() }));
    onA = await newWorkspace(nodeA);
    onB = await signIn(nodeB.app, onA.email);
    conversationId = (await newConversation(onA)).conversationId;
    const base = (await nodeA.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
    tab = await openSocket(`${base}/api/v1/realtime`, { cookie: onA.cookie });
    tab.send({ type: "resume", after: null });
    await tab.until((f) => f.type === "resumed");
  });
  afterAll(async () => {
    await tab.close();
    await nodeB.close();
    await nodeA.close();
    await redis.stop();
  });

  const post = (client: AgentClient, body: string) => client.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body } });

  it("hears the other node through Redis while it is there", async () => {
    await post(onB, "antes da queda");
    await said(tab, "antes da queda");
  });

  it("keeps the agent's socket fed from the database, signs in, limits logins in process, and says it is degraded", async () => {
    await redis.stop();
    await post(onA, "deste nó, durante a queda");
    await said(tab, "deste nó, durante a queda");
    await post(onB, "do outro nó, durante a queda");
    await said(tab, "do outro nó, durante a queda"); // read from the event table within seconds
    const ready = await nodeA.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "degraded", database: "ok", redis: "unavailable" });
    // Sign-in works, and its limit still holds, counted in this process.
    const login = (password: string) => nodeA.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: onA.email, password } });
    expect((await login("correct horse battery")).statusCode).toBe(200);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login("wrong password here")).statusCode);
    expect(codes).toContain(429);
    expect(codes.some((c) => c >= 500)).toBe(false);
  });

  it("hears the other node through Redis again once it is back, and says it is ready", async () => {
    await redis.start();
    await expect.poll(async () => (await nodeA.app.inject({ url: "/readyz" })).json<{ status: string }>().status, { timeout: 15_000 }).toBe("ready");
    await post(onB, "depois da volta");
    await said(tab, "depois da volta");
    // Each message once on the socket, whichever way it came.
    const bodies = tab.frames.flatMap((f) => (f.type === "event" && f.event.type === "message.created" ? [(f.event.payload.message).body] : []));
    expect(bodies.filter((b) => b === "do outro nó, durante a queda")).toHaveLength(1);
  });
});
