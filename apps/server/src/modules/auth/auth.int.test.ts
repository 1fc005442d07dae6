import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { HTTPMethods } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentDto, ApiTokenDto, CreatedApiTokenDto, Problem, SessionDto, TagDto } from "@atende/shared";
import { agents } from "../../db/schema/index.js";
import { addAgent, buildTestApp, newWorkspace, TEST_PASSWORD, useSignedInAdmin, type TestApp } from "../../test/test-app.js";

const env = useSignedInAdmin();

const loginRaw = (email: string, password = TEST_PASSWORD) =>
  env.t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });

/** Signs in and returns the raw session cookie and CSRF token, so tests can leave either out. */
async function session(email: string, password = TEST_PASSWORD) {
  const res = await loginRaw(email, password);
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === "atende_session");
  if (!cookie) throw new Error("no session cookie");
  return { cookie: cookie.value, csrf: res.json<SessionDto>().csrfToken };
}

const withCookie = (cookie: string, method: HTTPMethods, url: string, headers: Record<string, string> = {}, payload?: object) =>
  env.t.app.inject({ method, url, cookies: { atende_session: cookie }, headers, ...(payload ? { payload } : {}) });

const withToken = (token: string | null, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
  env.t.app.inject({ method, url, headers: { authorization: `Bearer ${token ?? "(none)"}` }, ...(payload ? { payload } : {}) });

const tagNames = async () => (await env.admin.request({ method: "GET", url: "/api/v1/tags" })).json<TagDto[]>().map((x) => x.name);

describe("signing in", () => {
  it("returns the agent, the workspace and a CSRF token, and sets an HttpOnly SameSite=Lax session cookie", async () => {
    const res = await loginRaw(env.admin.email);
    expect(res.statusCode).toBe(200);
    const body = res.json<SessionDto>();
    expect(body.agent).toMatchObject({ id: env.admin.agentId, email: env.admin.email, role: "admin" });
    expect(body.workspace.id).toBe(env.admin.workspaceId);
    expect(body.csrfToken).toMatch(/\S{16,}/);
    expect(body).not.toHaveProperty("agent.passwordHash");
    const cookie = res.cookies.find((c) => c.name === "atende_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.value).toMatch(/\S{16,}/);
  });

  it("accepts the e-mail in any case and with surrounding spaces", async () => {
    expect((await loginRaw(`  ${env.admin.email.toUpperCase()} `)).statusCode).toBe(200);
  });

  it("answers an unknown e-mail and a wrong password with the same 401 body", async () => {
    const unknown = await loginRaw("nobody@example.com");
    const wrong = await loginRaw(env.admin.email, "not the password at all");
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const a = unknown.json<Problem>();
    const b = wrong.json<Problem>();
    expect(a.code).toBe("UNAUTHENTICATED");
    expect({ code: b.code, detail: b.detail }).toEqual({ code: a.code, detail: a.detail });
    expect(unknown.cookies).toHaveLength(0);
  });

  it("GET /me answers with the cookie and returns the session's CSRF token", async () => {
    const { cookie, csrf } = await session(env.admin.email);
    const res = await withCookie(cookie, "GET", "/api/v1/me");
    expect(res.statusCode).toBe(200);
    expect(res.json<SessionDto>()).toMatchObject({
      agent: { id: env.admin.agentId },
      workspace: { id: env.admin.workspaceId },
      csrfToken: csrf,
    });
  });

  it("logging out ends the session: the old cookie is refused afterwards; another site cannot log an agent out", async () => {
    const { cookie, csrf } = await session(env.admin.email);
    const forged = await env.t.app.inject({ method: "POST", url: "/api/v1/auth/logout", cookies: { atende_session: cookie } });
    expect(forged.statusCode).toBe(403);
    expect((await withCookie(cookie, "GET", "/api/v1/me")).statusCode).toBe(200);
    const out = await env.t.app.inject({ method: "POST", url: "/api/v1/auth/logout", cookies: { atende_session: cookie }, headers: { "x-csrf-token": csrf } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === "atende_session")?.value).toBe("");
    const res = await withCookie(cookie, "GET", "/api/v1/me");
    expect(res.statusCode).toBe(401);
    expect(res.json<Problem>().code).toBe("UNAUTHENTICATED");
  });

  it("stores passwords as argon2id hashes, never in clear", async () => {
    const rows = await env.t.runtime.db.select({ hash: agents.passwordHash }).from(agents).where(eq(agents.id, env.admin.agentId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hash.startsWith("$argon2id$")).toBe(true);
    expect(rows[0]?.hash).not.toContain(TEST_PASSWORD);
  });
});

describe("login rate limit", () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await buildTestApp({ LOGIN_RATE_LIMIT: "3" });
  });
  afterAll(() => limited.close());

  const attempt = (email: string) =>
    limited.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: "wrong password" } });

  it("refuses the 4th attempt within a minute with 429 RATE_LIMITED, however the e-mail is spelled", async () => {
    const email = `limited-${randomUUID()}@example.com`;
    for (const spelling of [email, email.toUpperCase(), ` ${email} `]) expect((await attempt(spelling)).statusCode).toBe(401);
    const res = await attempt(email);
    expect(res.statusCode).toBe(429);
    expect(res.json<Problem>().code).toBe("RATE_LIMITED");
    expect(res.headers["retry-after"]).toBeDefined();
  });

  it("counts attempts per e-mail, so one locked-out e-mail does not lock out another", async () => {
    const email = `limited-${randomUUID()}@example.com`;
    for (let i = 0; i < 4; i++) await attempt(email);
    expect((await attempt(`other-${randomUUID()}@example.com`)).statusCode).toBe(401);
  });

  it("counts each try at the current password in a password change like a sign-in, and nothing else the agent changes", async () => {
    const agent = await newWorkspace(limited);
    const change = (payload: object) => agent.request({ method: "PATCH", url: "/api/v1/me", payload });
    for (let i = 0; i < 3; i++) expect((await change({ password: "a guessed new password", currentPassword: `guess ${String(i)}` })).statusCode).toBe(422);
    const limitedTry = await change({ password: "a guessed new password", currentPassword: TEST_PASSWORD });
    expect(limitedTry.statusCode).toBe(429);
    for (const availability of ["away", "online", "away", "online"]) expect((await change({ availability })).statusCode).toBe(200);
  });
});

