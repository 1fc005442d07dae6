import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_ENDED_CLOSE, type UpdatedMeDto } from "@atende/shared";
import { bearer, closesWithin, newApiToken, openAgentTab, openSocket } from "../test/sockets.js";
import { addAgent, buildTestApp, newWorkspace, signIn, TEST_PASSWORD, type AgentClient, type TestApp } from "../test/test-app.js";

let t: TestApp;
let admin: AgentClient;
let base: string;

/** Time for a told socket to close on a slow, busy machine. */
const TOLD_WITHIN_MS = 2000;

beforeAll(async () => {
  // Sockets look their credential up again only every 60 s here (the longest allowed), so a socket
  // that closes within seconds was told: a look-up did not find it out.
  t = await buildTestApp({ ATENDE_CREDENTIAL_RECHECK_SECONDS: "60" });
  admin = await newWorkspace(t);
  base = (await t.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
});
afterAll(async () => {
  await t.close();
});

const openTab = (headers: Record<string, string>) => openAgentTab(base, headers);

describe("an agent's socket", () => {
  it("closes when its session signs out, and sign-out needs the session's CSRF token", async () => {
    const agent = await addAgent(t, admin, "agent", "Leaving");
    const tab = await openTab({ cookie: agent.cookie });
    const forged = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: agent.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(await closesWithin(tab, 300)).toBe("open");
    const out = await agent.request({ method: "POST", url: "/api/v1/auth/logout" });
    expect(out.statusCode).toBe(204);
    expect(await closesWithin(tab, TOLD_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE); // told at once, not at the next look-up
    expect((await agent.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
  });

  it("closes when its API token is revoked, and only that token's", async () => {
    const agent = await addAgent(t, admin, "agent", "Integrator");
    const [one, two] = [await newApiToken(agent), await newApiToken(agent)];
    const first = await openTab(bearer(one));
    const second = await openTab(bearer(two));
    const browser = await openTab({ cookie: agent.cookie });
    expect((await agent.request({ method: "DELETE", url: `/api/v1/api-tokens/${one.id}` })).statusCode).toBe(204);
    expect(await closesWithin(first, TOLD_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
    expect(await closesWithin(second, 300)).toBe("open");
    expect(browser.isOpen()).toBe(true);
    second.close();
    browser.close();
  });

  it("closes every socket of an agent who is deactivated or given another role", async () => {
    for (const change of [{ active: false }, { role: "supervisor" }] as const) {
      const agent = await addAgent(t, admin, "agent", "Changing");
      const api = await newApiToken(agent);
      const tabs = [await openTab({ cookie: agent.cookie }), await openTab(bearer(api))];
      const bystander = await openTab({ cookie: admin.cookie });
      expect((await admin.request({ method: "PATCH", url: `/api/v1/agents/${agent.agentId}`, payload: change })).statusCode).toBe(200);
      for (const tab of tabs) expect(await closesWithin(tab, TOLD_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
      expect(bystander.isOpen()).toBe(true);
      bystander.close();
    }
  });

  it("a new password signs out the agent's other sessions and says so; this session and API tokens stay", async () => {
    const agent = await addAgent(t, admin, "agent", "Careful");
    const laptop = await signIn(t.app, agent.email);
    const api = await newApiToken(agent);
    const here = await openTab({ cookie: agent.cookie });
    const there = await openTab({ cookie: laptop.cookie });
    const integration = await openTab(bearer(api));
    const res = await agent.request({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { password: "a brand new passphrase", currentPassword: TEST_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UpdatedMeDto>().otherSessionsEnded).toBe(1); // the laptop
    expect(await closesWithin(there, TOLD_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
    expect(await closesWithin(here, 300)).toBe("open");
    expect(integration.isOpen()).toBe(true);
    expect((await laptop.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    expect((await agent.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200);
    here.close();
    integration.close();
  });
});

describe("an agent's sockets when an admin changes their password", () => {
  it("close at once and their sessions end; the agent's API tokens and the admin's own socket stay", async () => {
    const agent = await addAgent(t, admin, "agent", "Forgetful");
    const laptop = await signIn(t.app, agent.email);
    const api = await newApiToken(agent);
    const tabs = [await openTab({ cookie: agent.cookie }), await openTab({ cookie: laptop.cookie })];
    const integration = await openTab(bearer(api));
    const adminTab = await openTab({ cookie: admin.cookie });

    const res = await admin.request({ method: "PATCH", url: `/api/v1/agents/${agent.agentId}`, payload: { password: "a password the admin chose" } });
    expect(res.statusCode, res.body).toBe(200);

    for (const tab of tabs) expect(await closesWithin(tab, TOLD_WITHIN_MS)).toBe(ACCESS_ENDED_CLOSE);
    expect(await closesWithin(integration, 300)).toBe("open");
    expect(adminTab.isOpen()).toBe(true);
    for (const session of [agent, laptop]) expect((await session.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    await expect(openSocket(`${base}/api/v1/realtime`, { cookie: agent.cookie })).rejects.toThrow(/401/);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(api) })).statusCode).toBe(200);
    await expect(signIn(t.app, agent.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    expect((await signIn(t.app, agent.email, "a password the admin chose")).agentId).toBe(agent.agentId);
    await integration.close();
    await adminTab.close();
  });
});
