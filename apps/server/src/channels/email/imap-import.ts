import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { and, eq, isNotNull, lt, or, isNull, sql } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { passwordNeedsStartTls } from "../../lib/password-tls.js";
import { allowedNetworks, mailServerAddress } from "../../lib/private-networks.js";
import type { MailFailure } from "@atende/shared";
import { emailChannels } from "../../db/schema/index.js";
import { createSecretBox } from "../../lib/secret-box.js";
import type { Runtime } from "../../core/context.js";
import { findChannel, receiveEmail } from "./inbound.js";
import { mailFailure } from "./mail-failure.js";

type Mailbox = {
  id: string;
  workspaceId: string;
  inboxId: string;
  address: string;
  server: NonNullable<typeof emailChannels.$inferSelect.imap>;
  password: string | null;
};

export type ImapImportOptions = {
  /** How often the mailboxes to read are looked for, and leases renewed. */
  scanMs: number;
  /** How long a process may read a mailbox without renewing its claim. */
  leaseMs: number;
  /** A new-mail check even while IDLE, for servers whose IDLE goes quiet. */
  pollMs: number;
  maxBytes: number;
  log: FastifyBaseLogger;
};

/** `owner` names this process in the mailboxes' leases. */
export type ImapImport = { owner: string; close: () => Promise<void> };

const BACKOFF_MS = [2_000, 5_000, 15_000, 60_000, 300_000];
/** How long a session must stay open to count as working, and after how many shorter ones that failed the failure is shown. */
const STABLE_SESSION_MS = 60_000;
const SHORT_SESSIONS_SHOWN = 3;

/** The IMAP server answered something no mailbox has (`bad_answer`). */
class ImapAnswerError extends Error {}

/**
 * Imports the mail of every e-mail inbox that has an IMAP mailbox. Each mailbox is read by one
 * process at a time (a lease on its row, renewed while reading, taken over when it runs out), kept
 * open with IDLE for near-instant arrival and checked every `pollMs` as a fallback. What has been
 * imported is remembered as UIDVALIDITY + last UID, updated in the transaction that stores each
 * message, so a restart imports nothing twice and misses nothing; a changed UIDVALIDITY starts the
 * mailbox over, and Message-ID de-duplication keeps what was already stored from coming in again.
 * The mailbox is opened read-only: nothing is marked, moved or deleted on the company's server.
 */
export function startImapImport(runtime: Runtime, opts: ImapImportOptions): ImapImport {
  const owner = randomUUID();
  const log = opts.log.child({ module: "imap" });
  const readers = new Map<string, MailboxReader>();
  let closed = false;

  async function scan(): Promise<void> {
    // Read on every scan: under `auto` a second workspace closes the private networks, and a reader
    // opened before must then stop, its mailbox read again only through a connection checked anew.
    const rule = (await allowedNetworks(runtime.db, runtime.config.privateNetworks)) === "all" ? "all" : "listed";
    const now = new Date();
    const until = new Date(now.getTime() + opts.leaseMs);
    // Claims every mailbox that is free, already ours, or whose reader stopped renewing.
    const claimed = await runtime.db
      .update(emailChannels)
      .set({ imapLeaseOwner: owner, imapLeaseUntil: until })
      .where(
        and(
          isNotNull(emailChannels.imap),
          isNotNull(emailChannels.verifiedAt), // an address not proven yet receives nothing, by IMAP neither
          or(isNull(emailChannels.imapLeaseOwner), eq(emailChannels.imapLeaseOwner, owner), lt(emailChannels.imapLeaseUntil, now)),
        ),
      )
      .returning({
        id: emailChannels.id,
        workspaceId: emailChannels.workspaceId,
        inboxId: emailChannels.inboxId,
        address: emailChannels.address,
        server: emailChannels.imap,
        password: emailChannels.imapPassword,
      });
    const current = new Set<string>();
    for (const row of claimed) {
      if (!row.server || closed) continue;
      const mailbox = { ...row, server: row.server };
      const key = `${row.id}:${rule}:${JSON.stringify(row.server)}:${row.password ?? ""}`; // new settings or rule: a new reader
      current.add(key);
      if (!readers.has(key)) readers.set(key, new MailboxReader(runtime, mailbox, owner, opts, log));
    }
    for (const [key, reader] of readers) {
      if (!current.has(key)) {
        readers.delete(key);
        await reader.stop();
      }
    }
  }

  let scanning = Promise.resolve();
  const tick = () => {
    scanning = scanning.then(scan).catch((err: unknown) => {
      log.warn({ err }, "looking for IMAP mailboxes failed");
    });
  };
  tick();
  const timer = setInterval(tick, opts.scanMs);
  timer.unref();

  return {
    owner,
    close: async () => {
      closed = true;
      clearInterval(timer);
      await scanning;
      await Promise.all([...readers.values()].map((r) => r.stop()));
      readers.clear();
      // Free the mailboxes at once so another process need not wait for the lease to run out.
      await runtime.db
        .update(emailChannels)
        .set({ imapLeaseOwner: null, imapLeaseUntil: null })
        .where(eq(emailChannels.imapLeaseOwner, owner))
        .catch((err: unknown) => {
          log.warn({ err }, "could not release the IMAP mailboxes");
        });
    },
  };
}

