import { z } from "zod";
import { CHAT_ATTACHMENTS_MAX, CHAT_MESSAGE_MAX } from "../chat-limits.js";
import { Email, Id, text, Timestamp } from "./common.js";

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
  }, "must be an origin such as https://loja.example (scheme, host and port only)");

/** How a chat inbox's widget looks and behaves. */
export const WidgetSettings = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #1f6feb"),
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

/** Where a visitor is, as the widget reports it: shown to agents beside the conversation. */
export const VisitorContext = z.object({
  page: z.string().max(2000).nullable().default(null),
  pageTitle: z.string().max(300).nullable().default(null),
  userAgent: z.string().max(500).nullable().default(null),
  language: z.string().max(35).nullable().default(null),
  timeZone: z.string().max(64).nullable().default(null),
});
export type VisitorContext = z.infer<typeof VisitorContext>;

/** A signed-in user of the company's site, proven by `hash` = HMAC-SHA256(user id, identity secret), hex. */
export const VisitorIdentity = z.object({
  id: z.string().min(1).max(200),
  name: text(200).optional(),
  email: Email.optional(),
  hash: z.string().max(200),
});

export const StartVisitorSessionBody = z.object({
  widgetToken: z.string().min(1).max(100),
  /** The token this browser was given before, to continue its conversation. */
  visitorToken: z.string().max(200).optional(),
  user: VisitorIdentity.optional(),
  /** From the pre-chat form. */
  name: text(200).optional(),
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
  createdAt: Timestamp,
});
export type VisitorMessageDto = z.infer<typeof VisitorMessageDto>;

export const VisitorSessionDto = z.object({
  visitorToken: z.string(),
  /** Whether the site's identity proof was accepted; false when a user was claimed without a valid hash. */
  identified: z.boolean(),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  widget: WidgetSettings,
  /** Whether an agent is online now; if not, the widget shows the away message and asks for an e-mail. */
  agentsOnline: z.boolean(),
  /** The largest file the visitor may send, in bytes (of the types in CHAT_UPLOAD_TYPES). */
  uploadMaxBytes: z.number().int(),
  /** The visitor's current conversation, newest messages last; null before the first message. */
  conversation: z.object({ id: Id, messages: z.array(VisitorMessageDto) }).nullable(),
});
export type VisitorSessionDto = z.infer<typeof VisitorSessionDto>;

export const VisitorMessageBody = z
  .object({
    /** Made by the widget for each message; sending the same one again stores it once. */
    clientId: z.string().min(8).max(64),
    /** A chat line, not a document: at most CHAT_MESSAGE_MAX characters; may be empty when files are sent. */
    body: text(CHAT_MESSAGE_MAX)
      .transform((s) => s.trim())
      .default(""),
    /** Files uploaded with `POST /widget/v1/uploads`, by their tokens. */
    attachments: z.array(z.string().min(1).max(2000)).max(CHAT_ATTACHMENTS_MAX).default([]),
  })
  .refine((m) => m.body.length > 0 || m.attachments.length > 0, { path: ["body"], message: "must not be empty" });
export type VisitorMessageBody = z.infer<typeof VisitorMessageBody>;

/** What the widget reports about its visitor as it goes: the page, and attributes the site sets. */
export const UpdateVisitorBody = z.object({
  context: VisitorContext.partial().optional(),
  /** Merged into the contact's custom attributes (`window.Atende.setAttributes`). */
  attributes: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).optional(),
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
  context: VisitorContext.nullable(),
  /** The browser and system, read from the User-Agent ("Safari 17 · iOS 17.5"), and the kind of device. */
  browser: z.string().nullable(),
  device: z.enum(["desktop", "mobile", "tablet"]).nullable(),
  lastSeenAt: Timestamp,
  createdAt: Timestamp,
});
export type VisitDto = z.infer<typeof VisitDto>;
