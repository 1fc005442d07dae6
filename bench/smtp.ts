/**
 * `npm run bench:smtp`: inbound e-mail over SMTP into PostgreSQL. Starts `atende start` as its own
 * process on a fresh database, creates an e-mail inbox, and has 10 concurrent SMTP connections send
 * BENCH_MAILS (3000) messages of about 20 KB (a fifth of them replies that must thread), then checks
 * that every message was stored, threaded and is searchable. Then sends BENCH_BIG_MAILS (6) messages
 * with a 25 MiB attachment over 3 connections and reports the server's RSS while it receives them.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer/index.js";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import pg from "pg";
import { customerMessage, rng } from "./dataset.js";
import { cpuMs, freshDatabase, log, postgresCpuMs, rssMb, startAtende, BENCH_ADMIN_PASSWORD, signInAsAdmin } from "./support.js";

/** Asks /healthz every 50 ms and prints each answer's time in ms; stops on SIGTERM. */
const PROBE = `const url = process.argv[1];
process.on("SIGTERM", () => process.exit(0));
(async () => { for (;;) { const at = performance.now(); await fetch(url); console.log(performance.now() - at); await new Promise((r) => setTimeout(r, 50)); } })();`;

const MAILS = Number(process.env.BENCH_MAILS ?? 3000);
const SENDERS = 10;
const HTTP = 3902;
const SMTP = 2626;
const BIG_MAILS = Number(process.env.BENCH_BIG_MAILS ?? 6);
const BIG_BYTES = 25 * 1024 * 1024;
const dataDir = "bench/out/smtp-data";
await rm(dataDir, { recursive: true, force: true });

