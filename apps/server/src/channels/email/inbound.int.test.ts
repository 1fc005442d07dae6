import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { eq } from "drizzle-orm";
import { events, messages, workspaces } from "../../db/schema/index.js";
import { useSignedInAdmin } from "../../test/test-app.js";
import { replyToken } from "./reply-token.js";
import { startSmtpListener, type SmtpListener } from "./smtp-listener.js";

const env = useSignedInAdmin();
let smtp: SmtpListener;
let inbox: InboxDto;
const ADDRESS = "suporte@loja.example";

beforeAll(async () => {
  smtp = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 64 * 1024, log: env.t.app.log });
  const res = await env.admin.request({
    method: "POST",
    url: "/api/v1/inboxes",
    payload: { name: "Suporte", channel: "email", address: "Suporte@Loja.example" },
  });
  inbox = res.json<InboxDto>();
});
afterAll(() => smtp.close());

/** Sends through a real SMTP client over a socket, as a mail server would. */
function send(mail: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ from: "Joana Lima <joana@cliente.example>", to: ADDRESS, ...mail });
}

async function conversationsOfInbox(): Promise<ConversationDto[]> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}&limit=100` });
  return res.json<{ items: ConversationDto[] }>().items;
}

async function messagesOf(id: string): Promise<MessageDto[]> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${id}/messages?limit=100` });
  return res.json<{ items: MessageDto[] }>().items;
}

