import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDto, VisitorSessionDto } from "@atende/shared";
import { buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "./test-app.js";

/** The part of JSON Schema the OpenAPI document's bodies use. */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  default?: unknown;
};

type Operation = { method: "POST" | "PATCH"; path: string; schema: Schema };

const pick = (schema: Schema): Schema => schema.anyOf?.find((s) => s.type !== "null") ?? schema.oneOf?.[0] ?? schema.allOf?.[0] ?? schema;

/** A value a schema accepts, as plain as can be: what a real client would send, one field at a time hostile. */
function sample(raw: Schema): unknown {
  const schema = pick(raw);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  if (type === "object") {
    const out: Record<string, unknown> = {};
    for (const name of schema.required ?? []) out[name] = sample(schema.properties?.[name] ?? {});
    return out;
  }
  if (type === "array") return [];
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (schema.format === "email") return `probe-${randomUUID().slice(0, 8)}@example.com`;
  if (schema.format === "uuid") return randomUUID();
  if (schema.pattern?.includes("\\d{6}")) return "123456";
  return "probe text";
}

/** Every string field of a body (nested objects too) that `only` accepts, as paths, with the schema around it. */
function stringFields(raw: Schema, only: (field: Schema) => boolean = () => true, prefix: string[] = []): string[][] {
  const schema = pick(raw);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  if (type === "object") {
    return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => stringFields(child, only, [...prefix, name]));
  }
  if (type === "string" && !schema.enum && schema.const === undefined && only(schema)) return [prefix];
  return [];
}

const setPath = (body: Record<string, unknown>, path: string[], value: unknown, schema: Schema): Record<string, unknown> => {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const child = pick(pick(schema).properties?.[head] ?? {});
  const current = body[head];
  const inner = rest.length === 0 ? value : setPath(typeof current === "object" && current !== null ? { ...current } : (sample(child) as Record<string, unknown>), rest, value, child);
  return { ...body, [head]: inner };
};

let t: TestApp;
let admin: AgentClient;
let visitorToken = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await newWorkspace(t);
  const { conversationId, contactId, inboxId } = await newConversation(admin);
  const chat = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
  const email = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Mail", channel: "email", address: "probe@loja.example" } })).json<InboxDto>();
  const session = await t.app.inject({ method: "POST", url: "/widget/v1/sessions", payload: { widgetToken: chat.chat?.widgetToken } });
  visitorToken = session.json<VisitorSessionDto>().visitorToken;
  const made = async (path: string, payload: object) => (await admin.request({ method: "POST", url: `/api/v1${path}`, payload })).json<{ id: string }>().id;
  Object.assign(ids, {
    conversations: conversationId,
    contacts: contactId,
    inboxes: email.id,
    apiInbox: inboxId,
    agents: admin.agentId,
    tags: await made("/tags", { name: "probe-tag" }),
    teams: await made("/teams", { name: "Probe team" }),
    "canned-responses": await made("/canned-responses", { shortCode: "probe", title: "Probe", body: "Olá" }),
    views: await made("/views", { name: "Probe view", filters: {} }),
    articles: await made("/articles", { locale: "en", title: "Probe article", body: "Probe.", status: "published" }),
  });
});
afterAll(() => t.close());

async function operations(): Promise<Operation[]> {
  const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  }>();
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).flatMap(([method, op]) => {
      const schema = op.requestBody?.content["application/json"]?.schema;
      return schema && (method === "post" || method === "patch") ? [{ method: method.toUpperCase() as "POST" | "PATCH", path, schema }] : [];
    }),
  );
}

/** A path with its `{id}` filled by a real one of the kind the path is about. */
const concrete = (path: string) => path.replace(/\/([\w-]+)\/\{id\}/, (_, kind: string) => `/${kind}/${ids[kind] ?? randomUUID()}`);