const url = await freshDatabase("atende_bench_mail");
const child = await startAtende(HTTP, {
  DATABASE_URL: url,
  ATENDE_SMTP_PORT: String(SMTP),
  ATENDE_SMTP_MAX_BYTES: String(2 * BIG_BYTES), // 25 MiB of file is about 34 MiB in base64
  DATA_DIR: dataDir,
  ATENDE_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  ATENDE_SECRET_KEY: "bench-secret-key-bench-secret-key-0001",
});
const base = `http://127.0.0.1:${String(HTTP)}`;
try {
  const { cookie, headers } = await signInAsAdmin(base);
  await fetch(`${base}/api/v1/inboxes`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Suporte", channel: "email", address: "suporte@loja.example" }),
  });
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: SMTP, pool: true, maxConnections: SENDERS, maxMessages: Infinity, ignoreTLS: true });
  const random = rng(7);
  const filler = Array.from({ length: 330 }, () => customerMessage(random)).join("\n"); // about 20 KB
  const hostile = `${"<div><b>x</b>".repeat(30_000)}${"</div>".repeat(30_000)}`;
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(child.pid ?? 0))), 500);
  // How the server answers its health check while it takes mail at full speed (every 50 ms), asked
  // from a process of its own so that this busy sender's event loop does not count.
  const prober = spawn(process.execPath, ["-e", PROBE, `${base}/healthz`], { stdio: ["ignore", "pipe", "inherit"] });
  let probed = "";
  prober.stdout.on("data", (d: Buffer) => (probed += d.toString()));
  // Every message is composed before the clock starts, as a load generator prepares its requests:
  // composing MIME is the sender's work, and this sender shares the machine's two cores with the server.
  const mails = await Promise.all(
    Array.from({ length: MAILS }, async (_, i) => {
      // A reply answers a mail sent 40 earlier, which has surely been stored by then.
      const isReply = i % 5 === 4 && i >= 40;
      // One in 150 is hostile: HTML nested 30,000 deep, which once froze the server while it was read.
      const hostileOne = i % 150 === 75;
      const from = hostileOne ? "hostil@fora.example" : `cliente${String(i % 500)}@cliente.example`;
      const mail: Mail.Options = {
        from: { name: hostileOne ? "Hostil" : `Cliente ${String(i % 500)}`, address: from },
        to: "suporte@loja.example",
        messageId: `<m${String(i)}@cliente.example>`,
        ...(hostileOne
          ? { subject: `Hostil ${String(i)}`, html: hostile }
          : {
              subject: isReply ? `Re: Pedido ${String(i - 40)}` : `Pedido ${String(i)}`,
              text: `Mensagem ${String(i)}: ${customerMessage(random)}\n\n${filler}`,
              ...(isReply ? { inReplyTo: `<m${String(i - 40)}@cliente.example>` } : {}),
            }),
      };
      return { envelope: { from, to: ["suporte@loja.example"] }, raw: await new MailComposer(mail).compile().build() };
    }),
  );
  const started = Date.now();
  const cpuBefore = { server: cpuMs(child.pid ?? 0), postgres: postgresCpuMs() };
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let i = next++; i < MAILS; i = next++) await transport.sendMail(mails[i] ?? {});
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const cpuPerMessage = (ms: number) => (ms / MAILS).toFixed(2);
  const cpu = { server: cpuPerMessage(cpuMs(child.pid ?? 0) - cpuBefore.server), postgres: cpuPerMessage(postgresCpuMs() - cpuBefore.postgres) };
  clearInterval(sampler);
  const proberDone = new Promise((r) => prober.once("exit", r));
  prober.kill("SIGTERM");
  await proberDone;
  const healthz = probed.split("\n").filter(Boolean).map(Number).sort((a, b) => a - b);
  const pct = (p: number) => (healthz[Math.min(healthz.length - 1, Math.floor(healthz.length * p))] ?? 0).toFixed(1);
  log(`SMTP inbound: ${String(MAILS)} messages of ~${String(Math.round(filler.length / 1024))} KB over ${String(SENDERS)} connections in ${seconds.toFixed(1)} s = ${(MAILS / seconds).toFixed(0)} messages/s; CPU per message: server ${cpu.server} ms (its parser threads included), PostgreSQL ${cpu.postgres} ms (the search indexer's share included)`);
  log(`/healthz while receiving: ${String(healthz.length)} checks, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const stored = await client.query<{ messages: string; conversations: string }>(
    "SELECT (SELECT count(*) FROM message WHERE external_id IS NOT NULL) AS messages, (SELECT count(*) FROM conversation) AS conversations",
  );
  await client.end();
  const search = await fetch(`${base}/api/v1/search?type=messages&q=${encodeURIComponent(`Mensagem ${String(MAILS - 1)}`)}`, { headers: { cookie } });
  const found = ((await search.json()) as { items: unknown[] }).items.length; // our own API's search answer
  // Messages are indexed for search after they commit (search reads the rest on the fly): how long until all are.
  const indexing = async () =>
    ((await (await fetch(`${base}/readyz?detail=1`)).json()) as { searchIndexing: { waiting: number } }).searchIndexing.waiting; // our own readyz answer
  const waitingAtEnd = await indexing();
  while ((await indexing()) > 0) await new Promise((r) => setTimeout(r, 250));
  log(`search index: ${String(waitingAtEnd)} messages waiting when the last was stored, all indexed ${((Date.now() - started) / 1000 - seconds).toFixed(1)} s after it`);
  const idleRss = rssMb(child.pid ?? 0);
  let bigRss = idleRss;
  const bigSampler = setInterval(() => (bigRss = Math.max(bigRss, rssMb(child.pid ?? 0))), 100);
  const bigStarted = Date.now();
  const file = Buffer.alloc(BIG_BYTES, "Atende 25 MiB attachment benchmark. ");
  let nextBig = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let i = nextBig++; i < BIG_MAILS; i = nextBig++) {
        await transport.sendMail({
          from: "Cliente <grande@cliente.example>",
          to: "suporte@loja.example",
          subject: `Arquivo grande ${String(i)}`,
          text: "Segue o arquivo.",
          attachments: [{ filename: `grande-${String(i)}.bin`, content: file }],
        });
      }
    }),
  );
  clearInterval(bigSampler);
  log(`25 MiB attachments: ${String(BIG_MAILS)} messages over 3 connections in ${((Date.now() - bigStarted) / 1000).toFixed(1)} s; server RSS ${String(idleRss)} MB before, ${String(bigRss)} MB at most while receiving`);
  log(`stored ${stored.rows[0]?.messages ?? "?"} messages in ${stored.rows[0]?.conversations ?? "?"} conversations (expected ${String(MAILS)} in ${String(MAILS - Math.floor((MAILS - 40) / 5))}); last message found by search: ${found > 0 ? "yes" : "no"}; server RSS max ${String(maxRss)} MB`);
  transport.close();
} finally {
  child.kill("SIGTERM");
}
