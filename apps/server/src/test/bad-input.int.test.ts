import { gzipSync } from "node:zlib";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { ErrorCode, MessageDto, Problem } from "@atende/shared";
import { MAX_PATH_PART } from "../app.js";
import { freePort, signInOverHttp, startAtendeProcess, stopProcess, type HttpAgent } from "./process.js";
import { buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "./test-app.js";

const NOBODY = "01a20000-0000-7000-8000-000000000000";
const api = (path: string) => `/api/v1${path}`;

/** Asserts an RFC 9457 problem with this status and code, naming `path` first when given. */
function expectProblem(res: LightMyRequestResponse, status: number, code: ErrorCode, path?: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
  const problem = res.json<Problem>();
  expect(problem).toMatchObject({ status, code, type: expect.stringMatching(/^urn:atende:problem:/) as unknown });
  expect(problem.title.length).toBeGreaterThan(0);
  expect(problem.detail.length).toBeGreaterThan(0);
  if (path !== undefined) expect(problem.errors?.[0]?.path).toBe(path);
  return problem;
}

async function countRows(client: AgentClient, conversationId: string) {
  const count = async (path: string) => {
    const res = await client.request({ method: "GET", url: api(path) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: unknown[] }>().items.length;
  };
  return {
    contacts: await count("/contacts?limit=100"),
    conversations: await count("/conversations?status=all&limit=100"),
    messages: await count(`/conversations/${conversationId}/messages?limit=100`),
  };
}

describe("bad input is refused with a problem naming the field, and nothing is written", () => {
  let t: TestApp;
  let admin: AgentClient;
  const F = { inbox: "", conversation: "" };

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await newWorkspace(t);
    const c = await newConversation(admin);
    Object.assign(F, { inbox: c.inboxId, conversation: c.conversationId });
  });
  afterAll(() => t.close());

  const json = { "content-type": "application/json" };
  const conv = () => api(`/conversations/${F.conversation}`);
  type Case = { name: string; status: number; code: ErrorCode; path?: string; request: () => InjectOptions };
  const cases: Case[] = [
    {
      name: "malformed JSON → 400 naming body",
      ...{ status: 400, code: "BAD_REQUEST", path: "body" },
      request: () => ({ method: "POST", url: api("/contacts"), headers: json, payload: '{"name": "Ana",' }),
    },
    {
      name: "bytes that are not UTF-8 → 400 naming body",
      ...{ status: 400, code: "BAD_REQUEST", path: "body" },
      request: () => ({
        method: "POST",
        url: api("/contacts"),
        headers: json,
        payload: Buffer.concat([Buffer.from('{"name":"Jo'), Buffer.from([0xc3, 0x28]), Buffer.from('ão"}')]),
      }),
    },
    {
      name: "a JSON array instead of an object → 422 naming body",
      ...{ status: 422, code: "VALIDATION", path: "body" },
      request: () => ({ method: "POST", url: api("/contacts"), headers: json, payload: "[]" }),
    },
    {
      name: "a number as message.body → 422 naming message.body",
      ...{ status: 422, code: "VALIDATION", path: "message.body" },
      request: () => ({
        method: "POST",
        url: api("/conversations"),
        payload: { inboxId: F.inbox, contact: { email: "typed@example.com" }, message: { body: 42 } },
      }),
    },
    {
      name: 'status "closed" → 422 naming status',
      ...{ status: 422, code: "VALIDATION", path: "status" },
      request: () => ({ method: "PATCH", url: conv(), payload: { status: "closed" } }),
    },
    {
      name: "limit=1000 on a list → 422 naming query.limit",
      ...{ status: 422, code: "VALIDATION", path: "query.limit" },
      request: () => ({ method: "GET", url: api("/conversations?limit=1000") }),
    },
    {
      name: "a NUL character in a search query → 422 naming query.q",
      ...{ status: 422, code: "VALIDATION", path: "query.q" },
      request: () => ({ method: "GET", url: api("/contacts?q=a%00b") }),
    },
    {
      name: "an unknown conversation id in the path → 404",
      ...{ status: 404, code: "NOT_FOUND" },
      request: () => ({ method: "POST", url: api(`/conversations/${NOBODY}/messages`), payload: { body: "hi" } }),
    },
    {
      name: "an unknown contact id in the path → 404",
      ...{ status: 404, code: "NOT_FOUND" },
      request: () => ({ method: "PATCH", url: api(`/contacts/${NOBODY}`), payload: { name: "Ana" } }),
    },
    {
      name: "an unknown inboxId in the body → 422 naming inboxId",
      ...{ status: 422, code: "VALIDATION", path: "inboxId" },
      request: () => ({
        method: "POST",
        url: api("/conversations"),
        payload: { inboxId: NOBODY, contact: { email: "nobody@example.com" }, message: { body: "hi" } },
      }),
    },
    {
      name: "an unknown teamId in the body → 422 naming teamId",
      ...{ status: 422, code: "VALIDATION", path: "teamId" },
      request: () => ({ method: "PATCH", url: conv(), payload: { teamId: NOBODY, priority: "urgent" } }),
    },
    {
      name: "a non-UUID id in the path → 422 naming params.id",
      ...{ status: 422, code: "VALIDATION", path: "params.id" },
      request: () => ({ method: "POST", url: api("/conversations/12345/messages"), payload: { body: "hi" } }),
    },
    {
      name: "a contact name of 201 characters → 422 naming name",
      ...{ status: 422, code: "VALIDATION", path: "name" },
      request: () => ({ method: "POST", url: api("/contacts"), payload: { name: "a".repeat(201) } }),
    },
    {
      name: "a NUL character in a message body → 422 naming body",
      ...{ status: 422, code: "VALIDATION", path: "body" },
      request: () => ({ method: "POST", url: `${conv()}/messages`, payload: { body: "before\u0000after" } }),
    },
    {
      name: "a lone surrogate in a message body → 422 naming body",
      ...{ status: 422, code: "VALIDATION", path: "body" },
      request: () => ({ method: "POST", url: `${conv()}/messages`, headers: json, payload: '{"body":"half \\ud800 pair"}' }),
    },
    {
      name: "an empty JSON body on a create → 422 naming body",
      ...{ status: 422, code: "VALIDATION", path: "body" },
      request: () => ({ method: "POST", url: api("/contacts"), headers: json, payload: "" }),
    },
    {
      name: "a NUL character as the id in the path → 422 naming params.id",
      ...{ status: 422, code: "VALIDATION", path: "params.id" },
      request: () => ({ method: "GET", url: api("/conversations/%00") }),
    },
    {
      name: "an unsupported content type → 415",
      ...{ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
      request: () => ({ method: "POST", url: api("/contacts"), headers: { "content-type": "text/plain" }, payload: "name=Ana" }),
    },
    {
      name: "a gzip-compressed body → 415 naming Content-Encoding",
      ...{ status: 415, code: "UNSUPPORTED_MEDIA_TYPE", path: "headers.content-encoding" },
      request: () => ({ method: "POST", url: api("/contacts"), headers: { ...json, "content-encoding": "gzip" }, payload: gzipSync('{"name":"Ana"}') }),
    },
    {
      name: "a form where JSON is taken → 415 naming Content-Type",
      ...{ status: 415, code: "UNSUPPORTED_MEDIA_TYPE", path: "headers.content-type" },
      request: () => ({ method: "POST", url: api("/contacts"), headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "name=Ana" }),
    },
    {
      name: "an attendant report that ends before it starts → 422 naming to",
      ...{ status: 422, code: "VALIDATION", path: "query.to" },
      request: () => ({ method: "GET", url: api("/virtual-attendant/stats?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z") }),
    },
    {
      name: "notifications read with none of its forms → 422 naming them",
      ...{ status: 422, code: "VALIDATION", path: "body" },
      request: () => ({ method: "POST", url: api("/notifications/read"), headers: json, payload: { all: false } }),
    },
    {
      name: "an Idempotency-Key of 256 characters → 422 naming the header",
      ...{ status: 422, code: "VALIDATION", path: "headers.idempotency-key" },
      request: () => ({
        method: "POST",
        url: `${conv()}/messages`,
        headers: { "idempotency-key": "k".repeat(256) },
        payload: { body: "with a long key" },
      }),
    },
  ];

  it.each(cases)("$name", async ({ status, code, path, request }) => {
    const before = await countRows(admin, F.conversation);
    expectProblem(await admin.request(request()), status, code, path);
    expect(await countRows(admin, F.conversation)).toEqual(before);
  });

  it("an Idempotency-Key of 255 characters is accepted", async () => {
    const headers = { "idempotency-key": "k".repeat(255) };
    const res = await admin.request({ method: "POST", url: `${conv()}/messages`, headers, payload: { body: "with a key" } });
    expect(res.statusCode, res.body).toBe(201);
  });

  it("a PATCH with an empty body {} answers 422 naming the body and writes no activity", async () => {
    const before = await countRows(admin, F.conversation);
    expectProblem(await admin.request({ method: "PATCH", url: conv(), payload: {} }), 422, "VALIDATION", "body");
    expect(await countRows(admin, F.conversation)).toEqual(before);
  });
});

describe("a body over BODY_LIMIT", () => {
  let t: TestApp;
  let admin: AgentClient;
  let conversationId = "";

  beforeAll(async () => {
    t = await buildTestApp({ BODY_LIMIT: "2048" });
    admin = await newWorkspace(t);
    conversationId = (await newConversation(admin)).conversationId;
  });
  afterAll(() => t.close());

  const send = (body: string) =>
    admin.request({ method: "POST", url: api(`/conversations/${conversationId}/messages`), payload: { body } });

  it("is refused with 413 PAYLOAD_TOO_LARGE and writes no message", async () => {
    const before = await countRows(admin, conversationId);
    expectProblem(await send("x".repeat(4096)), 413, "PAYLOAD_TOO_LARGE");
    expect(await countRows(admin, conversationId)).toEqual(before);
  });

  it("while a body under the limit is accepted", async () => {
    const res = await send("y".repeat(1024));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MessageDto>().body).toHaveLength(1024);
  });
});

