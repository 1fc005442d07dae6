import { rule } from "../errors.js";
import { z } from "zod";
import {
  ATTACHMENT_DISPOSITIONS,
  DELIVERY_STATUSES,
  MAIL_FAILURES,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  SENDER_TYPES,
} from "../enums.js";
import { Email, Id, PageQuery, text, Timestamp } from "./common.js";

export const MESSAGE_BODY_MAX = 200_000;

/** A message's text, trimmed, not empty, at most `max` characters. */
export const messageBody = (max: number) =>
  text(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "must not be empty"));

export const MessageBody = messageBody(MESSAGE_BODY_MAX);

/** What an activity message records: which field changed, from what, to what, and who did it. */
export const ActivityDto = z.object({
  action: z.enum(["status", "assignee", "team", "tags", "priority", "created", "merged", "merged_into"]),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actorName: z.string(),
});
export type ActivityDto = z.infer<typeof ActivityDto>;

/** What an e-mail message carries beyond its text: its addresses and the history it quoted. */
export const EmailDetailsDto = z.object({
  from: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  /** Blind copies of mail the team sent (never shown to the customer). */
  bcc: z.array(z.string()).optional(),
  /** Set on a reply not sent yet whose copies are left to reply all (everyone the customer's last mail was copied to). */
  replyAll: z.boolean().optional(),
  /** The quoted history below the reply ("On … wrote:"), folded in the UI; null when there was none. */
  quoted: z.string().nullable(),
  /** The mail's HTML, sanitized: no scripts or forms, remote images held back as `data-remote-src`. */
  html: z.string().nullable(),
  /** Set for mail no person wrote (out-of-office, delivery reports, list traffic): it reopens nothing. */
  automated: z.enum(["auto-reply", "bounce", "list"]).nullable(),
  /** Set when the mail could not be parsed: the text is the raw source's beginning and the original is attached. */
  unreadable: z.boolean().optional(),
  /**
   * Set when the sender is not part of the conversation (neither its contact nor anyone its mail was
   * from, to or copied to): shown as who they are, and never copied on a reply.
   */
  unknownSender: z.boolean().optional(),
});
export type EmailDetailsDto = z.infer<typeof EmailDetailsDto>;

/** A file on a message; its bytes are at `GET /api/v1/attachments/{id}`. */
export const AttachmentDto = z.object({
  id: Id,
  disposition: z.enum(ATTACHMENT_DISPOSITIONS),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** The Content-ID an HTML body's `data-cid` image refers to; null for other files. */
  contentId: z.string().nullable(),
});
export type AttachmentDto = z.infer<typeof AttachmentDto>;

