import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_ENDED_CLOSE, type CreatedApiTokenDto, type UpdatedMeDto } from "@atende/shared";
import { openSocket } from "../test/sockets.js";
import { addAgent, buildTestApp, newWorkspace, signIn, TEST_PASSWORD, type AgentClient, type TestApp } from "../test/test-app.js";

let t: TestApp;
let admin: AgentClient;
let base: string;

beforeAll(async () => {
  // Sockets look their credential up again every 200 ms here (30 s by default).
  t = await buildTestApp({ ATENDE_CREDENTIAL_RECHECK_SECONDS: "0.2" });
  admin = await newWorkspace(t);
  base = (await t.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
});
afterAll(async () => {
  await t.close();
});

/** An open agents' socket, resumed. */
async function openTab(headers: Record<string, string>) {
  const tab = await openSocket(`${base}/api/v1/realtime`, headers);
  tab.send({ type: "resume", after: null });
  return tab;
}

/** Resolves the close code if the socket closes within `ms`, else "open". */
const closesWithin = (closed: Promise<number>, ms: number) =>
  Promise.race([closed, new Promise<"open">((resolve) => setTimeout(() => { resolve("open"); }, ms))]);

const token = async (client: AgentClient) =>
  (await client.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "socket" } })).json<CreatedApiTokenDto>();

describe("an agent's socket", () => {
  it("closes when its session signs out, and sign-out needs the session's CSRF token", async () => {
    const agent = await addAgent(t, admin, "agent", "Leaving");
    const tab = await openTab({ cookie: agent.cookie });
    const forged = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: agent.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(await closesWithin(tab.closed, 300)).toBe("open");
    const out = await agent.request({ method: "POST", url: "/api/v1/auth/logout" });
    expect(out.statusCode).toBe(204);
    expect(await closesWithin(tab.closed, 150)).toBe(ACCESS_ENDED_CLOSE); // told at once, not at the next look-up
    expect((await agent.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
  });

  it("closes when its API token is revoked, and only that token's", async () => {
    const agent = await addAgent(t, admin, "agent", "Integrator");
    const [one, two] = [await token(agent), await token(agent)];
    const first = await openTab({ authorization: `Bearer ${one.token ?? ""}` });
    const second = await openTab({ authorization: `Bearer ${two.token ?? ""}` });
    const browser = await openTab({ cookie: agent.cookie });
    expect((await agent.request({ method: "DELETE", url: `/api/v1/api-tokens/${one.id}` })).statusCode).toBe(204);
    expect(await closesWithin(first.closed, 150)).toBe(ACCESS_ENDED_CLOSE);
    expect(await closesWithin(second.closed, 300)).toBe("open");
    expect(browser.isOpen()).toBe(true);
    second.close();
    browser.close();
  });

  it("closes every socket of an agent who is deactivated or given another role", async () => {
    for (const change of [{ active: false }, { role: "supervisor" }] as const) {
      const agent = await addAgent(t, admin, "agent", "Changing");
      const api = await token(agent);
      const tabs = [await openTab({ cookie: agent.cookie }), await openTab({ authorization: `Bearer ${api.token ?? ""}` })];
      const bystander = await openTab({ cookie: admin.cookie });
      expect((await admin.request({ method: "PATCH", url: `/api/v1/agents/${agent.agentId}`, payload: change })).statusCode).toBe(200);
      for (const tab of tabs) expect(await closesWithin(tab.closed, 150)).toBe(ACCESS_ENDED_CLOSE);
      expect(bystander.isOpen()).toBe(true);
      bystander.close();
    }
  });

  it("a new password signs out the agent's other sessions and says so; this session and API tokens stay", async () => {
    const agent = await addAgent(t, admin, "agent", "Careful");
    const laptop = await signIn(t.app, agent.email);
    const api = await token(agent);
    const here = await openTab({ cookie: agent.cookie });
    const there = await openTab({ cookie: laptop.cookie });
    const integration = await openTab({ authorization: `Bearer ${api.token ?? ""}` });
    const res = await agent.request({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { password: "a brand new passphrase", currentPassword: TEST_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UpdatedMeDto>().otherSessionsEnded).toBe(1); // the laptop
    expect(await closesWithin(there.closed, 150)).toBe(ACCESS_ENDED_CLOSE);
    expect(await closesWithin(here.closed, 300)).toBe("open");
    expect(integration.isOpen()).toBe(true);
    expect((await laptop.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    expect((await agent.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200);
    here.close();
    integration.close();
  });

  it("closes within the re-check period when its session ends without a word (expired, or ended by a node that could not tell)", async () => {
    const agent = await addAgent(t, admin, "agent", "Quiet");
    const tab = await openTab({ cookie: agent.cookie });
    await t.runtime.db.execute(sql`UPDATE session SET expires_at = now() - interval '1 second' WHERE agent_id = ${agent.agentId}`);
    expect(await closesWithin(tab.closed, 1500)).toBe(ACCESS_ENDED_CLOSE);
  });
});
