import { describe, expect, it } from "vitest";
import type { ConversationDto, MessageDto } from "@atende/shared";
import { and, eq } from "drizzle-orm";
import { events } from "../../db/schema/index.js";
import { addAgent, newConversation, newWorkspace, useSignedInAdmin, type AgentClient } from "../../test/test-app.js";

const env = useSignedInAdmin();

const get = async <T>(client: AgentClient, url: string) => {
  const res = await client.request({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const patch = (client: AgentClient, id: string, payload: object) =>
  client.request({ method: "PATCH", url: `/api/v1/conversations/${id}`, payload });
const post = (client: AgentClient, id: string, payload: object, headers: Record<string, string> = {}) =>
  client.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload, headers });
const messagesOf = async (id: string) =>
  (await get<{ items: MessageDto[] }>(env.admin, `/api/v1/conversations/${id}/messages?limit=100`)).items;

describe("creating conversations", () => {
  it("finds the contact by e-mail instead of creating a second one", async () => {
    const first = await newConversation(env.admin, { email: "Joana@Example.com" });
    const second = await newConversation(env.admin, { inboxId: first.inboxId, email: "joana@example.com" });
    expect(second.contactId).toBe(first.contactId);
    const list = await get<{ items: ConversationDto[] }>(env.admin, `/api/v1/contacts/${first.contactId}/conversations`);
    expect(list.items.map((c) => c.id).sort()).toEqual([first.conversationId, second.conversationId].sort());
  });

  it("numbers conversations per workspace and shows the preview and the customer's wait", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Meu pedido   não chegou\nainda." });
    const c = await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`);
    expect(c.number).toBeGreaterThan(0);
    expect(c.status).toBe("open");
    expect(c.lastMessage?.preview).toBe("Meu pedido não chegou ainda.");
    expect(c.waitingSince).not.toBeNull();
    expect(c.firstResponseAt).toBeNull();
  });

  it("answers with the conversation exactly as reading it back shows it, for every way of opening one", async () => {
    const api = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "API", channel: "api" } })).json<{ id: string }>().id;
    const mail = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Mail", channel: "email", address: "shown@loja.example" } })).json<{ id: string }>().id;
    const known = await newConversation(env.admin, { inboxId: api, email: "conhecida@example.com" });
    const bodies: [object, Record<string, string>?][] = [
      // A new contact with every detail, in the statement's own insert.
      [{ inboxId: api, subject: "Fatura", contact: { email: "nova@example.com", name: "Nova Pessoa", phone: "+5511999990000" }, message: { body: "Olá" } }],
      // A contact the statement finds by address, and one given by id.
      [{ inboxId: api, contact: { email: "conhecida@example.com" }, message: { body: "De novo" } }],
      [{ inboxId: api, contactId: known.contactId, message: { body: "Por id" } }],
      // An agent's new e-mail: theirs, waiting on the customer, with its first response.
      [{ inboxId: mail, contactId: known.contactId, subject: "Seu pedido", message: { body: "Enviamos hoje.", direction: "outgoing" } }],
      // With a key, in a transaction.
      [{ inboxId: api, contact: { phone: "+420777000111" }, message: { body: "Dobrý den" } }, { "idempotency-key": "shown-once" }],
    ];
    for (const [payload, headers] of bodies) {
      const res = await env.admin.request({ method: "POST", url: "/api/v1/conversations", payload, headers: headers ?? {} });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json<ConversationDto>();
      expect(created).toEqual(await get<ConversationDto>(env.admin, `/api/v1/conversations/${created.id}`));
    }
  });

  it("refuses a contactId of nobody, naming the field, and writes nothing", async () => {
    const { inboxId } = await newConversation(env.admin);
    const before = await get<{ items: ConversationDto[] }>(env.admin, "/api/v1/conversations?status=all&limit=100");
    const res = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: { inboxId, contactId: "01a20000-0000-7000-8000-000000000000", message: { body: "hi" } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("contactId");
    const after = await get<{ items: ConversationDto[] }>(env.admin, "/api/v1/conversations?status=all&limit=100");
    expect(after.items.length).toBe(before.items.length);
  });
  it("refuses another workspace's inbox, or none, naming the field, and keeps no contact it would have made", async () => {
    const other = await newWorkspace(env.t);
    const theirs = (await newConversation(other)).inboxId;
    for (const inboxId of [theirs, "01a20000-0000-7000-8000-000000000000"]) {
      const email = `ninguem-${inboxId.slice(-6)}@example.com`;
      const res = await env.admin.request({ method: "POST", url: "/api/v1/conversations", payload: { inboxId, contact: { email }, message: { body: "oi", direction: "incoming" } } });
      expect(res.statusCode).toBe(422);
      expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("inboxId");
      const contacts = await get<{ items: { email: string | null }[] }>(env.admin, `/api/v1/contacts?q=${encodeURIComponent(email)}`);
      expect(contacts.items.filter((c) => c.email === email)).toEqual([]);
    }
    // The same look-up finds one that was made.
    const made = await newConversation(env.admin, { email: "alguem-novo@example.com" });
    const found = await get<{ items: { id: string }[] }>(env.admin, `/api/v1/contacts?q=${encodeURIComponent("alguem-novo@example.com")}`);
    expect(found.items.map((c) => c.id)).toContain(made.contactId);
  });
});

describe("replies, notes and the conversation's clock", () => {
  it("sets firstResponseAt on the first public reply, not on a note, and ends the wait", async () => {
    const { conversationId } = await newConversation(env.admin);
    expect((await post(env.admin, conversationId, { body: "Checking with the warehouse", private: true })).statusCode).toBe(201);
    let c = await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`);
    expect(c.firstResponseAt).toBeNull();
    expect(c.waitingSince).not.toBeNull();
    const reply = await post(env.admin, conversationId, { body: "Olá Maria, já verifiquei o seu pedido." });
    expect(reply.json<MessageDto>()).toMatchObject({ kind: "reply", direction: "outgoing", private: false, senderType: "agent" });
    c = await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`);
    expect(c.firstResponseAt).not.toBeNull();
    expect(c.waitingSince).toBeNull();
    const first = c.firstResponseAt;
    await post(env.admin, conversationId, { body: "Mais uma coisa." });
    c = await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`);
    expect(c.firstResponseAt).toBe(first);
  });

  it.each(["pending", "resolved"] as const)("a new incoming message reopens a %s conversation", async (status) => {
    const { conversationId } = await newConversation(env.admin);
    expect((await patch(env.admin, conversationId, { status })).statusCode).toBe(200);
    await post(env.admin, conversationId, { body: "Still there?", direction: "incoming" });
    const c = await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`);
    expect(c.status).toBe("open");
    expect(c.resolvedAt).toBeNull();
  });

  it("a note cannot come from the contact", async () => {
    const { conversationId } = await newConversation(env.admin);
    const res = await post(env.admin, conversationId, { body: "x", private: true, direction: "incoming" });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("private");
  });

  it("lists messages oldest first across pages, without gaps or repeats", async () => {
    const { conversationId } = await newConversation(env.admin);
    for (let i = 1; i <= 6; i++) await post(env.admin, conversationId, { body: `reply ${String(i)}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: MessageDto[]; nextCursor: string | null } = await get(
        env.admin,
        `/api/v1/conversations/${conversationId}/messages?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.items.map((m) => m.body));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Olá, preciso de ajuda com meu pedido.", ...[1, 2, 3, 4, 5, 6].map((i) => `reply ${String(i)}`)]);
  });

  it("opens a conversation with its newest messages in one request, and pages back to the first without gaps", async () => {
    const { conversationId } = await newConversation(env.admin);
    for (let i = 1; i <= 6; i++) await post(env.admin, conversationId, { body: `reply ${String(i)}` });
    type Page = { items: MessageDto[]; nextCursor: string | null };
    const opened = await get<ConversationDto & { messages: Page }>(env.admin, `/api/v1/conversations/${conversationId}?messages=3`);
    expect(opened.id).toBe(conversationId);
    expect(opened.lastMessage?.preview).toBe("reply 6");
    expect(opened.messages.items.map((m) => m.body)).toEqual(["reply 6", "reply 5", "reply 4"]);
    const seen = opened.messages.items.map((m) => m.body);
    let cursor = opened.messages.nextCursor;
    while (cursor) {
      const older: Page = await get(env.admin, `/api/v1/conversations/${conversationId}/messages?order=newest&limit=2&cursor=${cursor}`);
      seen.push(...older.items.map((m) => m.body));
      cursor = older.nextCursor;
    }
    expect(seen.reverse()).toEqual(["Olá, preciso de ajuda com meu pedido.", ...[1, 2, 3, 4, 5, 6].map((i) => `reply ${String(i)}`)]);
    // Without `messages` it is the conversation alone; another workspace's id is not found either way.
    expect(await get<object>(env.admin, `/api/v1/conversations/${conversationId}`)).not.toHaveProperty("messages");
    const other = await newWorkspace(env.t);
    expect((await other.request({ method: "GET", url: `/api/v1/conversations/${conversationId}?messages=3` })).statusCode).toBe(404);
    const bad = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}?messages=0` });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("query.messages");
  });
});

