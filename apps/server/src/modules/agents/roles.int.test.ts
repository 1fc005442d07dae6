import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentDto, AgentRole, ConversationDto, MessageDto, Problem, TagDto } from "@atende/shared";
import {
  addAgent,
  buildTestApp,
  newConversation,
  newWorkspace,
  TEST_PASSWORD,
  type AgentClient,
  type TestApp,
} from "../../test/test-app.js";

let t: TestApp;
let admin: AgentClient;
let clients: Record<AgentRole, AgentClient>;
let teammate: AgentClient;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await newWorkspace(t);
  clients = {
    admin: await addAgent(t, admin, "admin", "Second Admin"),
    supervisor: await addAgent(t, admin, "supervisor", "Sofia Supervisor"),
    agent: await addAgent(t, admin, "agent", "Artur Agent"),
  };
  teammate = await addAgent(t, admin, "agent", "Edited Teammate");
});
afterAll(() => t.close());

const unique = () => randomUUID().slice(0, 8);
const list = async <T>(url: string) => (await admin.request({ method: "GET", url })).json<T[]>();
const newTag = async () => {
  const res = await admin.request({ method: "POST", url: "/api/v1/tags", payload: { name: `tag-${unique()}` } });
  return res.json<TagDto>();
};

/** A managed action: what it sends, and whether its effect is visible afterwards (to prove a refusal wrote nothing). */
type Action = (client: AgentClient) => Promise<{ res: LightMyRequestResponse; happened: () => Promise<boolean> }>;

const actions: Record<string, { status: number; run: Action }> = {
  "create an agent": {
    status: 201,
    run: async (c) => {
      const email = `new-${unique()}@example.com`;
      const payload = { email, name: "New", password: TEST_PASSWORD };
      const res = await c.request({ method: "POST", url: "/api/v1/agents", payload });
      return { res, happened: async () => (await list<AgentDto>("/api/v1/agents")).some((a) => a.email === email) };
    },
  },
  "edit an agent": {
    status: 200,
    run: async (c) => {
      const name = `Renamed ${unique()}`;
      const res = await c.request({ method: "PATCH", url: `/api/v1/agents/${teammate.agentId}`, payload: { name } });
      return { res, happened: async () => (await list<AgentDto>("/api/v1/agents")).some((a) => a.name === name) };
    },
  },
  "create an inbox": {
    status: 201,
    run: async (c) => {
      const name = `Inbox ${unique()}`;
      const res = await c.request({ method: "POST", url: "/api/v1/inboxes", payload: { name, channel: "api" } });
      return { res, happened: async () => (await list<{ name: string }>("/api/v1/inboxes")).some((i) => i.name === name) };
    },
  },
  "create a team": {
    status: 201,
    run: async (c) => {
      const name = `Team ${unique()}`;
      const res = await c.request({ method: "POST", url: "/api/v1/teams", payload: { name } });
      return { res, happened: async () => (await list<{ name: string }>("/api/v1/teams")).some((x) => x.name === name) };
    },
  },
  "create a canned response": {
    status: 201,
    run: async (c) => {
      const shortCode = `hi-${unique()}`;
      const res = await c.request({
        method: "POST",
        url: "/api/v1/canned-responses",
        payload: { shortCode, title: "Greeting", body: "Olá {{contact.name}}!" },
      });
      const happened = async () =>
        (await list<{ shortCode: string }>("/api/v1/canned-responses")).some((x) => x.shortCode === shortCode);
      return { res, happened };
    },
  },
  "edit a tag": {
    status: 200,
    run: async (c) => {
      const tag = await newTag();
      const res = await c.request({ method: "PATCH", url: `/api/v1/tags/${tag.id}`, payload: { color: "#1f6feb" } });
      const happened = async () => (await list<TagDto>("/api/v1/tags")).some((x) => x.id === tag.id && x.color === "#1f6feb");
      return { res, happened };
    },
  },
  "delete a tag": {
    status: 204,
    run: async (c) => {
      const tag = await newTag();
      const res = await c.request({ method: "DELETE", url: `/api/v1/tags/${tag.id}` });
      return { res, happened: async () => !(await list<TagDto>("/api/v1/tags")).some((x) => x.id === tag.id) };
    },
  },
};

