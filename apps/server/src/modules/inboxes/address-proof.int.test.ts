import type { LightMyRequestResponse } from "fastify";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, InboxDto, Problem } from "@atende/shared";
import { startSmtpListener, type SmtpListener } from "../../channels/email/smtp-listener.js";
import { startCompanyMailServer, type CompanyMailServer } from "../../test/company-mail-server.js";
import { startDnsServer, type DnsServer } from "../../test/dns-server.js";
import { buildTestApp, newWorkspace, type AgentClient, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let dns: DnsServer;
/** Atende's own mail server (ATENDE_SYSTEM_SMTP_URL), which mails the codes. */
let system: CompanyMailServer;
/** A company's outgoing server, named by an inbox. */
let company: CompanyMailServer;
let smtp: SmtpListener;
let first: AgentClient;
let second: AgentClient;

beforeAll(async () => {
  dns = await startDnsServer();
  company = await startCompanyMailServer();
  system = await startCompanyMailServer();
  t = await buildTestApp({ ATENDE_DNS_SERVERS: dns.address, ATENDE_SYSTEM_SMTP_URL: `smtp://127.0.0.1:${String(system.port)}`, ATENDE_PUBLIC_URL: "http://atende.test" });
  smtp = await startSmtpListener(t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 64 * 1024, log: t.app.log });
  first = await newWorkspace(t, "Loja Primeira");
});
afterAll(async () => {
  await smtp.close();
  await t.close();
  await company.close();
  await system.close();
  await dns.close();
});

const createInbox = (client: AgentClient, address: string, withSmtp = false) =>
  client.request({
    method: "POST",
    url: "/api/v1/inboxes",
    payload: { name: address, channel: "email", address, ...(withSmtp ? { smtp: company.smtp } : {}) },
  });

const deliver = (to: string, text: string) =>
  nodemailer
    .createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true })
    .sendMail({ from: "cliente@fora.example", to, subject: text, text });

const conversationsOf = async (client: AgentClient) =>
  (await client.request({ method: "GET", url: "/api/v1/conversations?status=all&limit=100" })).json<{ items: ConversationDto[] }>().items;

