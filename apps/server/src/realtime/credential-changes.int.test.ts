import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_ENDED_CLOSE } from "@atende/shared";
import { AUTH_CACHE_TTL_MS } from "../plugins/auth.js";
import { digest } from "../lib/secret-token.js";
import { bearer, closesWithin, newApiToken, openAgentTab } from "../test/sockets.js";
import { addAgent, buildTestApp, newWorkspace, signIn, type AgentClient, type TestApp } from "../test/test-app.js";

let t: TestApp;
let admin: AgentClient;
let base: string;

/** How often an open socket looks its credential up again here (30 s by default, at most 60). */
const RECHECK_SECONDS = 0.2;

beforeAll(async () => {
  t = await buildTestApp({ ATENDE_CREDENTIAL_RECHECK_SECONDS: String(RECHECK_SECONDS) });
  admin = await newWorkspace(t);
  base = (await t.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
});
afterAll(async () => {
  await t.close();
});

const openTab = (headers: Record<string, string>) => openAgentTab(base, headers);

/** Several re-check periods: a socket still open after them was not closed by a look-up. */
const WITHIN_RECHECK_MS = RECHECK_SECONDS * 1000 * 8;
/** How long a socket whose credential ended may take to close on a slow, busy machine (each look-up is a query). */
const CLOSES_WITHIN_MS = 10_000;

const me = (headers: Record<string, string>) => t.app.inject({ method: "GET", url: "/api/v1/me", headers });

describe("a socket whose credential ends in the database without a word to this process (another node, a script)", () => {
  it("closes within the re-check period when its API token is revoked there, and only that token's", async () => {
    const agent = await addAgent(t, admin, "agent", "Integrator");
    const [revoked, kept] = [await newApiToken(agent), await newApiToken(agent)];
    const gone = await openTab(bearer(revoked));
    const stays = await openTab(bearer(kept));
    const browser = await openTab({ cookie: agent.cookie });
    await t.runtime.db.execute(sql`UPDATE api_token SET revoked_at = now() WHERE id = ${revoked.id}`);
    expect(await closesWithin(gone, CLOSES_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
    expect(await closesWithin(stays, WITHIN_RECHECK_MS)).toBe("open");
    expect(browser.isOpen()).toBe(true);
    // Its HTTP requests end too, once this node's few seconds of trust in the looked-up token run out.
    await expect.poll(async () => (await me(bearer(revoked))).statusCode, { timeout: AUTH_CACHE_TTL_MS + 2000, interval: 250 }).toBe(401);
    await stays.close();
    await browser.close();
  });

  it("closes every socket of an agent deactivated there, session and API token alike", async () => {
    const agent = await addAgent(t, admin, "agent", "Leaving Quietly");
    const tabs = [await openTab({ cookie: agent.cookie }), await openTab(bearer(await newApiToken(agent)))];
    const bystander = await openTab({ cookie: admin.cookie });
    await t.runtime.db.execute(sql`UPDATE agent SET active = false WHERE id = ${agent.agentId}`);
    for (const tab of tabs) expect(await closesWithin(tab, CLOSES_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
    expect(bystander.isOpen()).toBe(true);
    await bystander.close();
  });

  it("closes every socket of an agent whose role was changed there, so they come back as what they are now", async () => {
    const agent = await addAgent(t, admin, "supervisor", "Stepping Down");
    const tabs = [await openTab({ cookie: agent.cookie }), await openTab(bearer(await newApiToken(agent)))];
    await t.runtime.db.execute(sql`UPDATE agent SET role = 'agent' WHERE id = ${agent.agentId}`);
    for (const tab of tabs) expect(await closesWithin(tab, CLOSES_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
    const back = await openTab({ cookie: agent.cookie });
    expect(await closesWithin(back, WITHIN_RECHECK_MS)).toBe("open"); // as an agent now, and left open
    await back.close();
  });

  it("closes a session's socket when the session is deleted there, and leaves the agent's other session's", async () => {
    const agent = await addAgent(t, admin, "agent", "Two Browsers");
    const other = await signIn(t.app, agent.email);
    const ended = await openTab({ cookie: agent.cookie });
    const stays = await openTab({ cookie: other.cookie });
    const id = digest(agent.cookie.replace(/^atende_session=/, "")); // a session is stored by its cookie's digest
    await t.runtime.db.execute(sql`DELETE FROM session WHERE id = ${id}`);
    expect(await closesWithin(ended, CLOSES_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
    expect(await closesWithin(stays, WITHIN_RECHECK_MS)).toBe("open");
    await stays.close();
  });

  it("closes within the re-check period when its session ends without a word (expired, or ended by a node that could not tell)", async () => {
    const agent = await addAgent(t, admin, "agent", "Quiet");
    const tab = await openTab({ cookie: agent.cookie });
    await t.runtime.db.execute(sql`UPDATE session SET expires_at = now() - interval '1 second' WHERE agent_id = ${agent.agentId}`);
    expect(await closesWithin(tab, CLOSES_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
  });
});
