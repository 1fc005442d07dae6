import { createServer, type AddressInfo } from "node:net";
import { ImapFlow } from "imapflow";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDto } from "@atende/shared";
import { conversations, emailChannels, messages } from "../../db/schema/index.js";
import { startDovecot, type DovecotServer } from "../../test/dovecot.js";
import { useSignedInAdmin } from "../../test/test-app.js";
import { until } from "../../test/until.js";
import { startImapImport, type ImapImport } from "./imap-import.js";

const env = useSignedInAdmin();
let dovecot: DovecotServer;
let imap: ImapFlow;

beforeAll(async () => {
  dovecot = await startDovecot();
  imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await imap.connect();
});
afterAll(async () => {
  await imap.logout();
  await dovecot.stop();
});

let sequence = 0;

/** Puts a message into the company's mailbox, as their mail server would on delivery. */
async function deliver(mailbox: string, opts: { messageId?: string; subject?: string; body?: string } = {}): Promise<string> {
  const messageId = opts.messageId ?? `imap-${String(++sequence)}-${String(Date.now())}@cliente.example`;
  const raw = [
    "From: Pavel Novák <pavel@zakaznik.example>",
    "To: podpora@firma.example",
    `Subject: ${opts.subject ?? `Dotaz ${String(sequence)}`}`,
    `Message-ID: <${messageId}>`,
    "Date: Mon, 23 Nov 2026 10:00:00 +0100",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    opts.body ?? `Dobrý den, zpráva číslo ${String(sequence)}.`,
    "",
  ].join("\r\n");
  await imap.append(mailbox, raw);
  return messageId;
}

