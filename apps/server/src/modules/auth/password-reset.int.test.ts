import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_ENDED_CLOSE, type PasswordResetAvailabilityDto, type Problem } from "@atende/shared";
import { passwordResetTokens } from "../../db/schema/index.js";
import { startCompanyMailServer, type CompanyMailServer } from "../../test/company-mail-server.js";
import { openSocket } from "../../test/sockets.js";
import { buildTestApp, newWorkspace, signIn, TEST_PASSWORD, type AgentClient, type TestApp } from "../../test/test-app.js";
import { insertAgent } from "../agents/service.js";
import { sweepRetention } from "../retention/retention.js";
import { createWorkspace } from "../workspaces/service.js";

const PUBLIC_URL = "https://atende.loja.example";
const SMTP_LOGIN = { user: "atende@loja.example", pass: "p@ss:word/1" };
const NEW_PASSWORD = "a brand new passphrase";

let company: CompanyMailServer;
let t: TestApp;
let admin: AgentClient;
let ws: string;

beforeAll(async () => {
  company = await startCompanyMailServer({ auth: SMTP_LOGIN });
  t = await buildTestApp({
    // The user and password percent-encoded, as a URL needs them.
    ATENDE_SYSTEM_SMTP_URL: `smtp://${encodeURIComponent(SMTP_LOGIN.user)}:${encodeURIComponent(SMTP_LOGIN.pass)}@127.0.0.1:${String(company.port)}`,
    ATENDE_SYSTEM_MAIL_FROM: "Atende da Loja <no-reply@loja.example>",
    ATENDE_PUBLIC_URL: PUBLIC_URL,
  });
  admin = await newWorkspace(t, "Loja Azul");
  ws = (await t.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
});
afterAll(async () => {
  await t.close();
  await company.close();
});

let counter = 0;
/** A new agent of the admin's workspace (in `locale`, or none chosen yet), signed in. */
async function newAgent(locale?: "en" | "pt-BR" | "cs"): Promise<AgentClient> {
  const email = `forgetful${String(++counter)}-${randomUUID().slice(0, 8)}@loja.example`;
  await insertAgent(t.runtime.db, admin.workspaceId, { email, name: "Joana Lima", role: "agent", password: TEST_PASSWORD, ...(locale ? { locale } : {}) });
  return signIn(t.app, email);
}

const ask = (app: TestApp, email: string, headers: Record<string, string> = {}) =>
  app.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email }, headers });

const confirm = (token: string, password = NEW_PASSWORD) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/confirm", payload: { token, password } });

const login = (email: string, password: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });

const mailsTo = (address: string) => company.outbox.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);

/** The reset mails `address` has got, once there are `count` of them (the job runs in the background). */
async function mailTo(address: string, count = 1): Promise<ParsedMail> {
  for (let i = 0; i < 200 && mailsTo(address).length < count; i++) await new Promise((r) => setTimeout(r, 50));
  const mails = mailsTo(address);
  expect(mails).toHaveLength(count);
  const last = mails.at(-1);
  if (!last) throw new Error("no mail");
  return last;
}