describe("mentions", () => {
  it("tells each teammate @mentioned in a note, and refuses mentions in replies or of strangers", async () => {
    const teammate = await addAgent(env.t, env.admin, "agent", "Lucie Dvořáková");
    const { conversationId } = await newConversation(env.admin);
    const note = await env.admin.request({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { body: "@Lucie Dvořáková can you check the refund?", private: true, mentions: [teammate.agentId] },
    });
    expect(note.statusCode).toBe(201);
    const mentions = await env.t.runtime.db.select().from(events).where(and(eq(events.type, "agent.mentioned"), eq(events.conversationId, conversationId)));
    expect(mentions.map((e) => e.payload)).toEqual([
      { agentId: teammate.agentId, messageId: note.json<MessageDto>().id, by: "Admin Person", preview: "@Lucie Dvořáková can you check the refund?" },
    ]);
    const reply = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "Hi", mentions: [teammate.agentId] } });
    expect(reply.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("mentions");
    const stranger = await newWorkspace(env.t);
    const foreign = await env.admin.request({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { body: "note", private: true, mentions: [stranger.agentId] },
    });
    expect([foreign.statusCode, foreign.json<{ errors: { path: string }[] }>().errors[0]?.path]).toEqual([422, "mentions.0"]);
  });
});

