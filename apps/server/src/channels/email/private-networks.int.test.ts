import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { ImapFlow } from "imapflow";
import { startCompanyMailServer, type CompanyMailServer } from "../../test/company-mail-server.js";
import { startDovecot } from "../../test/dovecot.js";
import { buildTestApp, newWorkspace, type AgentClient, type TestApp } from "../../test/test-app.js";
import { until } from "../../test/until.js";
import { startImapImport } from "./imap-import.js";

type Problem = { errors: { path: string; code: string; message: string }[] };

let company: CompanyMailServer;
beforeAll(async () => {
  company = await startCompanyMailServer();
});
afterAll(() => company.close());

const mailInbox = (address: string, servers: { smtp?: object; imap?: object }) => ({
  method: "POST" as const,
  url: "/api/v1/inboxes",
  payload: { name: address, channel: "email", address, ...servers },
});

/** An agent's reply in a new conversation of the inbox, once its delivery is settled: sent, or failed with the reason. */
async function replyThrough(admin: AgentClient, inbox: InboxDto, body: string): Promise<MessageDto | undefined> {
  const created = await admin.request({
    method: "POST",
    url: "/api/v1/conversations",
    payload: { inboxId: inbox.id, contact: { email: "cliente@cliente.example" }, message: { body: "Olá", direction: "incoming" } },
  });
  const id = created.json<ConversationDto>().id;
  const posted = (await admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body } })).json<MessageDto>();
  const items = await until(
    async () => (await admin.request({ method: "GET", url: `/api/v1/conversations/${id}/messages` })).json<{ items: MessageDto[] }>().items,
    (all) => all.some((m) => m.id === posted.id && m.deliveryStatus !== "pending"),
  );
  return items.find((m) => m.id === posted.id);
}

const refusedHost = (res: LightMyRequestResponse, path: string) => {
  expect(res.statusCode).toBe(422);
  expect(res.json<Problem>().errors).toEqual([expect.objectContaining({ path, code: "private_network", message: expect.stringContaining("ATENDE_PRIVATE_NETWORKS") as string })]);
};

describe("mail servers on private networks, by default (ATENDE_PRIVATE_NETWORKS=auto)", () => {
  let t: TestApp;
  let first: AgentClient;
  beforeAll(async () => {
    t = await buildTestApp({ ATENDE_PRIVATE_NETWORKS: "auto" });
    first = await newWorkspace(t);
  });
  afterAll(() => t.close());

  it("lets the only workspace use a server on this machine, and keeps every workspace out once there are two: on saving, sending and reading", async () => {
    const inbox = (await first.request(mailInbox("suporte@loja.example", { smtp: company.smtp, imap: { host: "127.0.0.1", port: 1, secure: false, user: "suporte", password: "senha da caixa" } }))).json<InboxDto>();
    expect(inbox.smtp?.host).toBe("127.0.0.1");
    const sent = await replyThrough(first, inbox, "Enviada enquanto a instalação é só desta empresa.");
    expect(sent?.deliveryStatus).toBe("sent");
    expect(company.outbox.some((m) => m.text?.includes("só desta empresa"))).toBe(true);

    const second = await newWorkspace(t, "Another company");
    for (const host of ["127.0.0.1", "10.0.0.5", "169.254.169.254", "localhost", "::ffff:192.168.1.1", "0.0.0.0", "fd00::25"]) {
      refusedHost(await second.request(mailInbox("a@outra.example", { smtp: { host, port: 25, secure: false } })), "smtp.host");
    }
    refusedHost(await second.request(mailInbox("b@outra.example", { imap: { host: "192.168.0.10", port: 993, user: "x", password: "y" } })), "imap.host");
    refusedHost(await first.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { smtp: { host: "10.1.2.3", port: 25, secure: false } } }), "smtp.host");
    const inboxes = (await second.request({ method: "GET", url: "/api/v1/inboxes" })).json<InboxDto[]>();
    expect(inboxes).toEqual([]); // nothing half-written
    // A server on the public internet is still taken.
    expect((await second.request(mailInbox("c@outra.example", { smtp: { host: "8.8.8.8", port: 25, secure: false } }))).statusCode).toBe(201);

    // The inbox saved before is checked again where it connects: nothing reaches this machine's server.
    const before = company.outbox.length;
    const failed = await replyThrough(first, inbox, "Esta não deve sair.");
    expect(failed?.deliveryStatus).toBe("failed");
    expect(failed?.deliveryFailure).toBe("private_network");
    expect(failed?.deliveryError).toMatch(/^The mail server 127\.0\.0\.1 is on a private network.*ATENDE_PRIVATE_NETWORKS/);
    expect(company.outbox.length).toBe(before);

    const reading = startImapImport(t.runtime, { scanMs: 100, leaseMs: 5_000, pollMs: 60_000, maxBytes: 1024 * 1024, log: t.app.log });
    try {
      const shown = await until(
        async () => (await first.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>(),
        (i) => Boolean(i.imap?.error),
      );
      expect(shown.imap).toMatchObject({ failure: "private_network", error: expect.stringMatching(/^The mail server 127\.0\.0\.1 is on a private network/) as string });
    } finally {
      await reading.close();
    }
  });
});

