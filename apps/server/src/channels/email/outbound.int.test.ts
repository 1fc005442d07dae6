import { randomUUID } from "node:crypto";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { addAgent, useSignedInAdmin } from "../../test/test-app.js";
import { startCompanyMailServer, type CompanyMailServer } from "../../test/company-mail-server.js";
import { until } from "../../test/until.js";
import { eventOutbox, events, messages } from "../../db/schema/index.js";
import { toMessageDto } from "../../modules/messages/presenter.js";
import { startSmtpListener, type SmtpListener } from "./smtp-listener.js";

const env = useSignedInAdmin();
const ADDRESS = "atendimento@loja.example";
let company: CompanyMailServer;
/** What Atende sent through the company's server. */
let outbox: CompanyMailServer["outbox"];
let inbound: SmtpListener;
let inbox: InboxDto;

beforeAll(async () => {
  company = await startCompanyMailServer();
  outbox = company.outbox;
  inbound = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 1024 * 1024, log: env.t.app.log });
  const res = await env.admin.request({
    method: "POST",
    url: "/api/v1/inboxes",
    payload: { name: "Atendimento", channel: "email", address: ADDRESS, smtp: company.smtp },
  });
  inbox = res.json<InboxDto>();
});
afterAll(async () => {
  await inbound.close();
  await company.close();
});

function customerWrites(mail: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inbound.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ from: "Marta Reis <marta@cliente.example>", to: ADDRESS, ...mail });
}

const timeline = async (id: string) =>
  (await env.admin.request({ method: "GET", url: `/api/v1/conversations/${id}/messages?limit=100` })).json<{ items: MessageDto[] }>().items;

/**
 * The timeline once no reply waits to be sent. The company's server has a mail a moment before the
 * delivery records it as sent: what was recorded is read only after that.
 */
const settledTimeline = (id: string) => until(() => timeline(id), (items) => items.every((m) => m.deliveryStatus !== "pending"));