describe("hostile strings in every JSON field of every route (from the OpenAPI document)", () => {
  it("answers a NUL or a lone surrogate in any string field of a body with a 4xx, never a 500", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let tried = 0;
    for (const op of ops) {
      const base = sample(op.schema) as Record<string, unknown>;
      for (const field of stringFields(op.schema)) {
        for (const [label, hostile] of [
          ["NUL", "a\u0000b"],
          ["lone surrogate", "a\ud800b"],
        ] as const) {
          const body = setPath(base, field, hostile, op.schema);
          const url = concrete(op.path);
          const headers = { authorization: `Bearer ${visitorToken}`, "content-type": "application/json" };
          const payload = JSON.stringify(body); // a lone surrogate leaves as the escape \ud800, as a hostile client sends it
          const res = url.startsWith("/widget/")
            ? await t.app.inject({ method: op.method, url, headers, payload })
            : await admin.request({ method: op.method, url, headers: { "content-type": "application/json" }, payload });
          tried += 1;
          if (res.statusCode >= 500) failures.push(`${op.method} ${op.path} ${field.join(".")} (${label}): ${String(res.statusCode)}`);
          if (res.statusCode < 300) failures.push(`${op.method} ${op.path} ${field.join(".")} (${label}): accepted with ${String(res.statusCode)}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(60);
    expect(failures).toEqual([]);
  });

  it("answers a NUL or a lone surrogate in any query parameter or path id with a 4xx, never a 500", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean; schema: Schema }[] }>>;
    }>();
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method !== "get" && method !== "delete") continue;
        const query = (op.parameters ?? []).filter((p) => p.in === "query");
        for (const target of [...query.map((p) => p.name), "(path id)"]) {
          for (const hostile of ["a%00b", "a%ED%A0%80b"]) {
            const params = query.flatMap((p) => {
              if (p.name === target) return [`${p.name}=${hostile}`];
              return p.required ? [`${p.name}=${encodeURIComponent(String(sample(p.schema)))}`] : [];
            });
            const url = `${target === "(path id)" ? path.replace(/\{\w+\}/g, hostile) : concrete(path)}${params.length > 0 ? `?${params.join("&")}` : ""}`;
            if (target === "(path id)" && !path.includes("{")) continue;
            const upper = method.toUpperCase() as "GET" | "DELETE";
            const res = url.startsWith("/widget/")
              ? await t.app.inject({ method: upper, url, headers: { authorization: `Bearer ${visitorToken}` } })
              : await admin.request({ method: upper, url });
            if (res.statusCode >= 500) failures.push(`${upper} ${path} ${target} ${hostile}: ${String(res.statusCode)} ${res.body.slice(0, 120)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers a forged cursor on every list that takes one, in every order, with 422 naming `cursor`, never a 500", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Schema }[] }>>;
    }>();
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    const aDay = "2024-01-01T00:00:00.000Z";
    const anId = randomUUID();
    // Each is wrong for every list: a value of the wrong kind, a day or year PostgreSQL would refuse, or the wrong length.
    const cursors = [["nope", "x"], [aDay, "x"], ["x"], [1, 2], ["infinity", "x"], ["urgent", "nope", anId], ["2024-02-30T00:00:00.000Z", anId], ["0000-01-01T00:00:00.000Z", anId], [anId, anId, anId, anId]];
    const failures: string[] = [];
    let lists = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      const query = ops.get?.parameters?.filter((p) => p.in === "query") ?? [];
      if (!query.some((p) => p.name === "cursor")) continue;
      lists += 1;
      const orders = pick(query.find((p) => p.name === "sort")?.schema ?? {}).enum ?? [];
      const sorts = [undefined, ...orders.filter((o): o is string => typeof o === "string")];
      for (const sort of sorts) {
        for (const values of cursors) {
          const url = `${concrete(path)}?cursor=${forged(values)}${sort === undefined ? "" : `&sort=${sort}`}`;
          const res = await admin.request({ method: "GET", url });
          const named = res.statusCode === 422 ? res.json<{ errors?: { path: string }[] }>().errors?.[0]?.path : undefined;
          if (named !== "cursor") failures.push(`GET ${url} (${JSON.stringify(values)}): ${String(res.statusCode)} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(lists).toBeGreaterThanOrEqual(6);
    expect(failures).toEqual([]);
  });

  it("answers a moment PostgreSQL has no place for (year 0) in any date field, body or query, with a 422 naming it", async () => {
    const yearZero = "0000-01-01T00:00:00Z";
    const isDate = (field: Schema) => field.format === "date-time";
    const failures: string[] = [];
    let tried = 0;
    const check = (where: string, named: string, res: { statusCode: number; body: string }) => {
      tried += 1;
      const path = res.statusCode === 422 ? (JSON.parse(res.body) as { errors?: { path: string }[] }).errors?.[0]?.path : undefined;
      if (path !== named) failures.push(`${where}: ${String(res.statusCode)} ${res.body.slice(0, 160)}`);
    };
    for (const op of await operations()) {
      for (const field of stringFields(op.schema, isDate)) {
        const payload = setPath(sample(op.schema) as Record<string, unknown>, field, yearZero, op.schema);
        check(`${op.method} ${op.path} ${field.join(".")}`, field.join("."), await admin.request({ method: op.method, url: concrete(op.path), payload }));
      }
    }
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Schema }[] }>>;
    }>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const p of (ops.get?.parameters ?? []).filter((q) => q.in === "query" && isDate(pick(q.schema)))) {
        check(`GET ${path} ${p.name}`, `query.${p.name}`, await admin.request({ method: "GET", url: `${concrete(path)}?${p.name}=${yearZero}` }));
      }
    }
    // A snooze inside a list of actions, which the walk above does not open.
    const bulk = { ids: [ids.conversations], actions: [{ type: "snooze", until: yearZero }] };
    check("snooze action", "actions.0.until", await admin.request({ method: "POST", url: "/api/v1/conversations/bulk", payload: bulk }));
    expect(tried).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([]);
  });

  it("takes names that look alike for one name: composed or not, with invisible or direction characters (tags, teams, views)", async () => {
    for (const [url, payload] of [
      ["/api/v1/tags", (name: string) => ({ name })],
      ["/api/v1/teams", (name: string) => ({ name })],
      ["/api/v1/views", (name: string) => ({ name, filters: {} })],
    ] as const) {
      const composed = "cobrança é";
      const first = await admin.request({ method: "POST", url, payload: payload(composed) });
      expect(first.statusCode, `${url}: ${first.body}`).toBe(201);
      expect(first.json<{ name: string }>().name).toBe(composed);
      for (const lookalike of ["cobranc\u0327a e\u0301", "cobrança\u200b é", "\u202acobrança é\u202c"]) {
        const again = await admin.request({ method: "POST", url, payload: payload(JSON.parse(`"${lookalike}"`) as string) });
        expect(again.statusCode, `${url} ${lookalike}`).toBe(409);
      }
    }
  });

  it("answers 404 for an unknown id on every GET of a thing or its parts", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const unknown = "01a20000-0000-7000-8000-00000000dead";
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!("get" in ops) || !path.includes("{id}") || path.startsWith("/widget/")) continue;
      const url = path.replace("{id}", unknown).replace(/\{\w+\}/g, unknown);
      const query = path.includes("/render") ? `?conversationId=${ids.conversations ?? ""}` : "";
      const res = await admin.request({ method: "GET", url: `${url}${query}` });
      expect(res.statusCode, `GET ${path}: ${res.body.slice(0, 120)}`).toBe(404);
    }
  });

  it("answers an empty change {} on every PATCH with 422 naming the body", async () => {
    for (const op of (await operations()).filter((o) => o.method === "PATCH")) {
      const url = concrete(op.path);
      const res = url.startsWith("/widget/")
        ? await t.app.inject({ method: "PATCH", url, headers: { authorization: `Bearer ${visitorToken}` }, payload: {} })
        : await admin.request({ method: "PATCH", url, payload: {} });
      expect(res.statusCode, `${op.path}: ${res.body}`).toBe(url.startsWith("/widget/") ? 204 : 422);
    }
  });
});
