import { createHmac, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  createEventDeduper,
  ServerFrame,
  type ConversationDto,
  type InboxDto,
  type MessageDto,
  type VisitDto,
  type VisitorMessageDto,
  type VisitorSessionDto,
} from "@atende/shared";
import { buildTestApp, newWorkspace, useSignedInAdmin } from "../../test/test-app.js";

const env = useSignedInAdmin();
let inbox: InboxDto;
let base: string;

beforeAll(async () => {
  const res = await env.admin.request({
    method: "POST",
    url: "/api/v1/inboxes",
    payload: { name: "Chat da loja", channel: "chat", allowedOrigins: ["https://loja.example"], widget: { greeting: "Olá!" } },
  });
  inbox = res.json<InboxDto>();
  base = (await env.t.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
});

async function session(body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return env.t.app.inject({ method: "POST", url: "/widget/v1/sessions", headers, payload: { widgetToken: inbox.chat?.widgetToken, ...body } });
}

async function visitor(body: Record<string, unknown> = {}): Promise<VisitorSessionDto> {
  const res = await session(body);
  expect(res.statusCode).toBe(200);
  return res.json<VisitorSessionDto>();
}

function say(token: string, text: string, clientId = randomUUID()) {
  return env.t.app.inject({
    method: "POST",
    url: "/widget/v1/messages",
    headers: { authorization: `Bearer ${token}` },
    payload: { clientId, body: text },
  });
}

/** A visitor's socket that collects the frames it receives. */
async function socketOf(token: string, agentCookie?: string) {
  const socket = agentCookie
    ? new WebSocket(`${base}/api/v1/realtime`, { headers: { cookie: agentCookie } })
    : new WebSocket(`${base}/widget/v1/socket?token=${encodeURIComponent(token)}`);
  const frames: ServerFrame[] = [];
  socket.on("message", (raw: Buffer) => frames.push(ServerFrame.parse(JSON.parse(raw.toString("utf8")))));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => {
      resolve();
    });
    socket.once("unexpected-response", (_req, res) => {
      reject(new Error(`refused with ${String(res.statusCode)}`));
    });
  });
  const until = async (match: (f: ServerFrame) => boolean) => {
    for (let i = 0; i < 60; i++) {
      const found = frames.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no such frame in ${JSON.stringify(frames)}`);
  };
  return {
    frames,
    until,
    send: (frame: unknown) => {
      socket.send(JSON.stringify(frame));
    },
    close: () =>
      new Promise<void>((resolve) => {
        socket.once("close", () => {
          resolve();
        });
        socket.close();
      }),
  };
}

const messagesOf = (frames: ServerFrame[]) => frames.flatMap((f) => (f.type === "message" ? [f.message] : []));

async function agentReply(conversationId: string, body: string, isPrivate = false) {
  const res = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body, private: isPrivate } });
  expect(res.statusCode).toBe(201);
}

describe("the chat widget's visitor API", () => {
  it("starts a visitor with the widget's settings, stores its message once whatever the retries, and shows agents the conversation", async () => {
    const started = await visitor({ context: { page: "https://loja.example/produtos/42", language: "pt-BR", timeZone: "America/Sao_Paulo" } });
    expect(started).toMatchObject({ identified: false, agentsOnline: false, conversation: null, widget: { greeting: "Olá!", color: "#1f6feb" } });
    await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { availability: "online" } });
    expect((await visitor()).agentsOnline).toBe(true); // the widget tells visitors honestly whether someone is there
    expect(started.visitorToken).toMatch(/^avt_/);
    const clientId = randomUUID();
    const first = await say(started.visitorToken, "Vocês entregam em Campinas?", clientId);
    expect(first.statusCode).toBe(201);
    const again = await say(started.visitorToken, "Vocês entregam em Campinas?", clientId); // the widget retried
    expect(again.json<VisitorMessageDto>().id).toBe(first.json<VisitorMessageDto>().id);
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
    const conversations = list.json<{ items: ConversationDto[] }>().items;
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.lastMessage?.preview).toBe("Vocês entregam em Campinas?");
    // Agents see where the visitor is, to answer in context and at a sensible local hour.
    const visits = await env.admin.request({ method: "GET", url: `/api/v1/contacts/${conversations[0]?.contact.id ?? ""}/visits` });
    expect(visits.json<VisitDto[]>()[0]).toMatchObject({
      identified: false,
      context: { page: "https://loja.example/produtos/42", language: "pt-BR", timeZone: "America/Sao_Paulo" },
    });
  });

  it("carries agents' replies to the visitor's socket at once, never a private note, and resumes what it missed", async () => {
    const started = await visitor();
    const posted = await say(started.visitorToken, "Meu cupom não funciona");
    const continued = await visitor({ visitorToken: started.visitorToken });
    const conversationId = continued.conversation?.id ?? "";
    expect(continued.conversation?.messages.map((m) => m.body)).toEqual(["Meu cupom não funciona"]);
    expect(posted.json<VisitorMessageDto>().direction).toBe("incoming");

    const dedupe = createEventDeduper();
    const tab = await socketOf(started.visitorToken);
    tab.send({ type: "resume", after: null });
    await tab.until((f) => f.type === "resumed");
    await agentReply(conversationId, "nota: cupom expirado ontem", true);
    await agentReply(conversationId, "Vou verificar o cupom para você.");
    const reply = await tab.until((f) => f.type === "message" && f.message.direction === "outgoing");
    expect(reply.type === "message" && reply.message).toMatchObject({ body: "Vou verificar o cupom para você.", sender: { type: "agent", name: "Admin Person" } });
    expect(messagesOf(tab.frames).some((m) => m.body.startsWith("nota:"))).toBe(false);
    for (const f of tab.frames) if (f.type === "message") dedupe.accept(f.eventId);
    await tab.close();

    await agentReply(conversationId, "Pronto, o cupom foi renovado.");
    const back = await socketOf(started.visitorToken);
    back.send({ type: "resume", after: dedupe.cursor });
    await back.until((f) => f.type === "resumed");
    // The widget shows messages by id: those it loaded by REST or received before are not shown again.
    const shown = new Set([...(continued.conversation?.messages ?? []), ...messagesOf(tab.frames)].map((m) => m.id));
    const fresh = messagesOf(back.frames).filter((m) => !shown.has(m.id));
    expect(fresh.map((m) => m.body)).toEqual(["Pronto, o cupom foi renovado."]);
    await back.close();

    const reloaded = await visitor({ visitorToken: started.visitorToken });
    expect(reloaded.conversation?.messages.map((m) => m.body)).toEqual([
      "Meu cupom não funciona",
      "Vou verificar o cupom para você.",
      "Pronto, o cupom foi renovado.",
    ]);
  });

  it("follows a visitor's first conversation on a socket opened before it existed, and shows nothing of other visitors", async () => {
    const ana = await visitor();
    const bruno = await visitor();
    const anaTab = await socketOf(ana.visitorToken);
    anaTab.send({ type: "resume", after: null });
    await anaTab.until((f) => f.type === "resumed");
    await say(bruno.visitorToken, "Mensagem do Bruno");
    await say(ana.visitorToken, "Mensagem da Ana");
    const own = await anaTab.until((f) => f.type === "message");
    expect(own.type === "message" && own.message.body).toBe("Mensagem da Ana");
    const anaConversation = (await visitor({ visitorToken: ana.visitorToken })).conversation?.id ?? "";
    await agentReply(anaConversation, "Olá Ana!");
    await anaTab.until((f) => f.type === "message" && f.message.body === "Olá Ana!");
    expect(messagesOf(anaTab.frames).map((m) => m.body)).toEqual(["Mensagem da Ana", "Olá Ana!"]);
    await anaTab.close();
  });

  it("shows each side when the other is typing, and nobody their own", async () => {
    const started = await visitor();
    await say(started.visitorToken, "Uma dúvida");
    const conversationId = (await visitor({ visitorToken: started.visitorToken })).conversation?.id ?? "";
    const visitorTab = await socketOf(started.visitorToken);
    const agentTab = await socketOf("", env.admin.cookie);
    for (const tab of [visitorTab, agentTab]) {
      tab.send({ type: "resume", after: null });
      await tab.until((f) => f.type === "resumed");
    }
    visitorTab.send({ type: "typing", typing: true });
    const visitorTyping = await agentTab.until((f) => f.type === "typing");
    expect(visitorTyping).toMatchObject({ conversationId, typing: true, by: { type: "contact" } });
    agentTab.send({ type: "typing", conversationId, typing: true });
    const agentTyping = await visitorTab.until((f) => f.type === "typing");
    expect(agentTyping).toMatchObject({ conversationId, typing: true, by: { type: "agent", name: "Admin Person" } });
    expect(visitorTab.frames.filter((f) => f.type === "typing")).toHaveLength(1); // not its own
    await visitorTab.close();
    await agentTab.close();
  });

  it("tells agents when the visitor has read their replies", async () => {
    const started = await visitor();
    await say(started.visitorToken, "Olá");
    const conversationId = (await visitor({ visitorToken: started.visitorToken })).conversation?.id ?? "";
    await agentReply(conversationId, "Primeira resposta");
    await agentReply(conversationId, "Segunda resposta");
    const visitorTab = await socketOf(started.visitorToken);
    const agentTab = await socketOf("", env.admin.cookie);
    for (const tab of [visitorTab, agentTab]) {
      tab.send({ type: "resume", after: null });
      await tab.until((f) => f.type === "resumed");
    }
    const { messages } = (await visitor({ visitorToken: started.visitorToken })).conversation ?? { messages: [] };
    const last = messages.at(-1);
    visitorTab.send({ type: "read", messageId: last?.id });
    const receipt = await agentTab.until((f) => f.type === "event" && f.event.type === "message.read");
    expect(receipt.type === "event" && receipt.event.payload).toMatchObject({ upTo: last?.id, count: 2 });
    await visitorTab.until((f) => f.type === "read"); // the visitor's other tabs hear it too
    const timeline = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages` });
    expect(timeline.json<{ items: MessageDto[] }>().items.map((m) => [m.direction, m.deliveryStatus])).toEqual([
      ["incoming", null],
      ["outgoing", "read"],
      ["outgoing", "read"],
    ]);
    await visitorTab.close();
    await agentTab.close();
  });

  it("lets a signed-in user's history follow them to another device when the site proves who they are, and ignores claims it does not prove", async () => {
    const secret = inbox.chat?.identitySecret ?? "";
    const user = { id: "cliente-9001", name: "Carla Dias", email: "carla@cliente.example" };
    const hash = createHmac("sha256", secret).update(user.id).digest("hex");
    const laptop = await visitor({ user: { ...user, hash } });
    expect(laptop).toMatchObject({ identified: true, contact: { name: "Carla Dias", email: "carla@cliente.example" } });
    await say(laptop.visitorToken, "Comecei no notebook");
    const phone = await visitor({ user: { ...user, hash } });
    expect(phone.visitorToken).not.toBe(laptop.visitorToken);
    expect(phone.conversation?.messages.map((m) => m.body)).toEqual(["Comecei no notebook"]);

    const impostor = await visitor({ user: { ...user, hash: "00".repeat(32) } });
    expect(impostor).toMatchObject({ identified: false, conversation: null, contact: { name: null, email: null } });
  });

  it("slows a flooding visitor down without slowing the others, and refuses a flood of sockets from one address", async () => {
    const flooder = await visitor();
    const calm = await visitor();
    const flood = await Promise.all(Array.from({ length: 45 }, (_, i) => say(flooder.visitorToken, `spam ${String(i)}`)));
    const refused = flood.filter((r) => r.statusCode === 429);
    expect(flood.filter((r) => r.statusCode === 201).length).toBeLessThanOrEqual(30);
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(refused[0]?.json<{ code: string }>().code).toBe("RATE_LIMITED");
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await say(calm.visitorToken, `pergunta ${String(i)}`)).statusCode);
    expect(answers).toEqual([201, 201, 201, 201, 201]);
    const long = await say(calm.visitorToken, "a".repeat(10_001));
    expect(long.statusCode).toBe(422);
    expect(long.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("body");

    const strict = await buildTestApp({ ATENDE_WIDGET_CONNECTIONS_PER_MINUTE: "2" });
    try {
      const admin = await newWorkspace(strict);
      const chat = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
      const started = await strict.app.inject({ method: "POST", url: "/widget/v1/sessions", payload: { widgetToken: chat.chat?.widgetToken } });
      const token = started.json<VisitorSessionDto>().visitorToken;
      const url = `${(await strict.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws")}/widget/v1/socket?token=${token}`;
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => {
          const ws = new WebSocket(url);
          return new Promise<number>((resolve) => {
            ws.once("open", () => {
              ws.close();
              resolve(101);
            });
            ws.once("unexpected-response", (_req, res) => {
              resolve(res.statusCode ?? 0);
            });
          });
        }),
      );
      expect(outcomes.filter((code) => code === 429).length).toBeGreaterThanOrEqual(3); // at most two a minute
    } finally {
      await strict.close();
    }
  });

  it("refuses an unknown widget, another site, an unknown visitor token, and a message that is not one", async () => {
    expect((await env.t.app.inject({ method: "POST", url: "/widget/v1/sessions", payload: { widgetToken: "nope" } })).statusCode).toBe(404);
    const elsewhere = await session({}, { origin: "https://evil.example" });
    expect(elsewhere.statusCode).toBe(403);
    expect((await session({}, { origin: "https://loja.example" })).statusCode).toBe(200);
    expect((await say("avt_unknown", "oi")).statusCode).toBe(401);
    await expect(socketOf("avt_unknown")).rejects.toThrow("refused with 401");
    const started = await visitor();
    const empty = await say(started.visitorToken, "   ");
    expect(empty.statusCode).toBe(422);
    expect(empty.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("body");
  });
});