const ALLOWED: Record<AgentRole, readonly string[]> = {
  admin: Object.keys(actions),
  supervisor: ["create a team", "create a canned response", "edit a tag", "delete a tag"],
  agent: [],
};

const cases = (["admin", "supervisor", "agent"] as const).flatMap((role) =>
  Object.keys(actions).map((action) => [role, action, ALLOWED[role].includes(action)] as const),
);
const allowed = cases.filter(([, , ok]) => ok).map(([role, action]) => [role, action] as const);
const refused = cases.filter(([, , ok]) => !ok).map(([role, action]) => [role, action] as const);

describe("what each role may manage", () => {
  it.each(allowed)("role %s may %s", async (role, action) => {
    const { status, run } = actions[action] ?? { status: 0, run: () => Promise.reject(new Error(action)) };
    const { res, happened } = await run(clients[role]);
    expect(res.statusCode, res.body).toBe(status);
    expect(await happened()).toBe(true);
  });

  it.each(refused)("role %s may not %s: 403 FORBIDDEN and nothing changes", async (role, action) => {
    const { run } = actions[action] ?? { run: () => Promise.reject(new Error(action)) };
    const { res, happened } = await run(clients[role]);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json<Problem>().code).toBe("FORBIDDEN");
    expect(await happened()).toBe(false);
  });
});

describe("working conversations", () => {
  it.each(["admin", "supervisor", "agent"] as const)("role %s may reply, add a note, assign, tag and resolve", async (role) => {
    const client = clients[role];
    const { conversationId } = await newConversation(admin);
    const url = `/api/v1/conversations/${conversationId}`;
    const reply = await client.request({ method: "POST", url: `${url}/messages`, payload: { body: "Olá! Vou verificar." } });
    expect(reply.statusCode, reply.body).toBe(201);
    const note = await client.request({ method: "POST", url: `${url}/messages`, payload: { body: "Internal", private: true } });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json<MessageDto>().kind).toBe("note");
    const assign = await client.request({ method: "PATCH", url, payload: { assigneeId: client.agentId, tags: [`by-${role}`] } });
    expect(assign.statusCode, assign.body).toBe(200);
    const resolved = await client.request({ method: "PATCH", url, payload: { status: "resolved" } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json<ConversationDto>()).toMatchObject({
      status: "resolved",
      assignee: { id: client.agentId },
      tags: [`by-${role}`],
    });
  });

  it.each(["admin", "supervisor", "agent"] as const)("role %s may create a tag", async (role) => {
    const res = await clients[role].request({ method: "POST", url: "/api/v1/tags", payload: { name: `Made-By-${role}` } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TagDto>().name).toBe(`made-by-${role}`);
  });
});

describe("the workspace keeps an active admin", () => {
  const patchAgent = (by: AgentClient, id: string, payload: object) =>
    by.request({ method: "PATCH", url: `/api/v1/agents/${id}`, payload });

  it.each([
    ["demoted to supervisor", "role", { role: "supervisor" }],
    ["demoted to agent", "role", { role: "agent" }],
    ["deactivated", "active", { active: false }],
  ])("the last active admin cannot be %s: 409 CONFLICT naming %s", async (_case, path, payload) => {
    const solo = await newWorkspace(t);
    const res = await patchAgent(solo, solo.agentId, payload);
    expect(res.statusCode).toBe(409);
    const problem = res.json<Problem>();
    expect(problem.code).toBe("CONFLICT");
    expect(problem.errors?.map((e) => e.path)).toEqual([path]);
    const me = await solo.request({ method: "GET", url: `/api/v1/agents/${solo.agentId}` });
    expect(me.json<AgentDto>()).toMatchObject({ role: "admin", active: true });
  });

  it("an inactive second admin does not count", async () => {
    const solo = await newWorkspace(t);
    const other = await addAgent(t, solo, "admin");
    expect((await patchAgent(solo, other.agentId, { active: false })).statusCode).toBe(200);
    expect((await patchAgent(solo, solo.agentId, { role: "agent" })).statusCode).toBe(409);
  });

  it.each([
    ["demoted", { role: "agent" }, { role: "agent", active: true }],
    ["deactivated", { active: false }, { role: "admin", active: false }],
  ])("with a second active admin, an admin can be %s", async (_case, payload, expected) => {
    const first = await newWorkspace(t);
    const second = await addAgent(t, first, "admin");
    const res = await patchAgent(second, first.agentId, payload);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AgentDto>()).toMatchObject(expected);
    expect((await patchAgent(second, second.agentId, { role: "agent" })).statusCode).toBe(409);
  });

  it("two admins demoting each other at the same moment leave exactly one admin", async () => {
    for (let round = 0; round < 5; round++) {
      const first = await newWorkspace(t);
      const second = await addAgent(t, first, "admin");
      const results = await Promise.all([
        patchAgent(first, second.agentId, { role: "agent" }),
        patchAgent(second, first.agentId, { active: false }),
      ]);
      // The loser is refused: by the last-admin rule (409) when both were let in before either committed,
      // or as what it became (403 demoted, 401 deactivated) when the winner committed first.
      const [won, lost] = results.map((r) => r.statusCode).sort();
      expect(won).toBe(200);
      expect([401, 403, 409]).toContain(lost);
      const agents = (await second.request({ method: "GET", url: "/api/v1/agents" })).json<AgentDto[]>();
      expect(agents.filter((a) => a.role === "admin" && a.active)).toHaveLength(1);
    }
  });

  it("an admin who demoted themselves loses admin rights at once", async () => {
    const first = await newWorkspace(t);
    await addAgent(t, first, "admin");
    expect((await patchAgent(first, first.agentId, { role: "agent" })).statusCode).toBe(200);
    const res = await first.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "X", channel: "api" } });
    expect(res.statusCode).toBe(403);
  });
});