describe("an IMAP session opened while private networks were allowed (ATENDE_PRIVATE_NETWORKS=auto)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ ATENDE_PRIVATE_NETWORKS: "auto" });
  });
  afterAll(() => t.close());

  it("ends when a second workspace closes them, and imports nothing more through it", async () => {
    const dovecot = await startDovecot();
    const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    const deliver = (subject: string) =>
      imap.append("INBOX", [`From: cliente@cliente.example`, "To: caixa@loja.example", `Subject: ${subject}`, `Message-ID: <${subject}@cliente.example>`, "", "Olá.", ""].join("\r\n"));
    const admin = await newWorkspace(t);
    const inbox = (
      await admin.request(mailInbox("caixa@loja.example", { imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password } }))
    ).json<InboxDto>();
    const subjects = async () =>
      (await admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` })).json<{ items: { subject: string | null }[] }>().items.map((c) => c.subject);
    const reading = startImapImport(t.runtime, { scanMs: 100, leaseMs: 5_000, pollMs: 60_000, maxBytes: 1024 * 1024, log: t.app.log });
    try {
      await deliver("antes");
      expect(await until(subjects, (found) => found.includes("antes"))).toContain("antes"); // the session is open, and idling

      await newWorkspace(t, "Another company");
      const shown = await until(
        async () => (await admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>(),
        (i) => i.imap?.failure === "private_network",
      );
      expect(shown.imap?.error).toMatch(/ATENDE_PRIVATE_NETWORKS/);
      await deliver("depois");
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // an idling session would have taken it within this
      expect(await subjects()).toEqual(["antes"]);
    } finally {
      await reading.close();
      await imap.logout();
      await dovecot.stop();
    }
  });
});

describe("mail servers on the networks an operator allows (ATENDE_PRIVATE_NETWORKS=127.0.0.1)", () => {
  let t: TestApp;
  let admin: AgentClient;
  beforeAll(async () => {
    t = await buildTestApp({ ATENDE_PRIVATE_NETWORKS: "127.0.0.1" });
    admin = await newWorkspace(t);
    await newWorkspace(t, "Another company");
  });
  afterAll(() => t.close());

  it("sends through an allowed server, by address or by a name that stands for it, and refuses the networks not listed", async () => {
    for (const host of ["127.0.0.1", "localhost"]) {
      const inbox = (await admin.request(mailInbox(`${host}@loja.example`, { smtp: { ...company.smtp, host } }))).json<InboxDto>();
      const sent = await replyThrough(admin, inbox, `Enviada por ${host}.`);
      expect(sent?.deliveryStatus, sent?.deliveryError ?? "").toBe("sent");
      expect(company.outbox.some((m) => m.text?.includes(`Enviada por ${host}.`))).toBe(true);
    }
    refusedHost(await admin.request(mailInbox("rede@loja.example", { smtp: { host: "127.0.0.2", port: 25, secure: false } })), "smtp.host");
    refusedHost(await admin.request(mailInbox("rede@loja.example", { smtp: { host: "10.0.0.5", port: 25, secure: false } })), "smtp.host");
  });
});
