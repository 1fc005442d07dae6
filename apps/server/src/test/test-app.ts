import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import { insertAgent } from "../modules/agents/service.js";
import type { Runtime } from "../core/context.js";
import { closeModules } from "../core/module.js";
import type { AtendeModule } from "../core/module.js";
import { MODULES } from "../modules/index.js";
import { createWorkspace } from "../modules/workspaces/service.js";
import { createLogger } from "../logger.js";
import { startRuntime, startWorkers } from "../server/runtime.js";
import { freshDatabase, TEST_ENGINE } from "./database.js";
import type { AgentRole } from "@atende/shared";

export type TestApp = {
  app: FastifyInstance;
  runtime: Runtime;
  handle: DatabaseHandle;
  config: Config;
  close: () => Promise<void>;
};

/** The real application on a fresh database (or the one `open` gives), driven with `inject()` (no socket). */
export async function buildTestApp(
  env: Record<string, string | undefined> = {},
  open: () => Promise<DatabaseHandle> = freshDatabase,
  modules: readonly AtendeModule[] = MODULES,
): Promise<TestApp> {
  const handle = await open();
  const dataDir = await mkdtemp(join(tmpdir(), "atende-test-data-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    LOGIN_RATE_LIMIT: "1000",
    VALIDATE_RESPONSES: "1",
    VALIDATE_EVENTS: "1",
    ATENDE_SECRET_KEY: "test-secret-key-that-is-long-enough-0123456789",
    // The suite's mail servers run on this machine; a test of the rule itself sets its own.
    ATENDE_PRIVATE_NETWORKS: "127.0.0.0/8,::1",
    ...(TEST_ENGINE === "postgres" && process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    // Each app its own keys: rate limits counted in one test file never refuse another's requests.
    ATENDE_REDIS_PREFIX: `atende-test-${randomUUID()}`,
    ...env,
  });
  const log = createLogger(config);
  const runtime = await startRuntime(config, handle, log, modules);
  const stopWorkers = await startWorkers(runtime, log);
  const app = await buildApp(runtime, handle, log);
  await app.ready();
  return {
    app,
    runtime,
    handle,
    config,
    close: async () => {
      stopWorkers();
      await app.close();
      await closeModules(runtime);
      await runtime.jobs.stop();
      await runtime.bus.close();
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_PASSWORD = "correct horse battery";

/** A client signed in as one agent: with a session cookie and CSRF token, like the web app. */
export type AgentClient = {
  agentId: string;
  workspaceId: string;
  email: string;
  /** The `Cookie` header a browser of this agent sends. */
  cookie: string;
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
};

let counter = 0;

/** Signs an agent in over HTTP and returns a client that sends the cookie and CSRF header. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<AgentClient> {
  const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${String(res.statusCode)} ${res.body}`);
  const body = res.json<{ agent: { id: string }; workspace: { id: string }; csrfToken: string }>();
  const cookie = res.cookies.find((c) => c.name === "atende_session");
  if (!cookie) throw new Error("no session cookie");
  return {
    agentId: body.agent.id,
    workspaceId: body.workspace.id,
    email,
    cookie: `atende_session=${cookie.value}`,
    request: (opts) =>
      app.inject({
        ...opts,
        cookies: { atende_session: cookie.value },
        headers: { "x-csrf-token": body.csrfToken, ...opts.headers },
      }),
  };
}

/** A new workspace with an admin, signed in. */
export async function newWorkspace(t: TestApp, name = `Workspace ${String(++counter)}`): Promise<AgentClient> {
  const workspace = await createWorkspace(t.runtime.db, name);
  const email = `admin${String(++counter)}@example.com`;
  await insertAgent(t.runtime.db, workspace.id, { email, name: "Admin Person", role: "admin", password: TEST_PASSWORD, locale: "en" });
  return signIn(t.app, email);
}

/** Adds an agent with a role to the admin's workspace (through the API) and signs them in. */
export async function addAgent(t: TestApp, admin: AgentClient, role: AgentRole, name = "Teammate"): Promise<AgentClient> {
  const email = `${role}${String(++counter)}@example.com`;
  const res = await admin.request({
    method: "POST",
    url: "/api/v1/agents",
    payload: { email, name, role, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 201) throw new Error(`agent create failed: ${res.body}`);
  return signIn(t.app, email);
}

/** Creates an inbox and a conversation with one incoming message; returns their ids. */
export async function newConversation(
  client: AgentClient,
  overrides: { inboxId?: string; email?: string; body?: string; subject?: string } = {},
): Promise<{ inboxId: string; conversationId: string; contactId: string }> {
  let inboxId = overrides.inboxId;
  if (!inboxId) {
    const inbox = await client.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Support", channel: "api" } });
    inboxId = inbox.json<{ id: string }>().id;
  }
  const res = await client.request({
    method: "POST",
    url: "/api/v1/conversations",
    payload: {
      inboxId,
      contact: { email: overrides.email ?? `customer${String(++counter)}@example.com`, name: "Maria Silva" },
      ...(overrides.subject ? { subject: overrides.subject } : {}),
      message: { body: overrides.body ?? "Olá, preciso de ajuda com meu pedido." },
    },
  });
  if (res.statusCode !== 201) throw new Error(`conversation create failed: ${res.body}`);
  const conversation = res.json<{ id: string; contact: { id: string } }>();
  return { inboxId, conversationId: conversation.id, contactId: conversation.contact.id };
}

/**
 * For a test file: an app with one workspace and its signed-in admin, built before the file's tests
 * (with the settings `env` gives then) and closed after them. Read `env.t` and `env.admin` inside tests.
 */
export function useSignedInAdmin(env: () => Record<string, string> = () => ({})): { readonly t: TestApp; readonly admin: AgentClient } {
  let state: { t: TestApp; admin: AgentClient } | undefined;
  beforeAll(async () => {
    const t = await buildTestApp(env());
    state = { t, admin: await newWorkspace(t) };
  });
  afterAll(async () => {
    await state?.t.close();
  });
  const ready = () => {
    if (!state) throw new Error("useSignedInAdmin: read env.t and env.admin inside tests, not at load time");
    return state;
  };
  return {
    get t() {
      return ready().t;
    },
    get admin() {
      return ready().admin;
    },
  };
}