describe("agent e-mails", () => {
  it("refuses a second agent with the same e-mail in the workspace, in any case: 409 naming email", async () => {
    const email = `dup-${unique()}@example.com`;
    const payload = { email, name: "First", password: TEST_PASSWORD };
    expect((await admin.request({ method: "POST", url: "/api/v1/agents", payload })).statusCode).toBe(201);
    const res = await admin.request({
      method: "POST",
      url: "/api/v1/agents",
      payload: { ...payload, email: email.toUpperCase() },
    });
    expect(res.statusCode).toBe(409);
    const problem = res.json<Problem>();
    expect(problem.code).toBe("CONFLICT");
    expect(problem.errors?.map((e) => e.path)).toEqual(["email"]);
    expect((await list<AgentDto>("/api/v1/agents")).filter((a) => a.email === email)).toHaveLength(1);
  });

  it("allows the same e-mail in another workspace", async () => {
    const email = `shared-${unique()}@example.com`;
    const other = await newWorkspace(t);
    for (const client of [admin, other]) {
      const payload = { email, name: "Twin", password: TEST_PASSWORD };
      const res = await client.request({ method: "POST", url: "/api/v1/agents", payload });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
});

describe("an agent who forgot their password", () => {
  it("gets a new one from an admin: their sessions end, the new one signs in, and only an admin may set it", async () => {
    const forgetful = await addAgent(t, admin, "agent", "Esquecida");
    const before = await forgetful.request({ method: "GET", url: "/api/v1/me" });
    expect(before.statusCode).toBe(200);
    const byAgent = await clients.agent.request({ method: "PATCH", url: `/api/v1/agents/${forgetful.agentId}`, payload: { password: "uma-senha-nova-123" } });
    expect(byAgent.statusCode).toBe(403);
    const short = await admin.request({ method: "PATCH", url: `/api/v1/agents/${forgetful.agentId}`, payload: { password: "curta" } });
    expect(short.json<Problem>().errors?.map((e) => e.path)).toEqual(["password"]);
    const set = await admin.request({ method: "PATCH", url: `/api/v1/agents/${forgetful.agentId}`, payload: { password: "uma-senha-nova-123" } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.body).not.toContain("uma-senha-nova-123");
    expect((await forgetful.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    const oldPassword = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: forgetful.email, password: TEST_PASSWORD } });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: forgetful.email, password: "uma-senha-nova-123" } });
    expect(newPassword.statusCode).toBe(200);
  });
});
