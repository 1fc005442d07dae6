import { randomBytes, randomUUID } from "node:crypto";
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDto, MessageDto, Problem, UploadDto, VisitorSessionDto } from "@atende/shared";
import { rowsOf } from "../../db/rows.js";
import { sweepRetention } from "../retention/retention.js";
import { buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "../../test/test-app.js";

const KB = 1024;
let t: TestApp;
let admin: AgentClient;
let chat: InboxDto;

beforeAll(async () => {
  t = await buildTestApp({
    ATENDE_UNSENT_UPLOADS_PER_VISITOR_BYTES: String(100 * KB),
    ATENDE_UNSENT_UPLOADS_PER_ADDRESS_BYTES: String(200 * KB),
    ATENDE_UNSENT_UPLOADS_PER_WORKSPACE_BYTES: String(500 * KB),
  });
  admin = await newWorkspace(t);
  chat = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
});
afterAll(() => t.close());

async function visitor(ip: string): Promise<string> {
  const res = await t.app.inject({ method: "POST", url: "/widget/v1/sessions", remoteAddress: ip, payload: { widgetToken: chat.chat?.widgetToken } });
  return res.json<VisitorSessionDto>().visitorToken;
}

/** A PDF-typed body of `size` random bytes (each upload a new file), optionally without Content-Length. */
function upload(token: string, ip: string, size: number, opts: { chunked?: boolean; name?: string } = {}) {
  const bytes = randomBytes(size);
  return t.app.inject({
    method: "POST",
    url: `/widget/v1/uploads?fileName=${encodeURIComponent(opts.name ?? "doc.pdf")}`,
    remoteAddress: ip,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/pdf" },
    payload: opts.chunked ? Readable.from([bytes.subarray(0, size / 2), bytes.subarray(size / 2)]) : bytes,
  });
}

const storedFiles = async () => {
  const shas: string[] = [];
  for await (const entry of t.runtime.files.list()) shas.push(entry.sha256);
  return shas.length;
};

/** Makes a stored file look written long ago, as the sweep sees files. */
const age = (sha256: string) => {
  const then = new Date(Date.now() - 3 * 60 * 60_000);
  return utimes(join(t.config.dataDir, "files", sha256.slice(0, 2), sha256.slice(2, 4), sha256), then, then);
};

describe("uploads not sent", () => {
  it("are capped per visitor and per address, with or without Content-Length, and nothing past the cap stays on disk", async () => {
    const ip = "203.0.113.10";
    const one = await visitor(ip);
    expect((await upload(one, ip, 60 * KB)).statusCode).toBe(201);
    const before = await storedFiles();
    const over = await upload(one, ip, 60 * KB);
    expect(over.statusCode).toBe(429);
    expect(over.json<Problem>().detail).toMatch(/waiting to be sent/);
    const sneaky = await upload(one, ip, 60 * KB, { chunked: true });
    expect(sneaky.statusCode).toBe(429);
    expect(await storedFiles()).toBe(before);
    // Other visitors from the same address share the address's room (200 KB).
    const two = await visitor(ip);
    const three = await visitor(ip);
    expect((await upload(two, ip, 90 * KB)).statusCode).toBe(201);
    expect((await upload(three, ip, 90 * KB)).statusCode).toBe(429);
    // Another address is not held back by this one.
    const elsewhere = "203.0.113.11";
    expect((await upload(await visitor(elsewhere), elsewhere, 90 * KB)).statusCode).toBe(201);
  });

  it("stop counting once a message sends them", async () => {
    const ip = "203.0.113.20";
    const token = await visitor(ip);
    const first = await upload(token, ip, 80 * KB);
    expect((await upload(token, ip, 80 * KB)).statusCode).toBe(429);
    const sent = await t.app.inject({
      method: "POST",
      url: "/widget/v1/messages",
      headers: { authorization: `Bearer ${token}` },
      payload: { clientId: randomUUID(), body: "segue o documento", attachments: [first.json<UploadDto>().token] },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await upload(token, ip, 80 * KB)).statusCode).toBe(201);
  });

  it("are capped per workspace for agents too", async () => {
    const other = await newWorkspace(t);
    const send = (ip: string) =>
      other.request({ method: "POST", url: "/api/v1/uploads?fileName=a.bin", remoteAddress: ip, headers: { "content-type": "application/octet-stream" }, payload: randomBytes(180 * KB) });
    expect((await send("198.51.100.1")).statusCode).toBe(201);
    expect((await send("198.51.100.2")).statusCode).toBe(201);
    expect((await send("198.51.100.3")).statusCode).toBe(429); // 360 KB of 500 KB used
  });

  it("reduce a file's name to a safe base name wherever it is shown or sent", async () => {
    const { conversationId } = await newConversation(admin);
    const res = await admin.request({
      method: "POST",
      url: `/api/v1/uploads?fileName=${encodeURIComponent("../../fatura\u202Efdp.exe")}`,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from("MZ"),
    });
    expect(res.json<UploadDto>().fileName).toBe("faturafdp.exe");
    const twice = await admin.request({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { body: "anexo", attachments: [res.json<UploadDto>().token, res.json<UploadDto>().token] },
    });
    expect(twice.statusCode).toBe(422); // the same upload named twice: which one would cid:2 be?
    const posted = await admin.request({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { body: "anexo", attachments: [res.json<UploadDto>().token] },
    });
    const file = posted.json<MessageDto>().attachments[0];
    expect(file?.fileName).toBe("faturafdp.exe");
    const download = await admin.request({ method: "GET", url: `/api/v1/attachments/${file?.id ?? ""}` });
    expect(download.headers["content-disposition"]).toBe("attachment; filename=faturafdp.exe");
  });
});

describe("the retention sweep", () => {
  it("deletes expired uploads and their bytes, keeps bytes a message or picture still has, removes orphans, and measures the store", async () => {
    const ip = "203.0.113.30";
    const token = await visitor(ip);
    const unsent = (await upload(token, ip, 10 * KB)).json<UploadDto>();
    const kept = await upload(token, ip, 10 * KB);
    const keptToken = kept.json<UploadDto>().token;
    await t.app.inject({
      method: "POST",
      url: "/widget/v1/messages",
      headers: { authorization: `Bearer ${token}` },
      payload: { clientId: randomUUID(), body: "este fica", attachments: [keptToken] },
    });
    const orphan = await t.runtime.files.put(Readable.from([randomBytes(5 * KB)])); // as left by mail stored twice
    const unsentSha = rowsOf<{ sha256: string }>(await t.runtime.db.execute(sql`SELECT sha256 FROM upload WHERE visitor_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`))[0]?.sha256 ?? "";
    const sentShas = rowsOf<{ sha256: string }>(await t.runtime.db.execute(sql`SELECT sha256 FROM attachment`)).map((r) => r.sha256);
    expect(sentShas).not.toContain(unsentSha);
    expect(unsent.size).toBe(10 * KB);
    await t.runtime.db.execute(sql`UPDATE upload SET expires_at = now() - interval '1 minute'`);
    for await (const entry of t.runtime.files.list()) await age(entry.sha256);

    const report = await sweepRetention(t.runtime, { full: true });
    expect(report.uploads).toBeGreaterThanOrEqual(1);
    expect(await t.runtime.files.exists(unsentSha)).toBe(false);
    expect(await t.runtime.files.exists(orphan?.sha256 ?? "")).toBe(false);
    for (const sha of sentShas) expect(await t.runtime.files.exists(sha)).toBe(true);
    expect(report.usage?.files).toBe(new Set(sentShas).size);

    const ready = await t.app.inject({ method: "GET", url: "/readyz?detail=1" });
    expect(ready.json<{ files: { files: number; bytes: number } | null; uploads: { count: number } }>()).toMatchObject({
      status: "ready",
      files: { files: report.usage?.files, bytes: report.usage?.bytes },
    });
  });
});

describe("what an upload's body holds", () => {
  const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  /** Every upload route of an agent: a message's file, an article's picture, the agent's own picture. */
  const routes = ["/api/v1/uploads?fileName=a.png", "/api/v1/articles/images?fileName=a.png", "/api/v1/me/avatar"];
  const send = (url: string, headers: Record<string, string>, payload?: Buffer) =>
    admin.request({ method: url.endsWith("avatar") ? "PUT" : "POST", url, headers, ...(payload ? { payload } : {}) });

  it.each(routes)("%s: an empty body, or none, is a 422 naming the body, never a 500", async (url) => {
    const expectEmpty = (res: Awaited<ReturnType<typeof send>>) => {
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<Problem>().errors?.[0]).toMatchObject({ path: "body", code: "required" });
    };
    expectEmpty(await send(url, { "content-type": "image/png" }, Buffer.alloc(0)));
    const none = await send(url, {});
    if (url.startsWith("/api/v1/uploads")) expectEmpty(none);
    else expect(none.statusCode, none.body).toBe(415); // without a type, a route for pictures alone refuses it first
  });

  it.each(routes)("%s: a picture whose bytes are of another kind is a 415; a real one is taken", async (url) => {
    const res = await send(url, { "content-type": "image/png" }, Buffer.from("<svg onload=alert(1)>"));
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json<Problem>().detail).toContain("not a image/png picture");
    expect((await send(url, { "content-type": "image/jpeg" }, PNG)).statusCode).toBe(415);
    expect([200, 201]).toContain((await send(url, { "content-type": "image/png" }, PNG)).statusCode);
  });
});
