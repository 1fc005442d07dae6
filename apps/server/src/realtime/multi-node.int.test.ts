import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACCESS_ENDED_CLOSE, type InboxDto, type VisitorSessionDto } from "@atende/shared";
import { adminQuery, TEST_ENGINE } from "../test/database.js";
import { freePort, signInOverHttp, startAtendeProcess, stopProcess } from "../test/process.js";
import { openSocket } from "../test/sockets.js";

const ADMIN = { email: "admin@nodes.example", password: "two nodes password" };

/** A socket that collects frames; resolves once open and resumed. */
async function socket(url: string, headers: Record<string, string> = {}) {
  const opened = await openSocket(url, headers);
  opened.send({ type: "resume", after: null });
  await opened.until((f) => f.type === "resumed", 5000);
  return opened;
}

describe.runIf(TEST_ENGINE === "postgres" && process.env.REDIS_URL)("two Atende processes on one PostgreSQL and Redis", { timeout: 180_000 }, () => {
  it("lets a visitor on node A and an agent on node B talk normally", async () => {
    const database = `atende_nodes_${String(process.pid)}`;
    const serverUrl = process.env.DATABASE_URL ?? "";
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    const dataDir = await mkdtemp(join(tmpdir(), "atende-nodes-"));
    const shared = {
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.REDIS_URL ?? "",
      DATA_DIR: dataDir,
      ATENDE_SECRET_KEY: "two-nodes-secret-key-two-nodes-secret-key",
      ATENDE_ADMIN_EMAIL: ADMIN.email,
      ATENDE_ADMIN_PASSWORD: ADMIN.password,
      ATENDE_REDIS_PREFIX: database, // the two nodes share their keys with each other, not with other tests'
    };
    const [portA, portB] = [await freePort(), await freePort()];
    const nodeA = await startAtendeProcess({ ...shared, ATENDE_SMTP_PORT: String(await freePort()) }, portA);
    const nodeB = await startAtendeProcess({ ...shared, ATENDE_SMTP_PORT: String(await freePort()) }, portB);
    try {
      const [a, b] = [`http://127.0.0.1:${String(portA)}`, `http://127.0.0.1:${String(portB)}`];
      const agent = await signInOverHttp(b, ADMIN);
      const inbox = await agent.request<InboxDto>("POST", "/api/v1/inboxes", { name: "Chat", channel: "chat" });
      const visitorSession = await fetch(`${a}/widget/v1/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ widgetToken: inbox.chat?.widgetToken }),
      });
      const { visitorToken } = (await visitorSession.json()) as VisitorSessionDto;

      const agentTab = await socket(`${b.replace("http", "ws")}/api/v1/realtime`, { cookie: agent.cookie });
      const visitorTab = await socket(`${a.replace("http", "ws")}/widget/v1/socket?token=${encodeURIComponent(visitorToken)}`);

      await fetch(`${a}/widget/v1/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${visitorToken}` },
        body: JSON.stringify({ clientId: randomUUID(), body: "Escrevo pelo nó A" }),
      });
      const seen = await agentTab.until(
        (f) => f.type === "event" && f.event.type === "message.created" && (f.event.payload.message as { body: string }).body === "Escrevo pelo nó A",
        10_000,
      );
      const conversationId = seen.type === "event" ? (seen.event.conversationId ?? "") : "";
      await agent.request("POST", `/api/v1/conversations/${conversationId}/messages`, { body: "Respondo pelo nó B" });
      const answer = await visitorTab.until((f) => f.type === "message" && f.message.body === "Respondo pelo nó B", 10_000);
      expect(answer.type === "message" && answer.message.direction).toBe("outgoing");
      await visitorTab.close();

      // Signing out on node A closes the session's socket on node B at once (not at its next
      // look-up, 30 s away), and node B forgets the cached session.
      const out = await fetch(`${a}/api/v1/auth/logout`, { method: "POST", headers: { cookie: agent.cookie, "x-csrf-token": agent.csrfToken } });
      expect(out.status).toBe(204);
      const code = await Promise.race([agentTab.closed, new Promise((resolve) => setTimeout(resolve, 10_000, "still open"))]);
      expect(code).toBe(ACCESS_ENDED_CLOSE);
      expect((await fetch(`${b}/api/v1/me`, { headers: { cookie: agent.cookie } })).status).toBe(401);
    } finally {
      await stopProcess(nodeA, "SIGTERM");
      await stopProcess(nodeB, "SIGTERM");
      await rm(dataDir, { recursive: true, force: true });
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  });
});
