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
import { eq } from "drizzle-orm";
import { agents } from "../../db/schema/index.js";
import { agentAtDesk, closesWithin, openAgentTab, openSocket } from "../../test/sockets.js";
import { buildTestApp, newWorkspace, useSignedInAdmin } from "../../test/test-app.js";

const env = useSignedInAdmin();
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
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

/** A new visitor session, from 127.0.0.1 unless another address is given (new sessions are limited per address). */
async function session(body: Record<string, unknown> = {}, headers: Record<string, string> = {}, remoteAddress = "127.0.0.1") {
  return env.t.app.inject({ method: "POST", url: "/widget/v1/sessions", headers, remoteAddress, payload: { widgetToken: inbox.chat?.widgetToken, ...body } });
}

async function visitor(body: Record<string, unknown> = {}, remoteAddress?: string): Promise<VisitorSessionDto> {
  const res = await session(body, {}, remoteAddress);
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

/** The visitor's current conversation, as the widget reloads it. */
async function current(token: string): Promise<VisitorSessionDto["conversation"]> {
  const res = await env.t.app.inject({ method: "GET", url: "/widget/v1/messages", headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  return res.json<VisitorSessionDto["conversation"]>();
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
    for (let i = 0; i < 200; i++) {
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
    // Other visitors (addresses of their own: sessions are rate-limited per address).
    expect((await visitor({}, "203.0.113.21")).agentsOnline).toBe(false); // "online" with no tab open is nobody there
    const desk = await agentAtDesk(env.t, env.admin, base);
    expect((await visitor({}, "203.0.113.22")).agentsOnline).toBe(true); // the widget tells visitors honestly whether someone is there
    await desk.close();
    const seen = async () => (await env.t.runtime.db.select({ at: agents.seenAt }).from(agents).where(eq(agents.id, env.admin.agentId)))[0]?.at ?? null;
    await expect.poll(seen).toBeNull();
    expect((await visitor({}, "203.0.113.23")).agentsOnline).toBe(false); // every tab closed: away at once
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

  it("refuses a time zone no clock knows in a visitor's report, naming it (agents' panels show the visitor's local time)", async () => {
    const started = await visitor({}, "203.0.113.31");
    for (const timeZone of ["Mars/Olympus", "+01:00", "../../etc"]) {
      const res = await env.t.app.inject({ method: "PATCH", url: "/widget/v1/visitor", headers: { authorization: `Bearer ${started.visitorToken}` }, payload: { context: { timeZone } } });
      expect(res.statusCode, timeZone).toBe(422);
      expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("context.timeZone");
    }
    const fresh = await session({ context: { timeZone: "Mars/Olympus" } }, {}, "203.0.113.32");
    expect(fresh.statusCode).toBe(422);
    const canonical = await env.t.app.inject({ method: "PATCH", url: "/widget/v1/visitor", headers: { authorization: `Bearer ${started.visitorToken}` }, payload: { context: { timeZone: "europe/prague" } } });
    expect(canonical.statusCode).toBe(204);
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

    // A reply between the page's session answer and its first connection: replayed from the answer's cursor.
    await agentReply(conversationId, "Mais alguma coisa?");
    const first = await socketOf(started.visitorToken);
    first.send({ type: "resume", after: reloaded.eventCursor });
    await first.until((f) => f.type === "resumed");
    expect(messagesOf(first.frames).map((m) => m.body)).toContain("Mais alguma coisa?");
    await first.close();
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

  it("closes a socket that floods frames (1008) after a burst, so agents hear a bounded number of its typing signals", async () => {
    const started = await visitor();
    await say(started.visitorToken, "Vou digitar muito");
    const flooder = await openSocket(`${base}/widget/v1/socket?token=${encodeURIComponent(started.visitorToken)}`);
    const agentTab = await openAgentTab(base, { cookie: env.admin.cookie });
    flooder.send({ type: "resume", after: null });
    await flooder.until((f) => f.type === "resumed");
    for (let i = 0; i < 500 && flooder.isOpen(); i++) flooder.send({ type: "typing", typing: i % 2 === 0 });
    expect(await flooder.closed).toBe(1008);
    await new Promise((r) => setTimeout(r, 300)); // what was signalled has arrived
    const heard = agentTab.frames.filter((f) => f.type === "typing").length;
    expect(heard).toBeGreaterThan(0);
    expect(heard).toBeLessThanOrEqual(65); // the burst, not the flood
    // A visitor who types as people do is never cut off, and a key pressed is not news: one signal.
    const calm = await openSocket(`${base}/widget/v1/socket?token=${encodeURIComponent(started.visitorToken)}`);
    calm.send({ type: "resume", after: null });
    await calm.until((f) => f.type === "resumed");
    for (let i = 0; i < 30; i++) calm.send({ type: "typing", typing: true });
    expect(await closesWithin(calm, 500)).toBe("open");
    expect(agentTab.frames.filter((f) => f.type === "typing")).toHaveLength(heard + 1);
    await Promise.all([calm.close(), agentTab.close()]);
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
    await visitorTab.until((f) => f.type === "read" && f.by === "contact"); // the visitor's other tabs hear it too
    const timeline = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages` });
    expect(timeline.json<{ items: MessageDto[] }>().items.map((m) => [m.direction, m.deliveryStatus])).toEqual([
      ["incoming", null],
      ["outgoing", "read"],
      ["outgoing", "read"],
    ]);
    await visitorTab.close();
    await agentTab.close();
  });

  it("tells the visitor when an agent has seen their messages, live and after a reload", async () => {
    const started = await visitor();
    await say(started.visitorToken, "Meu pedido não chegou");
    const second = (await say(started.visitorToken, "É o pedido 4411")).json<VisitorMessageDto>();
    const conversationId = (await current(started.visitorToken))?.id ?? "";
    const visitorTab = await socketOf(started.visitorToken);
    visitorTab.send({ type: "resume", after: null });
    await visitorTab.until((f) => f.type === "resumed");
    const read = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/read`, payload: {} });
    expect(read.json()).toEqual({ read: 2 });
    const receipt = await visitorTab.until((f) => f.type === "read");
    expect(receipt).toMatchObject({ by: "agent", upTo: second.id, conversationId });
    const again = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/read` }); // no body at all, as the README shows it
    expect(again.json()).toEqual({ read: 0 }); // nothing new: no second receipt
    const reloaded = await current(started.visitorToken);
    expect(reloaded?.messages.map((m) => m.read)).toEqual([true, true]);
    await visitorTab.close();
  });

  it("lets a visitor send pictures and documents, refuses other types and oversized files, and shows each side's files only to those in the conversation", async () => {
    const started = await visitor();
    const token = started.visitorToken;
    const upload = (fileName: string, contentType: string, bytes: Buffer) =>
      env.t.app.inject({
        method: "POST",
        url: `/widget/v1/uploads?fileName=${encodeURIComponent(fileName)}`,
        headers: { authorization: `Bearer ${token}`, "content-type": contentType },
        payload: bytes,
      });
    const picture = await upload("foto do defeito.png", "image/png", PNG);
    expect(picture.statusCode).toBe(201);
    const pdf = await upload("nota fiscal.pdf", "application/pdf", Buffer.from("%PDF-1.4 nota"));
    expect((await upload("pagina.html", "text/html", Buffer.from("<script>alert(1)</script>"))).json()).toMatchObject({
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
    expect((await upload("grande.png", "image/png", Buffer.alloc(started.uploadMaxBytes + 1))).statusCode).toBe(413);
    const sent = await env.t.app.inject({
      method: "POST",
      url: "/widget/v1/messages",
      headers: { authorization: `Bearer ${token}` },
      payload: { clientId: randomUUID(), attachments: [picture.json<{ token: string }>().token, pdf.json<{ token: string }>().token] },
    });
    expect(sent.statusCode).toBe(201);
    const mine = sent.json<VisitorMessageDto>();
    expect(mine.body).toBe("");
    expect(mine.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ["foto do defeito.png", "image/png"],
      ["nota fiscal.pdf", "application/pdf"],
    ]);
    const fetchAs = (who: string, id: string) =>
      env.t.app.inject({ method: "GET", url: `/widget/v1/attachments/${id}`, headers: { authorization: `Bearer ${who}` } });
    const own = await fetchAs(token, mine.attachments[0]?.id ?? "");
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PNG)).toBe(true);
    expect(own.headers["x-content-type-options"]).toBe("nosniff");
    // The agent sees the files, and answers with one and with a note's file the visitor must never see.
    const conversationId = (await current(token))?.id ?? "";
    // A message of files alone has a line in the list all the same: the files' names.
    const listed = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}` });
    expect(listed.json<ConversationDto>().lastMessage?.preview).toBe("📎 foto do defeito.png, nota fiscal.pdf");
    const agentUpload = async (fileName: string) =>
      (
        await env.admin.request({
          method: "POST",
          url: `/api/v1/uploads?fileName=${fileName}`,
          headers: { "content-type": "application/pdf" },
          payload: Buffer.from(`%PDF-1.4 ${fileName}`),
        })
      ).json<{ token: string }>().token;
    const reply = await env.admin.request({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { body: "Segue a segunda via", attachments: [await agentUpload("segunda-via.pdf")] },
    });
    const note = await env.admin.request({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { body: "análise interna", private: true, attachments: [await agentUpload("interno.pdf")] },
    });
    const answered = (await current(token))?.messages.at(-1);
    expect(answered?.attachments.map((a) => a.fileName)).toEqual(["segunda-via.pdf"]);
    expect((await fetchAs(token, answered?.attachments[0]?.id ?? "")).body).toBe("%PDF-1.4 segunda-via.pdf");
    expect((await fetchAs(token, note.json<MessageDto>().attachments[0]?.id ?? "")).statusCode).toBe(404);
    const stranger = await visitor();
    expect((await fetchAs(stranger.visitorToken, reply.json<MessageDto>().attachments[0]?.id ?? "")).statusCode).toBe(404);
    expect((await fetchAs("avt_unknown", mine.attachments[0]?.id ?? "")).statusCode).toBe(401);
  });

  it("shows the agent's picture beside their replies, or their initials until they choose one", async () => {
    const me = (await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { name: "Ana Souza" } })).json<{ id: string; avatarUrl: string }>();
    expect(me.avatarUrl).toBe(`/widget/v1/avatars/${me.id}`);
    const initials = await env.t.app.inject({ method: "GET", url: me.avatarUrl });
    expect(initials.headers["content-type"]).toBe("image/svg+xml");
    expect(initials.body).toContain(">AS</text>");
    const refused = await env.admin.request({ method: "PUT", url: "/api/v1/me/avatar", headers: { "content-type": "text/html" }, payload: "<b>x</b>" });
    expect(refused.statusCode).toBe(415);
    const set = await env.admin.request({ method: "PUT", url: "/api/v1/me/avatar", headers: { "content-type": "image/png" }, payload: PNG });
    expect(set.statusCode).toBe(200);
    const picture = await env.t.app.inject({ method: "GET", url: me.avatarUrl });
    expect([picture.headers["content-type"], picture.rawPayload.equals(PNG)]).toEqual(["image/png", true]);
    const started = await visitor();
    await say(started.visitorToken, "Oi");
    const conversationId = (await current(started.visitorToken))?.id ?? "";
    await agentReply(conversationId, "Oi! Sou a Ana.");
    const reply = (await current(started.visitorToken))?.messages.at(-1);
    expect(reply?.sender).toEqual({ type: "agent", name: "Ana Souza", avatarUrl: me.avatarUrl });
    await env.admin.request({ method: "DELETE", url: "/api/v1/me/avatar" });
    expect((await env.t.app.inject({ method: "GET", url: me.avatarUrl })).headers["content-type"]).toBe("image/svg+xml");
  });

  it("takes the pre-chat name and e-mail, but never opens someone else's conversations to a visitor who types their address", async () => {
    const ana = await visitor();
    await say(ana.visitorToken, "Segredo: meu CPF é 123");
    const named = await visitor({ visitorToken: ana.visitorToken, name: "Ana Prado", email: "ana.prado@cliente.example" });
    expect(named.contact).toEqual({ name: "Ana Prado", email: "ana.prado@cliente.example", emailVerified: false });
    const impostor = await visitor({ name: "Quem?", email: "ana.prado@cliente.example" });
    expect(impostor.conversation).toBeNull(); // Ana's open chat stays hers
    expect(impostor.contact).toEqual({ name: "Quem?", email: "ana.prado@cliente.example", emailVerified: false }); // not asked again
    await say(impostor.visitorToken, "Oi");
    const list = (await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` })).json<{
      items: ConversationDto[];
    }>().items;
    const theirs = list.filter((c) => c.contact.name === "Quem?");
    expect(theirs).toHaveLength(1);
    expect(theirs[0]?.contact.email).toBeNull(); // a contact of their own, the address only claimed
    const visits = await env.admin.request({ method: "GET", url: `/api/v1/contacts/${theirs[0]?.contact.id ?? ""}/visits` });
    expect(visits.json<VisitDto[]>()[0]?.claimedEmail).toBe("ana.prado@cliente.example");
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

    // The secret leaked: once an admin replaces it, ids signed with the old one prove nothing.
    const replaced = await env.admin.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/identity-secret` });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const fresh = replaced.json<InboxDto>().chat?.identitySecret ?? "";
    expect(fresh).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh).not.toBe(secret);
    const elsewhere = "192.0.2.7"; // the customer's office: this file's other visitors come from 127.0.0.1
    expect(await visitor({ user: { ...user, hash } }, elsewhere)).toMatchObject({ identified: false, conversation: null });
    const signedAgain = createHmac("sha256", fresh).update(user.id).digest("hex");
    expect((await visitor({ user: { ...user, hash: signedAgain } }, elsewhere)).conversation?.messages.map((m) => m.body)).toEqual(["Comecei no notebook"]);
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

    const strict = await buildTestApp({ ATENDE_WIDGET_CONNECTIONS_PER_MINUTE: "2", ATENDE_WIDGET_MESSAGES_PER_ADDRESS_MINUTE: "4" });
    try {
      const admin = await newWorkspace(strict);
      const chat = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
      // Many visitors from one address send no more together than the address may.
      const startAt = async (remoteAddress: string) =>
        (await strict.app.inject({ method: "POST", url: "/widget/v1/sessions", remoteAddress, payload: { widgetToken: chat.chat?.widgetToken } })).json<VisitorSessionDto>().visitorToken;
      const sayAt = (token: string, remoteAddress: string) =>
        strict.app.inject({ method: "POST", url: "/widget/v1/messages", remoteAddress, headers: { authorization: `Bearer ${token}` }, payload: { clientId: randomUUID(), body: "oi" } });
      const sent: number[] = [];
      for (const token of [await startAt("203.0.113.9"), await startAt("203.0.113.9"), await startAt("203.0.113.9")]) {
        for (let i = 0; i < 2; i++) sent.push((await sayAt(token, "203.0.113.9")).statusCode);
      }
      expect(sent).toEqual([201, 201, 201, 201, 429, 429]);
      expect((await sayAt(await startAt("198.51.100.20"), "198.51.100.20")).statusCode).toBe(201); // another address is not held back
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
    // A token sent twice is an array before the schema runs: no token (401), never a 500.
    const twice = await env.t.app.inject({ url: `/widget/v1/socket?token=${started.visitorToken}&token=${started.visitorToken}` });
    expect(twice.statusCode, twice.body).toBe(401);
    const empty = await say(started.visitorToken, "   ");
    expect(empty.statusCode).toBe(422);
    expect(empty.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("body");
  });
});

describe("a new visitor's messages sent at once", () => {
  it("open one conversation, each message stored once, from one tab or two", async () => {
    for (let round = 0; round < 5; round++) {
      const { visitorToken } = await visitor({}, "198.51.100.77"); // its own address: sessions are limited per address
      const twice = randomUUID(); // a queued message sent again by a second tab
      const sent = await Promise.all([say(visitorToken, "oi"), say(visitorToken, "tem alguém?", twice), say(visitorToken, "tem alguém?", twice), say(visitorToken, "preciso de ajuda")]);
      expect(sent.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      // The conversation the widget shows has all three, once: none went to another conversation.
      expect((await current(visitorToken))?.messages.map((m) => m.body).sort()).toEqual(["oi", "preciso de ajuda", "tem alguém?"]);
    }
  });
});
