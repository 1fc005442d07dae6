/**
 * `npm run bench:faults`: a steady load on `atende start` (PostgreSQL and a Redis of its own) while
 * the server is killed (SIGKILL) and started again, every database connection is dropped, and
 * Redis is stopped for a while. Clients retry what failed with the same Idempotency-Key (HTTP) or
 * Message-ID (SMTP), as real ones do. Reports what was acknowledged but lost, what was stored twice,
 * the errors clients saw, and how long each fault took to recover from.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { createConnection } from "node:net";
import nodemailer from "nodemailer";
import pg from "pg";
import { freshDatabase, log, startAtende, BENCH_ADMIN_PASSWORD, signInAsAdmin } from "./support.js";

const HTTP = 3904;
const SMTP = 2628;
const REDIS_PORT = 6391;
const CLIENTS = 8;
const MAILERS = 2;
const dataDir = "bench/out/faults-data";
await rm(dataDir, { recursive: true, force: true });

const redisAnswers = () =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port: REDIS_PORT, host: "127.0.0.1" }, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => {
      resolve(false);
    });
  });
let redis: ChildProcess | null = null;
async function startRedis(): Promise<void> {
  redis = spawn("redis-server", ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  while (!(await redisAnswers())) await new Promise((r) => setTimeout(r, 50));
}
async function stopRedis(): Promise<void> {
  const running = redis;
  redis = null;
  if (!running) return;
  const exited = new Promise((r) => running.once("exit", r));
  running.kill("SIGKILL");
  await exited;
}

const url = await freshDatabase("atende_bench_faults");
await startRedis();
const env = {
  DATABASE_URL: url,
  REDIS_URL: `redis://127.0.0.1:${String(REDIS_PORT)}`,
  ATENDE_SMTP_PORT: String(SMTP),
  DATA_DIR: dataDir,
  ATENDE_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  ATENDE_SECRET_KEY: "bench-secret-key-bench-secret-key-0001",
  LOGIN_RATE_LIMIT: "1000",
};
let server = await startAtende(HTTP, env);
const base = `http://127.0.0.1:${String(HTTP)}`;

const { headers } = await signInAsAdmin(base);
const call = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
  (await (await fetch(`${base}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) })).json()) as T; // our own API's answers
const api = await call<{ id: string }>("POST", "/api/v1/inboxes", { name: "API", channel: "api" });
await call("POST", "/api/v1/inboxes", { name: "Suporte", channel: "email", address: "suporte@loja.example" });
const conversations: string[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const created = await call<{ id: string }>("POST", "/api/v1/conversations", {
    inboxId: api.id,
    contact: { email: `carga${String(i)}@cliente.example` },
    message: { body: `início ${String(i)}` },
  });
  conversations.push(created.id);
}

const acknowledged: string[] = [];
const errors = new Map<string, number>();
const seen = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
let running = true;
const loading = () => running; // read after awaits: the end of the run may have come meanwhile

/** An HTTP client posting messages, retrying each with its Idempotency-Key until acknowledged. */
async function httpClient(n: number): Promise<void> {
  for (let i = 0; loading(); i++) {
    const body = `http-${String(n)}-${String(i)}`;
    const key = randomUUID();
    for (;;) {
      try {
        const res = await fetch(`${base}/api/v1/conversations/${conversations[n] ?? ""}/messages`, {
          method: "POST",
          headers: { ...headers, "idempotency-key": key },
          body: JSON.stringify({ body }),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 201) {
          acknowledged.push(body);
          break;
        }
        seen(`HTTP ${String(res.status)}`);
      } catch {
        seen("HTTP connection failed");
      }
      if (!loading()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A mail server delivering over SMTP, retrying each message (same Message-ID) until answered 250. */
async function mailer(n: number): Promise<void> {
  for (let i = 0; loading(); i++) {
    const body = `smtp-${String(n)}-${String(i)}`;
    const messageId = `<${body}@faults.example>`;
    for (;;) {
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port: SMTP, secure: false, ignoreTLS: true, connectionTimeout: 5000, socketTimeout: 10_000 });
      try {
        await transport.sendMail({ from: `carga${String(n)}@fora.example`, to: "suporte@loja.example", subject: body, text: body, messageId });
        acknowledged.push(body);
        break;
      } catch (err) {
        seen(`SMTP ${(err as { responseCode?: number }).responseCode ? String((err as { responseCode?: number }).responseCode) : "connection failed"}`);
      } finally {
        transport.close();
      }
      if (!loading()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Seconds until a message can be posted again after a fault. */
async function recovery(since: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`${base}/api/v1/conversations/${conversations[0] ?? ""}/messages`, {
        method: "POST",
        headers,
        body: JSON.stringify({ body: `sonda-${randomUUID()}`, private: true }),
        signal: AbortSignal.timeout(2000),
      });
      if (res.status === 201) return (Date.now() - since) / 1000;
    } catch {
      // not back yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const load = Promise.all([...Array.from({ length: CLIENTS }, (_, n) => httpClient(n)), ...Array.from({ length: MAILERS }, (_, n) => mailer(n))]);
const pause = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
const faults: string[] = [];

await pause(5);
let at = Date.now();
server.kill("SIGKILL");
await new Promise((r) => server.once("exit", r));
server = await startAtende(HTTP, env);
faults.push(`server killed (SIGKILL) and started again: posting again after ${(await recovery(at)).toFixed(1)} s`);

await pause(5);
at = Date.now();
const admin = new pg.Client({ connectionString: url });
await admin.connect();
const dropped = await admin.query("SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
await admin.end();
faults.push(`${(dropped.rows[0] as { n: string }).n} database connections dropped: posting again after ${(await recovery(at)).toFixed(1)} s`);

await pause(5);
at = Date.now();
await stopRedis();
const during = await recovery(at);
await pause(8);
await startRedis();
const back = Date.now();
for (;;) {
  const ready = (await (await fetch(`${base}/readyz`)).json()) as { status: string }; // our own readyz answer
  if (ready.status === "ready") break;
  await new Promise((r) => setTimeout(r, 100));
}
faults.push(`Redis stopped for 8 s: posting went on (${during.toFixed(1)} s for a post), ready again ${((Date.now() - back) / 1000).toFixed(1)} s after Redis was back`);

await pause(5);
running = false;
await load;

const client = new pg.Client({ connectionString: url });
await client.connect();
const stored = await client.query<{ body: string; n: string }>(
  "SELECT body, count(*) AS n FROM message WHERE body LIKE 'http-%' OR body LIKE 'smtp-%' GROUP BY body",
);
await client.end();
const counts = new Map(stored.rows.map((r) => [r.body, Number(r.n)]));
const lost = acknowledged.filter((b) => !counts.has(b));
const duplicates = [...counts.values()].filter((n) => n > 1).length;
server.kill("SIGTERM");
await stopRedis();

log(`Load: ${String(CLIENTS)} HTTP clients (Idempotency-Key) and ${String(MAILERS)} SMTP senders (Message-ID), each retrying until acknowledged`);
for (const line of faults) log(`- ${line}`);
log(`acknowledged ${String(acknowledged.length)} (${String(acknowledged.filter((b) => b.startsWith("http")).length)} HTTP, ${String(acknowledged.filter((b) => b.startsWith("smtp")).length)} SMTP); acknowledged but lost: ${String(lost.length)}; stored twice: ${String(duplicates)}`);
log(`errors clients saw (and retried): ${[...errors.entries()].map(([k, v]) => `${k} ×${String(v)}`).join(", ") || "none"}`);
process.exit(lost.length > 0 || duplicates > 0 ? 1 : 0);
