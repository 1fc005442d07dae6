import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { startCompanyMailServer, type CompanyMailServer } from "../../test/company-mail-server.js";
import { useSignedInAdmin } from "../../test/test-app.js";
import { startSmtpListener, type SmtpListener } from "./smtp-listener.js";

/** Two e-mail inboxes of one workspace: mail to one never continues the other's conversations by Message-ID. */
const env = useSignedInAdmin();
const SALES = "vendas@loja.example";
const SUPPORT = "suporte@loja.example";
let smtp: SmtpListener;
let company: CompanyMailServer;
let sales: InboxDto;
let support: InboxDto;

beforeAll(async () => {
  company = await startCompanyMailServer();
  smtp = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 64 * 1024, log: env.t.app.log });
  const create = async (name: string, address: string, withSmtp: boolean) => {
    const res = await env.admin.request({
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { name, channel: "email", address, ...(withSmtp ? { smtp: company.smtp } : {}) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<InboxDto>();
  };
  sales = await create("Vendas", SALES, true);
  support = await create("Suporte", SUPPORT, false);
});
afterAll(async () => {
  await smtp.close();
  await company.close();
});

/** Sends over the SMTP listener, as the customer's mail server would. */
function send(mail: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ from: "Joana Lima <joana@cliente.example>", ...mail });
}

async function conversationsOf(inbox: InboxDto): Promise<ConversationDto[]> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}&limit=100` });
  return res.json<{ items: ConversationDto[] }>().items;
}

async function messagesOf(id: string): Promise<MessageDto[]> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${id}/messages?limit=100` });
  return res.json<{ items: MessageDto[] }>().items;
}

/** The one conversation of an inbox with this subject. */
async function only(inbox: InboxDto, subject: string): Promise<ConversationDto> {
  const found = (await conversationsOf(inbox)).filter((c) => c.subject === subject);
  expect(found.map((c) => c.subject)).toEqual([subject]);
  return found[0] as ConversationDto;
}

const bodies = async (conversation: ConversationDto) => (await messagesOf(conversation.id)).map((m) => m.body);

describe("threading by Message-ID between two inboxes of one workspace", () => {
  it("opens a conversation in this inbox for a reply to a customer's mail another inbox received, and leaves that one alone", async () => {
    await send({ to: SALES, subject: "Orçamento 77", text: "Quanto custa?", messageId: "<orcamento-77@cliente.example>" });
    const theirs = await only(sales, "Orçamento 77");
    await send({
      to: SUPPORT,
      subject: "Re: Orçamento 77",
      text: "Escrevo ao suporte citando vendas.",
      inReplyTo: "<orcamento-77@cliente.example>",
      references: ["<orcamento-77@cliente.example>"],
    });
    const ours = await only(support, "Re: Orçamento 77");
    expect(await bodies(ours)).toEqual(["Escrevo ao suporte citando vendas."]);
    expect(await bodies(theirs)).toEqual(["Quanto custa?"]);
  });

  it("opens a conversation in this inbox for a reply to another inbox's sent answer, which the same reply to that inbox continues", async () => {
    await send({ to: SALES, subject: "Frete 12", text: "Qual o frete?", messageId: "<frete-12@cliente.example>" });
    const theirs = await only(sales, "Frete 12");
    const answered = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${theirs.id}/messages`, payload: { body: "O frete é grátis." } });
    expect(answered.statusCode, answered.body).toBe(201);
    await expect.poll(async () => (await messagesOf(theirs.id)).at(-1)?.deliveryStatus, { timeout: 15_000 }).toBe("sent");
    const sentId = company.outbox.find((m) => m.text?.startsWith("O frete é grátis."))?.messageId ?? "";
    expect(sentId).toMatch(/^<.+@loja\.example>$/);

    await send({ to: SUPPORT, subject: "Re: Frete 12", text: "Pergunto ao suporte.", inReplyTo: sentId, references: ["<frete-12@cliente.example>", sentId] });
    const ours = await only(support, "Re: Frete 12");
    expect(await bodies(ours)).toEqual(["Pergunto ao suporte."]);
    expect(await bodies(theirs)).toEqual(["Qual o frete?", "O frete é grátis."]);

    // The Message-ID does thread, in its own inbox.
    await send({ to: SALES, subject: "Re: Frete 12", text: "Obrigada!", inReplyTo: sentId, references: [sentId] });
    expect(await bodies(theirs)).toEqual(["Qual o frete?", "O frete é grátis.", "Obrigada!"]);
    expect((await conversationsOf(support)).filter((c) => c.subject === "Re: Frete 12")).toHaveLength(1);
  });

  it("opens a conversation in this inbox for a reply to a mail another inbox received that only claimed to be from this inbox's address", async () => {
    // Anyone can write From: suporte@… to the sales inbox; that does not make it mail the support inbox sent.
    await send({ from: `Suporte <${SUPPORT}>`, to: SALES, subject: "Pedido 88", text: "Encaminho o pedido 88.", messageId: "<pedido-88@loja.example>" });
    const theirs = await only(sales, "Pedido 88");
    await send({ to: SUPPORT, subject: "Re: Pedido 88", text: "Quero entrar nessa conversa.", inReplyTo: "<pedido-88@loja.example>", references: ["<pedido-88@loja.example>"] });
    const ours = (await conversationsOf(support)).filter((c) => c.subject === "Re: Pedido 88");
    expect(await bodies(theirs)).toEqual(["Encaminho o pedido 88."]);
    expect(ours).toHaveLength(1);
  });
});