/** The token in a reset mail's link. */
function tokenIn(mail: ParsedMail): string {
  const link = /https:\/\/\S+/.exec(mail.text ?? "")?.[0] ?? "";
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/app/reset-password`);
  return url.searchParams.get("token") ?? "";
}

/** Waits until no reset job waits or runs: what a request was going to send has been sent. */
async function jobsDone(app: TestApp = t): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [queue] = await app.runtime.jobs.backlog(["auth.password-reset-mail"]);
    if (queue?.waiting === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the reset job did not finish");
}

describe("a forgotten password, reset by e-mail", () => {
  it("says the web app may offer it", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/auth/password-reset" });
    expect(res.statusCode).toBe(200);
    expect(res.json<PasswordResetAvailabilityDto>()).toEqual({ available: true });
  });

  it("mails a link through the installation's server; the link sets a new password once, and signs the agent out everywhere", async () => {
    const agent = await newAgent("en");
    const otherBrowser = await signIn(t.app, agent.email);
    const tab = await openSocket(`${ws}/api/v1/realtime`, { cookie: agent.cookie });
    tab.send({ type: "resume", after: null });

    const asked = await ask(t, agent.email.toUpperCase());
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ status: "accepted" });

    const mail = await mailTo(agent.email);
    expect(mail.from?.value[0]).toEqual({ name: "Atende da Loja", address: "no-reply@loja.example" });
    expect(mail.subject).toBe("Reset your Atende password");
    expect(mail.text).toMatch(/^Hello,\n/); // nobody's name: an admin writes it, at an address nobody proved
    expect(mail.text).not.toContain("Joana");
    expect(mail.text).toContain('"Loja Azul"');
    const token = tokenIn(mail);
    expect(token).toMatch(/^apr_[\w-]{43}$/);
    // Only its SHA-256 is stored, for an hour.
    const [row] = await t.runtime.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.agentId, agent.agentId));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenHash).not.toContain(token);
    expect(row?.workspaceId).toBe(agent.workspaceId);
    expect((row?.expiresAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((row?.expiresAt.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    // A password the rules refuse is refused beside its field, and the link still works.
    const weak = await confirm(token, "short");
    expect(weak.statusCode).toBe(422);
    expect(weak.json<Problem>().errors).toEqual([expect.objectContaining({ path: "password", code: "too_short" })]);

    expect((await confirm(token)).statusCode).toBe(204);
    expect(await tab.closed).toBe(ACCESS_ENDED_CLOSE);
    for (const session of [agent, otherBrowser]) expect((await session.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    expect((await login(agent.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(agent.email, NEW_PASSWORD)).statusCode).toBe(200);
    const [used] = await t.runtime.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.agentId, agent.agentId));
    expect(used?.usedAt).toBeInstanceOf(Date);

    // Used once, never again.
    const again = await confirm(token, "yet another passphrase");
    expect(again.statusCode).toBe(422);
    expect(again.headers["content-type"]).toContain("application/problem+json");
    expect(again.json<Problem>()).toMatchObject({ code: "VALIDATION", errors: [{ path: "token", code: "reset_link_invalid" }] });
    expect((await login(agent.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it("answers an unknown address exactly like a known one, and mails nobody", async () => {
    const agent = await newAgent();
    const known = await ask(t, agent.email);
    const nobody = `nobody-${randomUUID()}@loja.example`;
    const unknown = await ask(t, nobody);
    expect({ status: unknown.statusCode, body: unknown.body }).toEqual({ status: known.statusCode, body: known.body });
    expect(unknown.statusCode).toBe(202);
    await mailTo(agent.email);
    await jobsDone();
    expect(mailsTo(nobody)).toHaveLength(0);
  });

  it("mails nobody for a deactivated agent", async () => {
    const agent = await newAgent();
    expect((await admin.request({ method: "PATCH", url: `/api/v1/agents/${agent.agentId}`, payload: { active: false } })).statusCode).toBe(200);
    expect((await ask(t, agent.email)).statusCode).toBe(202);
    await jobsDone();
    expect(mailsTo(agent.email)).toHaveLength(0);
  });

  it("ends every link mailed before a password change, by the agent or by an admin, and before a deactivation: none works after", async () => {
    const mailedLink = async (agent: AgentClient, count: number) => {
      await ask(t, agent.email);
      return tokenIn(await mailTo(agent.email, count));
    };
    const bySelf = await newAgent();
    const first = await mailedLink(bySelf, 1);
    const changed = await bySelf.request({ method: "PATCH", url: "/api/v1/me", payload: { password: "a password of my own choosing", currentPassword: TEST_PASSWORD } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await confirm(first, "the attacker's password")).statusCode).toBe(422);
    expect((await login(bySelf.email, "a password of my own choosing")).statusCode).toBe(200);

    const byAdmin = await newAgent();
    const second = await mailedLink(byAdmin, 1);
    expect((await admin.request({ method: "PATCH", url: `/api/v1/agents/${byAdmin.agentId}`, payload: { password: "set by the admin, long" } })).statusCode).toBe(200);
    expect((await confirm(second, "the attacker's password")).statusCode).toBe(422);

    // Deactivated and active again: the link, the session and the token from before are all gone.
    const leaving = await newAgent();
    const token = (await leaving.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "integração" } })).json<{ token: string }>().token;
    const third = await mailedLink(leaving, 1);
    for (const active of [false, true]) expect((await admin.request({ method: "PATCH", url: `/api/v1/agents/${leaving.agentId}`, payload: { active } })).statusCode).toBe(200);
    expect((await confirm(third, "the attacker's password")).statusCode).toBe(422);
    expect((await leaving.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await login(leaving.email, TEST_PASSWORD)).statusCode).toBe(200); // the agent signs in again as before
  });

  it("refuses an expired link, a made-up one and one a newer link replaced", async () => {
    const agent = await newAgent();
    await ask(t, agent.email);
    const first = tokenIn(await mailTo(agent.email));
    // One mail a minute at most: a second request at once sends nothing more.
    await ask(t, agent.email);
    await jobsDone();
    expect(mailsTo(agent.email)).toHaveLength(1);
    // A minute later, a new link replaces the first.
    await t.runtime.db.execute(sql`UPDATE password_reset_token SET created_at = now() - interval '2 minutes' WHERE agent_id = ${agent.agentId}`);
    await ask(t, agent.email);
    const second = tokenIn(await mailTo(agent.email, 2));
    expect(second).not.toBe(first);
    expect((await confirm(first)).json<Problem>().errors?.[0]?.code).toBe("reset_link_invalid");

    await t.runtime.db.execute(sql`UPDATE password_reset_token SET expires_at = now() - interval '1 second' WHERE agent_id = ${agent.agentId}`);
    const expired = await confirm(second);
    expect(expired.statusCode).toBe(422);
    expect(expired.json<Problem>().errors).toEqual([expect.objectContaining({ path: "token", code: "reset_link_invalid" })]);
    expect((await confirm(`apr_${"x".repeat(43)}`)).json<Problem>().errors?.[0]?.code).toBe("reset_link_invalid");
    expect((await agent.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200); // nothing changed
    expect((await login(agent.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("writes in the agent's language, or in the best of the browser's when they chose none", async () => {
    const czech = await newAgent();
    const brazilian = await newAgent("pt-BR");
    const headers = { "accept-language": "de-DE,de;q=0.9,cs;q=0.8,en;q=0.5" };
    await ask(t, czech.email, headers);
    await ask(t, brazilian.email, headers);
    const cs = await mailTo(czech.email);
    expect(cs.subject).toBe("Obnovení hesla do Atende");
    expect(cs.text).toContain("„Loja Azul“");
    expect((await mailTo(brazilian.email)).subject).toBe("Redefina sua senha do Atende");
  });

  it("mails each workspace's link when the address signs in to several", async () => {
    const agent = await newAgent();
    const other = await createWorkspace(t.runtime.db, "Loja Verde");
    await insertAgent(t.runtime.db, other.id, { email: agent.email, name: "Joana L.", role: "admin", password: TEST_PASSWORD });
    await ask(t, agent.email);
    await mailTo(agent.email, 2);
    const texts = mailsTo(agent.email).map((m) => m.text ?? "");
    expect(texts.some((x) => x.includes('"Loja Azul"'))).toBe(true);
    expect(texts.some((x) => x.includes('"Loja Verde"'))).toBe(true);
  });

  it("is forgotten by the retention sweep once expired", async () => {
    const agent = await newAgent();
    await ask(t, agent.email);
    await mailTo(agent.email);
    const live = await newAgent();
    await ask(t, live.email);
    await mailTo(live.email);
    await t.runtime.db.execute(sql`UPDATE password_reset_token SET expires_at = now() - interval '1 second' WHERE agent_id = ${agent.agentId}`);
    const report = await sweepRetention(t.runtime, { full: false });
    expect(report.passwordResetLinks).toBeGreaterThanOrEqual(1);
    expect(await t.runtime.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.agentId, agent.agentId))).toHaveLength(0);
    expect(await t.runtime.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.agentId, live.agentId))).toHaveLength(1);
  });
});

describe("the limits of Atende's own mail server (ATENDE_SYSTEM_MAILS_PER_WORKSPACE_HOUR=3, …_PER_MAILBOX_HOUR=2)", () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await buildTestApp({
      ATENDE_SYSTEM_SMTP_URL: `smtp://${encodeURIComponent(SMTP_LOGIN.user)}:${encodeURIComponent(SMTP_LOGIN.pass)}@127.0.0.1:${String(company.port)}`,
      ATENDE_PUBLIC_URL: PUBLIC_URL,
      ATENDE_SYSTEM_MAILS_PER_WORKSPACE_HOUR: "3",
      ATENDE_SYSTEM_MAILS_PER_MAILBOX_HOUR: "2",
    });
  });
  afterAll(() => limited.close());

  it("mails a workspace's agents at most so many links an hour, and one mailbox at most so many from every workspace, answering every request alike", async () => {
    const spammy = await newWorkspace(limited, "Banco Falso");
    const strangers = Array.from({ length: 4 }, (_, i) => `estranho${String(i)}-${randomUUID().slice(0, 8)}@fora.example`);
    for (const email of strangers) await insertAgent(limited.runtime.db, spammy.workspaceId, { email, name: "Cliente", role: "agent", password: TEST_PASSWORD });
    for (const email of strangers) expect((await ask(limited, email)).statusCode).toBe(202);
    await jobsDone(limited);
    expect(strangers.map((email) => mailsTo(email).length).sort()).toEqual([0, 1, 1, 1]); // jobs run in any order

    // One address, an agent of three workspaces (`+tag` is the same mailbox): two links reach it.
    const target = `alvo-${randomUUID().slice(0, 8)}@fora.example`;
    for (const [i, email] of [target, target, target.replace("@", "+x@")].entries()) {
      const ws = await createWorkspace(limited.runtime.db, `Loja ${String(i)}`);
      await insertAgent(limited.runtime.db, ws.id, { email, name: "Alvo", role: "agent", password: TEST_PASSWORD });
    }
    expect((await ask(limited, target)).statusCode).toBe(202);
    expect((await ask(limited, target.replace("@", "+x@"))).statusCode).toBe(202);
    await jobsDone(limited);
    expect(mailsTo(target).length + mailsTo(target.replace("@", "+x@")).length).toBe(2);
  });
});

describe("without a mail server of Atende's own", () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await buildTestApp({ LOGIN_RATE_LIMIT: "3" });
  });
  afterAll(() => bare.close());

  it("tells the web app there is no reset by e-mail, and answers a request with 503 saying so", async () => {
    expect((await bare.app.inject({ method: "GET", url: "/api/v1/auth/password-reset" })).json()).toEqual({ available: false });
    const res = await ask(bare, "someone@loja.example");
    expect(res.statusCode).toBe(503);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const problem = res.json<Problem>();
    expect(problem.code).toBe("UNAVAILABLE");
    expect(problem.detail).toMatch(/not available.*ask an admin of your workspace/i);
  });

  it("limits requests per address and e-mail like sign-in", async () => {
    const email = `limited-${randomUUID()}@loja.example`;
    for (let i = 0; i < 3; i++) expect((await ask(bare, email)).statusCode).toBe(503);
    const limited = await ask(bare, ` ${email.toUpperCase()}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<Problem>().code).toBe("RATE_LIMITED");
  });
});
