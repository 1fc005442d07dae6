import { ImapFlow } from "imapflow";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDto } from "@atende/shared";
import { conversations, emailChannels, messages } from "../../db/schema/index.js";
import { startDnsServer, type DnsServer } from "../../test/dns-server.js";
import { startDovecot, type DovecotServer } from "../../test/dovecot.js";
import { buildTestApp, newWorkspace, type AgentClient, type TestApp } from "../../test/test-app.js";
import { startImapImport, type ImapImport } from "./imap-import.js";

let t: TestApp;
let dns: DnsServer;
let dovecot: DovecotServer;
let imap: ImapFlow;
let owner: AgentClient; // the company whose addresses these are
let claimant: AgentClient; // another workspace of the installation

beforeAll(async () => {
  dns = await startDnsServer();
  dovecot = await startDovecot();
  imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await imap.connect();
  t = await buildTestApp({ ATENDE_DNS_SERVERS: dns.address });
  // Two workspaces: an address must be proven before mail is taken for it.
  owner = await newWorkspace(t, "Firma Vlastník");
  claimant = await newWorkspace(t, "Někdo Jiný");
});
afterAll(async () => {
  await imap.logout();
  await t.close();
  await dovecot.stop();
  await dns.close();
});

let sequence = 0;

/** Puts a message into a mailbox of the company's server, as delivery would; returns its Message-ID. */
async function deliver(mailbox: string, to: string): Promise<string> {
  const messageId = `proof-${String(++sequence)}-${String(Date.now())}@zakaznik.example`;
  const raw = [
    "From: Pavel Novák <pavel@zakaznik.example>",
    `To: ${to}`,
    `Subject: Dotaz ${String(sequence)}`,
    `Message-ID: <${messageId}>`,
    "Date: Mon, 23 Nov 2026 10:00:00 +0100",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Dobrý den, zpráva číslo ${String(sequence)}.`,
    "",
  ].join("\r\n");
  await imap.append(mailbox, raw);
  return messageId;
}

/** An e-mail inbox reading `mailbox` of the test's Dovecot, or without IMAP when `mailbox` is null. */
async function createInbox(client: AgentClient, address: string, mailbox: string | null): Promise<InboxDto> {
  if (mailbox) await imap.mailboxCreate(mailbox).catch(() => undefined);
  const res = await client.request({
    method: "POST",
    url: "/api/v1/inboxes",
    payload: {
      name: address,
      channel: "email",
      address,
      ...(mailbox ? { imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password, mailbox } } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<InboxDto>();
}

/** Proves the inbox's domain with a DNS TXT record, as its owner would. */
async function proveByDns(client: AgentClient, inbox: InboxDto): Promise<void> {
  const started = await client.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof`, payload: { method: "dns" } });
  const record = started.json<InboxDto>().addressProof?.dnsRecord;
  if (!record) throw new Error(`no DNS record to publish: ${started.body}`);
  dns.txt.set(record.name, [record.value]);
  const proven = await client.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof/confirm`, payload: { method: "dns" } });
  expect(proven.json<InboxDto>().addressProof?.status, proven.body).toBe("verified");
}

function importer(): ImapImport {
  return startImapImport(t.runtime, { scanMs: 200, leaseMs: 5_000, pollMs: 1_000, maxBytes: 1024 * 1024, log: t.app.log });
}

/** The Message-IDs of the mail stored for an inbox. */
async function storedIds(inbox: InboxDto): Promise<string[]> {
  const rows = await t.runtime.db
    .select({ id: messages.externalId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(conversations.inboxId, inbox.id), eq(messages.direction, "incoming")));
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}

/** Where a Message-ID was stored, in any inbox of any workspace. */
async function storedAnywhere(messageId: string): Promise<string[]> {
  const rows = await t.runtime.db.select({ workspaceId: messages.workspaceId }).from(messages).where(eq(messages.externalId, messageId));
  return rows.map((r) => r.workspaceId);
}

async function mailboxState(inbox: InboxDto) {
  const [row] = await t.runtime.db
    .select({ lastUid: emailChannels.imapLastUid, owner: emailChannels.imapLeaseOwner })
    .from(emailChannels)
    .where(eq(emailChannels.inboxId, inbox.id));
  return row;
}

const WAIT = { timeout: 15_000, interval: 100 };

describe("importing over IMAP in an installation of several workspaces", () => {
  it("imports nothing into an inbox whose address is not proven, and starts once it is", async () => {
    const proven = await createInbox(owner, "podpora@overena.example", "Overena");
    await proveByDns(owner, proven);
    const waiting = await createInbox(owner, "obchod@ceka.example", "Ceka");
    expect(waiting.addressProof?.status).toBe("unverified");
    const early = await deliver("Ceka", "obchod@ceka.example");
    const control = await deliver("Overena", "podpora@overena.example");
    const running = importer();
    try {
      // The proven inbox's mail arrives: the importer ran, and passed the unproven one by.
      await expect.poll(() => storedIds(proven), WAIT).toContain(control);
      expect(await storedIds(waiting)).toEqual([]);
      expect(await storedAnywhere(early)).toEqual([]);
      expect(await mailboxState(waiting)).toMatchObject({ owner: null }); // never even read
      await proveByDns(owner, waiting);
      await expect.poll(() => storedIds(waiting), WAIT).toEqual([early]);
    } finally {
      await running.close();
    }
  });

  it("never imports another workspace's mailbox for an address the owner proved, into either workspace", async () => {
    // Someone else claims the address first, with their own mailbox; the owner claims and proves it after.
    const claim = await createInbox(claimant, "faktury@sporna.example", "Sporna");
    expect(claim.addressProof?.status).toBe("unverified");
    const ownersInbox = await createInbox(owner, "faktury@sporna.example", null);
    await proveByDns(owner, ownersInbox);
    const proven = await createInbox(owner, "kontrola@kontrola.example", "Kontrola");
    await proveByDns(owner, proven);
    const smuggled = await deliver("Sporna", "faktury@sporna.example");
    const control = await deliver("Kontrola", "kontrola@kontrola.example");
    const running = importer();
    try {
      await expect.poll(() => storedIds(proven), WAIT).toContain(control);
      expect(await storedAnywhere(smuggled)).toEqual([]);
      expect(await storedIds(ownersInbox)).toEqual([]);
      expect(await storedIds(claim)).toEqual([]);
      expect(await mailboxState(claim)).toMatchObject({ owner: null });
      const listed = await claimant.request({ method: "GET", url: `/api/v1/inboxes/${claim.id}` });
      expect(listed.json<InboxDto>().addressProof?.status).toBe("unverified");
    } finally {
      await running.close();
    }
  });
});
