/**
 * `npm run bench:sockets`: live chat on one node. Starts `atende start` on a fresh PostgreSQL
 * database, makes BENCH_SOCKETS (5000) visitors of a chat inbox, opens a real WebSocket for each
 * (loopback) and one for an agent; BENCH_ACTIVE (1000) of them start a conversation (not timed), then
 * they send BENCH_RATE (200) messages/s for BENCH_SECONDS (20) s through the widget API. Reports the server's RSS with the sockets open and how
 * long a visitor's message takes to reach the agent's socket (from the POST to the event).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import WebSocket from "ws";
import { freshDatabase, log, rssMb, startAtende, BENCH_ADMIN_PASSWORD, signInAsAdmin } from "./support.js";

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ACTIVE = Number(process.env.BENCH_ACTIVE ?? 1000);
const HTTP = 3903;
const base = `http://127.0.0.1:${String(HTTP)}`;

const url = await freshDatabase("atende_bench_sockets");
const child = await startAtende(HTTP, {
  DATABASE_URL: url,
  ATENDE_SMTP_PORT: "0",
  DATA_DIR: "bench/out/sockets-data",
  ATENDE_WIDGET_CONNECTIONS_PER_MINUTE: String(SOCKETS * 2), // every visitor here shares one address
  ATENDE_WIDGET_MESSAGES_PER_ADDRESS_MINUTE: "10000000", // and sends from it
  ATENDE_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  ATENDE_SECRET_KEY: "bench-secret-key-bench-secret-key-0001",
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

try {
  const { cookie, headers } = await signInAsAdmin(base);
  const inboxRes = await fetch(`${base}/api/v1/inboxes`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Chat", channel: "chat" }),
  });
  const inbox = (await inboxRes.json()) as { id: string }; // our own API's inbox

  // Visitors straight into the database (the session endpoint is rate-limited per address, as it should be).
  const tokens = Array.from({ length: SOCKETS }, () => `avt_${randomBytes(24).toString("base64url")}`);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows } = await db.query<{ workspace_id: string }>("SELECT workspace_id FROM inbox WHERE id = $1", [inbox.id]);
  const workspaceId = rows[0]?.workspace_id ?? "";
  await db.query(
    `WITH c AS (
       INSERT INTO contact (id, workspace_id, name) SELECT gen_random_uuid(), $1, 'Visitante ' || n FROM generate_series(1, $3::int) n RETURNING id
     ), numbered AS (SELECT id, row_number() OVER () AS n FROM c)
     INSERT INTO chat_visitor (id, workspace_id, inbox_id, contact_id, token_digest)
     SELECT gen_random_uuid(), $1, $2, numbered.id, (($4::text[])[numbered.n]) FROM numbered`,
    [workspaceId, inbox.id, SOCKETS, tokens.map((t) => createHash("sha256").update(t).digest("hex"))],
  );
  await db.end();

  const agentWaits = new Map<string, number>(); // clientId → when its POST started
  const latencies: number[] = [];
  const agent = new WebSocket(`ws://127.0.0.1:${String(HTTP)}/api/v1/realtime`, { headers: { cookie } });
  agent.on("message", (raw: Buffer) => {
    const frame = JSON.parse(raw.toString("utf8")) as { type: string; event?: { type: string; payload: { message?: { clientId: string | null } } } };
    const clientId = frame.event?.type === "message.created" ? frame.event.payload.message?.clientId : null;
    const started = clientId ? agentWaits.get(clientId) : undefined;
    if (clientId && started !== undefined) {
      latencies.push(performance.now() - started);
      agentWaits.delete(clientId);
    }
  });
  await new Promise((resolve) => agent.once("open", resolve));
  agent.send(JSON.stringify({ type: "resume", after: null }));

  const opened = Date.now();
  const visitors: WebSocket[] = [];
  for (let i = 0; i < SOCKETS; i += 200) {
    const batch = tokens.slice(i, i + 200).map(
      (token) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${String(HTTP)}/widget/v1/socket?token=${encodeURIComponent(token)}`);
          ws.once("open", () => {
            ws.send(JSON.stringify({ type: "resume", after: null }));
            resolve(ws);
          });
          ws.once("error", reject);
        }),
    );
    visitors.push(...(await Promise.all(batch)));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const rssOpen = rssMb(child.pid ?? 0);
  log(`opened ${String(visitors.length)} visitor sockets + 1 agent socket in ${((Date.now() - opened) / 1000).toFixed(1)} s; server RSS ${String(rssOpen)} MB`);

  const say = (token: string, clientId: string, body: string) =>
    fetch(`${base}/widget/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId, body }),
    });
  const warm = Date.now();
  for (let i = 0; i < ACTIVE; i += 20) {
    await Promise.all(tokens.slice(i, Math.min(i + 20, ACTIVE)).map((token) => say(token, randomUUID(), "Olá, preciso de ajuda")));
  }
  log(`${String(ACTIVE)} visitors started a conversation in ${((Date.now() - warm) / 1000).toFixed(1)} s (${(ACTIVE / ((Date.now() - warm) / 1000)).toFixed(0)}/s)`);

  let maxRss = rssOpen;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(child.pid ?? 0))), 500);
  let sent = 0;
  let failed = 0;
  const sends: Promise<void>[] = [];
  const started = performance.now();
  const total = RATE * SECONDS;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      for (; sent < due; sent++) {
        const token = tokens[sent % ACTIVE] ?? "";
        const clientId = randomUUID();
        agentWaits.set(clientId, performance.now());
        sends.push(
          say(token, clientId, `Mensagem ${String(sent)} de um visitante`).then((res) => {
            if (res.status !== 201) failed++;
          }),
        );
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const seconds = (performance.now() - started) / 1000; // the sending, not the wait for the last answers
  await Promise.all(sends);
  await new Promise((r) => setTimeout(r, 2000)); // the last events
  clearInterval(sampler);
  const sorted = [...latencies].sort((x, y) => x - y);
  log(
    `sent ${String(total)} visitor messages at ${String(RATE)}/s target (${(total / seconds).toFixed(0)}/s achieved, ${String(failed)} failed); ` +
      `${String(latencies.length)} reached the agent's socket: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${percentile(sorted, 100).toFixed(0)} ms; server RSS max ${String(maxRss)} MB`,
  );
  for (const ws of visitors) ws.terminate();
  agent.terminate();
} finally {
  child.kill("SIGTERM");
}
