import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { convert } from "html-to-text";
import { MailParser, type AddressObject, type AttachmentStream, type Headers, type MessageText } from "mailparser";
import { clip, Email, MESSAGE_BODY_MAX, oneLine, safeFileName, type EmailDetailsDto } from "@atende/shared";
import type { FileStore, StoredFile } from "../../files/file-store.js";
import type { NewAttachment } from "../../modules/messages/service.js";
import { referencedIds } from "./address.js";
import { classifyAutomated } from "./automated.js";
import { htmlDepth, htmlPlainText, sanitizeEmailHtml } from "./html.js";
import { splitQuoted } from "./quoted.js";

/** What a received e-mail becomes, read once whatever the number of inboxes it is for. */
export type ParsedEmail = {
  /** Its Message-ID as stored and matched (see {@link messageKey}), or its source's hash when it has none. */
  messageId: string | undefined;
  subject: string | undefined;
  sender: { email?: string; name?: string };
  body: string;
  email: EmailDetailsDto;
  /** The Message-IDs it answers, newest first, as keys. */
  refs: string[];
  /** Its files, already in the file store, and its original source. */
  attachments: NewAttachment[];
};

/** The longest address kept (RFC 5321's limit for a path): anything longer is no address to answer. */
const ADDRESS_MAX = 254;
/** How many of the Message-IDs a mail refers to are looked at: the newest ones thread it. */
const REFERENCES_MAX = 100;
/** Ids longer than this are matched by their hash (an index cannot hold any length). */
const MESSAGE_ID_MAX = 250;
/** How deep an HTML body may nest to be shown as HTML; deeper ones are read as plain text. */
const HTML_DEPTH_MAX = 200;

/**
 * A Message-ID as stored and matched: itself, or when very long its SHA-256 (the same long id always
 * gives the same key, so threading and de-duplication still work).
 */
export function messageKey(id: string): string {
  const trimmed = id.trim().replace(/^<|>$/g, "");
  return trimmed.length <= MESSAGE_ID_MAX ? trimmed : `sha256:${createHash("sha256").update(trimmed).digest("hex")}`;
}

/** Text PostgreSQL stores as it is: no NUL, no lone UTF-16 surrogates (both become U+FFFD). */
const storableText = (s: string) => s.replaceAll("\0", "\uFFFD").toWellFormed();

/** Every text of a parsed mail made storable, however deep (headers decode to anything). */
function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T; // a string stays a string
  if (Array.isArray(value)) return value.map(storable) as T; // an array of the same
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v)])) as T; // an object of the same keys
  }
  return value;
}

/** An address as a contact keeps it: one the API would take too (a header can hold `<` or `@@`), and not too long to answer. */
const usableAddress = (address: string | undefined) => (address && address.length <= ADDRESS_MAX && Email.safeParse(address).success ? address.toLowerCase() : null);

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value.flatMap((a) => usableAddress(a.address) ?? []));
}