async function createInbox(mailbox: string, password = dovecot.password): Promise<InboxDto> {
  await imap.mailboxCreate(mailbox).catch(() => undefined); // INBOX exists already
  const res = await env.admin.request({
    method: "POST",
    url: "/api/v1/inboxes",
    payload: {
      name: `IMAP ${mailbox}`,
      channel: "email",
      address: `${mailbox.toLowerCase()}@firma.example`,
      imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password, mailbox },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<InboxDto>();
}

function importer(): ImapImport {
  return startImapImport(env.t.runtime, { scanMs: 200, leaseMs: 5_000, pollMs: 60_000, maxBytes: 1024 * 1024, log: env.t.app.log });
}

/** The Message-IDs stored for an inbox, one per stored message. */
async function storedIds(inbox: InboxDto): Promise<string[]> {
  const rows = await env.t.runtime.db
    .select({ id: messages.externalId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(conversations.inboxId, inbox.id), eq(messages.direction, "incoming")));
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}

async function progress(inbox: InboxDto) {
  const [row] = await env.t.runtime.db
    .select({ uidValidity: emailChannels.imapUidValidity, lastUid: emailChannels.imapLastUid, owner: emailChannels.imapLeaseOwner })
    .from(emailChannels)
    .where(eq(emailChannels.inboxId, inbox.id));
  return row;
}

describe("importing mail over IMAP from a real Dovecot", () => {
  it("imports what the mailbox holds, then new mail as it arrives (IDLE), remembering UIDVALIDITY and UID", async () => {
    const inbox = await createInbox("Podpora");
    const first = [await deliver("Podpora"), await deliver("Podpora")];
    const running = importer();
    try {
      expect((await until(() => storedIds(inbox), (ids) => ids.length >= 2)).sort()).toEqual([...first].sort());
      const arrivedAt = Date.now();
      const later = await deliver("Podpora", { subject: "Faktura", body: "Posílám fakturu." });
      const ids = await until(() => storedIds(inbox), (found) => found.includes(later), 20_000);
      expect(ids).toContain(later);
      expect(Date.now() - arrivedAt).toBeLessThan(20_000); // IDLE, not the one-minute poll
      expect(await progress(inbox)).toMatchObject({ lastUid: 3, uidValidity: expect.any(Number) as number });
      const listed = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
      const faktura = listed.json<{ items: { subject: string | null; contact: { email: string | null } }[] }>().items.find((c) => c.subject === "Faktura");
      expect(faktura?.contact.email).toBe("pavel@zakaznik.example");
    } finally {
      await running.close();
    }
    expect((await progress(inbox))?.owner).toBeNull(); // released for another process at once
  });

  it("stops mid-import and resumes after a restart: nothing twice, nothing missed", async () => {
    const inbox = await createInbox("Restart");
    const sent: string[] = [];
    for (let i = 0; i < 40; i++) sent.push(await deliver("Restart"));
    const first = importer();
    await until(() => storedIds(inbox), (ids) => ids.length >= 5);
    await first.close(); // as a process stopping while importing
    const partial = await storedIds(inbox);
    expect(partial.length).toBeGreaterThanOrEqual(5);
    sent.push(await deliver("Restart")); // mail keeps arriving while Atende is down
    const second = importer();
    try {
      const ids = await until(() => storedIds(inbox), (found) => found.length >= sent.length);
      expect(ids.length).toBe(sent.length);
      expect(new Set(ids)).toEqual(new Set(sent));
      expect((await progress(inbox))?.lastUid).toBe(sent.length);
    } finally {
      await second.close();
    }
  });

  it("stores the same Message-ID once, and a re-created mailbox (new UIDVALIDITY) brings in only what is new", async () => {
    const inbox = await createInbox("Recreated");
    const once = await deliver("Recreated");
    await deliver("Recreated", { messageId: once }); // delivered twice by the company's server
    const running = importer();
    try {
      await until(() => progress(inbox), (p) => p?.lastUid === 2);
      expect(await storedIds(inbox)).toEqual([once]);
      const before = (await progress(inbox))?.uidValidity;
      await imap.mailboxDelete("Recreated");
      await imap.mailboxCreate("Recreated");
      await deliver("Recreated", { messageId: once });
      const fresh = await deliver("Recreated");
      await running.close();
      const again = importer();
      try {
        const ids = await until(() => storedIds(inbox), (found) => found.includes(fresh));
        expect(ids.sort()).toEqual([once, fresh].sort());
        const after = await progress(inbox);
        expect(after?.uidValidity).not.toBe(before);
        expect(after?.lastUid).toBe(2);
      } finally {
        await again.close();
      }
    } finally {
      await running.close();
    }
  });

  it("has one process read a mailbox when several run, and another take over when it stops", async () => {
    const inbox = await createInbox("Shared");
    const sent: string[] = [];
    for (let i = 0; i < 15; i++) sent.push(await deliver("Shared"));
    const nodeA = importer();
    const nodeB = importer();
    try {
      await until(() => storedIds(inbox), (ids) => ids.length >= sent.length);
      const owner = (await progress(inbox))?.owner;
      expect([nodeA.owner, nodeB.owner]).toContain(owner);
      const [reading, other] = owner === nodeA.owner ? [nodeA, nodeB] : [nodeB, nodeA];
      await reading.close(); // that process stops: the other one takes the mailbox over
      sent.push(await deliver("Shared"));
      expect((await until(() => progress(inbox), (p) => p?.owner === other.owner))?.owner).toBe(other.owner);
      const ids = await until(() => storedIds(inbox), (found) => found.length >= sent.length, 20_000);
      expect(ids.sort()).toEqual([...sent].sort()); // each once: never two readers at the same time
    } finally {
      await nodeA.close();
      await nodeB.close();
    }
  });

  it("says only that a server could not be reached, never how the connection failed", async () => {
    const res = await env.admin.request({
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { name: "IMAP fechado", channel: "email", address: "fechado@firma.example", imap: { host: "127.0.0.1", port: 1, secure: false, user: "x", password: "y" } },
    });
    const inbox = res.json<InboxDto>();
    const running = importer();
    try {
      const shown = await until(
        async () => (await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>(),
        (i) => Boolean(i.imap?.error),
      );
      expect(shown.imap).toMatchObject({ failure: "unreachable", error: "Could not reach the IMAP server 127.0.0.1:1; check its address, port and TLS." });
    } finally {
      await running.close();
    }
  });

  it("shows the server's reason on the inbox when it cannot sign in, and clears it once settings work", async () => {
    const inbox = await createInbox("Wrong", "not-the-password");
    const running = importer();
    try {
      const shown = await until(
        async () => (await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>(),
        (i) => Boolean(i.imap?.error),
      );
      // Dovecot's own answer, as it gave it; a client says the rest in its words.
      expect(shown.imap).toMatchObject({ failure: "refused", error: expect.stringMatching(/auth/i) as string });
      const fixed = await env.admin.request({
        method: "PATCH",
        url: `/api/v1/inboxes/${inbox.id}`,
        payload: { imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password, mailbox: "Wrong" } },
      });
      expect(fixed.statusCode).toBe(200);
      const waiting = await deliver("Wrong");
      expect(await until(() => storedIds(inbox), (ids) => ids.includes(waiting))).toContain(waiting);
      const healed = await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` });
      expect(healed.json<InboxDto>().imap).toMatchObject({ error: null, failure: null, hasPassword: true, mailbox: "Wrong" });
    } finally {
      await running.close();
    }
  });

  /** An IMAP server that signs in and opens the mailbox, then answers as `odd` says: no valid UIDVALIDITY, or hangs up at the next command. */
  async function oddServer(odd: "uidvalidity" | "hangup") {
    const logins: number[] = [];
    const server = createServer((socket) => {
      socket.write("* OK [CAPABILITY IMAP4rev1] ready\r\n");
      let buffered = "";
      let opened = false;
      socket.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        for (let end = buffered.indexOf("\r\n"); end >= 0; end = buffered.indexOf("\r\n")) {
          const [tag = "*", command = ""] = buffered.slice(0, end).split(" ");
          buffered = buffered.slice(end + 2);
          const verb = command.toUpperCase();
          if (opened && odd === "hangup") {
            socket.destroy();
            return;
          }
          if (verb === "EXAMINE" || verb === "SELECT") opened = true;
          if (verb === "LOGIN") logins.push(Date.now());
          if (verb === "CAPABILITY") socket.write("* CAPABILITY IMAP4rev1\r\n");
          if (verb === "EXAMINE" || verb === "SELECT") socket.write(`* 0 EXISTS\r\n* OK [UIDVALIDITY ${odd === "uidvalidity" ? "-5" : "7"}] v\r\n* OK [UIDNEXT 1] n\r\n`);
          if (verb === "LOGOUT") socket.write("* BYE\r\n");
          socket.write(`${tag} OK done\r\n`);
        }
      });
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const inbox = (
      await env.admin.request({
        method: "POST",
        url: "/api/v1/inboxes",
        payload: { name: `IMAP ${odd}`, channel: "email", address: `${odd}@firma.example`, imap: { host: "127.0.0.1", port: (server.address() as AddressInfo).port, secure: false, user: "x", password: "y" } },
      })
    ).json<InboxDto>();
    const shown = () => until(async () => (await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>(), (i) => Boolean(i.imap?.error), 20_000);
    return { logins, shown, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("shows a mailbox with no valid UIDVALIDITY as the server's bad answer", async () => {
    const odd = await oddServer("uidvalidity");
    const running = importer();
    try {
      expect((await odd.shown()).imap).toMatchObject({ failure: "bad_answer", error: expect.stringMatching(/no valid UIDVALIDITY/) as string });
    } finally {
      await running.close();
      await odd.close();
    }
  });

  it("backs off from sessions that fail soon after opening, and shows why, rather than reconnect every two seconds unseen", async () => {
    const odd = await oddServer("hangup");
    const running = importer();
    try {
      const shown = await odd.shown(); // after the third short session: 0 s, 2 s, 7 s
      expect(shown.imap).toMatchObject({ failure: "unreachable" });
      expect(odd.logins.length).toBeLessThanOrEqual(3);
    } finally {
      await running.close();
      await odd.close();
    }
  });
});