describe("requests refused before any route, on a real socket to `atende start`", { timeout: 120_000 }, () => {
  let server: ChildProcess;
  let dataDir = "";
  let port = 0;
  let agent: HttpAgent;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "atende-wire-"));
    port = await freePort();
    const admin = { email: "admin@wire.example", password: "wire test password" };
    server = await startAtendeProcess(
      { DATA_DIR: dataDir, BODY_LIMIT: "2048", ATENDE_ADMIN_EMAIL: admin.email, ATENDE_ADMIN_PASSWORD: admin.password, ATENDE_SMTP_PORT: String(await freePort()) },
      port,
    );
    agent = await signInOverHttp(`http://127.0.0.1:${String(port)}`, admin);
  });
  afterAll(async () => {
    await stopProcess(server, "SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * Writes raw bytes to the server as a client would (a body chunk by chunk, each once the previous
   * is taken), and reads its answer until it closes or goes quiet; `reset` when the server dropped
   * the connection under the client's writes.
   */
  const exchange = (request: Buffer | string, body?: Buffer) =>
    new Promise<{ answer: string; reset: boolean }>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      const chunks: Buffer[] = [];
      let reset = false;
      socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      socket.on("error", () => {
        reset = true;
      });
      socket.on("close", () => {
        resolve({ answer: Buffer.concat(chunks).toString("utf8"), reset });
      });
      const writeAll = async () => {
        socket.write(request);
        for (let at = 0; body && at < body.length && !socket.destroyed; at += 64 * 1024) {
          await new Promise<void>((done) => socket.write(body.subarray(at, at + 64 * 1024), () => { done(); }));
        }
      };
      void writeAll().finally(() => setTimeout(() => socket.end(), 300));
    });

  const problemIn = (answer: string) => {
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    return JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as Problem;
  };

  it("answers a path that is not valid percent-encoding with a problem naming the path", async () => {
    const { answer } = await exchange("GET /api/v1/conversations/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer.startsWith("HTTP/1.1 400")).toBe(true);
    expect(problemIn(answer).errors?.[0]?.path).toBe("path");
  });

  it("answers an id longer than any route takes with 414 and a problem", async () => {
    const { answer } = await exchange(`GET /api/v1/conversations/${"a".repeat(MAX_PATH_PART + 1)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(answer.startsWith("HTTP/1.1 414")).toBe(true);
    expect(problemIn(answer).code).toBe("BAD_REQUEST");
  });

  it("answers a header holding a byte it may not with 400 and a problem", async () => {
    const { answer } = await exchange(Buffer.from("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n", "latin1"));
    expect(answer.startsWith("HTTP/1.1 400")).toBe(true);
    expect(problemIn(answer).status).toBe(400);
  });

  it.each([
    { route: "/api/v1/realtime", key: undefined, version: "13", named: "Sec-WebSocket-Key" },
    { route: "/widget/v1/socket?token=x", key: "not a key", version: "13", named: "Sec-WebSocket-Key" },
    { route: "/api/v1/realtime", key: "dGhlIHNhbXBsZSBub25jZQ==", version: "99", named: "Sec-WebSocket-Version" },
  ])("answers a WebSocket handshake to $route without a valid $named with 400 and a problem naming it", async ({ route, key, version, named }) => {
    const headers = [`GET ${route} HTTP/1.1`, "Host: x", `Cookie: ${agent.cookie}`, "Connection: Upgrade", "Upgrade: websocket", `Sec-WebSocket-Version: ${version}`, ...(key ? [`Sec-WebSocket-Key: ${key}`] : [])];
    const { answer } = await exchange(`${headers.join("\r\n")}\r\n\r\n`);
    expect(answer.startsWith("HTTP/1.1 400"), answer.slice(0, 200)).toBe(true);
    expect(problemIn(answer).errors?.[0]?.path).toBe(named);
  });

  it("answers every body over the limit with 413, never a reset connection", async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, "x");
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const head = `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nCookie: ${agent.cookie}\r\nX-CSRF-Token: ${agent.csrfToken}\r\nContent-Type: application/json\r\nContent-Length: ${String(body.length)}\r\n\r\n`;
      const { answer, reset } = await exchange(head, body);
      outcomes.push(reset ? "reset" : answer.slice(0, 12));
    }
    expect(outcomes.filter((o) => o !== "HTTP/1.1 413")).toEqual([]);
  });
});
