import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createEventDeduper, ServerFrame, type DomainEvent, type MessageDto } from "@atende/shared";
import { newConversation, newWorkspace, useSignedInAdmin } from "../test/test-app.js";

const env = useSignedInAdmin();
let base: string;

beforeAll(async () => {
  const address = await env.t.app.listen({ port: 0, host: "127.0.0.1" });
  base = address.replace(/^http/, "ws");
});

/** An agent tab's socket that collects what the server sends. */
async function connect(cookie: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${base}/api/v1/realtime`, { headers: { cookie, ...headers } });
  const frames: ServerFrame[] = [];
  const waiters: (() => void)[] = [];
  socket.on("message", (raw: Buffer) => {
    frames.push(ServerFrame.parse(JSON.parse(raw.toString("utf8"))));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => {
      resolve();
    });
    socket.once("unexpected-response", (_req, res) => {
      reject(new Error(`refused with ${String(res.statusCode)}`));
    });
    socket.once("error", reject);
  });
  /** Waits until a frame matches (frames already received count), or fails after `ms`. */
  const until = async (match: (f: ServerFrame) => boolean, ms = 3000): Promise<ServerFrame> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such frame; got ${JSON.stringify(frames.map((f) => f.type))}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  const send = (frame: unknown) => {
    socket.send(JSON.stringify(frame));
  };
  const close = () =>
    new Promise<void>((resolve) => {
      socket.once("close", () => {
        resolve();
      });
      socket.close();
    });
  return { frames, until, send, close };
}

const events = (frames: ServerFrame[]) => frames.flatMap((f) => (f.type === "event" ? [f.event] : []));
const messageBody = (e: DomainEvent) => (e.type === "message.created" ? (e.payload.message as MessageDto).body : null);

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
