import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import type { ConversationDto, CreatedApiTokenDto, MessageDto, Problem, SearchResultDto } from "@atende/shared";
import { addAgent, buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "./test-app.js";

/** Everything workspace A owns; filled in beforeAll. */
const A = { agent: "", team: "", inbox: "", contact: "", tag: "", canned: "", conversation: "", message: "", token: "", view: "" };
type Ref = keyof typeof A;
/** B's own conversation, inbox, contact, canned response, team and saved view, to reference A's ids from. */
const B = { inbox: "", contact: "", conversation: "", canned: "", team: "", view: "" };

let t: TestApp;
let a: AgentClient;
let b: AgentClient;

const api = (path: string) => `/api/v1${path}`;
const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_m, key: string) => (key in A ? A[key as Ref] : `{${key}}`));
const idOf = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<{ id: string }>().id;
};
const getJson = async <T>(client: AgentClient, path: string): Promise<T> => {
  const res = await client.request({ method: "GET", url: api(path) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const idsIn = (items: readonly { id: string }[]) => items.map((i) => i.id);
const allOfA = () => Object.values(A);

/** Everything A can see of its own data, to prove B's attempts changed nothing. */
const snapshotOfA = async () => ({
  agents: await getJson<unknown>(a, "/agents"),
  team: await getJson<unknown>(a, `/teams/${A.team}`),
  inbox: await getJson<unknown>(a, `/inboxes/${A.inbox}`),
  contact: await getJson<unknown>(a, `/contacts/${A.contact}`),
  tags: await getJson<unknown>(a, "/tags"),
  canned: await getJson<unknown>(a, "/canned-responses"),
  conversation: await getJson<unknown>(a, `/conversations/${A.conversation}`),
  messages: await getJson<unknown>(a, `/conversations/${A.conversation}/messages?limit=100`),
  tokens: await getJson<unknown>(a, "/api-tokens"),
  views: await getJson<unknown>(a, "/views"),
});
let before: Awaited<ReturnType<typeof snapshotOfA>>;

beforeAll(async () => {
  t = await buildTestApp();
  a = await newWorkspace(t, "Tenant A");
  b = await newWorkspace(t, "Tenant B");

  A.agent = (await addAgent(t, a, "agent", "Ana Alpha")).agentId;
  A.team = idOf(await a.request({ method: "POST", url: api("/teams"), payload: { name: "Alpha team", memberIds: [A.agent] } }));
  const conv = await newConversation(a, { email: "zanzibar.alpha@example.com", subject: "Zanzibar order", body: "Zanzibar parcel lost" });
  Object.assign(A, { inbox: conv.inboxId, contact: conv.contactId, conversation: conv.conversationId });
  A.tag = idOf(await a.request({ method: "POST", url: api("/tags"), payload: { name: "alpha-secret" } }));
  A.canned = idOf(
    await a.request({ method: "POST", url: api("/canned-responses"), payload: { shortCode: "hi", title: "Hi", body: "Hi {{contact.firstName}}" } }),
  );
  A.message = idOf(await a.request({ method: "POST", url: api(`/conversations/${A.conversation}/messages`), payload: { body: "Zanzibar reply" } }));
  const assigned = await a.request({
    method: "PATCH",
    url: api(`/conversations/${A.conversation}`),
    payload: { assigneeId: A.agent, teamId: A.team, tags: ["alpha-secret"] },
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  A.token = idOf(await a.request({ method: "POST", url: api("/api-tokens"), payload: { name: "Alpha token" } }));
  A.view = idOf(
    await a.request({ method: "POST", url: api("/views"), payload: { name: "Alpha shared view", filters: { inboxId: A.inbox }, shared: true } }),
  );

  const mine = await newConversation(b, { email: "zanzibar.beta@example.com", subject: "Zanzibar too", body: "Zanzibar parcel late" });
  Object.assign(B, { inbox: mine.inboxId, contact: mine.contactId, conversation: mine.conversationId });
  B.canned = idOf(
    await b.request({ method: "POST", url: api("/canned-responses"), payload: { shortCode: "hi", title: "Hi", body: "Hi {{contact.firstName}}" } }),
  );
  B.team = idOf(await b.request({ method: "POST", url: api("/teams"), payload: { name: "Beta team" } }));
  idOf(await b.request({ method: "POST", url: api("/tags"), payload: { name: "beta" } }));
  B.view = idOf(await b.request({ method: "POST", url: api("/views"), payload: { name: "Beta view", filters: {}, shared: true } }));
  before = await snapshotOfA();
});
afterAll(() => t.close());

const expectNotFound = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(404);
  expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
  expect(res.json<Problem>().code).toBe("NOT_FOUND");
};

type Case = [method: "GET" | "POST" | "PATCH" | "DELETE", path: string, payload?: object];
const routes: Case[] = [
  ["GET", "/agents/{agent}"],
  ["PATCH", "/agents/{agent}", { name: "Hijacked", role: "admin" }],
  ["GET", "/teams/{team}"],
  ["PATCH", "/teams/{team}", { name: "Hijacked" }],
  ["DELETE", "/teams/{team}"],
  ["GET", "/inboxes/{inbox}"],
  ["PATCH", "/inboxes/{inbox}", { name: "Hijacked" }],
  ["POST", "/inboxes/{inbox}/identity-secret"],
  ["GET", "/contacts/{contact}"],
  ["PATCH", "/contacts/{contact}", { name: "Hijacked" }],
  ["GET", "/contacts/{contact}/conversations"],
  ["PATCH", "/tags/{tag}", { name: "hijacked" }],
  ["DELETE", "/tags/{tag}"],
  ["PATCH", "/canned-responses/{canned}", { title: "Hijacked" }],
  ["DELETE", "/canned-responses/{canned}"],
  ["GET", "/canned-responses/{canned}/render?conversationId={conversation}"],
  ["GET", "/conversations/{conversation}"],
  ["PATCH", "/conversations/{conversation}", { status: "resolved", priority: "low" }],
  ["GET", "/conversations/{conversation}/messages"],
  ["POST", "/conversations/{conversation}/messages", { body: "Injected reply" }],
  ["POST", "/conversations/{conversation}/merge", { otherId: "01a20000-0000-7000-8000-000000000000" }],
  ["POST", "/contacts/{contact}/merge", { otherId: "01a20000-0000-7000-8000-000000000000" }],
  ["DELETE", "/api-tokens/{token}"],
  ["PATCH", "/views/{view}", { name: "Hijacked", shared: false }],
  ["DELETE", "/views/{view}"],
];

describe("B's admin reaching A's resources by id", () => {
  it.each(routes)("%s %s answers 404 NOT_FOUND", async (method, path, payload) => {
    expectNotFound(await b.request({ method, url: api(fill(path)), ...(payload ? { payload } : {}) }));
  });
});

describe("B's lists and searches", () => {
  it.each(["/agents", "/teams", "/inboxes", "/tags", "/canned-responses", "/views"])("GET %s shows none of A's ids", async (path) => {
    const ids = idsIn(await getJson<{ id: string }[]>(b, path));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => allOfA().includes(id))).toEqual([]);
  });

  it.each(["/contacts?limit=100", "/conversations?status=all&limit=100"])("GET %s shows only B's own", async (path) => {
    const ids = idsIn((await getJson<{ items: { id: string }[] }>(b, path)).items);
    expect(ids).toEqual([path.startsWith("/contacts") ? B.contact : B.conversation]);
  });

  it.each(["conversations", "contacts", "messages"] as const)("search of type %s finds B's match and none of A's", async (type) => {
    const result = await getJson<SearchResultDto>(b, `/search?q=zanzibar&type=${type}`);
    const items: readonly { id: string; conversationId?: string }[] = result.items;
    const found = items.flatMap((i) => [i.id, ...(i.conversationId ? [i.conversationId] : [])]);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toContain(type === "contacts" ? B.contact : B.conversation);
    expect(found.filter((id) => allOfA().includes(id))).toEqual([]);
  });
});

describe("A's ids inside B's request bodies", () => {
  const conversationCount = async () => (await getJson<{ items: ConversationDto[] }>(b, "/conversations?status=all&limit=100")).items.length;
  const expectRefused = (res: LightMyRequestResponse, field: string) => {
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<Problem>().errors?.map((e) => e.path)).toContain(field);
  };

  it("refuses opening a conversation in A's inbox, naming inboxId, and writes nothing", async () => {
    const count = await conversationCount();
    const payload = { inboxId: A.inbox, contactId: B.contact, message: { body: "hello" } };
    expectRefused(await b.request({ method: "POST", url: api("/conversations"), payload }), "inboxId");
    expect(await conversationCount()).toBe(count);
  });

  it("refuses opening a conversation with A's contact, naming contactId, and writes nothing", async () => {
    const count = await conversationCount();
    const payload = { inboxId: B.inbox, contactId: A.contact, message: { body: "hello" } };
    expectRefused(await b.request({ method: "POST", url: api("/conversations"), payload }), "contactId");
    expect(await conversationCount()).toBe(count);
  });

  it.each([
    ["assigneeId", "agent"],
    ["teamId", "team"],
  ] as const)("refuses %s of A's %s on B's conversation and records no activity", async (field, ref) => {
    const messages = async () => (await getJson<{ items: MessageDto[] }>(b, `/conversations/${B.conversation}/messages?limit=100`)).items;
    const count = (await messages()).length;
    const unchanged = await getJson<ConversationDto>(b, `/conversations/${B.conversation}`);
    const res = await b.request({ method: "PATCH", url: api(`/conversations/${B.conversation}`), payload: { [field]: A[ref] } });
    expectRefused(res, field);
    expect((await messages()).length).toBe(count);
    expect(await getJson<ConversationDto>(b, `/conversations/${B.conversation}`)).toEqual(unchanged);
  });

  it("refuses merging A's conversation or contact into B's, naming otherId, and moves nothing", async () => {
    const merge = (path: string, otherId: string) => b.request({ method: "POST", url: api(path), payload: { otherId } });
    expectRefused(await merge(`/conversations/${B.conversation}/merge`, A.conversation), "otherId");
    expectRefused(await merge(`/contacts/${B.contact}/merge`, A.contact), "otherId");
    expect(await snapshotOfA()).toEqual(before);
  });

  it("refuses a team with A's agent as a member, naming memberIds, and creates no team", async () => {
    const res = await b.request({ method: "POST", url: api("/teams"), payload: { name: "Poachers", memberIds: [A.agent] } });
    expectRefused(res, "memberIds");
    expect(idsIn(await getJson<{ id: string }[]>(b, "/teams"))).toEqual([B.team]);
  });

  it.each([
    ["inboxId", "inbox"],
    ["teamId", "team"],
    ["assigneeId", "agent"],
  ] as const)("refuses a saved view filtering by A's %s, naming filters.%s, and saves nothing", async (field, ref) => {
    const res = await b.request({ method: "POST", url: api("/views"), payload: { name: `Spying on ${ref}`, filters: { [field]: A[ref] } } });
    expectRefused(res, `filters.${field}`);
    expect(idsIn(await getJson<{ id: string }[]>(b, "/views"))).toEqual([B.view]);
  });

  it("counts B's saved views only", async () => {
    expect(Object.keys(await getJson<Record<string, number>>(b, "/views/counts"))).toEqual([B.view]);
  });

  it("refuses rendering B's canned response for A's conversation", async () => {
    expectNotFound(await b.request({ method: "GET", url: api(`/canned-responses/${B.canned}/render?conversationId=${A.conversation}`) }));
    const own = await getJson<{ body: string }>(b, `/canned-responses/${B.canned}/render?conversationId=${B.conversation}`);
    expect(own.body).toBe("Hi Maria");
  });
});

describe("B's API token", () => {
  it("works on B's conversation and gets 404 on A's", async () => {
    const created = await b.request({ method: "POST", url: api("/api-tokens"), payload: { name: "B robot" } });
    expect(created.statusCode, created.body).toBe(201);
    const headers = { authorization: `Bearer ${created.json<CreatedApiTokenDto>().token}` };
    const own = await t.app.inject({ method: "GET", url: api(`/conversations/${B.conversation}`), headers });
    expect(own.statusCode, own.body).toBe(200);
    expectNotFound(await t.app.inject({ method: "GET", url: api(`/conversations/${A.conversation}`), headers }));
    const write = { method: "POST", url: api(`/conversations/${A.conversation}/messages`), headers, payload: { body: "x" } } as const;
    expectNotFound(await t.app.inject(write));
  });
});

describe("the same Idempotency-Key in two workspaces", () => {
  it("creates separately in each and never replays A's response to B", async () => {
    const headers = { "idempotency-key": "shared-key-1" };
    const payload = { name: "Same name", channel: "api" };
    const inA = await a.request({ method: "POST", url: api("/inboxes"), payload, headers });
    const inB = await b.request({ method: "POST", url: api("/inboxes"), payload, headers });
    expect([inA.statusCode, inB.statusCode]).toEqual([201, 201]);
    expect(inB.headers["idempotent-replayed"]).toBeUndefined();
    expect(idOf(inB)).not.toBe(idOf(inA));
    expect(idsIn(await getJson<{ id: string }[]>(b, "/inboxes"))).not.toContain(idOf(inA));
  });
});

describe("after every attempt by B", () => {
  it("A's agent, team, inbox, contact, tags, canned responses, conversation, messages, tokens and saved views are unchanged", async () => {
    expect(await snapshotOfA()).toEqual(before);
  });
});
