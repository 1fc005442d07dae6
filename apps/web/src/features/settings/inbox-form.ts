import { DEFAULT_WIDGET_SETTINGS, type InboxDto, type UpdateInboxBody } from "@atende/shared";

/**
 * A mail server as the form edits it: whether there is one, and its fields as typed (the password
 * only when changed; the port as a number, or empty for the usual one).
 */
export type ServerForm = { on: boolean; host: string; port: number | string; secure: boolean; user: string; password: string; mailbox: string };

/** The usual ports: submission with STARTTLS, and IMAP over TLS. */
const SMTP_PORT = 587;
const IMAP_PORT = 993;

/**
 * An inbox's settings as its form edits them: the name, an e-mail inbox's servers and signature, a
 * chat inbox's widget (texts empty for the translated defaults) and sites. Named as the API names
 * them, so that its field errors land beside the inputs.
 */
export type InboxForm = {
  name: string;
  signature: string;
  smtp: ServerForm;
  imap: ServerForm;
  widget: { color: string; greeting: string; position: "right" | "left"; preChat: "off" | "optional" | "required"; awayMessage: string };
  allowedOrigins: string[];
};

function serverForm(server: InboxDto["smtp"], defaults: { port: number; mailbox?: string }): ServerForm {
  return {
    on: server !== null,
    host: server?.host ?? "",
    port: server?.port ?? defaults.port,
    secure: server?.secure ?? defaults.port !== SMTP_PORT,
    user: server?.user ?? "",
    password: "",
    mailbox: defaults.mailbox ?? "",
  };
}

/** The form's values for an inbox (a password is never shown: an empty one keeps the stored one). */
export function inboxForm(inbox: InboxDto): InboxForm {
  const widget = inbox.chat ?? { ...DEFAULT_WIDGET_SETTINGS, allowedOrigins: [] };
  return {
    name: inbox.name,
    signature: inbox.signature ?? "",
    smtp: serverForm(inbox.smtp, { port: SMTP_PORT }),
    imap: serverForm(inbox.imap, { port: IMAP_PORT, mailbox: inbox.imap?.mailbox ?? "INBOX" }),
    widget: { color: widget.color, greeting: widget.greeting ?? "", position: widget.position, preChat: widget.preChat, awayMessage: widget.awayMessage ?? "" },
    allowedOrigins: widget.allowedOrigins,
  };
}

/** A server as the API takes it; null removes one that was there, undefined leaves things as they are. */
function serverBody(form: ServerForm, had: boolean, usualPort: number) {
  if (!form.on) return had ? null : undefined;
  return {
    host: form.host.trim(),
    port: typeof form.port === "number" ? form.port : usualPort,
    secure: form.secure,
    ...(form.user.trim() ? { user: form.user.trim() } : {}),
    ...(form.password ? { password: form.password } : {}),
  };
}

/** The change to send for the inbox's kind of channel: only what that channel has. */
export function inboxChanges(inbox: InboxDto, form: InboxForm): UpdateInboxBody {
  const body: UpdateInboxBody = { name: form.name.trim() };
  if (inbox.channel === "email") {
    const smtp = serverBody(form.smtp, inbox.smtp !== null, SMTP_PORT);
    const imap = serverBody(form.imap, inbox.imap !== null, IMAP_PORT);
    body.signature = form.signature.trim() || null;
    if (smtp !== undefined) body.smtp = smtp;
    if (imap !== undefined) body.imap = imap && { ...imap, mailbox: form.imap.mailbox.trim() || "INBOX" };
  }
  if (inbox.channel === "chat") {
    body.allowedOrigins = form.allowedOrigins;
    body.widget = { ...form.widget, greeting: form.widget.greeting.trim() || null, awayMessage: form.widget.awayMessage.trim() || null };
  }
  return body;
}
