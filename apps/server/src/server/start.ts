import type { FastifyBaseLogger } from "fastify";
import { buildApp } from "../app.js";
import type { Config } from "../config.js";
import { ensureFirstWorkspace } from "../modules/bootstrap/first-start.js";
import { openStore } from "./store.js";
import { withSecretKey } from "./secret-key.js";
import { startSmtpListener, type SmtpListener } from "../channels/email/smtp-listener.js";
import { startImapImport } from "../channels/email/imap-import.js";
import type { Runtime } from "../core/context.js";
import { closeModules } from "../core/module.js";
import { startRuntime, startWorkers } from "./runtime.js";

/** Receiving mail: the SMTP listener (a port that cannot be opened turns it off with a warning) and the IMAP import. */
async function startMail(runtime: Runtime, config: Config, log: FastifyBaseLogger): Promise<{ close: () => Promise<void> }> {
  const imap = startImapImport(runtime, { scanMs: 10_000, leaseMs: 60_000, pollMs: 60_000, maxBytes: config.smtp.maxBytes, log });
  let smtp: SmtpListener | null = null;
  try {
    smtp = await startSmtpListener(runtime, { ...config.smtp, host: config.host, log });
    log.info({ port: smtp.port, starttls: config.smtp.tls !== null }, "receiving e-mail over SMTP");
  } catch (err) {
    log.warn({ err, port: config.smtp.port }, "could not open the SMTP port; receiving e-mail over SMTP is off (set ATENDE_SMTP_PORT)");
  }
  return {
    close: async () => {
      await smtp?.close();
      await imap.close();
    },
  };
}

/** Whether a URL's host name is this machine. */
const isLoopback = (hostname: string) => hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);

export type Running = { url: string | null; stop: () => Promise<void> };

/** Starts Atende with the roles in `config.roles`: migrations, first-start set-up, jobs, then HTTP. */
export async function startServer(
  settings: Config,
  log: FastifyBaseLogger,
  out: (line: string) => void,
): Promise<Running> {
  const store = await openStore(settings, log);
  const config = withSecretKey(settings);
  const runtime = await startRuntime(config, store.handle, log);
  // The server's host and port only: the URL may hold a password.
  if (config.systemMail) {
    const { host, port, secure } = config.systemMail.smtp;
    log.info({ host, port, secure }, "Atende's own mail (password reset links) goes out through ATENDE_SYSTEM_SMTP_URL");
  } else log.info("password reset by e-mail is off: set ATENDE_SYSTEM_SMTP_URL and ATENDE_PUBLIC_URL to turn it on");
  if (config.llm) {
    const { protocol, hostname } = new URL(config.llm.url);
    log.info({ model: config.llm.model, host: hostname }, "the virtual attendant's answers are phrased by the language model at ATENDE_LLM_URL");
    if (config.llm.apiKey && protocol === "http:" && !isLoopback(hostname))
      log.warn({ host: hostname }, "ATENDE_LLM_URL is http:// to another machine: ATENDE_LLM_API_KEY crosses the network unencrypted; use https://");
  }
  const first = await ensureFirstWorkspace(runtime, config, config.demo);
  if (first) {
    out(`Created workspace "${first.workspace}" with admin ${first.email}.`);
    if (first.generatedPassword) out(`Admin password (shown once, change it after signing in): ${first.generatedPassword}`);
  }
  const stopWorkers = config.roles.includes("worker") ? await startWorkers(runtime, log) : null;
  const mail = config.roles.includes("mail") ? await startMail(runtime, config, log) : null;
  const app = config.roles.includes("web") ? await buildApp(runtime, store.handle, log) : null;
  const url = app ? await app.listen({ port: config.port, host: config.host }) : null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      stopWorkers?.();
      await app?.close();
      await mail?.close();
      await closeModules(runtime);
      await runtime.jobs.stop();
      await runtime.bus.close();
      await store.close();
    })());
  return { url, stop };
}