function firstAddress(from: AddressObject | undefined): { email?: string; name?: string } {
  const sender = from?.value[0];
  const email = usableAddress(sender?.address);
  const name = clip(oneLine(sender?.name ?? ""), 200);
  return { ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

/**
 * The key of mail without a Message-ID (or unreadable): its source's hash, so that the same message
 * sent again (a retry after a 451) is stored once. No `@`: never sent out as a reference.
 */
const sourceKey = (original: StoredFile) => `source:${original.sha256}`;

/** How much of a returned message a bounce's Message-IDs are looked for in. */
const REPORT_HEAD_BYTES = 64 * 1024;

async function headOf(files: FileStore, sha256: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of files.open(sha256, { start: 0, end: REPORT_HEAD_BYTES - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The Message-IDs a delivery report is about: those of the returned message or headers it attaches. */
async function bouncedIds(files: FileStore, attached: NewAttachment[]): Promise<string[]> {
  const returned = attached.filter((a) => a.contentType === "message/rfc822" || a.contentType === "text/rfc822-headers");
  const heads = await Promise.all(returned.map((a) => headOf(files, a.sha256)));
  return heads.flatMap((head) => [...head.matchAll(/^Message-ID:\s*<([^>\s]+)>/gim)].map((m) => m[1] ?? "")).filter(Boolean);
}

/** A name for a file that came without one, with an extension a desktop opens it by. */
function defaultFileName(contentType: string, n: number): string {
  if (contentType === "message/rfc822") return "message.eml";
  if (contentType === "text/rfc822-headers") return "headers.txt";
  const extension = /^image\/(png|jpeg|gif|webp)$/.exec(contentType)?.[1] ?? (contentType.startsWith("text/") ? "txt" : "bin");
  return `attachment-${String(n)}.${extension === "jpeg" ? "jpg" : extension}`;
}

type Parts = { headers: Headers; text: string; html: string; files: NewAttachment[] };

/** Reads the mail's headers and texts, streaming each attached file into the store as it passes. */
async function readParts(source: Readable, files: FileStore): Promise<Parts> {
  const parser = new MailParser({ skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const parts: Parts = { headers: new Map(), text: "", html: "", files: [] };
  parser.once("headers", (headers: Headers) => {
    parts.headers = headers;
  });
  source.once("error", (err) => parser.destroy(err));
  source.pipe(parser);
  for await (const part of parser as AsyncIterable<AttachmentStream | MessageText>) {
    if (part.type === "text") {
      parts.text = part.text ?? "";
      parts.html = typeof part.html === "string" ? part.html : "";
      continue;
    }
    const stored = await files.put(part.content as unknown as AsyncIterable<Buffer>); // a Transform of Buffers
    part.release();
    if (!stored) continue;
    parts.files.push({
      disposition: "attachment",
      fileName: part.filename?.trim() ? safeFileName(part.filename) : defaultFileName(part.contentType, parts.files.length + 1),
      contentType: clip(part.contentType, 255),
      contentId: part.contentId ? clip(part.contentId.replace(/^<|>$/g, ""), 500) : null,
      ...stored,
    });
  }
  return parts;
}

/**
 * What is kept of mail that cannot be read (or stored) as mail: the beginning of its source as
 * text, marked unreadable, from the envelope's sender, with the original attached.
 */
export async function unreadableEmail(
  files: FileStore,
  original: StoredFile,
  envelopeFrom: string | undefined,
  partsFound: NewAttachment[] = [],
): Promise<ParsedEmail> {
  const from = usableAddress(envelopeFrom);
  const excerpt = storableText(clip(await headOf(files, original.sha256), 4000)).trim() || "(empty message)";
  return {
    messageId: sourceKey(original),
    subject: undefined,
    sender: from ? { email: from } : {},
    body: excerpt,
    email: { from, to: [], cc: [], quoted: null, automated: null, html: null, unreadable: true },
    refs: [],
    attachments: [...partsFound, originalAttachment(original)],
  };
}

const originalAttachment = (original: StoredFile): NewAttachment => ({
  disposition: "original",
  fileName: "original.eml",
  contentType: "message/rfc822",
  contentId: null,
  ...original,
});

/**
 * Parses a received e-mail whose source is in the file store (read from `source` when it is also in
 * memory): its text without the quoted history,
 * addresses, sanitized HTML (inline images named by Content-ID), kind, and files. Every text comes
 * out storable and every header bounded (long ids hashed, references cut to the newest). Mail
 * that cannot be parsed (or has neither headers nor content) is still kept, as unreadable.
 */
export async function parseEmail(files: FileStore, original: StoredFile, envelopeFrom?: string, source?: Uint8Array): Promise<ParsedEmail> {
  const parts = await readParts(source ? Readable.from([Buffer.from(source.buffer, source.byteOffset, source.byteLength)]) : files.open(original.sha256), files).catch(() => null);
  const written = parts ? firstAddress(parts.headers.get("from") as AddressObject | undefined) : {};
  // No From one can answer: the envelope's sender, as for mail that cannot be read at all.
  const returnPath = written.email ? null : usableAddress(envelopeFrom);
  const sender = returnPath ? { ...written, email: returnPath } : written;
  if (!parts || (!written.email && !parts.text.trim() && !parts.html.trim() && parts.files.length === 0)) {
    return unreadableEmail(files, original, envelopeFrom, parts?.files);
  }
  const { headers } = parts;
  // HTML nested deeper than any mail a person writes is hostile: it is read as plain text only,
  // since sanitizing or converting it would take seconds.
  const html = parts.html && htmlDepth(parts.html) <= HTML_DEPTH_MAX ? parts.html : null;
  // HTML-only mail is converted here, without hard wrapping at 80 columns.
  const fromHtml = () => (html ? convert(html, { wordwrap: false }) : parts.html ? htmlPlainText(parts.html) : "");
  const text = (parts.text.trim() || fromHtml()).trim() || "(no text)";
  const { visible, quoted } = splitQuoted(text);
  const from = sender.email ?? null;
  const automated = classifyAutomated(headers, from);
  const sanitized = html ? sanitizeEmailHtml(html) : null;
  const attached = parts.files.map((f) =>
    f.contentId && sanitized?.inlineIds.has(f.contentId) ? { ...f, disposition: "inline" as const } : f,
  );
  const header = (name: string) => {
    const value = headers.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const references = headers.get("references");
  const referenceList = typeof references === "string" ? references : Array.isArray(references) ? references.filter((r) => typeof r === "string") : undefined;
  const messageId = header("message-id");
  const subject = header("subject");
  return storable({
    messageId: messageId ? messageKey(messageId) : sourceKey(original),
    subject: subject === undefined ? undefined : clip(subject, 500),
    sender,
    body: clip(visible, MESSAGE_BODY_MAX),
    email: {
      from,
      to: addresses(headers.get("to") as AddressObject | AddressObject[] | undefined),
      cc: addresses(headers.get("cc") as AddressObject | AddressObject[] | undefined),
      quoted,
      automated,
      html: sanitized?.html ?? null,
    },
    refs: [...(automated === "bounce" ? await bouncedIds(files, attached) : []), ...referencedIds(header("in-reply-to"), referenceList)]
      .slice(0, REFERENCES_MAX)
      .map(messageKey),
    attachments: [...attached, originalAttachment(original)],
  });
}