describe("who may receive mail for an address", () => {
  it("takes a single workspace's addresses at once, as before", async () => {
    const res = await createInbox(first, "vendas@loja.example");
    expect(res.json<InboxDto>().addressProof).toMatchObject({ status: "verified", method: "not-required" });
    await deliver("vendas@loja.example", "Pedido de orçamento");
    expect((await conversationsOf(first)).map((c) => c.subject)).toContain("Pedido de orçamento");
  });

  it("with several workspaces, never lets one claim another's address, and says only that it is unavailable", async () => {
    second = await newWorkspace(t, "Concorrente Sorrateiro");
    const taken = await createInbox(second, "vendas@loja.example");
    expect(taken.statusCode).toBe(409);
    expect(taken.json<Problem>()).toMatchObject({ detail: "This address is unavailable.", errors: [{ path: "address", message: "is unavailable" }] });
    expect(taken.body).not.toContain("Loja Primeira");
    await deliver("vendas@loja.example", "Segundo pedido");
    expect((await conversationsOf(second)).map((c) => c.subject)).not.toContain("Segundo pedido");
  });

  it("takes nothing for an address until it is proven, then proves it with a code mailed there (five tries)", async () => {
    const claimed = await createInbox(second, "compras@loja.example");
    expect(claimed.statusCode).toBe(201);
    const inbox = claimed.json<InboxDto>();
    expect(inbox.addressProof).toMatchObject({ status: "unverified", method: null });
    await expect(deliver("compras@loja.example", "Cedo demais")).rejects.toMatchObject({ responseCode: 550 });
    // The real owner claims it too: a claim blocks nobody.
    const owner = await createInbox(first, "compras@loja.example", true);
    expect(owner.statusCode).toBe(201);
    const ownerInbox = owner.json<InboxDto>();
    expect(ownerInbox.addressProof?.codeAvailable).toBe(true);

    const sent = await first.request({ method: "POST", url: `/api/v1/inboxes/${ownerInbox.id}/address-proof`, payload: { method: "code" } });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<InboxDto>().addressProof?.codeSentAt).toBeTruthy();
    const mail = system.outbox.at(-1);
    expect(mail?.envelopeTo).toEqual(["compras@loja.example"]);
    expect(mail?.subject).toMatch(/^Atende: confirm compras@loja\.example/);
    const code = /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1] ?? "";
    const confirm = (c: string) => first.request({ method: "POST", url: `/api/v1/inboxes/${ownerInbox.id}/address-proof/confirm`, payload: { method: "code", code: c } });
    const wrong = await confirm(code === "000000" ? "111111" : "000000");
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json<Problem>().errors?.[0]?.path).toBe("code");
    const proven = await confirm(code);
    expect(proven.statusCode, proven.body).toBe(200);
    expect(proven.json<InboxDto>().addressProof).toMatchObject({ status: "verified", method: "code" });
    await deliver("compras@loja.example", "Agora sim");
    expect((await conversationsOf(first)).map((c) => c.subject)).toContain("Agora sim");
    expect((await conversationsOf(second)).map((c) => c.subject)).not.toContain("Agora sim");
    // The other claim can never be proven now.
    const late = await second.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof`, payload: { method: "dns" } });
    expect(late.statusCode).toBe(409);
    expect(late.json<Problem>().detail).toBe("This address is unavailable.");
  });

  it("mails the code by Atende's own server to the address itself, never through a server the claiming workspace names", async () => {
    // Another workspace claims an address it does not own, naming an outgoing server it runs itself.
    const attacker = await startCompanyMailServer();
    try {
      const claimed = await second.request({
        method: "POST",
        url: "/api/v1/inboxes",
        payload: { name: "Falso", channel: "email", address: "financeiro@loja.example", smtp: attacker.smtp },
      });
      const inbox = claimed.json<InboxDto>();
      const before = system.outbox.length;
      const sent = await second.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof`, payload: { method: "code" } });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(attacker.outbox).toHaveLength(0); // the code never passes through the claimant's server
      expect(system.outbox.slice(before).map((m) => m.envelopeTo)).toEqual([["financeiro@loja.example"]]);
    } finally {
      await attacker.close();
    }
  });

  it("without a mail server of its own, offers only DNS, and says why when a code is asked for", async () => {
    const plain = await buildTestApp({ ATENDE_ADDRESS_PROOF: "required" });
    try {
      const admin = await newWorkspace(plain);
      const inbox = (await createInbox(admin, "sem@correio.example", true)).json<InboxDto>();
      expect(inbox.addressProof).toMatchObject({ status: "unverified", codeAvailable: false });
      const asked = await admin.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof`, payload: { method: "code" } });
      expect(asked.statusCode).toBe(422);
      expect(asked.json<Problem>().errors).toEqual([expect.objectContaining({ path: "method", code: "system_mail_missing" })]);
      expect(company.outbox.some((m) => m.envelopeTo.includes("sem@correio.example"))).toBe(false);
    } finally {
      await plain.close();
    }
  });

  it("answers 503 when Atende's mail server cannot take the code, and leaves the inbox as it was", async () => {
    const away = await buildTestApp({ ATENDE_ADDRESS_PROOF: "required", ATENDE_SYSTEM_SMTP_URL: "smtp://127.0.0.1:1", ATENDE_PUBLIC_URL: "http://atende.test" });
    try {
      const admin = await newWorkspace(away);
      const inbox = (await createInbox(admin, "ninguem@fora.example")).json<InboxDto>();
      const asked = await admin.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof`, payload: { method: "code" } });
      expect(asked.statusCode).toBe(503);
      const after = (await admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>();
      expect(after.addressProof?.codeSentAt).toBeNull(); // asking again need not wait a minute
    } finally {
      await away.close();
    }
  });

  it("has Atende's server mail at most twenty messages an hour for one workspace, and five to one mailbox from every workspace", async () => {
    const askCode = (client: AgentClient, inbox: InboxDto) =>
      client.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof`, payload: { method: "code" } });
    const busy = await newWorkspace(t, "Loja Apressada");
    const asked: number[] = [];
    for (let i = 0; i < 21; i++) asked.push((await askCode(busy, (await createInbox(busy, `caixa${String(i)}@apressada.example`)).json<InboxDto>())).statusCode);
    expect(asked).toEqual([...Array.from({ length: 20 }, () => 200), 429]);

    // One stranger's mailbox, claimed by six workspaces: five codes reach it in the hour, then none.
    const before = system.outbox.length;
    const answers: LightMyRequestResponse[] = [];
    for (let i = 0; i < 6; i++) {
      const claimant = await newWorkspace(t, `Pretendente ${String(i)}`);
      answers.push(await askCode(claimant, (await createInbox(claimant, "diretoria@alvo.example")).json<InboxDto>()));
    }
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers.at(-1)?.json<Problem>().detail).toMatch(/to this address/);
    expect(system.outbox.slice(before).filter((m) => m.envelopeTo.includes("diretoria@alvo.example"))).toHaveLength(5);
  });

  it("takes no inbox address with a + before its @ (mail to name+anything@ is name@'s)", async () => {
    const res = await createInbox(first, "suporte+promo@loja.example");
    expect(res.statusCode).toBe(422);
    expect(res.json<Problem>().errors).toEqual([expect.objectContaining({ path: "address", code: "plus_address" })]);
  });

  it("lets five wrong codes use a code up", async () => {
    const res = await createInbox(first, "tentativas@loja.example", true);
    const id = res.json<InboxDto>().id;
    await first.request({ method: "POST", url: `/api/v1/inboxes/${id}/address-proof`, payload: { method: "code" } });
    const code = /\b(\d{6})\b/.exec(system.outbox.at(-1)?.text ?? "")?.[1] ?? "";
    const wrongCode = code === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++) {
      await first.request({ method: "POST", url: `/api/v1/inboxes/${id}/address-proof/confirm`, payload: { method: "code", code: wrongCode } });
    }
    const right = await first.request({ method: "POST", url: `/api/v1/inboxes/${id}/address-proof/confirm`, payload: { method: "code", code } });
    expect(right.statusCode).toBe(422);
  });

  it("proves a whole domain with a DNS TXT record: its addresses are the workspace's, and no other workspace's", async () => {
    const res = await createInbox(second, "ajuda@outra.example");
    const inbox = res.json<InboxDto>();
    const started = await second.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof`, payload: { method: "dns" } });
    const record = started.json<InboxDto>().addressProof?.dnsRecord;
    expect(record).toMatchObject({ name: "_atende.outra.example", value: expect.stringMatching(/^atende-verification=[0-9a-f]{32}$/) as unknown });
    const early = await second.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof/confirm`, payload: { method: "dns" } });
    expect(early.statusCode).toBe(422);
    expect(early.json<Problem>().detail).toContain("_atende.outra.example");
    dns.txt.set("_atende.outra.example", ["v=spf1 -all", record?.value ?? ""]);
    const proven = await second.request({ method: "POST", url: `/api/v1/inboxes/${inbox.id}/address-proof/confirm`, payload: { method: "dns" } });
    expect(proven.json<InboxDto>().addressProof).toMatchObject({ status: "verified", method: "dns" });
    const another = await createInbox(second, "vendas@outra.example");
    expect(another.json<InboxDto>().addressProof?.status).toBe("verified");
    expect((await createInbox(first, "contato@outra.example")).statusCode).toBe(409);
  });

  it("asks for proof in a single-workspace installation too when set to required", async () => {
    const strict = await buildTestApp({ ATENDE_ADDRESS_PROOF: "required" });
    try {
      const admin = await newWorkspace(strict);
      const res = await createInbox(admin, "so@um.example");
      expect(res.json<InboxDto>().addressProof?.status).toBe("unverified");
    } finally {
      await strict.close();
    }
  });
});
