import { rule } from "../errors.js";
import { z } from "zod";
import { CHAT_ATTACHMENTS_MAX, CHAT_MESSAGE_MAX } from "../chat-limits.js";
import { CustomAttributes, Email, EventCursor, Id, lineText, text, Timestamp, TimeZone } from "./common.js";
import { MessageButton, uploadTokenList } from "./message.js";

/** A site allowed to embed a widget: scheme, host and port, as browsers send it in `Origin`. */
export const WebOrigin = z
  .string()
  .max(300)
  .refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === s;
    } catch {
      return false;
    }
  }, rule("origin", "must be an origin such as https://loja.example (scheme, host and port only)"));

/** How a chat inbox's widget looks and behaves. */
export const WidgetSettings = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, rule("colour", "must be a colour such as #1f6feb")),
  /** Shown when the panel opens; null for the translated default. */
  greeting: text(500).nullable(),
  position: z.enum(["right", "left"]),
  /** Whether the visitor is asked for name and e-mail before writing. */
  preChat: z.enum(["off", "optional", "required"]),
  /** Shown while no agent is online (outside business hours); null for the translated default. */
  awayMessage: text(500).nullable(),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;

/** What a new chat inbox's widget starts with; a create or update gives only what it changes. */
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  color: "#1f6feb",
  greeting: null,
  position: "right",
  preChat: "off",
  awayMessage: null,
};

export type ChatSettings = WidgetSettings & {
  /** Sites that may embed the widget; empty allows any. */
  allowedOrigins: string[];
};

/**
 * Where a visitor is, as the widget reports it: shown to agents beside the conversation. A report
 * (`.partial()`) carries what it knows; what it leaves out stays as it was.
 */
export const VisitorContext = z.object({
  page: text(2000).nullable(),
  pageTitle: text(300).nullable(),
  userAgent: text(500).nullable(),
  language: text(35).nullable(),
  timeZone: TimeZone.nullable(),
});
export type VisitorContext = z.infer<typeof VisitorContext>;

/**
 * A signed-in user of the company's site. `hash` = HMAC-SHA256 of the user id with the inbox's
 * identity secret (hex) proves the id; the e-mail counts only when `emailHash` proves it too: the
 * HMAC of `<id>\n<email in lower case>` keyed with the SHA-256 (hex) of `atende-email:<secret>`.
 * An e-mail without its proof is only what the visitor said.
 */
export const VisitorIdentity = z.object({
  id: text(200).pipe(z.string().min(1, "must not be empty")),
  name: lineText(200).optional(),
  email: Email.optional(),
  hash: text(200),
  emailHash: text(200).optional(),
});

export const StartVisitorSessionBody = z.object({
  widgetToken: text(100).pipe(z.string().min(1, "must not be empty")),
  /** The token this browser was given before, to continue its conversation. */
  visitorToken: text(200).optional(),
  user: VisitorIdentity.optional(),
  /** From the pre-chat form. */
  name: lineText(200).optional(),
  email: Email.optional(),
  context: VisitorContext.partial().optional(),
});
export type StartVisitorSessionBody = z.infer<typeof StartVisitorSessionBody>;

/** A message as the visitor sees it: no notes, no activities, no internal details. */
export const VisitorMessageDto = z.object({
  id: Id,
  clientId: z.string().nullable(),
  direction: z.enum(["incoming", "outgoing"]),
  /** Who wrote it: the visitor, or the agent by name and picture (their initials when they have none). */
  sender: z.object({
    type: z.enum(["contact", "agent", "bot", "system"]),
    name: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  }),
  body: z.string(),
  /** Files; the visitor's widget fetches them from `GET /widget/v1/attachments/{id}`. */
  attachments: z.array(z.object({ id: Id, fileName: z.string(), contentType: z.string(), size: z.number().int() })),
  /** Whether the other side has seen it: an agent opened the visitor's message, or the visitor saw the reply. */
  read: z.boolean(),
  /** Choices offered with it (the virtual attendant's): pressing one sends its label. */
  buttons: z.array(MessageButton).nullable(),
  createdAt: Timestamp,
});
export type VisitorMessageDto = z.infer<typeof VisitorMessageDto>;

