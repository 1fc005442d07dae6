import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse as parseDisposition } from "content-disposition";
import nodemailer, { type SendMailOptions } from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttachmentDto, ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { newWorkspace, useSignedInAdmin } from "../../test/test-app.js";
import { startSmtpListener, type SmtpListener } from "./smtp-listener.js";

const ADDRESS = "suporte@loja.example";
const FROM = "Joana Lima <joana@cliente.example>";
const MiB = 1024 * 1024;
/** A 1×1 PNG; random bytes after it make each test's image a file of its own. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

const env = useSignedInAdmin();
/** Large enough for a message with a 3 MB header. */
let smtp: SmtpListener;
/** Refuses anything over 256 KiB. */
let small: SmtpListener;
/** Offers STARTTLS with a self-signed certificate. */
let secure: SmtpListener;
let certDir: string;
let inbox: InboxDto;
const seen = new Set<string>();

beforeAll(async () => {
  const log = env.t.app.log;
  certDir = await mkdtemp(join(tmpdir(), "atende-smtp-tls-"));
  const [keyFile, certFile] = [join(certDir, "k.pem"), join(certDir, "c.pem")];
  await promisify(execFile)("openssl", [
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile],
    ...["-days", "1", "-subj", "/CN=localhost"],
  ]);
  smtp = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 8 * MiB, log });
  small = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 256 * 1024, log });
  secure = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: MiB, tls: { certFile, keyFile }, log });
  const res = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Suporte", channel: "email", address: ADDRESS } });
  inbox = res.json<InboxDto>();
});
afterAll(async () => {
  await Promise.all([smtp.close(), small.close(), secure.close()]);
  await rm(certDir, { recursive: true, force: true });
});

type Transport = { port?: number; requireTLS?: boolean };

/** Sends through a real SMTP client over a socket, as a mail server would (plain text unless `requireTLS`). */
function send(mail: SendMailOptions, { port = smtp.port, requireTLS = false }: Transport = {}) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ...(requireTLS ? { requireTLS: true, tls: { rejectUnauthorized: false } } : { ignoreTLS: true }),
  });
  return transport.sendMail({ from: FROM, to: ADDRESS, ...mail });
}

/** Delivers a source unchanged, with its own envelope. */
function sendRaw(raw: Buffer, envelopeFrom = "joana@cliente.example", transport: Transport = {}) {
  return send({ raw, envelope: { from: envelopeFrom, to: [ADDRESS] } }, transport);
}

/** The source nodemailer would send for `mail`, built beforehand so its bytes are known. */
function compose(mail: SendMailOptions): Promise<Buffer> {
  return new MailComposer({ from: FROM, to: ADDRESS, ...mail }).compile().build();
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The conversations the deliveries since the last call opened. */
async function freshConversations(): Promise<ConversationDto[]> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}&limit=100` });
  const fresh = res.json<{ items: ConversationDto[] }>().items.filter((c) => !seen.has(c.id));
  for (const c of fresh) seen.add(c.id);
  return fresh;
}

/** The one conversation the last delivery opened, and its message. */
async function delivered(): Promise<{ conversation: ConversationDto; message: MessageDto }> {
  const fresh = await freshConversations();
  expect(fresh).toHaveLength(1);
  const [conversation] = fresh;
  if (!conversation) throw new Error("no conversation");
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversation.id}/messages?limit=100` });
  const message = res.json<{ items: MessageDto[] }>().items.find((m) => m.direction === "incoming");
  if (!message) throw new Error("no incoming message");
  return { conversation, message };
}

function only(message: MessageDto, disposition: AttachmentDto["disposition"]): AttachmentDto {
  const files = message.attachments.filter((a) => a.disposition === disposition);
  expect(files, `${disposition} files`).toHaveLength(1);
  const [file] = files;
  if (!file) throw new Error(`no ${disposition} file`);
  return file;
}

/** How the response tells the browser to treat the file: shown in place or saved, and under which name. */
function dispositionOf(res: { headers: Record<string, unknown> }): { type: string; filename: string | undefined } {
  const header = res.headers["content-disposition"];
  if (typeof header !== "string") return { type: "(none)", filename: undefined };
  const { type, parameters } = parseDisposition(header);
  return { type, filename: parameters.filename };
}

function download(id: string, client = env.admin, headers: Record<string, string> = {}) {
  return client.request({ method: "GET", url: `/api/v1/attachments/${id}`, headers });
}

