import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, MessageDto } from "@atende/shared";
import { startSmtpListener, type SmtpListener } from "../channels/email/smtp-listener.js";
import { TEST_ENGINE } from "../test/database.js";
import { buildTestApp, newConversation, newWorkspace, useSignedInAdmin } from "../test/test-app.js";

/**
 * Failures the database raises on its own, reproduced with the SQLSTATE the engine itself gives:
 * a trigger on a table raises the fault for its first `times` writes (counted by a sequence, which
 * a rolled-back transaction does not undo), as a deadlock, a full disk or an I/O error would.
 */
const env = useSignedInAdmin();

const run = async (...statements: string[]) => {
  for (const statement of statements) await env.t.handle.db.execute(sql.raw(statement));
};

function injectFault(table: "message" | "conversation", sqlstate: string, times = 1_000_000) {
  return run(
    "DROP SEQUENCE IF EXISTS fault_count",
    "CREATE SEQUENCE fault_count",
    `CREATE OR REPLACE FUNCTION inject_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('fault_count') <= ${String(times)} THEN RAISE EXCEPTION 'injected fault' USING ERRCODE = '${sqlstate}'; END IF;
      RETURN NEW;
    END $$`,
    `CREATE TRIGGER inject_fault BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION inject_fault()`,
  );
}

const clearFaults = () => run("DROP TRIGGER IF EXISTS inject_fault ON message", "DROP TRIGGER IF EXISTS inject_fault ON conversation");

afterEach(clearFaults);

const post = (conversationId: string, body: string) =>
  env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body } });
const messagesOf = async (conversationId: string) =>
  (await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json<{ items: MessageDto[] }>().items;

describe("a transaction the database broke off to let another through", () => {
  it.each([
    ["a deadlock", "40P01"],
    ["a serialization failure", "40001"],
  ])("runs again and is stored once: %s while posting", async (_name, sqlstate) => {
    const { conversationId } = await newConversation(env.admin);
    await injectFault("message", sqlstate, 1);
    const body = `depois de ${sqlstate}`;
    const posted = await post(conversationId, body);
    expect(posted.statusCode).toBe(201);
    expect((await messagesOf(conversationId)).filter((m) => m.body === body)).toHaveLength(1);
  });

  it("runs again and is stored once: a deadlock while opening a conversation", async () => {
    const { inboxId } = await newConversation(env.admin);
    await injectFault("conversation", "40P01", 1);
    const email = `impasse-${randomUUID()}@cliente.example`;
    const created = await newConversation(env.admin, { inboxId, email });
    const listed = (await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inboxId}&limit=100` })).json<{ items: ConversationDto[] }>();
    expect(listed.items.filter((c) => c.contact.id === created.contactId)).toHaveLength(1);
  });
});

describe("a database that cannot write (a full disk, an I/O error)", () => {
  it.each([
    ["a full disk", "53100"],
    ["an I/O error", "58030"],
  ])("answers 503 problems with Retry-After, writes nothing, keeps serving, and takes the write when it can again: %s", async (_name, sqlstate) => {
    const { conversationId } = await newConversation(env.admin);
    await injectFault("message", sqlstate);
    const body = `durante ${sqlstate}`;
    const refused = await post(conversationId, body);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.headers["retry-after"]).toBe("5");
    expect(refused.json()).toMatchObject({ code: "UNAVAILABLE" });
    expect((await env.t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
    expect((await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}` })).statusCode).toBe(200); // reads go on
    expect((await messagesOf(conversationId)).filter((m) => m.body === body)).toHaveLength(0);

    await clearFaults();
    expect((await post(conversationId, body)).statusCode).toBe(201);
  });
});

describe("received mail while the database cannot write", () => {
  let smtp: SmtpListener;
  const address = "disco@loja.example";
  beforeAll(async () => {
    smtp = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 1024 * 1024, log: env.t.app.log });
    await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Disco", channel: "email", address } });
  });
  afterAll(() => smtp.close());

  it("is answered 451 (never kept as unreadable for the database's fault) and stored as it was when the sender tries again", async () => {
    const send = () =>
      nodemailer
        .createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true })
        .sendMail({ from: "Cliente <cliente@fora.example>", to: address, subject: "Disco cheio", text: "Meu pedido não chegou.", messageId: "<disco-cheio@fora.example>" });
    await injectFault("message", "53100", 1); // the disk is full for this message's first try only
    await expect(send()).rejects.toMatchObject({ responseCode: 451 });
    expect((await send()).response).toMatch(/^250 /);
    const listed = (await env.admin.request({ method: "GET", url: "/api/v1/conversations?status=all&limit=100" })).json<{ items: ConversationDto[] }>();
    const conversation = listed.items.find((c) => c.subject === "Disco cheio");
    expect(conversation).toBeDefined();
    const messages = await messagesOf(conversation?.id ?? "");
    expect(messages.map((m) => m.body)).toEqual(["Meu pedido não chegou."]);
    expect(messages[0]?.email?.unreadable).toBeFalsy();
  });
});

describe.runIf(TEST_ENGINE === "pglite")("an embedded database that stopped", () => {
  it("answers 503 problems and says so at /readyz, while the process keeps serving its health check", async () => {
    const t = await buildTestApp();
    try {
      const admin = await newWorkspace(t);
      const { conversationId } = await newConversation(admin);
      if (t.handle.kind !== "pglite") throw new Error("the embedded engine was asked for");
      await t.handle.pglite.close(); // what a trap inside the engine leaves: nothing answers any more
      for (const res of [
        await admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "depois" } }),
        await admin.request({ method: "GET", url: "/api/v1/conversations" }),
      ]) {
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ code: "UNAVAILABLE" });
      }
      const ready = await t.app.inject({ url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ database: "unavailable" });
      expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
    } finally {
      await t.close().catch(() => undefined); // its database is already closed
    }
  });
});
