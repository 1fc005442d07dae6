import WebSocket from "ws";
import { ServerFrame, type CreatedApiTokenDto } from "@atende/shared";
import { eq } from "drizzle-orm";
import { agents } from "../db/schema/index.js";
import type { AgentClient, TestApp } from "./test-app.js";

/** A client's WebSocket, for a test: the frames it received, waiting for one, and how it closed. */
export type TestSocket = {
  frames: ServerFrame[];
  /** Waits until a frame matches (frames already received count), or fails after `ms`. */
  until: (match: (frame: ServerFrame) => boolean, ms?: number) => Promise<ServerFrame>;
  send: (frame: unknown) => void;
  /** The close code, once closed (by either side). */
  closed: Promise<number>;
  isOpen: () => boolean;
  close: () => Promise<void>;
};

/** Opens a socket of the realtime protocol (agents' or visitors'); rejects with the status when refused. */
export async function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const socket = new WebSocket(url, { headers });
  const frames: ServerFrame[] = [];
  const waiters: (() => void)[] = [];
  socket.on("message", (raw: Buffer) => {
    frames.push(ServerFrame.parse(JSON.parse(raw.toString("utf8"))));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<number>((resolve) => {
    socket.once("close", (code) => {
      resolve(code);
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => {
      resolve();
    });
    socket.once("unexpected-response", (_req, res) => {
      reject(new Error(`refused with ${String(res.statusCode)}`));
    });
    socket.once("error", reject);
  });
  const until = async (match: (f: ServerFrame) => boolean, ms = 10_000): Promise<ServerFrame> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such frame; got ${JSON.stringify(frames.map((f) => f.type))}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return {
    frames,
    until,
    send: (frame) => {
      socket.send(JSON.stringify(frame));
    },
    closed,
    isOpen: () => socket.readyState === WebSocket.OPEN,
    close: async () => {
      socket.close();
      await closed;
    },
  };
}

/**
 * An agent with a tab of the web app open and in use (its socket said `active`), as the widget
 * needs to call them there; resolves once the server has noted it. Close the socket to leave.
 */
export async function agentAtDesk(t: TestApp, agent: AgentClient, wsBase: string): Promise<TestSocket> {
  const socket = await openSocket(`${wsBase}/api/v1/realtime`, { cookie: agent.cookie });
  socket.send({ type: "resume", after: null });
  socket.send({ type: "active" });
  const seen = () => t.runtime.db.select({ at: agents.seenAt }).from(agents).where(eq(agents.id, agent.agentId));
  const deadline = Date.now() + 10_000; // a busy machine can take seconds
  while (!(await seen())[0]?.at) {
    if (Date.now() > deadline) throw new Error("the server never noted the agent at their desk");
    await new Promise((r) => setTimeout(r, 20));
  }
  return socket;
}

/** An open agents' socket, resumed and answered, so it is really in use. */
export async function openAgentTab(wsBase: string, headers: Record<string, string>): Promise<TestSocket> {
  const tab = await openSocket(`${wsBase}/api/v1/realtime`, headers);
  tab.send({ type: "resume", after: null });
  await tab.until((f) => f.type === "resumed");
  return tab;
}

/** Resolves a socket's close code if it closes within `ms`, else "open". */
export const closesWithin = (socket: TestSocket, ms: number): Promise<number | "open"> =>
  Promise.race([
    socket.closed,
    new Promise<"open">((resolve) => {
      setTimeout(() => {
        resolve("open");
      }, ms);
    }),
  ]);

/** A new API token of the client's agent, as an integration would open a socket with it. */
export async function newApiToken(client: AgentClient): Promise<CreatedApiTokenDto> {
  const res = await client.request({ method: "POST", url: "/api/v1/api-tokens", payload: { name: "socket" } });
  if (res.statusCode !== 201) throw new Error(`creating an API token answered ${String(res.statusCode)}: ${res.body}`);
  return res.json<CreatedApiTokenDto>();
}

/** The header that presents an API token. */
export const bearer = (token: CreatedApiTokenDto) => ({ authorization: `Bearer ${token.token ?? ""}` });