/** The files the store holds, by content: `ab/cd/abcd…`, its temporary directory left out. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(join(env.t.config.dataDir, "files"), { recursive: true });
  return entries.filter((p) => /^[0-9a-f]{2}[/\\][0-9a-f]{2}[/\\][0-9a-f]{64}$/.test(p));
}

async function temporaryFiles(): Promise<string[]> {
  return readdir(join(env.t.config.dataDir, "files", "tmp")).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  });
}

/** What the server answers to EHLO: its extensions, one a line. */
function ehlo(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let greeted = false;
    socket.setEncoding("utf8");
    socket.on("error", reject);
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (!greeted && /^220 .*\r\n/m.test(received)) {
        greeted = true;
        received = "";
        socket.write("EHLO client.example\r\n");
      } else if (greeted && /^250 .*\r\n/m.test(received)) {
        socket.end("QUIT\r\n");
        resolve(received);
      }
    });
  });
}

describe("files of received e-mail", () => {
  it("serves an attachment's exact bytes with its name, type, etag and the headers that keep it inert", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(300 * 1024)]);
    const info = await send({
      subject: "Comprovante",
      text: "Segue o comprovante.",
      attachments: [{ filename: "relatório de março.pdf", content: pdf, contentType: "application/pdf" }],
    });
    expect(info.response).toMatch(/^250 /);
    const { message } = await delivered();
    const file = only(message, "attachment");
    expect(file).toMatchObject({ fileName: "relatório de março.pdf", contentType: "application/pdf", size: pdf.length, contentId: null });

    const res = await download(file.id);
    expect(res.statusCode).toBe(200);
    expect(sha256(res.rawPayload)).toBe(sha256(pdf));
    expect(res.headers).toMatchObject({
      // Not a type the browser may render in the app's origin: downloaded, never shown.
      "content-type": "application/octet-stream",
      "content-length": String(pdf.length),
      etag: `"${sha256(pdf)}"`,
      "x-content-type-options": "nosniff",
    });
    expect(dispositionOf(res)).toEqual({ type: "attachment", filename: "relatório de março.pdf" });
    expect(res.headers["content-disposition"]).toContain("filename*=UTF-8''relat%C3%B3rio%20de%20mar%C3%A7o.pdf");
    expect(res.headers["content-security-policy"]).toMatch(/^sandbox/);

    const again = await download(file.id, env.admin, { "if-none-match": `"${sha256(pdf)}"` });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload).toHaveLength(0);
  });

  it("decodes attachment names encoded as RFC 2047 words and RFC 2231 continuations", async () => {
    const raw = Buffer.from(
      [
        `From: ${FROM}`,
        `To: ${ADDRESS}`,
        "Subject: Nomes codificados",
        "Message-ID: <names@cliente.example>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Dois arquivos.",
        "--b",
        'Content-Type: text/plain; name="=?UTF-8?Q?notas_=C3=A7=C3=A3o.txt?="',
        'Content-Disposition: attachment; filename="=?UTF-8?B?bm90YXMgw6fDo28udHh0?="',
        "",
        "primeiro",
        "--b",
        "Content-Type: application/pdf",
        "Content-Disposition: attachment;",
        " filename*0*=UTF-8''%C4%8Desk%C3%A1%20;",
        " filename*1*=faktura.pdf",
        "Content-Transfer-Encoding: base64",
        "",
        randomBytes(90).toString("base64"),
        "--b--",
        "",
      ].join("\r\n"),
    );
    await sendRaw(raw);
    const { message } = await delivered();
    expect(message.attachments.map((a) => [a.fileName, a.contentType, a.disposition])).toEqual([
      ["notas ção.txt", "text/plain", "attachment"],
      ["česká faktura.pdf", "application/pdf", "attachment"],
      ["original.eml", "message/rfc822", "original"],
    ]);
  });

  it("keeps the original source byte for byte", async () => {
    const raw = await compose({
      subject: "Original intacto",
      messageId: "<original@cliente.example>",
      // Lines that begin with a dot travel dot-stuffed and must come back as they were.
      text: "Hello,\r\n.a line with a dot\r\n..two dots\r\n.\r\nend",
      attachments: [{ filename: "dados.bin", content: randomBytes(40 * 1024) }],
    });
    expect(raw.toString("latin1")).toContain("\r\n.a line with a dot\r\n..two dots\r\n.\r\n");
    expect(raw.subarray(-2).toString()).toBe("\r\n"); // so SMTP adds nothing to it
    await sendRaw(raw);
    const { message } = await delivered();
    expect(message.body).toContain(".a line with a dot\n..two dots\n.\nend");
    const original = only(message, "original");
    expect(original).toMatchObject({ fileName: "original.eml", contentType: "message/rfc822", contentId: null, size: raw.length });
    const res = await download(original.id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBe(raw.length);
    expect(sha256(res.rawPayload)).toBe(sha256(raw));
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(dispositionOf(res)).toEqual({ type: "attachment", filename: "original.eml" });
  });

  it("marks an image the HTML shows by Content-ID as inline and serves it as an image", async () => {
    const png = Buffer.concat([PNG, randomBytes(64)]);
    await send({
      subject: "Foto do pacote",
      text: "Segue a foto.",
      html: '<p>Segue a foto:</p><img src="cid:foto-1@cliente.example" alt="pacote">',
      attachments: [{ filename: "pacote.png", content: png, contentType: "image/png", cid: "foto-1@cliente.example" }],
    });
    const { message } = await delivered();
    expect(message.email?.html).toContain('data-cid="foto-1@cliente.example"');
    expect(message.email?.html).not.toMatch(/ src=/);
    const image = only(message, "inline");
    expect(image).toMatchObject({ fileName: "pacote.png", contentType: "image/png", contentId: "foto-1@cliente.example", size: png.length });
    expect(message.attachments.map((a) => a.disposition)).toEqual(["inline", "original"]);

    const res = await download(image.id);
    expect(sha256(res.rawPayload)).toBe(sha256(png));
    expect(res.headers["content-type"]).toBe("image/png");
    expect(dispositionOf(res)).toEqual({ type: "inline", filename: "pacote.png" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toMatch(/^sandbox/);
  });

  it("keeps an image with a Content-ID the HTML does not show as an attachment", async () => {
    await send({
      subject: "Imagem solta",
      html: "<p>Sem referência à imagem.</p>",
      attachments: [{ filename: "solta.png", content: Buffer.concat([PNG, randomBytes(64)]), contentType: "image/png", cid: "solta@cliente.example" }],
    });
    const { message } = await delivered();
    expect(message.attachments.map((a) => [a.fileName, a.disposition])).toEqual([
      ["solta.png", "attachment"],
      ["original.eml", "original"],
    ]);
  });

  // PostgreSQL text cannot hold NUL: a name with one would be refused with 451 on every retry.
  it("stores a file whose encoded name holds a NUL character", async () => {
    const raw = Buffer.from(
      [
        `From: ${FROM}`,
        `To: ${ADDRESS}`,
        "Subject: Nome com NUL",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "Anexo.",
        "--b",
        "Content-Type: application/pdf",
        "Content-Disposition: attachment; filename*=UTF-8''nota%00fiscal.pdf",
        "",
        "%PDF-1.4",
        "--b--",
        "",
      ].join("\r\n"),
    );
    const info = await sendRaw(raw);
    expect(info.response).toMatch(/^250 /);
    expect(only((await delivered()).message, "attachment").fileName).toBe("notafiscal.pdf");
  });

  // The cid: scheme is case-insensitive and percent-encoded (RFC 2392, RFC 3986 §3.1).
  it.each([
    ["an upper-case CID: scheme", "CID:foto-2@cliente.example"],
    ["a percent-encoded Content-ID", "cid:foto-2%40cliente.example"],
  ])("marks an image referenced by %s as inline", async (_case, src) => {
    await send({
      subject: `Referência ${src}`,
      html: `<p>Foto:</p><img src="${src}">`,
      attachments: [{ filename: "foto.png", content: Buffer.concat([PNG, randomBytes(64)]), contentType: "image/png", cid: "foto-2@cliente.example" }],
    });
    const { message } = await delivered();
    expect(message.email?.html).toContain('data-cid="foto-2@cliente.example"');
    expect(only(message, "inline").fileName).toBe("foto.png");
  });

  it.each([
    ["pagina.html", "text/html", "<script>alert(document.cookie)</script>"],
    ["desenho.svg", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
  ])("serves %s (%s) as an opaque download in a sandbox", async (filename, contentType, content) => {
    await send({ subject: `Arquivo ${filename}`, text: "Veja o anexo.", attachments: [{ filename, content, contentType }] });
    const { message } = await delivered();
    const file = only(message, "attachment");
    expect(file).toMatchObject({ fileName: filename, contentType });
    const res = await download(file.id);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(content);
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(dispositionOf(res)).toEqual({ type: "attachment", filename });
    expect(res.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("does not show one workspace's files to another's agents", async () => {
    await send({ subject: "Privado", text: "Só para a loja.", attachments: [{ filename: "contrato.txt", content: "confidencial" }] });
    const { message } = await delivered();
    const other = await newWorkspace(env.t);
    for (const file of message.attachments) {
      expect((await download(file.id)).statusCode).toBe(200);
      const res = await download(file.id, other);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain("confidencial");
    }
    expect((await download("00000000-0000-7000-8000-000000000000")).statusCode).toBe(404);
  });

  it("stores the same file once however many messages carry it", async () => {
    const shared = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(50 * 1024)]);
    const attachments = [{ filename: "catalogo.pdf", content: shared, contentType: "application/pdf" }];
    const before = (await storedFiles()).length;

    await send({ subject: "Catálogo 1", text: "Primeira.", attachments });
    const first = only((await delivered()).message, "attachment");
    expect((await storedFiles()).length).toBe(before + 2); // the file and the original

    await send({ subject: "Catálogo 2", text: "Segunda, mesmo anexo.", attachments });
    const second = only((await delivered()).message, "attachment");
    expect((await storedFiles()).length).toBe(before + 3); // only the new original

    expect(second.id).not.toBe(first.id);
    const etags = await Promise.all([first, second].map(async (f) => (await download(f.id)).headers.etag));
    expect(etags).toEqual([`"${sha256(shared)}"`, `"${sha256(shared)}"`]);
    const name = sha256(shared);
    expect((await storedFiles()).filter((p) => p.endsWith(name))).toEqual([join(name.slice(0, 2), name.slice(2, 4), name)]);
  });

  it("keeps a message whose header is too long to parse as unreadable, from the envelope sender, with its original", async () => {
    const raw = Buffer.from(
      [
        "From: Alguém <header-from@cliente.example>",
        `To: ${ADDRESS}`,
        "Subject: Cabeçalho enorme",
        `X-Huge: ${"a".repeat(3 * MiB)}`,
        "",
        "Texto que ninguém lê.",
        "",
      ].join("\r\n"),
    );
    const info = await sendRaw(raw, "Envelope.Sender@Cliente.example");
    expect(info.response).toMatch(/^250 /);
    const { conversation, message } = await delivered();
    expect(conversation.contact.email).toBe("envelope.sender@cliente.example");
    expect(message.email).toMatchObject({ unreadable: true, from: "envelope.sender@cliente.example", html: null });
    expect(message.body).toMatch(/^From: Alguém <header-from@cliente\.example>\s+To: suporte@loja\.example/);
    expect(message.body.length).toBeLessThanOrEqual(4000);
    const original = only(message, "original");
    expect(original.size).toBe(raw.length);
    expect(sha256((await download(original.id)).rawPayload)).toBe(sha256(raw));
  });

  it("keeps an empty source as unreadable, from the envelope sender, with its original", async () => {
    await sendRaw(Buffer.alloc(0), "Vazio@Cliente.example");
    const { conversation, message } = await delivered();
    expect(conversation.contact.email).toBe("vazio@cliente.example");
    expect(message.email).toMatchObject({ unreadable: true, from: "vazio@cliente.example" });
    expect(message.body).toBe("(empty message)");
    expect(message.attachments.map((a) => a.disposition)).toEqual(["original"]);
  });

  // Blank lines only: mailparser reads "\n" as text, which is no content.
  it("keeps a source of blank lines only (neither headers nor content) as unreadable, from the envelope sender", async () => {
    await sendRaw(Buffer.from("\r\n\r\n"), "brancas@cliente.example");
    const { conversation, message } = await delivered();
    expect(message.email?.unreadable).toBe(true);
    expect(conversation.contact.email).toBe("brancas@cliente.example");
  });

  it("refuses a message over the size limit with 552, storing nothing and leaving no temporary file", async () => {
    const before = await storedFiles();
    const big = randomBytes(MiB);
    await expect(
      send({ subject: "Grande demais", text: "Anexo grande.", attachments: [{ filename: "grande.bin", content: big }] }, { port: small.port }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await freshConversations()).toEqual([]);
    expect(await storedFiles()).toEqual(before);
    expect(await temporaryFiles()).toEqual([]);
    // The listener is not spoiled: a message under the limit is then accepted.
    await send({ subject: "Pequeno", text: "Cabe." }, { port: small.port });
    expect((await delivered()).conversation.subject).toBe("Pequeno");
  });
});

describe("STARTTLS", () => {
  it("is offered only by a listener with a certificate", async () => {
    expect(await ehlo(secure.port)).toMatch(/^250[- ]STARTTLS\r?$/m);
    expect(await ehlo(smtp.port)).not.toMatch(/STARTTLS/);
  });

  it("receives a message over TLS when a certificate is configured", async () => {
    const info = await send({ subject: "Por TLS", text: "Cifrado." }, { port: secure.port, requireTLS: true });
    expect(info.response).toMatch(/^250 /);
    const { message } = await delivered();
    expect(message.body).toBe("Cifrado.");
    expect(only(message, "original").size).toBeGreaterThan(0);
  });

  it("leaves a client that requires TLS unable to send to a listener without a certificate", async () => {
    await expect(send({ subject: "Exige TLS", text: "Não deve chegar." }, { requireTLS: true })).rejects.toThrow(/STARTTLS/i);
    expect(await freshConversations()).toEqual([]);
  });
});
