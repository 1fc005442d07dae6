import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { CreatedApiTokenDto, InboxDto, Problem, SessionDto } from "@atende/shared";
import { addAgent, newConversation, signIn, useSignedInAdmin, type AgentClient } from "../test/test-app.js";
import { deleteExpiredIdempotencyKeys } from "./idempotency.js";

const env = useSignedInAdmin();

let n = 0;
const key = () => `key-${String(++n)}-${String(Date.now())}`;

const post = (client: AgentClient, url: string, payload: object, idempotencyKey: string) =>
  client.request({ method: "POST", url, payload, headers: { "idempotency-key": idempotencyKey } });

const bearer = (token: string, url: string, payload: object, idempotencyKey: string) =>
  env.t.app.inject({ method: "POST", url, payload, headers: { authorization: `Bearer ${token}`, "idempotency-key": idempotencyKey } });

describe("Idempotency-Key", () => {
  it("is the credential's own: an agent sending an admin's key for POST /api-tokens gets a token of their own, never the admin's", async () => {
    const agent = await addAgent(env.t, env.admin, "agent", "Curious Agent");
    const k = key();
    const admins = await post(env.admin, "/api/v1/api-tokens", { name: "deploy" }, k);
    expect(admins.statusCode).toBe(201);
    const theirs = await post(agent, "/api/v1/api-tokens", { name: "deploy" }, k);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers["idempotent-replayed"]).toBeUndefined();
    const token = theirs.json<CreatedApiTokenDto>();
    expect(token.id).not.toBe(admins.json<CreatedApiTokenDto>().id);
    expect(token.token).not.toBe(admins.json<CreatedApiTokenDto>().token);
    const me = await env.t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token.token ?? ""}` } });
    expect(me.json<SessionDto>().agent).toMatchObject({ id: agent.agentId, role: "agent" });
  });

  it("checks the role before any replay: an agent sending an admin's key for an admin-only create is refused", async () => {
    const agent = await addAgent(env.t, env.admin, "agent", "Another Agent");
    for (const [url, payload] of [
      ["/api/v1/inboxes", { name: "Chat", channel: "chat" }],
      ["/api/v1/agents", { email: "new.admin@example.com", name: "New Admin", role: "admin", password: "correct horse battery" }],
      ["/api/v1/teams", { name: "Billing" }],
      ["/api/v1/canned-responses", { shortCode: "hello", title: "Hello", body: "Olá!" }],
    ] as const) {
      const k = key();
      const first = await post(env.admin, url, payload, k);
      expect(first.statusCode, `${url} ${first.body}`).toBe(201);
      const replay = await post(agent, url, payload, k);
      expect(replay.statusCode, url).toBe(403);
      expect(replay.json<Problem>().code).toBe("FORBIDDEN");
      expect(replay.body).not.toContain(first.json<{ id: string }>().id);
    }
  });

  it("returns a secret once: the same credential replaying gets the first outcome with the secret replaced by null", async () => {
    const k = key();
    const first = await post(env.admin, "/api/v1/api-tokens", { name: "ci" }, k);
    const again = await post(env.admin, "/api/v1/api-tokens", { name: "ci" }, k);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json<CreatedApiTokenDto>()).toEqual({ ...first.json<CreatedApiTokenDto>(), token: null });

    const chat = key();
    const made = await post(env.admin, "/api/v1/inboxes", { name: "Site", channel: "chat" }, chat);
    expect(made.json<InboxDto>().chat?.identitySecret).toMatch(/^[0-9a-f]{64}$/);
    const replayed = await post(env.admin, "/api/v1/inboxes", { name: "Site", channel: "chat" }, chat);
    expect(replayed.json<InboxDto>().id).toBe(made.json<InboxDto>().id);
    expect(replayed.json<InboxDto>().chat?.identitySecret).toBeNull();
    const stored = await env.t.runtime.db.execute(sql`SELECT response::text AS r FROM idempotency_key`);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(first.json<CreatedApiTokenDto>().token ?? "missing");
    expect(text).not.toContain(made.json<InboxDto>().chat?.identitySecret ?? "missing");
  });

  it("re-checks the role of the same credential: an admin demoted since cannot replay an admin-only create", async () => {
    const second = await addAgent(env.t, env.admin, "admin", "Second Admin");
    const k = key();
    const payload = { name: "Escalations" };
    expect((await post(second, "/api/v1/inboxes", { ...payload, channel: "api" }, k)).statusCode).toBe(201);
    const demote = await env.admin.request({ method: "PATCH", url: `/api/v1/agents/${second.agentId}`, payload: { role: "agent" } });
    expect(demote.statusCode).toBe(200);
    const relogged = await signIn(env.t.app, second.email);
    expect((await post(relogged, "/api/v1/inboxes", { ...payload, channel: "api" }, k)).statusCode).toBe(403);
  });

  it("keeps an API token's keys apart from its agent's sessions", async () => {
    const created = await post(env.admin, "/api/v1/api-tokens", { name: "integration" }, key());
    const token = created.json<CreatedApiTokenDto>().token ?? "";
    const { conversationId } = await newConversation(env.admin);
    const k = key();
    const bySession = await post(env.admin, `/api/v1/conversations/${conversationId}/messages`, { body: "Uma vez" }, k);
    const byToken = await bearer(token, `/api/v1/conversations/${conversationId}/messages`, { body: "Uma vez" }, k);
    expect(bySession.statusCode).toBe(201);
    expect(byToken.statusCode).toBe(201);
    expect(byToken.json<{ id: string }>().id).not.toBe(bySession.json<{ id: string }>().id);
    const byTokenAgain = await bearer(token, `/api/v1/conversations/${conversationId}/messages`, { body: "Uma vez" }, k);
    expect(byTokenAgain.json<{ id: string }>().id).toBe(byToken.json<{ id: string }>().id);
  });

  it("forgets a key after 24 hours: the key works anew, and the retention sweep deletes the old ones", async () => {
    const k = key();
    const first = await post(env.admin, "/api/v1/tags", { name: "antiga" }, k);
    expect(first.statusCode).toBe(201);
    await env.t.runtime.db.execute(sql`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = ${k}`);
    const fresh = await post(env.admin, "/api/v1/tags", { name: "nova" }, k);
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.headers["idempotent-replayed"]).toBeUndefined();
    await env.t.runtime.db.execute(sql`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = ${k}`);
    expect(await deleteExpiredIdempotencyKeys(env.t.runtime.db)).toBeGreaterThanOrEqual(1);
    const left = await env.t.runtime.db.execute(sql`SELECT count(*)::int AS n FROM idempotency_key WHERE key = ${k}`);
    expect(JSON.stringify(left)).toContain('"n":0');
  });
});