describe("every API route needs credentials", () => {
  const routes = () => {
    const paths = (env.t.app.swagger() as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
    return Object.entries(paths)
      .filter(([path]) => path.startsWith("/api/v1/") && !path.startsWith("/api/v1/auth/"))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => ({
          method: method.toUpperCase(),
          url: path.replaceAll(/\{\w+\}/g, randomUUID()),
        })),
      );
  };

  it("answers 401 UNAUTHENTICATED to each route without a cookie or token, or with made-up ones", async () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(20);
    for (const { method, url } of all) {
      const credentials = [
        {},
        { cookies: { atende_session: "ats_forged" } },
        { headers: { authorization: "Bearer atk_forged" } },
      ];
      for (const extra of credentials) {
        const res = await env.t.app.inject({ method, url, ...(method === "GET" ? {} : { payload: {} }), ...extra });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json<Problem>().code).toBe("UNAUTHENTICATED");
      }
    }
  });
});

describe("CSRF protection of cookie sessions", () => {
  it.each([
    ["without X-CSRF-Token", {}],
    ["with a wrong X-CSRF-Token", { "x-csrf-token": "csrf_wrong" }],
  ])("refuses a cookie-authenticated write %s with 403 and writes nothing", async (_case, headers) => {
    const { cookie } = await session(env.admin.email);
    const name = `csrf-${randomUUID().slice(0, 8)}`;
    const res = await withCookie(cookie, "POST", "/api/v1/tags", headers, { name });
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().code).toBe("FORBIDDEN");
    expect(await tagNames()).not.toContain(name);
  });

  it("lets a cookie-authenticated read through without the header, and a write with the right one", async () => {
    const { cookie, csrf } = await session(env.admin.email);
    expect((await withCookie(cookie, "GET", "/api/v1/tags")).statusCode).toBe(200);
    const res = await withCookie(cookie, "POST", "/api/v1/tags", { "x-csrf-token": csrf }, { name: "with-csrf" });
    expect(res.statusCode).toBe(201);
  });
});

describe("API tokens", () => {
  it("shows the secret once on creation and never in the list", async () => {
    const res = await env.admin.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "CI" } });
    expect(res.statusCode).toBe(201);
    const created = res.json<CreatedApiTokenDto>();
    expect(created.token).toMatch(/\S{16,}/);
    const list = await env.admin.request({ method: "GET", url: "/api/v1/api-tokens" });
    expect(list.json<ApiTokenDto[]>().map((x) => x.id)).toContain(created.id);
    expect(list.body).not.toContain(created.token);
    expect(list.json<object[]>().every((x) => !("token" in x))).toBe(true);
  });

  it("works as a Bearer token for reads and writes without any CSRF header, until revoked", async () => {
    const res = await env.admin.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "Zapier" } });
    const created = res.json<CreatedApiTokenDto>();
    const me = await withToken(created.token, "GET", "/api/v1/me");
    expect(me.statusCode).toBe(200);
    expect(me.json<SessionDto>().agent.id).toBe(env.admin.agentId);
    expect((await withToken(created.token, "POST", "/api/v1/tags", { name: "from-token" })).statusCode).toBe(201);
    expect(await tagNames()).toContain("from-token");
    const revoke = await env.admin.request({ method: "DELETE", url: `/api/v1/api-tokens/${created.id}` });
    expect(revoke.statusCode).toBe(204);
    const after = await withToken(created.token, "GET", "/api/v1/me");
    expect(after.statusCode).toBe(401);
    expect(after.json<Problem>().code).toBe("UNAUTHENTICATED");
    const list = await env.admin.request({ method: "GET", url: "/api/v1/api-tokens" });
    expect(list.json<ApiTokenDto[]>().map((x) => x.id)).not.toContain(created.id);
  });
});