describe("receiving e-mail over SMTP", () => {
  it("creates an e-mail inbox with its address", () => {
    expect(inbox).toMatchObject({ channel: "email", address: ADDRESS });
  });

  it.each([
    [{ name: "Sem endereço", channel: "email" }, 422],
    [{ name: "Duplicado", channel: "email", address: ADDRESS }, 409],
    [{ name: "API", channel: "api", address: "x@loja.example" }, 422],
  ])("refuses the inbox %j naming the address (%i)", async (payload, status) => {
    const res = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload });
    expect(res.statusCode).toBe(status);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("address");
  });

  it("turns a new mail into a conversation with its contact, subject and text, after answering 250", async () => {
    const info = await send({ subject: "Pedido 4521 não chegou", text: "Olá, meu pedido ainda não chegou.", messageId: "<first@cliente.example>" });
    expect(info.response).toMatch(/^250 .*Stored/);
    const conversation = (await conversationsOfInbox()).find((c) => c.subject === "Pedido 4521 não chegou");
    expect(conversation?.contact).toMatchObject({ email: "joana@cliente.example", name: "Joana Lima" });
    const [message] = await messagesOf(conversation?.id ?? "");
    expect(message).toMatchObject({ direction: "incoming", senderType: "contact", body: "Olá, meu pedido ainda não chegou." });
  });

  it("threads a reply by In-Reply-To and References, not by subject", async () => {
    await send({ subject: "Troca de endereço", text: "Quero trocar o endereço.", messageId: "<thread-1@cliente.example>" });
    await send({
      subject: "Re: Troca de endereço",
      text: "Esqueci o CEP: 01310-100.",
      messageId: "<thread-2@cliente.example>",
      inReplyTo: "<thread-1@cliente.example>",
      references: ["<thread-1@cliente.example>"],
    });
    await send({ subject: "Troca de endereço", text: "Outro assunto, mesmo título.", messageId: "<other@cliente.example>" });
    const matching = (await conversationsOfInbox()).filter((c) => c.subject?.includes("Troca de endereço"));
    expect(matching).toHaveLength(2);
    const threaded = matching.find((c) => c.subject === "Troca de endereço" && c.lastMessage?.preview.includes("CEP"));
    expect((await messagesOf(threaded?.id ?? "")).map((m) => m.body)).toEqual(["Quero trocar o endereço.", "Esqueci o CEP: 01310-100."]);
  });

  it("threads a reply sent to the address's +token form, with the token this inbox gave and no other", async () => {
    const [first] = await conversationsOfInbox();
    const id = first?.id ?? "";
    const [workspace] = await env.t.runtime.db.select({ key: workspaces.signingKey }).from(workspaces).where(eq(workspaces.id, env.admin.workspaceId));
    const token = replyToken(workspace?.key ?? "", inbox.id, { id, number: first?.number ?? 0 });
    await send({ to: `suporte+${token}@loja.example`, subject: "sem referências", text: "Pelo token.", messageId: "<token@cliente.example>" });
    expect((await messagesOf(id)).at(-1)?.body).toBe("Pelo token.");
    const otherInbox = replyToken(workspace?.key ?? "", "00000000-0000-7000-8000-000000000000", { id, number: first?.number ?? 0 });
    await send({ to: `suporte+${otherInbox}@loja.example`, subject: "sem referências", text: "Token de outra caixa.", messageId: "<token-2@cliente.example>" });
    expect((await messagesOf(id)).at(-1)?.body).toBe("Pelo token.");
  });

  it("stores the same Message-ID once when it is delivered twice", async () => {
    const mail = { subject: "Duplicada", text: "Uma vez só.", messageId: "<dup@cliente.example>" };
    await send(mail);
    await send(mail);
    const duplicates = (await conversationsOfInbox()).filter((c) => c.subject === "Duplicada");
    expect(duplicates).toHaveLength(1);
    expect(await messagesOf(duplicates[0]?.id ?? "")).toHaveLength(1);
  });

  it("stores a mail without a Message-ID once, however its recipients name the inbox and however often it is sent", async () => {
    const raw = ["From: Joana Lima <joana@cliente.example>", `To: ${ADDRESS}`, "Subject: Sem identificador", "", "Chegou só uma vez?", ""].join("\r\n");
    const envelope = { from: "joana@cliente.example", to: [ADDRESS, ADDRESS.toUpperCase(), "suporte+x-y@loja.example"] };
    await send({ envelope, raw });
    await send({ envelope, raw }); // a retry of the same bytes, as after a 451
    const stored = (await conversationsOfInbox()).filter((c) => c.subject === "Sem identificador");
    expect(stored).toHaveLength(1);
    expect(await messagesOf(stored[0]?.id ?? "")).toHaveLength(1);
  });

  it("stores a mail to two inboxes of the workspace once, in the first one named", async () => {
    const other = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Vendas", channel: "email", address: "vendas@loja.example" } })).json<InboxDto>();
    await send({ to: [ADDRESS, "vendas@loja.example"], subject: "Para os dois", text: "Olá aos dois." });
    const all = (await env.admin.request({ method: "GET", url: "/api/v1/conversations?status=all&limit=100" })).json<{ items: ConversationDto[] }>().items;
    expect(all.filter((c) => c.subject === "Para os dois").map((c) => c.inboxId)).toEqual([inbox.id]);
    expect(other.id).not.toBe(inbox.id);
  });

  it("keeps no address a header cannot hold as the contact's: a From of \"<\" is answered at the envelope's sender", async () => {
    const raw = ["From: <", `To: ${ADDRESS}`, "Subject: Remetente estranho", "Message-ID: <estranho@cliente.example>", "", "Quem sou eu?", ""].join("\r\n");
    await send({ envelope: { from: "joana@cliente.example", to: [ADDRESS] }, raw });
    const [stored] = (await conversationsOfInbox()).filter((c) => c.subject === "Remetente estranho");
    expect(stored?.contact.email).toBe("joana@cliente.example"); // the envelope's sender, as a From nobody can answer is none
  });

  it("refuses mail for an address it does not serve with 550", async () => {
    await expect(send({ to: "ninguem@loja.example", subject: "x", text: "x" })).rejects.toMatchObject({ responseCode: 550 });
  });

  it("takes 100 recipients of one message and asks for the rest in another (452), known or not", async () => {
    const subject = "Para muitos";
    const many = await send({ subject, text: "x", envelope: { from: "joana@cliente.example", to: Array.from({ length: 130 }, (_, i) => `suporte+${String(i)}@loja.example`) } });
    expect(many.accepted).toHaveLength(100);
    expect(many.rejectedErrors?.map((e) => (e as { responseCode?: number }).responseCode)).toEqual(Array.from({ length: 30 }, () => 452));
    expect((await conversationsOfInbox()).filter((c) => c.subject === subject)).toHaveLength(1); // one copy, whatever the count
    const strangers = Array.from({ length: 230 }, (_, i) => `ninguem${String(i)}@loja.example`);
    const refused = await send({ subject: "x", text: "x", envelope: { from: "joana@cliente.example", to: [...strangers, ADDRESS] } }).catch((err: unknown) => err);
    const codes = ((refused as { rejectedErrors?: { responseCode?: number }[] }).rejectedErrors ?? []).map((e) => e.responseCode);
    expect(codes.filter((c) => c === 550)).toHaveLength(200);
    expect(codes.filter((c) => c === 452)).toHaveLength(31); // past 200 tries, even the inbox's own address waits for another message
  });

  it("refuses a message over the size limit with 552 and stores nothing", async () => {
    const before = (await conversationsOfInbox()).length;
    await expect(send({ subject: "grande", text: "x".repeat(100 * 1024) })).rejects.toMatchObject({ responseCode: 552 });
    expect((await conversationsOfInbox()).length).toBe(before);
  });

  it("keeps CC'd addresses and folds the quoted history apart from the reply", async () => {
    await send({
      subject: "Re: Fatura",
      cc: ["Financeiro <financeiro@cliente.example>"],
      text: "Pode mandar para o financeiro também.\n\nEm seg., 3 de nov. de 2026 às 10:12, Suporte escreveu:\n> Segue a fatura.",
      messageId: "<cc@cliente.example>",
    });
    const conversation = (await conversationsOfInbox()).find((c) => c.subject === "Re: Fatura");
    const [message] = await messagesOf(conversation?.id ?? "");
    expect(message?.body).toBe("Pode mandar para o financeiro também.");
    expect(message?.email).toMatchObject({
      from: "joana@cliente.example",
      to: [ADDRESS],
      cc: ["financeiro@cliente.example"],
      quoted: "Em seg., 3 de nov. de 2026 às 10:12, Suporte escreveu:\n> Segue a fatura.",
    });
  });

  it("records an out-of-office reply without reopening a resolved conversation", async () => {
    await send({ subject: "Nota fiscal", text: "Preciso da nota fiscal.", messageId: "<nf@cliente.example>" });
    const conversation = (await conversationsOfInbox()).find((c) => c.subject === "Nota fiscal");
    const id = conversation?.id ?? "";
    await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${id}`, payload: { status: "resolved" } });
    await send({
      subject: "Fora do escritório",
      text: "Estou de férias até segunda.",
      inReplyTo: "<nf@cliente.example>",
      headers: { "Auto-Submitted": "auto-replied" },
      messageId: "<ooo@cliente.example>",
    });
    const after = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${id}` });
    expect(after.json<ConversationDto>().status).toBe("resolved");
    expect((await messagesOf(id)).at(-1)?.email?.automated).toBe("auto-reply");
  });

  it("marks the outgoing message a bounce reports as failed", async () => {
    const [first] = await conversationsOfInbox();
    const id = first?.id ?? "";
    const reply = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "Segue o código." } });
    const replyId = reply.json<MessageDto>().id;
    // This inbox has no mail server, so its delivery fails at once; then, as if it had been sent, what
    // sending records for each outgoing e-mail: its Message-ID.
    await expect.poll(async () => (await messagesOf(id)).find((m) => m.id === replyId)?.deliveryStatus, { timeout: 15_000 }).toBe("failed");
    await env.t.runtime.db.update(messages).set({ externalId: "out-1@loja.example", deliveryStatus: "sent", deliveryError: null }).where(eq(messages.id, replyId));
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.cliente.example>",
      `To: ${ADDRESS}`,
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <dsn-1@mx.cliente.example>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered: mailbox full.",
      "--b1",
      "Content-Type: message/delivery-status",
      "",
      "Final-Recipient: rfc822; joana@cliente.example",
      "Action: failed",
      "Status: 5.2.2",
      "--b1",
      "Content-Type: text/rfc822-headers",
      "",
      "Message-ID: <out-1@loja.example>",
      "Subject: Re: Pedido",
      "--b1--",
      "",
    ].join("\r\n");
    await send({ envelope: { from: "", to: [ADDRESS] }, raw: dsn });
    const timeline = await messagesOf(id);
    expect(timeline.find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: "failed", deliveryFailure: "bounced" });
    expect(timeline.at(-1)?.email?.automated).toBe("bounce");
    // The bounce raised its event with the change, for listeners and live screens.
    const moves = (await env.t.runtime.db.select().from(events).where(eq(events.type, "message.delivery_changed"))).map((e) => e.payload);
    expect(moves).toContainEqual(expect.objectContaining({ messageId: replyId, from: "sent", to: "failed", reason: "bounced" }));
  });

  it("keeps the text of an HTML-only message", async () => {
    await send({
      subject: "Só HTML",
      html: '<p>Dobrý den, <b>objednávka</b> 77 nedorazila.</p><script>alert(1)</script><img src="https://t.example/p.gif">',
      messageId: "<html@cliente.example>",
    });
    const conversation = (await conversationsOfInbox()).find((c) => c.subject === "Só HTML");
    const [message] = await messagesOf(conversation?.id ?? "");
    expect(message?.body).toContain("Dobrý den, objednávka 77 nedorazila.");
    const html = message?.email?.html ?? "";
    expect(html).toContain("<p>Dobrý den, <b>objednávka</b> 77 nedorazila.</p>");
    expect(html).toContain('data-remote-src="https://t.example/p.gif"');
    expect(html).not.toMatch(/<script| src=/);
  });
});
