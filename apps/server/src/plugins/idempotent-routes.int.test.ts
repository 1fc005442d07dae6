import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import type { AgentRole, CreatedApiTokenDto, Problem } from "@atende/shared";
import {
  addAgent,
  buildTestApp,
  newConversation,
  newWorkspace,
  signIn,
  TEST_PASSWORD,
  type AgentClient,
  type TestApp,
} from "../test/test-app.js";

/**
 * Every create that honours Idempotency-Key, found in the source (each `createIdempotently(` call
 * and the `.post("/path"` it answers), so that a new one is covered without anyone listing it here.
 */
const SOURCE = fileURLToPath(new URL("..", import.meta.url));
const CALL = "createIdempotently(";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** `POST /api/v1/...` with `{id}` for path parameters, as the OpenAPI document writes them. */
const idempotentRoutes: string[] = sourceFiles(SOURCE).flatMap((file) => {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (let at = text.indexOf(CALL); at !== -1; at = text.indexOf(CALL, at + CALL.length)) {
    const registered = [...text.slice(0, at).matchAll(/\.post\(\s*"([^"]+)"/g)].at(-1)?.[1];
    if (!registered) throw new Error(`${relative(SOURCE, file)}: a createIdempotently( call with no .post("/path") before it`);
    found.push(`POST /api/v1${registered.replace(/:(\w+)/g, "{$1}")}`);
  }
  return found;
});

/** What a workspace's request may refer to. */
type Scope = { inboxId: string; conversationId: string };
/** `sessionOnly`: a person signed in may make it, never an API token (403). */
type Create = { payload: (n: number) => object; scope?: (s: Scope) => object; id?: (s: Scope) => string; sessionOnly?: true };

/** A valid body for each idempotent create; `n` keeps names apart. A route missing here fails the first test below. */
const CREATES: Record<string, Create> = {
  "POST /api/v1/agents": { payload: (n) => ({ email: `idem${String(n)}@example.com`, name: `Idem ${String(n)}`, role: "agent", password: TEST_PASSWORD }), sessionOnly: true },
  "POST /api/v1/api-tokens": { payload: (n) => ({ name: `token ${String(n)}` }), sessionOnly: true },
  "POST /api/v1/article-categories": { payload: (n) => ({ names: { en: `Category ${String(n)}` } }) },
  "POST /api/v1/articles": { payload: (n) => ({ locale: "en", title: `Article ${String(n)}`, body: `How to do thing ${String(n)}.` }) },
  "POST /api/v1/canned-responses": { payload: (n) => ({ shortCode: `c${String(n)}`, title: `Canned ${String(n)}`, body: "Olá!" }) },
  "POST /api/v1/contacts": { payload: (n) => ({ name: `Contact ${String(n)}`, email: `contact${String(n)}@cliente.example` }) },
  "POST /api/v1/conversations": {
    payload: (n) => ({ contact: { email: `customer${String(n)}@cliente.example`, name: "Maria" }, message: { body: `Pedido ${String(n)}` } }),
    scope: (s) => ({ inboxId: s.inboxId }),
  },
  "POST /api/v1/conversations/{id}/messages": { payload: (n) => ({ body: `Resposta ${String(n)}` }), id: (s) => s.conversationId },
  "POST /api/v1/inboxes": { payload: (n) => ({ name: `Inbox ${String(n)}`, channel: "api" }) },
  "POST /api/v1/tags": { payload: (n) => ({ name: `tag-${String(n)}` }) },
  "POST /api/v1/teams": { payload: (n) => ({ name: `Team ${String(n)}` }) },
  "POST /api/v1/views": { payload: (n) => ({ name: `View ${String(n)}`, filters: {} }) },
};

let t: TestApp;
let admin: AgentClient;
let other: AgentClient; // another workspace's admin
let teammates: Record<Exclude<AgentRole, "admin">, AgentClient>;
const scopes: { mine: Scope; theirs: Scope } = { mine: { inboxId: "", conversationId: "" }, theirs: { inboxId: "", conversationId: "" } };

beforeAll(async () => {
  t = await buildTestApp();
  admin = await newWorkspace(t, "Idempotent Shop");
  other = await newWorkspace(t, "Other Shop");
  teammates = { supervisor: await addAgent(t, admin, "supervisor", "Sara Supervisor"), agent: await addAgent(t, admin, "agent", "Alan Agent") };
  const mine = await newConversation(admin);
  const theirs = await newConversation(other);
  scopes.mine = { inboxId: mine.inboxId, conversationId: mine.conversationId };
  scopes.theirs = { inboxId: theirs.inboxId, conversationId: theirs.conversationId };
});
afterAll(() => t.close());

let sequence = 0;
const next = () => ++sequence;
const newKey = () => `idem-${String(next())}-${String(Date.now())}`;

/** The route's request for a workspace: its URL with the workspace's ids, and a body. */
function request(route: string, scope: Scope, n: number): { url: string; payload: object } {
  const create = CREATES[route];
  if (!create) throw new Error(`no valid body for ${route}: add it to CREATES`);
  const path = route.replace(/^POST /, "");
  const url = create.id ? path.replace("{id}", create.id(scope)) : path;
  return { url, payload: { ...create.payload(n), ...create.scope?.(scope) } };
}

type Sender = (opts: { url: string; payload: object; key?: string }) => Promise<LightMyRequestResponse>;
const as =
  (client: AgentClient): Sender =>
  ({ url, payload, key }) =>
    client.request({ method: "POST", url, payload, headers: key ? { "idempotency-key": key } : {} });
const asToken =
  (token: string): Sender =>
  ({ url, payload, key }) =>
    t.app.inject({ method: "POST", url, payload, headers: { authorization: `Bearer ${token}`, ...(key ? { "idempotency-key": key } : {}) } });

const created = (res: LightMyRequestResponse, what: string): string => {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(201);
  return res.json<{ id: string }>().id;
};

/** Whether a role may make this create at all: a fresh request, without any key. */
async function refuses(route: string, role: Exclude<AgentRole, "admin">): Promise<boolean> {
  const res = await as(teammates[role])(request(route, scopes.mine, next()));
  expect([201, 403], `${route} as ${role}: ${res.body}`).toContain(res.statusCode);
  return res.statusCode === 403;
}

const expectRefusedWithoutReplay = (res: LightMyRequestResponse, firstId: string, what: string) => {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(403);
  expect(res.json<Problem>().code).toBe("FORBIDDEN");
  expect(res.headers["idempotent-replayed"], what).toBeUndefined();
  expect(res.body, what).not.toContain(firstId);
};

describe("the creates that honour Idempotency-Key (found in the source)", () => {
  it("are all documented, and each has a valid body in this test's table", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{ paths: Record<string, Record<string, { description?: string }>> }>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.post ? [`POST ${path}`] : []));
    const saysSo = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.post?.description?.includes("Idempotency-Key") ? [`POST ${path}`] : []));
    expect(idempotentRoutes.length).toBeGreaterThanOrEqual(12);
    expect(idempotentRoutes.filter((route) => !documented.includes(route)), "found in the source, missing from /api/openapi.json").toEqual([]);
    expect(saysSo.filter((route) => !idempotentRoutes.includes(route)), "documented as honouring Idempotency-Key, not found in the source").toEqual([]);
    expect(idempotentRoutes.filter((route) => !(route in CREATES)), "idempotent creates without a body in CREATES").toEqual([]);
  });

  it("include the knowledge base's articles and categories, and the role-restricted creates refuse plain agents", async () => {
    const restricted: string[] = [];
    for (const route of idempotentRoutes) if (await refuses(route, "agent")) restricted.push(route);
    expect(restricted).toEqual(
      expect.arrayContaining([
        "POST /api/v1/agents",
        "POST /api/v1/article-categories",
        "POST /api/v1/articles",
        "POST /api/v1/canned-responses",
        "POST /api/v1/inboxes",
        "POST /api/v1/teams",
      ]),
    );
  });

  describe.each(idempotentRoutes)("%s", (route) => {
    it("checks the role before any replay: a teammate who may not create gets 403 with the admin's key, never the admin's response", async () => {
      const key = newKey();
      const first = request(route, scopes.mine, next());
      const firstId = created(await as(admin)({ ...first, key }), `${route} as admin`);
      for (const role of ["supervisor", "agent"] as const) {
        const refused = await refuses(route, role);
        const res = await as(teammates[role])({ ...first, key });
        if (refused) {
          expectRefusedWithoutReplay(res, firstId, `${route} as ${role} with the admin's key`);
        } else {
          // Allowed to create: their own create (or a conflict with the admin's name), never the admin's stored answer.
          expect(res.headers["idempotent-replayed"], `${route} as ${role}`).toBeUndefined();
          expect([201, 409], `${route} as ${role}: ${res.body}`).toContain(res.statusCode);
          if (res.statusCode === 201) expect(res.json<{ id: string }>().id).not.toBe(firstId);
        }
      }
    });

    it("replays nothing to a session or API token whose agent has since lost the role to create it", async () => {
      const former = await addAgent(t, admin, "admin", "Soon Demoted");
      const token = (await former.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "before demotion" } })).json<CreatedApiTokenDto>().token ?? "";
      const bySession = { ...request(route, scopes.mine, next()), key: newKey() };
      const byToken = { ...request(route, scopes.mine, next()), key: newKey() };
      const sessionId = created(await as(former)(bySession), `${route} by session`);
      if (CREATES[route]?.sessionOnly) {
        expect((await asToken(token)(byToken)).statusCode, `${route} by token`).toBe(403);
        return;
      }
      const tokenId = created(await asToken(token)(byToken), `${route} by token`);
      // The closest role below admin that may not make this create; an agent where every role may.
      const demotedTo = (await refuses(route, "supervisor")) ? "supervisor" : "agent";
      const refused = demotedTo === "supervisor" || (await refuses(route, "agent"));
      const demoted = await admin.request({ method: "PATCH", url: `/api/v1/agents/${former.agentId}`, payload: { role: demotedTo } });
      expect(demoted.statusCode, demoted.body).toBe(200);
      const again = await signIn(t.app, former.email);
      const replays = [
        [await as(again)(bySession), sessionId, "session"],
        [await asToken(token)(byToken), tokenId, "API token"],
      ] as const;
      for (const [res, firstId, credential] of replays) {
        const what = `${route} replayed by the demoted ${demotedTo}'s ${credential}`;
        if (refused) {
          expectRefusedWithoutReplay(res, firstId, what);
        } else {
          // Still allowed: the same credential retrying gets its own first outcome back.
          expect(res.statusCode, `${what}: ${res.body}`).toBe(201);
          expect(res.headers["idempotent-replayed"], what).toBe("true");
          expect(res.json<{ id: string }>().id).toBe(firstId);
        }
      }
    });

    it("treats the same key from another workspace's admin as a fresh create, never a replay", async () => {
      const key = newKey();
      const n = next();
      const inA = request(route, scopes.mine, n);
      const firstId = created(await as(admin)({ ...inA, key }), `${route} in A`);
      const inB = request(route, scopes.theirs, n);
      if (JSON.stringify(inA) !== JSON.stringify(inB)) {
        // A's very request (A's ids in it) with A's key, sent by B: refused for the ids, never answered from A's keys.
        const copied = await as(other)({ ...inA, key });
        expect(copied.headers["idempotent-replayed"], route).toBeUndefined();
        expect([404, 422], `${route} with A's ids from B: ${copied.body}`).toContain(copied.statusCode);
        expect(copied.body).not.toContain(firstId);
      }
      const fresh = await as(other)({ ...inB, key });
      expect(fresh.headers["idempotent-replayed"], route).toBeUndefined();
      const freshId = created(fresh, `${route} in B with A's key`);
      expect(freshId).not.toBe(firstId);
      expect(fresh.body).not.toContain(firstId);
    });
  });
});