export const VisitorSessionDto = z.object({
  visitorToken: z.string(),
  /** Whether the site's identity proof was accepted; false when a user was claimed without a valid hash. */
  identified: z.boolean(),
  /** Who the visitor is: the e-mail they gave, and whether it is proven (signed by the site, or by a code they received). */
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), emailVerified: z.boolean() }),
  /** Whether the visitor can prove an e-mail with a code sent to it (the workspace sends e-mail). */
  canVerifyEmail: z.boolean(),
  widget: WidgetSettings,
  /** Whether an agent is online now; if not, the widget shows the away message and asks for an e-mail. */
  agentsOnline: z.boolean(),
  /** The inbox's virtual attendant, when it is on: how its messages are signed. */
  attendant: z.object({ name: z.string(), avatarUrl: z.string().nullable() }).nullable(),
  /** The largest file the visitor may send, in bytes (of the types in CHAT_UPLOAD_TYPES). */
  uploadMaxBytes: z.number().int(),
  /** The visitor's current conversation, newest messages last; null before the first message. */
  conversation: z.object({ id: Id, messages: z.array(VisitorMessageDto) }).nullable(),
  eventCursor: EventCursor,
});
export type VisitorSessionDto = z.infer<typeof VisitorSessionDto>;

export const VisitorMessageBody = z
  .object({
    /** Made by the widget for each message; sending the same one again stores it once. */
    clientId: text(64).pipe(z.string().min(8, "must be at least 8 characters")),
    /** A chat line, not a document: at most CHAT_MESSAGE_MAX characters; may be empty when files are sent. */
    body: text(CHAT_MESSAGE_MAX)
      .transform((s) => s.trim())
      .default(""),
    /** Files uploaded with `POST /widget/v1/uploads`, by their tokens. */
    attachments: uploadTokenList(CHAT_ATTACHMENTS_MAX).default([]),
  })
  .refine((m) => m.body.length > 0 || m.attachments.length > 0, { path: ["body"], message: "must not be empty" });
export type VisitorMessageBody = z.infer<typeof VisitorMessageBody>;

/** Asks for a one-time code at an address, to prove it is the visitor's (and see their earlier chats). */
export const SendEmailCodeBody = z.object({ email: Email });
export type SendEmailCodeBody = z.infer<typeof SendEmailCodeBody>;

export const EmailCodeSentDto = z.object({ email: z.string(), expiresAt: Timestamp });
export type EmailCodeSentDto = z.infer<typeof EmailCodeSentDto>;

export const ConfirmEmailCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, rule("six_digits", "must be the 6 digits from the e-mail")) });
export type ConfirmEmailCodeBody = z.infer<typeof ConfirmEmailCodeBody>;

/** What the widget reports about its visitor as it goes: the page, and attributes the site sets. */
export const UpdateVisitorBody = z.object({
  context: VisitorContext.partial().optional(),
  /** Merged into the contact's custom attributes (`window.Atende.setAttributes`), within the same limits as agents' changes. */
  attributes: CustomAttributes.optional(),
});
export type UpdateVisitorBody = z.infer<typeof UpdateVisitorBody>;

/** A browser a contact chatted from, as agents see it beside the conversation. */
export const VisitDto = z.object({
  id: Id,
  inboxId: Id,
  /** Whether the site proved who the visitor is (identity secret). */
  identified: z.boolean(),
  /** An e-mail the visitor gave that another contact has: where replies may follow them, not proof of who they are. */
  claimedEmail: z.string().nullable(),
  /** As reported (a time zone named before names were checked is given back as it was stored). */
  context: VisitorContext.extend({ timeZone: z.string().nullable() }).nullable(),
  /** The browser and system, read from the User-Agent ("Safari 17 · iOS 17.5"), and the kind of device. */
  browser: z.string().nullable(),
  device: z.enum(["desktop", "mobile", "tablet"]).nullable(),
  lastSeenAt: Timestamp,
  createdAt: Timestamp,
});
export type VisitDto = z.infer<typeof VisitDto>;