/**
 * Why a mailbox could not be read, as its inbox's settings show it (`mailFailure`): the IMAP
 * server's answer is the text of its NO or BAD.
 */
function importFailure(err: unknown, server: { host: string; port: number }): { imapFailure: MailFailure; imapError: string } {
  if (err instanceof ImapAnswerError) return { imapFailure: "bad_answer", imapError: err.message };
  const answered = err instanceof Error && "responseStatus" in err && (err.responseStatus === "NO" || err.responseStatus === "BAD");
  const answer = answered ? ("responseText" in err && typeof err.responseText === "string" ? err.responseText : err.message) : null;
  const { failure, text } = mailFailure(err, answer, `Could not reach the IMAP server ${server.host}:${String(server.port)}; check its address, port and TLS.`);
  return { imapFailure: failure, imapError: text };
}

/** One mailbox's connection: connect, import what is new, IDLE, and reconnect with backoff on failure. */
class MailboxReader {
  private client: ImapFlow | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly runtime: Runtime,
    private readonly mailbox: Mailbox,
    private readonly owner: string,
    private readonly opts: ImapImportOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.client?.close();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const opened = { at: 0 };
      const stable = () => opened.at > 0 && Date.now() - opened.at >= STABLE_SESSION_MS;
      try {
        await this.session(() => {
          opened.at = Date.now();
        });
      } catch (err) {
        if (this.isStopped()) break;
        this.log.warn({ err, inboxId: this.mailbox.inboxId }, "IMAP import failed; retrying");
        // What the settings show is why Atende could not connect and open the mailbox, or why sessions
        // keep ending soon after they open. One that ended after a while, as idle connections do, is
        // in the log only; the next connection says again if it fails.
        if (!opened.at || (failures >= SHORT_SESSIONS_SHOWN - 1 && !stable())) await this.recordError(importFailure(err, this.mailbox.server));
      }
      if (this.isStopped()) break;
      // Only a session that stayed open a while starts the backoff over: one that fails soon after
      // opening, again and again, is retried as slowly as one that cannot connect.
      if (stable()) failures = 0;
      await this.sleep(BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 300_000);
      failures += 1;
    }
  }

  /** Asked from inside loops that await: stop() may have run meanwhile. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async recordError(failed: { imapFailure: MailFailure; imapError: string } | null): Promise<void> {
    await this.runtime.db
      .update(emailChannels)
      .set(failed ?? { imapFailure: null, imapError: null })
      .where(and(eq(emailChannels.workspaceId, this.mailbox.workspaceId), eq(emailChannels.id, this.mailbox.id)))
      .catch(() => undefined); // the database being away is why we are here, often
  }

  /** One connection's life: resolves when the connection closes, rejects when it fails. */
  private async session(connected: () => void): Promise<void> {
    const { server } = this.mailbox;
    const { secretKey, privateNetworks } = this.runtime.config;
    const target = await mailServerAddress(server.host, await allowedNetworks(this.runtime.db, privateNetworks));
    const password = this.mailbox.password && secretKey ? createSecretBox(secretKey).open(this.mailbox.password) : "";
    const client = new ImapFlow({
      host: target.host,
      ...(target.servername ? { servername: target.servername } : {}),
      port: server.port,
      secure: server.secure,
      auth: { user: server.user ?? "", pass: password },
      ...(passwordNeedsStartTls(server, true) ? { doSTARTTLS: true } : {}),
      logger: false,
      connectionTimeout: 15_000,
      autoIdleDelay: 1_000, // IDLE a second after the last command, not imapflow's fifteen

    });
    this.client = client;
    const closedOrFailed = new Promise<void>((resolve, reject) => {
      client.once("close", () => {
        resolve();
      });
      client.on("error", reject);
    });
    closedOrFailed.catch(() => undefined); // awaited below; a failure before then is not unhandled
    try {
      await client.connect();
      const opened = await client.mailboxOpen(server.mailbox, { readOnly: true });
      const uidValidity = Number(opened.uidValidity);
      if (!Number.isSafeInteger(uidValidity) || uidValidity <= 0 || uidValidity > 4_294_967_295) {
        throw new ImapAnswerError("The IMAP server gave the mailbox no valid UIDVALIDITY (RFC 9051: a number from 1 to 4294967295), so Atende cannot tell which messages it imported already.");
      }
      connected();
      // Cleared once a pass has worked, not on opening: a session that fails soon after, again and
      // again, keeps showing why.
      let importing = this.importNew(client, uidValidity).then(() => this.recordError(null));
      const check = () => {
        importing = importing.then(() => this.importNew(client, uidValidity));
        importing.catch(() => {
          client.close(); // the session ends; run() records the failure and reconnects
        });
      };
      client.on("exists", check);
      const poll = setInterval(check, this.opts.pollMs);
      try {
        await importing;
        await closedOrFailed;
        await importing;
      } finally {
        clearInterval(poll);
      }
    } finally {
      this.client = null;
      client.close();
    }
    if (!this.stopped) throw new Error("the IMAP server closed the connection");
  }

  /** Stores every message above the last imported UID, in UID order, each with its progress. */
  private async importNew(client: ImapFlow, uidValidity: number): Promise<void> {
    const { db } = this.runtime;
    const [state] = await db
      .select({ uidValidity: emailChannels.imapUidValidity, lastUid: emailChannels.imapLastUid })
      .from(emailChannels)
      .where(and(eq(emailChannels.workspaceId, this.mailbox.workspaceId), eq(emailChannels.id, this.mailbox.id)));
    if (!state) return; // the inbox was deleted
    let lastUid = state.lastUid;
    if (state.uidValidity !== uidValidity) {
      // A new mailbox as far as UIDs go: read it from the start; de-duplication by Message-ID holds.
      await db.update(emailChannels).set({ imapUidValidity: uidValidity, imapLastUid: 0 }).where(and(eq(emailChannels.workspaceId, this.mailbox.workspaceId), eq(emailChannels.id, this.mailbox.id)));
      lastUid = 0;
    }
    const found = await client.search({ uid: `${String(lastUid + 1)}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b); // `n:*` always names the last message
    const channel = await findChannel(db, this.mailbox.address);
    if (!channel) return; // the inbox was deleted
    for (const uid of uids) {
      if (this.stopped) return;
      const progress = sql`${emailChannels.imapLastUid}`;
      const advance = { imapLastUid: sql`greatest(${progress}, ${uid})` };
      // Only while this process holds the mailbox: one that lost its lease (stalled past it) stores nothing more.
      const where = and(
        eq(emailChannels.workspaceId, this.mailbox.workspaceId),
        eq(emailChannels.id, this.mailbox.id),
        eq(emailChannels.imapUidValidity, uidValidity),
        eq(emailChannels.imapLeaseOwner, this.owner),
      );
      const download = await client.download(String(uid), undefined, { uid: true });
      if (!download.content) continue; // expunged meanwhile
      const received = await receiveEmail(this.runtime, [channel], download.content, {
        maxBytes: this.opts.maxBytes,
        alsoInTx: async (ctx) => {
          const held = await ctx.tx.update(emailChannels).set(advance).where(where).returning({ id: emailChannels.id });
          if (held.length === 0) throw new Error("this process no longer holds the mailbox (its lease ran out)");
        },
      });
      if (!received) {
        this.log.warn({ inboxId: this.mailbox.inboxId, uid }, "an IMAP message is larger than ATENDE_SMTP_MAX_BYTES; left on the server");
        await db.update(emailChannels).set(advance).where(where);
      }
    }
  }
}