describe("what only a signed-in person may do", () => {
  it("refuses an API token changing the password or making more tokens (403), which a session may", async () => {
    const agent = await addAgent(env.t, env.admin, "agent", "Token Holder");
    const token = (await agent.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "integração" } })).json<CreatedApiTokenDto>();
    const minted = await withToken(token.token, "POST", "/api/v1/api-tokens", { name: "a copy of itself" });
    expect(minted.statusCode).toBe(403);
    const changed = await withToken(token.token, "PATCH", "/api/v1/me", { password: "chosen by whoever has the token", currentPassword: TEST_PASSWORD });
    expect(changed.statusCode).toBe(403);
    expect((await loginRaw(agent.email)).statusCode).toBe(200); // the password is as it was
    expect((await withToken(token.token, "PATCH", "/api/v1/me", { availability: "away" })).statusCode).toBe(200); // the rest of the profile, yes
    const list = await agent.request({ method: "GET", url: "/api/v1/api-tokens" });
    expect(list.json<ApiTokenDto[]>().map((x) => x.name)).toEqual(["integração"]);
  });

  it("refuses an admin's API token setting anyone's password or adding an agent with one (403)", async () => {
    const adminToken = (await env.admin.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "admin integration" } })).json<CreatedApiTokenDto>();
    const other = await addAgent(env.t, env.admin, "agent", "Someone Else");
    for (const id of [env.admin.agentId, other.agentId]) {
      expect((await withToken(adminToken.token, "PATCH", `/api/v1/agents/${id}`, { password: "chosen with a leaked token" })).statusCode).toBe(403);
    }
    const made = await withToken(adminToken.token, "POST", "/api/v1/agents", { email: `backdoor-${randomUUID()}@example.com`, name: "Back Door", role: "admin", password: TEST_PASSWORD });
    expect(made.statusCode).toBe(403);
    expect((await withToken(adminToken.token, "PATCH", `/api/v1/agents/${other.agentId}`, { name: "Renamed By Token" })).statusCode).toBe(200); // the rest, yes
  });
});

describe("deactivated agents", () => {
  it("cannot sign in, and their open session and API tokens stop working", async () => {
    const agent = await addAgent(env.t, env.admin, "agent", "Leaving Soon");
    const { cookie } = await session(agent.email);
    const created = await agent.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "t" } });
    const token = created.json<CreatedApiTokenDto>();
    const res = await env.admin.request({ method: "PATCH", url: `/api/v1/agents/${agent.agentId}`, payload: { active: false } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AgentDto>().active).toBe(false);
    const login = await loginRaw(agent.email);
    expect(login.statusCode).toBe(401);
    expect(login.json<Problem>().code).toBe("UNAUTHENTICATED");
    expect((await withCookie(cookie, "GET", "/api/v1/me")).statusCode).toBe(401);
    expect((await agent.request({ method: "GET", url: "/api/v1/conversations" })).statusCode).toBe(401);
    expect((await withToken(token.token, "GET", "/api/v1/me")).statusCode).toBe(401);
  });
});

describe("PATCH /me", () => {
  it("changes the agent's own name, language and availability", async () => {
    const agent = await addAgent(env.t, env.admin, "agent", "Old Name");
    const payload = { name: "Zuzana Dvořáková", locale: "cs", availability: "away" };
    const res = await agent.request({ method: "PATCH", url: "/api/v1/me", payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AgentDto>()).toMatchObject({ name: "Zuzana Dvořáková", locale: "cs", availability: "away", role: "agent" });
    const me = await agent.request({ method: "GET", url: "/api/v1/me" });
    expect(me.json<SessionDto>().agent).toMatchObject({ name: "Zuzana Dvořáková", locale: "cs", availability: "away" });
  });

  it.each([
    ["without currentPassword", {}],
    ["with a wrong currentPassword", { currentPassword: "definitely wrong" }],
  ])("refuses a new password %s with 422 naming currentPassword", async (_case, extra) => {
    const agent = await addAgent(env.t, env.admin, "agent");
    const payload = { password: "a brand new password", ...extra };
    const res = await agent.request({ method: "PATCH", url: "/api/v1/me", payload });
    expect(res.statusCode).toBe(422);
    expect(res.json<Problem>().errors?.map((e) => e.path)).toContain("currentPassword");
    expect((await loginRaw(agent.email, "a brand new password")).statusCode).toBe(401);
    expect((await loginRaw(agent.email)).statusCode).toBe(200);
  });

  it("changes the password given the current one; then only the new password signs in", async () => {
    const agent = await addAgent(env.t, env.admin, "agent");
    const res = await agent.request({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { password: "a brand new password", currentPassword: TEST_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await loginRaw(agent.email, "a brand new password")).statusCode).toBe(200);
    expect((await loginRaw(agent.email)).statusCode).toBe(401);
    const rows = await env.t.runtime.db.select({ hash: agents.passwordHash }).from(agents).where(eq(agents.id, agent.agentId));
    expect(rows[0]?.hash.startsWith("$argon2id$")).toBe(true);
  });
});
