/**
 * `npm run bench`: loads a data set through the services, starts `atende start` on it as a separate
 * process, and measures it with autocannon on loopback. Engines: BENCH_ENGINES=postgres,pglite.
 * Sizes: BENCH_CONVERSATIONS (100000), BENCH_MESSAGES (500000); BENCH_SECONDS per measurement (20).
 * On PostgreSQL a set larger than BENCH_SEED_CONVERSATIONS (10000) is that many loaded through the
 * services, then copied (bench/multiply.ts) up to the size asked for.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { SEARCH_TERMS } from "./dataset.js";
import { BENCH_REPLY, listenerLag, loadDataset, settleDatabase } from "./load.js";
import { multiplyDataset } from "./multiply.js";
import { LIST_PAGE } from "../apps/web/src/features/conversations/paths.js";
import { cpuMs, databaseUrl, postgresCpuMs, freshDatabase, log, rssMb, startAtende, startWorker } from "./support.js";

const env = process.env;
const CONVERSATIONS = Number(env.BENCH_CONVERSATIONS ?? 100_000);
const MESSAGES = Number(env.BENCH_MESSAGES ?? 500_000);
const SEED = Number(env.BENCH_SEED_CONVERSATIONS ?? 10_000);
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 16);
/** Replies a second in the steady measurement of the listeners' lag. */
const STEADY_RATE = Number(env.BENCH_STEADY_RATE ?? 200);
const ENGINES = (env.BENCH_ENGINES ?? "postgres,pglite").split(",");
const PORT = 3900;
/** BENCH_REUSE=1 measures the data set an earlier run loaded, instead of loading it again. */
const REUSE = env.BENCH_REUSE === "1";
/** BENCH_DATABASE names the PostgreSQL database the data set is loaded into (atende_bench), so that sets of two sizes can be kept. */
const DATABASE = env.BENCH_DATABASE ?? "atende_bench";
/** BENCH_WORKER_PROCESS=1 runs the worker role in a process of its own (PostgreSQL only). */
const SPLIT = env.BENCH_WORKER_PROCESS === "1";
/** BENCH_LOAD_ONLY=1 loads the data set and stops. */
const LOAD_ONLY = env.BENCH_LOAD_ONLY === "1";
/** BENCH_ONLY=search,list,screen,views,open,post,create,chat runs only those measurements (all by default). */
const ONLY = env.BENCH_ONLY?.split(",");
const wanted = (name: string) => !ONLY || ONLY.includes(name);
const OUT = join(import.meta.dirname, "out");

type Measure = { rps: number; p50: number; p90: number; p975: number; p99: number; errors: number; non2xx: number; maxRssMb: number; serverCpuMsPerRequest: number; postgresCpuMsPerRequest?: number };

/** The server measured: its process, and the engine it stores in. */
type Server = { pid: number; engine: string };

async function measure({ pid, engine }: Server, key: string, name: string, opts: autocannon.Options): Promise<Measure | undefined> {
  if (!wanted(key)) return undefined;
  let maxRss = rssMb(pid);
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(pid))), 500);
  // PostgreSQL's share only for a server on this machine (the benchmark's own, unless BENCH_PG_SERVER says otherwise).
  const database = engine === "postgres" && !env.BENCH_PG_SERVER ? postgresCpuMs : undefined;
  const cpuBefore = cpuMs(pid);
  const databaseBefore = database?.() ?? 0;
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  const cpu = cpuMs(pid) - cpuBefore;
  const databaseCpu = database ? database() - databaseBefore : undefined;
  clearInterval(sampler);
  const m = {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    maxRssMb: maxRss,
    // The server's CPU (main thread and helpers) per answered request: steadier than req/s on a shared VM.
    serverCpuMsPerRequest: perRequest(cpu, result.requests.total),
    ...(databaseCpu === undefined ? {} : { postgresCpuMsPerRequest: perRequest(databaseCpu, result.requests.total) }),
  };
  log(`  ${name}: ${String(m.rps)} req/s, p50 ${String(m.p50)} ms, p90 ${String(m.p90)} ms, p97.5 ${String(m.p975)} ms, p99 ${String(m.p99)} ms, errors ${String(m.errors)}, non-2xx ${String(m.non2xx)}, max RSS ${String(m.maxRssMb)} MB, CPU per request: server ${String(m.serverCpuMsPerRequest)} ms${m.postgresCpuMsPerRequest === undefined ? "" : `, PostgreSQL ${String(m.postgresCpuMsPerRequest)} ms`}`);
  return m;
}