describe("changing a conversation", () => {
  it("records every change as an activity naming who made it", async () => {
    const teammate = await addAgent(env.t, env.admin, "agent", "Pavla Nováková");
    const team = await env.admin.request({ method: "POST", url: "/api/v1/teams", payload: { name: "Billing" } });
    const { conversationId } = await newConversation(env.admin);
    const res = await patch(teammate, conversationId, {
      status: "pending",
      assigneeId: teammate.agentId,
      teamId: team.json<{ id: string }>().id,
      priority: "urgent",
      tags: ["VIP", "billing"],
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<ConversationDto>();
    expect(c).toMatchObject({ status: "pending", priority: "urgent", tags: ["billing", "vip"], team: { name: "Billing" } });
    expect(c.assignee?.name).toBe("Pavla Nováková");
    const activities = (await messagesOf(conversationId)).filter((m) => m.kind === "activity");
    expect(activities.map((a) => a.activity?.action).sort()).toEqual(["assignee", "priority", "status", "tags", "team"]);
    expect(activities.every((a) => a.activity?.actorName === "Pavla Nováková" && a.body.startsWith("Pavla Nováková"))).toBe(true);
  });

  it("does not record an activity when nothing changes", async () => {
    const { conversationId } = await newConversation(env.admin);
    await patch(env.admin, conversationId, { priority: "high", tags: ["a"] });
    const before = (await messagesOf(conversationId)).length;
    await patch(env.admin, conversationId, { priority: "high", tags: ["a"], status: "open" });
    expect((await messagesOf(conversationId)).length).toBe(before);
  });

  it("refuses assigning to an agent of no one, naming the field", async () => {
    const { conversationId } = await newConversation(env.admin);
    const res = await patch(env.admin, conversationId, { assigneeId: "01a20000-0000-7000-8000-000000000000" });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("assigneeId");
  });

  it("requires a future time to snooze", async () => {
    const { conversationId } = await newConversation(env.admin);
    expect((await patch(env.admin, conversationId, { status: "snoozed" })).statusCode).toBe(422);
    const past = await patch(env.admin, conversationId, { status: "snoozed", snoozedUntil: "2020-01-01T00:00:00Z" });
    expect(past.statusCode).toBe(422);
    expect(past.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("snoozedUntil");
  });

  it("sets resolvedAt when resolving and clears it when reopening", async () => {
    const { conversationId } = await newConversation(env.admin);
    const resolved = (await patch(env.admin, conversationId, { status: "resolved" })).json<ConversationDto>();
    expect(resolved.resolvedAt).not.toBeNull();
    const reopened = (await patch(env.admin, conversationId, { status: "open" })).json<ConversationDto>();
    expect(reopened.resolvedAt).toBeNull();
  });
});

describe("snooze", () => {
  it("a snoozed conversation reopens by itself when its time passes", async () => {
    const { conversationId } = await newConversation(env.admin);
    const until = new Date(Date.now() + 1500).toISOString();
    const snoozed = (await patch(env.admin, conversationId, { status: "snoozed", snoozedUntil: until })).json<ConversationDto>();
    expect(snoozed.status).toBe("snoozed");
    let c = snoozed;
    for (let i = 0; i < 40 && c.status === "snoozed"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      c = await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`);
    }
    expect(c.status).toBe("open");
    expect(c.snoozedUntil).toBeNull();
    const last = (await messagesOf(conversationId)).at(-1);
    expect(last?.activity).toMatchObject({ action: "status", from: "snoozed", to: "open" });
  });

  it("an incoming message wakes a snoozed conversation early", async () => {
    const { conversationId } = await newConversation(env.admin);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await patch(env.admin, conversationId, { snoozedUntil: until });
    expect((await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`)).status).toBe("snoozed");
    await post(env.admin, conversationId, { body: "Any news?", direction: "incoming" });
    const c = await get<ConversationDto>(env.admin, `/api/v1/conversations/${conversationId}`);
    expect(c.status).toBe("open");
    expect(c.snoozedUntil).toBeNull();
  });
});

describe("listing", () => {
  it("filters by status, assignee, tag and inbox, newest activity first, paging without repeats", async () => {
    const other = await newWorkspace(env.t);
    const a = await newConversation(other);
    const b = await newConversation(other, { inboxId: a.inboxId });
    const c = await newConversation(other);
    await patch(other, a.conversationId, { assigneeId: other.agentId, tags: ["refund"] });
    await patch(other, b.conversationId, { status: "pending" });
    await post(other, c.conversationId, { body: "newest activity" });
    const ids = async (query: string) =>
      (await get<{ items: ConversationDto[] }>(other, `/api/v1/conversations?${query}`)).items.map((x) => x.id);
    expect(await ids("status=open")).toEqual([c.conversationId, a.conversationId]);
    expect(await ids("status=pending")).toEqual([b.conversationId]);
    expect(await ids("status=all&assigneeId=me")).toEqual([a.conversationId]);
    expect(await ids("status=all&assigneeId=none")).toEqual([c.conversationId, b.conversationId]);
    expect(await ids("status=all&tag=refund")).toEqual([a.conversationId]);
    expect((await ids(`status=all&inboxId=${a.inboxId}`)).sort()).toEqual([a.conversationId, b.conversationId].sort());
    const page1 = await get<{ items: ConversationDto[]; nextCursor: string }>(other, "/api/v1/conversations?status=all&limit=2");
    const page2 = await get<{ items: ConversationDto[]; nextCursor: string | null }>(
      other,
      `/api/v1/conversations?status=all&limit=2&cursor=${page1.nextCursor}`,
    );
    expect([...page1.items, ...page2.items].map((x) => x.id)).toEqual([c.conversationId, b.conversationId, a.conversationId]);
    expect(page2.nextCursor).toBeNull();
  });

  it("counts each view (mine, unassigned, all open, snoozed, resolved) with the same filters as the list", async () => {
    const other = await newWorkspace(env.t);
    const a = await newConversation(other);
    const b = await newConversation(other, { inboxId: a.inboxId });
    const c = await newConversation(other);
    await patch(other, a.conversationId, { assigneeId: other.agentId, priority: "urgent" });
    await patch(other, b.conversationId, { status: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() });
    await patch(other, c.conversationId, { status: "resolved" });
    expect(await get(other, "/api/v1/conversations/counts")).toEqual({ mine: 1, unassigned: 0, all: 1, pending: 0, snoozed: 1, resolved: 1 });
    expect(await get(other, `/api/v1/conversations/counts?inboxId=${a.inboxId}`)).toEqual({ mine: 1, unassigned: 0, all: 1, pending: 0, snoozed: 1, resolved: 0 });
    expect(await get(other, "/api/v1/conversations/counts?priority=normal")).toEqual({ mine: 0, unassigned: 0, all: 0, pending: 0, snoozed: 1, resolved: 1 });
    expect(await get(env.admin, `/api/v1/conversations/counts?inboxId=${a.inboxId}`)).toEqual({ mine: 0, unassigned: 0, all: 0, pending: 0, snoozed: 0, resolved: 0 }); // another workspace's
  });

  it("refuses a forged cursor naming the field", async () => {
    const res = await env.admin.request({ method: "GET", url: "/api/v1/conversations?cursor=bm9wZQ" });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("cursor");
  });
});

describe("idempotency", () => {
  it("the same Idempotency-Key creates one message and returns the same result", async () => {
    const { conversationId } = await newConversation(env.admin);
    const headers = { "idempotency-key": "retry-123" };
    const first = await post(env.admin, conversationId, { body: "Only once" }, headers);
    const again = await post(env.admin, conversationId, { body: "Only once" }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json<MessageDto>().id).toBe(first.json<MessageDto>().id);
    expect((await messagesOf(conversationId)).filter((m) => m.body === "Only once")).toHaveLength(1);
  });

  it("the same key with a different request is a conflict", async () => {
    const { conversationId } = await newConversation(env.admin);
    const headers = { "idempotency-key": "retry-456" };
    await post(env.admin, conversationId, { body: "First" }, headers);
    const res = await post(env.admin, conversationId, { body: "Second" }, headers);
    expect(res.statusCode).toBe(409);
  });

  it("creating a conversation twice with one key makes one conversation", async () => {
    const { inboxId } = await newConversation(env.admin);
    const payload = { inboxId, contact: { email: "idem@example.com" }, message: { body: "hello" } };
    const headers = { "idempotency-key": "conv-1" };
    const a = await env.admin.request({ method: "POST", url: "/api/v1/conversations", payload, headers });
    const b = await env.admin.request({ method: "POST", url: "/api/v1/conversations", payload, headers });
    expect(b.json<ConversationDto>().id).toBe(a.json<ConversationDto>().id);
  });
});

describe("the list's order", () => {
  it("sorts by newest, oldest, longest waiting and priority, and pages through each without gaps or repeats", async () => {
    const ws = await newWorkspace(env.t);
    const made: { id: string; priority: string }[] = [];
    for (const [i, priority] of (["normal", "urgent", "low", "high"] as const).entries()) {
      const { conversationId } = await newConversation(ws, { body: `Pedido ${String(i)}` });
      await ws.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { priority } });
      made.push({ id: conversationId, priority });
    }
    // The second one is answered: nobody waits on it, so it comes last when sorting by the wait.
    await ws.request({ method: "POST", url: `/api/v1/conversations/${made[1]?.id ?? ""}/messages`, payload: { body: "Já resolvo." } });
    const all = async (sort: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await ws.request({ method: "GET", url: `/api/v1/conversations?sort=${sort}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` });
        expect(res.statusCode).toBe(200);
        const body = res.json<{ items: ConversationDto[]; nextCursor: string | null }>();
        ids.push(...body.items.map((c) => c.id));
        cursor = body.nextCursor;
      } while (cursor);
      return ids.map((id) => made.findIndex((m) => m.id === id));
    };
    expect(await all("newest")).toEqual([1, 3, 2, 0]); // the answer is the newest activity
    expect(await all("oldest")).toEqual([0, 2, 3, 1]);
    expect(await all("waiting")).toEqual([0, 2, 3, 1]);
    expect(await all("priority")).toEqual([1, 3, 0, 2]); // urgent, high, normal, low
    const mixed = await ws.request({ method: "GET", url: `/api/v1/conversations?sort=oldest&cursor=${encodeURIComponent((await ws.request({ method: "GET", url: "/api/v1/conversations?sort=priority&limit=1" })).json<{ nextCursor: string }>().nextCursor)}` });
    expect(mixed.statusCode).toBe(422); // another order's cursor
  });
});
