import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createEventDeduper, type ServerFrame, type DomainEvent, type MessageDto, type SessionDto } from "@atende/shared";
import { openSocket } from "../test/sockets.js";
import { STALLED_MS, UNSENT_MAX_BYTES } from "./connection.js";
import { newConversation, newWorkspace, useSignedInAdmin } from "../test/test-app.js";

const env = useSignedInAdmin();
let base: string;

beforeAll(async () => {
  const address = await env.t.app.listen({ port: 0, host: "127.0.0.1" });
  base = address.replace(/^http/, "ws");
});

/** An agent tab's socket that collects what the server sends. */
const connect = (cookie: string, headers: Record<string, string> = {}) => openSocket(`${base}/api/v1/realtime`, { cookie, ...headers });

const events = (frames: ServerFrame[]) => frames.flatMap((f) => (f.type === "event" ? [f.event] : []));
const messageBody = (e: DomainEvent) => (e.type === "message.created" ? (e.payload.message).body : null);

async function post(conversationId: string, body: string): Promise<MessageDto> {
  const res = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body } });
  return res.json<MessageDto>();
}

describe("the agents' realtime socket", () => {
  let conversationId: string;
  afterAll(() => undefined);

  it("streams a message to the workspace's agents as soon as it is committed", async () => {
    conversationId = (await newConversation(env.admin)).conversationId;
    const tab = await connect(env.admin.cookie);
    tab.send({ type: "resume", after: null });
    await tab.until((f) => f.type === "resumed");
    await post(conversationId, "Olá, já vou ver o seu pedido.");
    const frame = await tab.until((f) => f.type === "event" && messageBody(f.event) === "Olá, já vou ver o seu pedido.");
    expect(frame.type === "event" && frame.event.conversationId).toBe(conversationId);
    await tab.close();
  });

  it("drops a client that has read nothing of megabytes for seconds, instead of holding them in memory", { timeout: 90_000 }, async () => {
    const stalledConversation = (await newConversation(env.admin)).conversationId;
    const clients = () => [...env.t.app.websocketServer.clients];
    const before = new Set(clients());
    const stalled = new WebSocket(`${base}/api/v1/realtime`, { headers: { cookie: env.admin.cookie } });
    await new Promise((resolve) => stalled.once("open", resolve));
    stalled.send(JSON.stringify({ type: "resume", after: null }));
    await expect.poll(() => clients().filter((c) => !before.has(c)).length).toBe(1);
    const served = clients().find((c) => !before.has(c));
    if (!served) throw new Error("the server's side of the socket");
    stalled.pause(); // it reads nothing more: what the server sends waits, first in the kernel's buffers, then in the server's
    const big = "x".repeat(150_000);
    for (let i = 0; i < 400 && served.bufferedAmount <= UNSENT_MAX_BYTES; i++) await post(stalledConversation, `${String(i)} ${big}`);
    expect(served.bufferedAmount).toBeGreaterThan(UNSENT_MAX_BYTES);
    await post(stalledConversation, "ainda não leu");
    expect(served.readyState).toBe(WebSocket.OPEN); // a burst to drain is not yet a client that does not read
    await new Promise((r) => setTimeout(r, STALLED_MS + 500));
    await post(stalledConversation, "nada lido há segundos");
    expect(served.readyState).not.toBe(WebSocket.OPEN);
    stalled.terminate();
  });

  it("after a dropped connection, resumes from the last event seen: nothing lost, nothing twice, in order", async () => {
    const dedupe = createEventDeduper();
    const first = await connect(env.admin.cookie);
    first.send({ type: "resume", after: null });
    await first.until((f) => f.type === "resumed");
    await post(conversationId, "antes 1");
    await first.until((f) => f.type === "event" && messageBody(f.event) === "antes 1");
    const shown: string[] = [];
    for (const e of events(first.frames)) if (dedupe.accept(e.id) && messageBody(e)) shown.push(messageBody(e) ?? "");
    await first.close();

    for (const body of ["durante 1", "durante 2", "durante 3"]) await post(conversationId, body);
    const second = await connect(env.admin.cookie);
    second.send({ type: "resume", after: dedupe.cursor });
    const resumed = await second.until((f) => f.type === "resumed");
    expect(resumed).toMatchObject({ complete: true });
    await post(conversationId, "depois 1");
    await second.until((f) => f.type === "event" && messageBody(f.event) === "depois 1");
    for (const e of events(second.frames)) if (dedupe.accept(e.id) && messageBody(e)) shown.push(messageBody(e) ?? "");
    // The replay starts a little before the cursor, so earlier messages of the conversation (the first
    // test's) may come too: the client knows them from its REST load; what counts is this test's.
    expect(shown.filter((b) => /^(antes|durante|depois) /.test(b))).toEqual(["antes 1", "durante 1", "durante 2", "durante 3", "depois 1"]);
    await second.close();
  });

  it("tells a client whose cursor no answer gave that it may have missed events, not that it missed none", async () => {
    const tab = await connect(env.admin.cookie);
    tab.send({ type: "resume", after: "00000000-0000-4000-8000-000000000000" }); // a UUID, but not a time-ordered one
    expect(await tab.until((f) => f.type === "resumed")).toMatchObject({ replayed: 0, complete: false });
    await tab.close();
  });

  it("replays to a tab's first connection what happened after its session's answer, before it connected", async () => {
    const me = await env.admin.request({ method: "GET", url: "/api/v1/me" });
    const { eventCursor } = me.json<SessionDto>();
    await post(conversationId, "entre a leitura e a conexão"); // the screens were read; the socket is not up yet
    const tab = await connect(env.admin.cookie);
    tab.send({ type: "resume", after: eventCursor });
    await tab.until((f) => f.type === "resumed");
    const replayed = events(tab.frames).map(messageBody);
    expect(replayed).toContain("entre a leitura e a conexão"); // before "resumed": replayed, not live
    await tab.close();
  });

  it("sends nothing of another workspace", async () => {
    const other = await newWorkspace(env.t);
    const otherConversation = (await newConversation(other)).conversationId;
    const tab = await connect(env.admin.cookie);
    tab.send({ type: "resume", after: null });
    await tab.until((f) => f.type === "resumed");
    await other.request({ method: "POST", url: `/api/v1/conversations/${otherConversation}/messages`, payload: { body: "segredo" } });
    await post(conversationId, "marcador");
    await tab.until((f) => f.type === "event" && messageBody(f.event) === "marcador");
    expect(events(tab.frames).some((e) => e.workspaceId !== env.admin.workspaceId)).toBe(false);
    await tab.close();
  });

  it("answers pings, and names a frame it does not understand", async () => {
    const tab = await connect(env.admin.cookie);
    tab.send({ type: "ping" });
    await tab.until((f) => f.type === "pong");
    tab.send({ type: "shout" });
    expect(await tab.until((f) => f.type === "error")).toMatchObject({ code: "BAD_REQUEST" });
    await tab.close();
  });

  it("refuses a socket without a session, or opened by another site's page", async () => {
    await expect(connect("atende_session=nope")).rejects.toThrow("refused with 401");
    await expect(connect(env.admin.cookie, { origin: "https://evil.example" })).rejects.toThrow("refused with 403");
  });
});