/** An uploaded file waiting to be sent: give its `token` in a message's `attachments` (within a day). */
export const UploadDto = z.object({
  token: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type UploadDto = z.infer<typeof UploadDto>;

/** A choice offered under a message (the virtual attendant's): pressing it sends its `label` as the customer's message. */
export const MessageButton = z.object({ label: z.string(), value: z.string() });
export type MessageButton = z.infer<typeof MessageButton>;

export const MessageDto = z.object({
  id: Id,
  conversationId: Id,
  direction: z.enum(MESSAGE_DIRECTIONS),
  kind: z.enum(MESSAGE_KINDS),
  private: z.boolean(),
  senderType: z.enum(SENDER_TYPES),
  sender: z.object({ id: Id, name: z.string().nullable() }).nullable(),
  body: z.string(),
  activity: ActivityDto.nullable(),
  deliveryStatus: z.enum(DELIVERY_STATUSES).nullable(),
  /** Why delivery failed, while it is failed: the mail server's answer when it gave one, else what Atende found. */
  deliveryError: z.string().nullable(),
  /** Why delivery failed, as a reason a client can say in its own words (null in events stored before there was one). */
  deliveryFailure: z.enum(MAIL_FAILURES).nullable().default(null),
  email: EmailDetailsDto.nullable(),
  attachments: z.array(AttachmentDto),
  /** The id the sending client gave it (chat widgets), which makes sending it twice harmless. */
  clientId: z.string().nullable(),
  /** Choices offered with it (the virtual attendant's), or null (also in events stored before there were any). */
  buttons: z.array(MessageButton).nullable().default(null),
  createdAt: Timestamp,
});
export type MessageDto = z.infer<typeof MessageDto>;

/** The most characters an agent's formatted e-mail (its HTML) may have. */
export const EMAIL_HTML_MAX = 400_000;

/** The pictures an agent's e-mail may show in its text (inline), as mail programs show them. */
export const INLINE_PICTURE_TYPES: readonly string[] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/** Upload tokens a message carries, at most `max`, each once (an HTML body names its pictures as `cid:N`, by their place in the list). */
export const uploadTokenList = (max: number) =>
  z
    .array(text(2000).pipe(z.string().min(1, "must not be empty")))
    .max(max)
    .refine((tokens) => new Set(tokens).size === tokens.length, rule("duplicate", "must name each upload once"));

/**
 * Files uploaded with `POST /api/v1/uploads`, by their tokens, sent with a message. In an e-mail's
 * `html`, `<img src="cid:0">` shows the first of them (a picture) inline rather than attached.
 */
export const UploadTokens = uploadTokenList(10).optional();

/**
 * What an agent's own e-mail may carry beyond its text: copies, blind copies, and the formatted
 * text as HTML (sanitized on arrival; `body` is its plain-text alternative; images only as the
 * message's own files, see `UploadTokens`).
 */
export const ComposedEmail = z.object({
  cc: z.array(Email).max(20).optional(),
  bcc: z.array(Email).max(20).optional(),
  html: text(EMAIL_HTML_MAX).optional(),
});
export type ComposedEmail = z.infer<typeof ComposedEmail>;

export const CreateMessageBody = z
  .object({
    body: MessageBody,
    private: z.boolean().default(false),
    direction: z.enum(MESSAGE_DIRECTIONS).default("outgoing"),
    /**
     * Who else an e-mail reply goes to. Left out, a reply goes to everyone the customer's last
     * mail was copied to (reply all); `[]` sends to the customer alone.
     */
    cc: ComposedEmail.shape.cc,
    /** Who gets a blind copy of an e-mail reply. */
    bcc: ComposedEmail.shape.bcc,
    /** An e-mail reply's formatted text, as HTML; `body` is its plain-text alternative. */
    html: ComposedEmail.shape.html,
    attachments: UploadTokens,
    /** Teammates @mentioned in a note: each hears of it (`agent.mentioned`). */
    mentions: z.array(Id).max(20).optional(),
  })
  .refine((m) => !(m.private && m.direction === "incoming"), {
    path: ["private"],
    message: "an incoming message from the contact cannot be a private note",
  })
  .refine((m) => m.mentions === undefined || m.private, { path: ["mentions"], message: "only a private note mentions teammates" })
  .refine((m) => m.cc === undefined || (!m.private && m.direction === "outgoing"), {
    path: ["cc"],
    message: "only an outgoing reply has copies",
  })
  .refine((m) => m.bcc === undefined || (!m.private && m.direction === "outgoing"), {
    path: ["bcc"],
    message: "only an outgoing reply has blind copies",
  })
  .refine((m) => m.html === undefined || (!m.private && m.direction === "outgoing"), {
    path: ["html"],
    message: "only an outgoing reply is formatted",
  });
export type CreateMessageBody = z.infer<typeof CreateMessageBody>;

/** Which end of a timeline a page starts from: the oldest first (the default), or the newest first with `nextCursor` leading to older ones. */
export const MESSAGE_ORDERS = ["oldest", "newest"] as const;

export const ListMessagesQuery = PageQuery.extend({
  limit: PageQuery.shape.limit.default(50),
  order: z.enum(MESSAGE_ORDERS).default("oldest").describe("`newest`: the newest first, and `nextCursor` leads to older messages (a timeline shown from its end)."),
});
export type ListMessagesQuery = z.infer<typeof ListMessagesQuery>;