const perRequest = (ms: number, requests: number) => Math.round((ms / Math.max(1, requests)) * 100) / 100;

async function openConversationIds(base: string, headers: Record<string, string>, inboxId: string): Promise<string[]> {
  const res = await fetch(`${base}/api/v1/conversations?status=open&inboxId=${inboxId}&limit=100`, { headers });
  const body = (await res.json()) as { items: { id: string }[] }; // our own API's list shape
  return body.items.map((c) => c.id);
}

const dataDir = join(OUT, "pglite-data");
/** A chat inbox needs the secret key its identity secret is sealed with. */
const SECRET = { ATENDE_SECRET_KEY: "bench-secret-key-that-is-long-enough-0123456789" };
const serverEnvOf = (engine: string): Record<string, string> =>
  engine === "postgres"
    ? { ...SECRET, DATABASE_URL: databaseUrl(DATABASE), DATABASE_POOL_SIZE: "16", ...(SPLIT ? { REDIS_URL: env.REDIS_URL ?? "redis://127.0.0.1:6379" } : {}) }
    : { ...SECRET, DATA_DIR: dataDir };

/** A chat inbox with `count` open conversations, each begun by a visitor's message through the API. */
async function chatConversations(base: string, headers: Record<string, string>, count: number): Promise<string[]> {
  const inbox = (await (await fetch(`${base}/api/v1/inboxes`, { method: "POST", headers, body: JSON.stringify({ name: "Chat", channel: "chat" }) })).json()) as { id: string }; // our API's inbox
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${base}/api/v1/conversations`, {
      method: "POST",
      headers,
      body: JSON.stringify({ inboxId: inbox.id, contact: { email: `visitor${String(i)}@example.com` }, message: { body: "Olá!", direction: "incoming" } }),
    });
    ids.push(((await res.json()) as { id: string }).id); // our API's conversation
  }
  return ids;
}

/**
 * The list as each view and filter asks for it (the web app's page), a page deep in the open
 * conversations, and the views' counts: what an agent's inbox screen reads, each measured alone
 * (BENCH_ONLY=views).
 */
async function viewsMeasured(server: Server, base: string, headers: Record<string, string>, inboxId: string): Promise<Record<string, Measure | undefined>> {
  if (!wanted("views")) return {};
  const get = async <T>(path: string) => (await (await fetch(`${base}${path}`, { headers })).json()) as T; // our own API's shapes
  const [team] = await get<{ id: string }[]>("/api/v1/teams");
  // The open conversations 10,000 deep: the cursor after 100 pages of 100.
  let deep = "";
  for (let page = 0; page < 100; page++) {
    const { nextCursor } = await get<{ nextCursor: string | null }>(`/api/v1/conversations?status=open&limit=100${deep ? `&cursor=${encodeURIComponent(deep)}` : ""}`);
    if (!nextCursor) break;
    deep = nextCursor;
  }
  const lists: Record<string, string> = {
    mine: "status=open&assigneeId=me",
    unassigned: "status=open&assigneeId=none",
    all: "status=open",
    pending: "status=pending",
    snoozed: "status=snoozed",
    resolved: "status=resolved",
    "all, 10,000 deep": `status=open&cursor=${encodeURIComponent(deep)}`,
    "all, one inbox": `status=open&inboxId=${inboxId}`,
    "all, one team": `status=open&teamId=${team?.id ?? ""}`,
    "all, tagged vip": "status=open&tag=vip",
    "all, urgent": "status=open&priority=urgent",
    "all, oldest first": "status=open&sort=oldest",
    "all, longest waiting first": "status=open&sort=waiting",
    "all, by priority": "status=open&sort=priority",
  };
  const measured: Record<string, Measure | undefined> = {};
  for (const [name, query] of Object.entries(lists)) {
    measured[name] = await measure(server, "views", `GET /conversations (${name})`, { url: `${base}/api/v1/conversations?${query}&limit=${String(LIST_PAGE)}`, headers });
  }
  measured.counts = await measure(server, "views", "GET /conversations/counts", { url: `${base}/api/v1/conversations/counts`, headers });
  measured["counts, tagged vip"] = await measure(server, "views", "GET /conversations/counts (tagged vip)", { url: `${base}/api/v1/conversations/counts?tag=vip`, headers });
  measured["counts, one connection"] = await measure(server, "views", "GET /conversations/counts (one connection)", { url: `${base}/api/v1/conversations/counts`, headers, connections: 1 });
  return measured;
}

/** Requests of one kind to `base`, the n-th asking for what `nth(n)` says (its path, and a body for writes). */
function requesting(base: string, headers: Record<string, string>, method: "GET" | "POST", nth: (n: number) => { path: string; body?: string }): autocannon.Options {
  let n = 0;
  return { url: base, headers, requests: [{ method, setupRequest: (req) => ({ ...req, ...nth(n++) }) }] };
}

/** Replies posted to the conversations in turn. */
function postingTo(base: string, headers: Record<string, string>, ids: string[]): autocannon.Options {
  return requesting(base, headers, "POST", (n) => ({
    path: `/api/v1/conversations/${ids[n % ids.length] ?? ""}/messages`,
    body: JSON.stringify({ body: `${BENCH_REPLY} ${String(n + 1)}: we are on it.` }),
  }));
}

/** Seconds until the outbox and every listener have nothing waiting (read from /readyz?detail=1). */
async function listenersDrained(base: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const ready = (await (await fetch(`${base}/readyz?detail=1`)).json()) as { events: { outbox: { events: number }; listeners: Record<string, { behind: number }> } }; // our readyz
    if (ready.events.outbox.events === 0 && Object.values(ready.events.listeners).every((l) => l.behind === 0)) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Loads the data set: through the services, or a seed through them and the rest copied (PostgreSQL). */
async function loadAtScale(engine: string, serverEnv: Record<string, string>) {
  const copies = engine === "postgres" ? Math.floor(CONVERSATIONS / SEED) - 1 : 0;
  if (copies < 1) return loadDataset(serverEnv, CONVERSATIONS, MESSAGES, log);
  const loaded = await loadDataset(serverEnv, SEED, Math.round((MESSAGES * SEED) / CONVERSATIONS), log);
  await settleDatabase(serverEnv, log); // the seed indexed for search, so that its copies are too
  await multiplyDataset(serverEnv.DATABASE_URL ?? "", copies, log);
  return loaded;
}

async function runEngine(engine: string): Promise<Record<string, unknown>> {
  log(`== ${engine}: loading ${String(CONVERSATIONS)} conversations, ${String(MESSAGES)} messages`);
  const serverEnv = engine === "postgres" && !REUSE ? { ...serverEnvOf(engine), DATABASE_URL: await freshDatabase(DATABASE) } : serverEnvOf(engine);
  if (engine === "pglite" && !REUSE) rmSync(dataDir, { recursive: true, force: true });
  const stateFile = join(OUT, `state-${engine === "postgres" ? DATABASE : engine}.json`);
  const loadStarted = Date.now();
  const { token, inboxId } = REUSE
    ? (JSON.parse(readFileSync(stateFile, "utf8")) as { token: string; inboxId: string }) // written by an earlier run below
    : await loadAtScale(engine, serverEnv);
  writeFileSync(stateFile, JSON.stringify({ token, inboxId }));
  const loadSeconds = Math.round((Date.now() - loadStarted) / 1000);
  if (LOAD_ONLY) return { engine, loadSeconds };
  await settleDatabase(serverEnv, log);
  // BENCH_WORKER_PROCESS=1 (PostgreSQL): the web role in one process, the worker role (the
  // listeners) in another, as a deployment with web and worker processes runs them.
  const worker = SPLIT && engine === "postgres" ? startWorker(serverEnv) : null;
  const child = await startAtende(PORT, serverEnv, worker ? ["--role", "web"] : []);
  const pid = child.pid ?? 0;
  const server = { pid, engine };
  try {
    await new Promise((r) => setTimeout(r, 5000));
    const idleRssMb = rssMb(pid);
    log(`  idle RSS ${String(idleRssMb)} MB`);
    const base = `http://127.0.0.1:${String(PORT)}`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const ids = await openConversationIds(base, headers, inboxId);
    // Reads first: the load's own replies would otherwise be the newest messages search walks through.
    const searching = (type: string) =>
      requesting(base, headers, "GET", (n) => ({ path: `/api/v1/search?type=${type}&q=${encodeURIComponent(SEARCH_TERMS[n % SEARCH_TERMS.length] ?? "")}` }));
    const searchMessages = await measure(server, "search", "GET /search (messages)", searching("messages"));
    const searchConversations = await measure(server, "search", "GET /search (conversations)", searching("conversations"));
    const listOpen = await measure(server, "list", "GET /conversations (inbox, open, first page)", {
      url: `${base}/api/v1/conversations?inboxId=${inboxId}&status=open&limit=25`,
      headers,
    });
    // The inbox screen as the web app asks for it: the view's first page and the views' counts.
    const inboxScreen = await measure(server, "screen", "GET /conversations + GET /conversations/counts (the inbox screen: two requests each)", {
      url: base,
      headers,
      requests: [
        { method: "GET", path: `/api/v1/conversations?status=open&limit=${String(LIST_PAGE)}` },
        { method: "GET", path: `/api/v1/conversations/counts` },
      ],
    });
    const views = await viewsMeasured(server, base, headers, inboxId);
    const openOne = await measure(server, "open", "GET /conversations/:id?messages=50 (opening a conversation: one request)",
      requesting(base, headers, "GET", (n) => ({ path: `/api/v1/conversations/${ids[n % ids.length] ?? ""}?messages=50` })),
    );
    const postMessages = await measure(server, "post", "POST /conversations/:id/messages", postingTo(base, headers, ids));
    // A new contact each, in this run as in any other on the same data set.
    const run = Date.now().toString(36);
    const createConversations = await measure(server, "create", "POST /conversations (a customer's first message, a new contact each)",
      requesting(base, headers, "POST", (n) => ({
        path: "/api/v1/conversations",
        body: JSON.stringify({ inboxId, contact: { email: `new-${run}-${String(n)}@bench.example` }, message: { body: "Preciso de ajuda com a fatura.", direction: "incoming" } }),
      })),
    );
    // Replies in chat conversations: each raises an event a listener takes (the e-mail fallback,
    // which schedules its delayed job), so this measures the spine under load.
    const chatIds = await chatConversations(base, headers, 100);
    const since = new Date();
    const postChatReplies = await measure(server, "chat", "POST /conversations/:id/messages (chat: a listener per reply)", postingTo(base, headers, chatIds));
    const drainedSeconds = await listenersDrained(base);
    log(`  listeners caught up ${String(drainedSeconds)} s after the load ended`);
    // The same replies at a steady rate the machine can also serve the listeners at.
    const steadySince = new Date();
    const postChatSteady = await measure(server, "chat", `POST /conversations/:id/messages (chat, ${String(STEADY_RATE)} a second)`, { ...postingTo(base, headers, chatIds), overallRate: STEADY_RATE });
    const steadyDrainedSeconds = await listenersDrained(base);
    const windows = { saturating: { since, until: steadySince }, steady: { since: steadySince, until: new Date() } };
    return { engine, conversations: CONVERSATIONS, messages: MESSAGES, loadSeconds, idleRssMb, inboxScreen, views, openOne, postMessages, createConversations, postChatReplies, drainedSeconds, postChatSteady, steadyDrainedSeconds, windows, listOpen, searchMessages, searchConversations };
  } finally {
    for (const server of [child, worker]) {
      if (!server) continue;
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  }
}

mkdirSync(OUT, { recursive: true });
const results = [];
for (const engine of ENGINES) {
  const result = await runEngine(engine);
  const lags: Record<string, unknown> = {};
  for (const [name, window] of Object.entries((result.windows ?? {}) as Record<string, { since: Date; until: Date }>)) {
    lags[name] = await listenerLag(serverEnvOf(engine), window.since, window.until);
    log(`  commit → handled by the listener (${name}): ${JSON.stringify(lags[name])}`);
  }
  results.push({ ...result, listenerLag: lags });
}
const file = join(OUT, `results-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, tool: "autocannon", results }, null, 2));
log(`results written to ${file}`);
