import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttachmentDto, ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { useSignedInAdmin } from "../../test/test-app.js";
import { startSmtpListener, type SmtpListener } from "./smtp-listener.js";

/** What one corpus file must come out as; see corpus/expected.json. */
type Expected = {
  subjectContains?: string;
  /** A phrase of the visible reply, accents and all: it proves the charset and transfer encoding were decoded. */
  bodyContains: string;
  quoted?: boolean;
  automated?: "auto-reply" | "bounce" | "list" | null;
  cc?: string[];
  /** The sender's display name, decoded (RFC 2047 or raw UTF-8), as the contact's name. */
  fromName?: string;
  /**
   * The files it carries besides its original source, in order, names decoded (RFC 2231 / RFC 2047);
   * none when left out. An inline image is one the HTML shows by its Content-ID.
   */
  attachments?: ExpectedFile[];
};
type ExpectedFile = { fileName: string; contentType: string; disposition: "attachment" | "inline" };

const CORPUS = join(import.meta.dirname, "corpus");
const ADDRESS = "suporte@loja.example";
const expectations = JSON.parse(readFileSync(join(CORPUS, "expected.json"), "utf8")) as Record<string, Expected>;
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".eml"))
  .sort();

/** The behaviour a file demonstrates, for the test's name: the charsets and encodings its text parts use, and more. */
function describeFile(file: string, exp: Expected): string {
  const raw = readFileSync(join(CORPUS, file), "latin1");
  const unique = (re: RegExp) => [...new Set([...raw.matchAll(re)].map((m) => (m[1] ?? "").toLowerCase()))].join("+");
  const charsets = unique(/^Content-Type: text\/(?:plain|html);\s*charset="?([\w-]+)/gim);
  const encodings = unique(/^Content-Transfer-Encoding: (base64|quoted-printable)/gim);
  const parts = [`decodes ${charsets || "its text"}${encodings ? ` ${encodings}` : ""}`];
  if (exp.quoted === true) parts.push("keeps the quoted history apart");
  if (exp.automated) parts.push(`flags it as ${exp.automated}`);
  if (exp.cc) parts.push("keeps the CC addresses");
  if (exp.attachments?.length) parts.push(`keeps ${exp.attachments.map((a) => `${a.disposition} ${a.contentType}`).join(" + ")}`);
  return parts.join(", ").replace(/, ([^,]*)$/, " and $1");
}

const env = useSignedInAdmin();
let smtp: SmtpListener;
let inbox: InboxDto;
const seen = new Set<string>();

beforeAll(async () => {
  smtp = await startSmtpListener(env.t.runtime, { port: 0, host: "127.0.0.1", maxBytes: 1024 * 1024, log: env.t.app.log });
  const res = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Suporte", channel: "email", address: ADDRESS } });
  inbox = res.json<InboxDto>();
});
afterAll(() => smtp.close());

/** Delivers the file's bytes unchanged through a real SMTP client over a socket, as a mail server would. */
function sendRaw(raw: Buffer) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ raw, envelope: { from: "sender@cliente.example", to: [ADDRESS] } });
}

/** The conversation the last delivery opened: the one of the inbox not seen before. */
async function newConversation(): Promise<ConversationDto | undefined> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}&limit=100` });
  const fresh = res.json<{ items: ConversationDto[] }>().items.filter((c) => !seen.has(c.id));
  for (const c of fresh) seen.add(c.id);
  expect(fresh).toHaveLength(1);
  return fresh[0];
}

async function incomingMessage(conversationId: string): Promise<MessageDto | undefined> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages?limit=100` });
  return res.json<{ items: MessageDto[] }>().items.find((m) => m.direction === "incoming");
}

/** An inline file is one the sanitized HTML shows (by `data-cid`); an attachment has no such reference. */
function expectShownIfInline(file: AttachmentDto, html: string | null) {
  if (file.disposition === "inline") {
    expect(file.contentId).toEqual(expect.any(String));
    expect(html).toContain(`data-cid="${file.contentId ?? ""}"`);
  }
  expect(file.contentId ?? "").not.toMatch(/^<|>$/);
}

describe("receiving the e-mail corpus over SMTP", () => {
  it("has an expectation for every corpus file and a file for every expectation", () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(expectations).sort()).toEqual(files);
  });

  const cases = files.map((file) => {
    const exp = expectations[file] ?? { bodyContains: "(missing expectation)" };
    return { file, exp, behaviour: describeFile(file, exp) };
  });
  it.each(cases)("stores $file: $behaviour", async ({ file, exp }) => {
    const info = await sendRaw(readFileSync(join(CORPUS, file)));
    expect(info.response).toMatch(/^250 /);
    const conversation = await newConversation();
    if (exp.subjectContains !== undefined) expect(conversation?.subject).toContain(exp.subjectContains);
    if (exp.fromName !== undefined) expect(conversation?.contact.name).toBe(exp.fromName);
    const message = await incomingMessage(conversation?.id ?? "");
    expect(message?.body).toContain(exp.bodyContains);
    expect(message?.body).not.toMatch(/\uFFFD|=\?[\w-]+\?[BQ]\?/i); // no replacement characters, no undecoded words
    const email = message?.email;
    expect(email?.to).toContain(ADDRESS);
    if (exp.quoted !== undefined) {
      expect(email?.quoted ?? null, "quoted history").toEqual(exp.quoted ? expect.any(String) : null);
      if (exp.quoted) expect(message?.body).not.toMatch(/^>/m);
    }
    if (exp.automated !== undefined) expect(email?.automated).toBe(exp.automated);
    if (exp.cc !== undefined) expect(email?.cc).toEqual(exp.cc);
    const attachments = message?.attachments ?? [];
    const originals = attachments.filter((a) => a.disposition === "original");
    expect(originals, "the original source").toEqual([expect.objectContaining({ fileName: "original.eml", contentType: "message/rfc822" })]);
    expect(originals[0]?.size).toBeGreaterThan(0);
    const carried = attachments.filter((a) => a.disposition !== "original");
    expect(carried.map(({ fileName, contentType, disposition }) => ({ fileName, contentType, disposition }))).toEqual(exp.attachments ?? []);
    for (const a of carried) expectShownIfInline(a, email?.html ?? null);
  });
});