describe("answering e-mail", () => {
  it("sends an agent's reply through the inbox's SMTP server, threaded, from the inbox with the agent's name", async () => {
    await customerWrites({ subject: "Boleto vencido", text: "O boleto venceu ontem.", messageId: "<c1@cliente.example>" });
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
    const conversation = list.json<{ items: ConversationDto[] }>().items.find((c) => c.subject === "Boleto vencido");
    const id = conversation?.id ?? "";
    const posted = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "Marta, segue um novo boleto." } });
    expect(posted.json<MessageDto>().deliveryStatus).toBe("pending");
    await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "nota interna", private: true } });

    const sent = await until(() => timeline(id), (items) => items.some((m) => m.deliveryStatus === "sent"));
    const reply = sent.find((m) => m.body === "Marta, segue um novo boleto.");
    expect(reply?.deliveryStatus).toBe("sent");
    const moves = (await env.t.runtime.db.select().from(events).where(eq(events.type, "message.delivery_changed"))).map((e) => e.payload);
    expect(moves).toContainEqual(expect.objectContaining({ messageId: reply?.id, from: "pending", to: "sent" }));
    expect(outbox).toHaveLength(1); // the note was not sent
    const mail = outbox[0];
    expect(mail?.from?.value[0]).toEqual({ name: "Admin Person", address: ADDRESS });
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : "").toBe("marta@cliente.example");
    expect(mail?.subject).toBe("Re: Boleto vencido");
    expect(mail?.inReplyTo).toBe("<c1@cliente.example>");
    // The +token names the conversation by number with a signature a guess cannot produce.
    expect(mail?.replyTo?.value[0]?.address).toMatch(new RegExp(`^atendimento\\+${String(conversation?.number)}-[0-9a-f]{20}@loja\\.example$`));
    // The customer's words quoted below, in the agent's language (en), not the whole history.
    expect(mail?.text).toMatch(/^Marta, segue um novo boleto\.\n\nOn .+ UTC, Marta Reis wrote:\n> O boleto venceu ontem\.\n$/);

    await customerWrites({ subject: "Re: Boleto vencido", text: "Recebi, obrigada!", inReplyTo: mail?.messageId ?? "" });
    expect((await timeline(id)).at(-1)?.body).toBe("Recebi, obrigada!");
  });

  it("signs the reply, answers everyone the customer copied, and sends the files the agent uploaded", async () => {
    const signed = await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { signature: "Equipe Loja\n(11) 4000-1234" } });
    expect(signed.json<InboxDto>().signature).toBe("Equipe Loja\n(11) 4000-1234");
    await customerWrites({
      subject: "Nota fiscal",
      text: "Preciso da nota fiscal.\n\nEm 20/11/2026, Loja escreveu:\n> Pedido enviado.",
      cc: ["Financeiro <financeiro@cliente.example>", `Outro <${ADDRESS}>`],
      messageId: "<nf1@cliente.example>",
    });
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
    const id = list.json<{ items: ConversationDto[] }>().items.find((c) => c.subject === "Nota fiscal")?.id ?? "";
    const pdf = Buffer.from("%PDF-1.4\nnota fiscal 4521\n%%EOF\n");
    const uploaded = await env.admin.request({
      method: "POST",
      url: "/api/v1/uploads?fileName=nota-fiscal-4521.pdf",
      headers: { "content-type": "application/pdf" },
      payload: pdf,
    });
    expect(uploaded.statusCode).toBe(201);
    const { token } = uploaded.json<{ token: string }>();
    const before = outbox.length;
    const posted = await env.admin.request({
      method: "POST",
      url: `/api/v1/conversations/${id}/messages`,
      payload: { body: "Segue a nota.", attachments: [token] },
    });
    expect(posted.json<MessageDto>().attachments).toMatchObject([{ fileName: "nota-fiscal-4521.pdf", contentType: "application/pdf", size: pdf.length }]);
    await until(async () => outbox.length, (n) => n > before);
    const mail = outbox.at(-1);
    expect(mail?.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []).toEqual(["financeiro@cliente.example"]);
    expect(mail?.text).toContain("Segue a nota.\n\n-- \nEquipe Loja\n(11) 4000-1234\n\nOn ");
    expect(mail?.text).toContain("> Preciso da nota fiscal.\n");
    expect(mail?.text).not.toContain("Pedido enviado"); // the history the customer quoted stays out
    expect(mail?.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([["nota-fiscal-4521.pdf", "application/pdf", true]]);
    const shown = (await settledTimeline(id)).find((m) => m.id === posted.json<MessageDto>().id);
    expect(shown?.email).toMatchObject({ from: ADDRESS, to: ["marta@cliente.example"], cc: ["financeiro@cliente.example"] });

    // Copies chosen by the agent: none.
    await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "Só para você.", cc: [] } });
    await until(async () => outbox.length, (n) => n > before + 1);
    expect(outbox.at(-1)?.cc).toBeUndefined();

    // Another workspace's upload, or a made-up token, is refused naming the field; nothing is written.
    const forged = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "x", attachments: ["v1:AAAA"] } });
    expect(forged.statusCode).toBe(422);
    expect(forged.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("attachments.0");
    const onNote = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "x", private: true, cc: [] } });
    expect(onNote.statusCode).toBe(422);
  });

  it("writes a new e-mail to a customer: subject as written, formatted text with its plain alternative and the signature, copies and blind copies", async () => {
    const before = outbox.length;
    const res = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: {
        inboxId: inbox.id,
        contact: { email: "beatriz@cliente.example", name: "Beatriz Lima" },
        subject: "Sua troca foi aprovada",
        message: {
          direction: "outgoing",
          body: "Olá Beatriz,\n\nSua troca foi aprovada:\n- modelo azul\n- tamanho M",
          html: '<p>Olá <strong>Beatriz</strong>,</p><p>Sua troca foi <em>aprovada</em>:</p><ul><li>modelo azul</li><li>tamanho M</li></ul><p><a href="https://loja.example/trocas" onclick="steal()">Acompanhe</a></p><script>alert(1)</script><img src="https://tracker.example/p.gif">',
        },
        cc: ["gerente@cliente.example"],
        bcc: ["auditoria@loja.example"],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<ConversationDto>();
    expect(created).toMatchObject({ subject: "Sua troca foi aprovada", waitingSince: null, contact: { email: "beatriz@cliente.example" } });
    expect(created).toMatchObject({ status: "pending", assignee: { name: "Admin Person" } }); // the writer's, waiting on the customer
    await until(async () => outbox.length, (n) => n > before);
    const mail = outbox.at(-1);
    expect(mail?.subject).toBe("Sua troca foi aprovada"); // a first mail, not a "Re:"
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(["beatriz@cliente.example"]);
    expect(mail?.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []).toEqual(["gerente@cliente.example"]);
    expect(mail?.bcc).toBeUndefined(); // a blind copy is in the envelope only
    expect(mail?.envelopeTo.sort()).toEqual(["auditoria@loja.example", "beatriz@cliente.example", "gerente@cliente.example"]);
    expect(mail?.text).toContain("Sua troca foi aprovada:\n- modelo azul\n- tamanho M\n\n-- \nEquipe Loja");
    const html = String(mail?.html);
    expect(html).toContain("<strong>Beatriz</strong>");
    expect(html).toContain("<li>modelo azul</li>");
    expect(html).toContain('href="https://loja.example/trocas"');
    expect(html).toContain("Equipe Loja<br>(11) 4000-1234"); // the signature, as the text has it
    expect(html).not.toMatch(/script|onclick|tracker\.example/);
    const [sent] = (await settledTimeline(created.id)).filter((m) => m.kind === "reply");
    expect(sent).toMatchObject({ direction: "outgoing", deliveryStatus: "sent", email: { to: ["beatriz@cliente.example"], cc: ["gerente@cliente.example"], bcc: ["auditoria@loja.example"] } });
    expect(sent?.email?.html).toContain("<em>aprovada</em>");

    // The customer's answer threads into it, and the team's next reply is a "Re:".
    await customerWrites({ from: "beatriz@cliente.example", subject: "Re: Sua troca foi aprovada", text: "Obrigada!", inReplyTo: `<${mail?.messageId?.replace(/[<>]/g, "") ?? ""}>` });
    await until(async () => (await timeline(created.id)).length, (n) => n >= 3);
    expect((await timeline(created.id)).map((m) => m.body)).toContain("Obrigada!");
  });

  it("sends a new e-mail's pictures inline (cid: parts the HTML shows), keeps other files attached, and drops images that are not its own", async () => {
    const upload = async (fileName: string, contentType: string, bytes: Buffer) => {
      const res = await env.admin.request({ method: "POST", url: `/api/v1/uploads?fileName=${fileName}`, headers: { "content-type": contentType }, payload: bytes });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ token: string }>().token;
    };
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const pdf = Buffer.from("%PDF-1.4\n% manual\n");
    const tokens = [await upload("passo-1.png", "image/png", png), await upload("manual.pdf", "application/pdf", pdf)];
    const before = outbox.length;
    const res = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: {
        inboxId: inbox.id,
        contact: { email: "rui@cliente.example" },
        subject: "Como configurar o roteador",
        message: {
          direction: "outgoing",
          body: "Veja a imagem do passo 1.",
          // The first file shown inline; the second is no picture, the third does not exist, the fourth is remote.
          html: '<p>Veja o passo 1:</p><p><img src="cid:0" alt="Passo 1" onerror="x()"></p><img src="cid:1"><img src="cid:7"><img src="https://tracker.example/p.gif">',
          attachments: tokens,
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [sent] = (await timeline(res.json<ConversationDto>().id)).filter((m) => m.kind === "reply");
    const inline = sent?.attachments.find((a) => a.fileName === "passo-1.png");
    expect(inline).toMatchObject({ disposition: "inline", contentType: "image/png" });
    expect(sent?.attachments.find((a) => a.fileName === "manual.pdf")).toMatchObject({ disposition: "attachment", contentId: null });
    // Stored as a received mail's inline pictures are, so the web app shows it from its file.
    expect(sent?.email?.html).toBe(`<p>Veja o passo 1:</p><p><img alt="Passo 1" data-cid="${String(inline?.contentId)}" /></p>`);
    await until(async () => outbox.length, (n) => n > before);
    const mail = outbox.at(-1);
    const part = mail?.attachments.find((a) => a.filename === "passo-1.png");
    expect(part).toMatchObject({ contentDisposition: "inline", cid: inline?.contentId });
    expect(part?.content.equals(png)).toBe(true);
    expect(mail?.attachments.find((a) => a.filename === "manual.pdf")?.contentDisposition).toBe("attachment");
    // The reader resolves the HTML's cid: reference to that part (mailparser shows it as a data: address).
    expect(String(mail?.html)).toContain(`<img alt="Passo 1" src="data:image/png;base64,${png.toString("base64")}" />`);
    expect(String(mail?.html)).not.toMatch(/onerror|tracker\.example|cid:7/);
  });

  it("refuses a new e-mail to a contact without an address, and formatting or copies outside e-mail, naming the field", async () => {
    const noAddress = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: { inboxId: inbox.id, contact: { name: "Sem E-mail", phone: "+5511999990000" }, message: { direction: "outgoing", body: "Oi" } },
    });
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({ path: "contact.email", code: "no_email" });
    const api = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "API", channel: "api" } })).json<InboxDto>();
    const outside = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: { inboxId: api.id, contact: { email: "x@cliente.example" }, message: { direction: "outgoing", body: "Oi", html: "<p>Oi</p>" } },
    });
    expect(outside.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({ path: "html", code: "email_only" });
    const incoming = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: { inboxId: inbox.id, contact: { email: "x@cliente.example" }, message: { body: "Oi" }, bcc: ["a@b.example"] },
    });
    expect(incoming.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("message.direction");
  });

  it("keeps a 10-message back-and-forth in one conversation, each side answering the other's last mail", async () => {
    let references: string[] = ["<ping-0@cliente.example>"];
    await customerWrites({ subject: "Troca de tamanho", text: "Mensagem do cliente 1", messageId: references[0] ?? "" });
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
    const id = list.json<{ items: ConversationDto[] }>().items.find((c) => c.subject === "Troca de tamanho")?.id ?? "";
    for (let round = 1; round <= 5; round++) {
      const before = outbox.length;
      await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: `Resposta da loja ${String(round)}` } });
      await until(async () => outbox.length, (n) => n > before);
      const answer = outbox.at(-1);
      expect(answer?.inReplyTo).toBe(references.at(-1)); // the agent answers the customer's last mail
      expect(answer?.references).toEqual(references.length === 1 ? references[0] : references);
      references = [...references, answer?.messageId ?? ""];
      if (round === 5) break;
      // The customer's mail program answers the agent's mail, sent to the From address (not the +token).
      const own = `<ping-${String(round)}@cliente.example>`;
      await customerWrites({
        subject: "Re: Troca de tamanho",
        text: `Mensagem do cliente ${String(round + 1)}`,
        messageId: own,
        inReplyTo: answer?.messageId ?? "",
        references,
      });
      references = [...references, own];
    }
    const bodies = (await timeline(id)).filter((m) => m.kind === "reply").map((m) => m.body);
    expect(bodies).toEqual(
      Array.from({ length: 5 }, (_, i) => [`Mensagem do cliente ${String(i + 1)}`, `Resposta da loja ${String(i + 1)}`]).flat(),
    );
  });

  it("sends a reply committed while no worker was there to hand it on, once the outbox finds it", async () => {
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
    const id = list.json<{ items: ConversationDto[] }>().items[0]?.id ?? "";
    // As if the process died right after committing the reply and its event, before the outbox ran.
    const lostId = "01a20000-0000-7000-8000-0000000000aa";
    const [row] = await env.t.runtime.db
      .insert(messages)
      .values({
        id: lostId,
        workspaceId: env.admin.workspaceId,
        conversationId: id,
        direction: "outgoing",
        kind: "reply",
        senderType: "agent",
        senderAgentId: env.admin.agentId,
        body: "Resposta que ficou para trás.",
        deliveryStatus: "pending",
        createdAt: new Date(Date.now() - 3 * 60_000),
      })
      .returning();
    if (!row) throw new Error("no message");
    await env.t.runtime.db.insert(events).values({
      id: "01a20000-0000-7000-8000-0000000000ab",
      workspaceId: env.admin.workspaceId,
      type: "message.created",
      actorType: "agent",
      actorId: env.admin.agentId,
      conversationId: id,
      payload: { message: toMessageDto(row, "Admin Person"), channel: "email" },
    });
    await env.t.runtime.db.insert(eventOutbox).values({ eventId: "01a20000-0000-7000-8000-0000000000ab" });
    const items = await until(() => timeline(id), (all) => all.find((m) => m.id === lostId)?.deliveryStatus === "sent");
    expect(items.find((m) => m.id === lostId)?.deliveryStatus).toBe("sent");
    expect(outbox.some((mail) => mail.text?.includes("Resposta que ficou para trás."))).toBe(true);
  });

  it("shows a failed delivery with the reason, and an agent can send it again", async () => {
    const broken = await env.admin.request({
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { name: "Quebrada", channel: "email", address: "quebrada@loja.example", smtp: { host: "127.0.0.1", port: 1, secure: false } },
    });
    const created = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: { inboxId: broken.json<InboxDto>().id, contact: { email: "rui@cliente.example" }, message: { body: "Olá", direction: "incoming" } },
    });
    const id = created.json<ConversationDto>().id;
    const posted = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "Resposta" } });
    const messageId = posted.json<MessageDto>().id;
    const failed = await until(() => timeline(id), (items) => items.some((m) => m.deliveryStatus === "failed"));
    expect(failed.find((m) => m.id === messageId)?.deliveryError).toMatch(/^Could not reach the outgoing mail server 127\.0\.0\.1:\d+ over SMTP/);
    expect(failed.find((m) => m.id === messageId)?.deliveryFailure).toBe("unreachable");
    // The customer is still waiting, since they wrote: the list and the reports say so.
    const customerWrote = failed.find((m) => m.direction === "incoming")?.createdAt;
    const waiting = await until(
      async () => (await env.admin.request({ method: "GET", url: `/api/v1/conversations/${id}` })).json<ConversationDto>(),
      (c) => c.waitingSince !== null,
    );
    expect(waiting.waitingSince).toBe(customerWrote);
    const teammate = await addAgent(env.t, env.admin, "agent", "Rita Colega");
    const retried = await teammate.request({ method: "POST", url: `/api/v1/conversations/${id}/messages/${messageId}/retry` });
    expect(retried.json<MessageDto>()).toMatchObject({ deliveryStatus: "pending", deliveryError: null, deliveryFailure: null });
    expect(retried.json<MessageDto>().sender?.name).toBe("Admin Person"); // who wrote it, not who retried
    const incoming = failed.find((m) => m.direction === "incoming")?.id ?? "";
    const notFailed = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages/${incoming}/retry` });
    expect(notFailed.statusCode).toBe(409);
    const unknown = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages/${randomUUID()}/retry` });
    expect(unknown.statusCode).toBe(404); // a message that is not there is not found, as everywhere
    // Each move of its delivery raised its event, in the change's own transaction.
    const moves = (await env.t.runtime.db.select().from(events).where(eq(events.type, "message.delivery_changed")))
      .map((e) => e.payload)
      .filter((p) => p.messageId === messageId);
    expect(moves).toContainEqual(expect.objectContaining({ from: "pending", to: "failed", reason: "refused" }));
    expect(moves).toContainEqual(expect.objectContaining({ from: "failed", to: "pending", reason: "retried", error: null }));
  });

  it("threads mail to the +token address only with the token it gave, flags a sender who is not part of the conversation, and never copies them on a reply", async () => {
    await customerWrites({ subject: "Senha do Wi-Fi", text: "Qual é a senha?", messageId: "<wifi-1@cliente.example>", cc: "Sócio <socio@cliente.example>" });
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
    const conversation = list.json<{ items: ConversationDto[] }>().items.find((c) => c.subject === "Senha do Wi-Fi");
    const id = conversation?.id ?? "";
    const before = outbox.length;
    await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "A senha está na etiqueta do roteador." } });
    await until(async () => outbox.length, (n) => n > before);
    const replyTo = outbox.at(-1)?.replyTo?.value[0]?.address ?? "";
    expect(outbox.at(-1)?.cc).toBeDefined(); // the customer's partner was copied

    // Guessed tokens open nothing: the old id form, and a number with a made-up signature.
    const stranger = (to: string, text: string) =>
      customerWrites({ from: "Intruso <intruso@evil.example>", to, subject: "Re: Senha do Wi-Fi", text, messageId: `<${text.replaceAll(" ", "-")}@evil.example>` });
    await stranger(`atendimento+${id}@loja.example`, "palpite um");
    await stranger(`atendimento+${String(conversation?.number)}-${"0".repeat(20)}@loja.example`, "palpite dois");
    expect((await timeline(id)).map((m) => m.body)).not.toContain("palpite um");
    expect((await timeline(id)).map((m) => m.body)).not.toContain("palpite dois");
    // A token that leaked (forwarded mail) threads, but the mail shows who sent it, flagged.
    await stranger(replyTo, "sou do suporte, mande a senha");
    const leaked = (await timeline(id)).find((m) => m.body === "sou do suporte, mande a senha");
    expect(leaked?.email).toMatchObject({ from: "intruso@evil.example", unknownSender: true });
    // The partner the customer copied is part of the conversation.
    await customerWrites({ from: "Sócio <socio@cliente.example>", to: replyTo, subject: "Re: Senha do Wi-Fi", text: "Obrigado!", messageId: "<wifi-2@cliente.example>" });
    expect((await timeline(id)).find((m) => m.body === "Obrigado!")?.email?.unknownSender).toBeUndefined();
    // The agent's next reply goes to the customer and the people they copied, never to the stranger.
    const count = outbox.length;
    await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "Cuidado com golpes." } });
    await until(async () => outbox.length, (n) => n > count);
    const recipients = JSON.stringify([outbox.at(-1)?.to, outbox.at(-1)?.cc]);
    expect(recipients).toContain("marta@cliente.example");
    expect(recipients).not.toContain("intruso@evil.example");

    // A token this inbox gave works only at this inbox's address.
    const other = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Vendas", channel: "email", address: "vendas@loja.example" } });
    expect(other.statusCode).toBe(201);
    const elsewhere = replyTo.replace("atendimento+", "vendas+");
    await stranger(elsewhere, "por outra caixa");
    expect((await timeline(id)).map((m) => m.body)).not.toContain("por outra caixa");
  });

  it("never mails the workspace's own inboxes: a reply to one fails at once, saying why", async () => {
    const before = outbox.length;
    const created = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: { inboxId: inbox.id, contact: { email: ADDRESS.toUpperCase() }, message: { body: "Para nós mesmos?", direction: "outgoing" } },
    });
    const id = created.json<ConversationDto>().id;
    const [mine] = (await settledTimeline(id)).filter((m) => m.body === "Para nós mesmos?");
    expect(mine).toMatchObject({ deliveryStatus: "failed", deliveryFailure: "no_address" });
    expect(mine?.deliveryError).toMatch(/own inboxes/);
    expect(outbox.length).toBe(before);
  });
});
