import { rule } from "../errors.js";
import { z } from "zod";
import { splitRecipient } from "../email-address.js";
import { CHANNEL_KINDS, MAIL_FAILURES } from "../enums.js";
import { Email, exactLine, Id, line, text, Timestamp, someChange } from "./common.js";
import { WebOrigin, WidgetSettings } from "./chat.js";
import { VirtualAttendantChange, VirtualAttendantDto } from "./virtual-attendant.js";

const MailServerBody = z.object({
  host: exactLine(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(true),
  user: text(320).optional(),
  password: text(1000).optional(),
});

const ImapServerBody = MailServerBody.extend({ mailbox: exactLine(255).default("INBOX") });
const Signature = text(5000).nullable();

/** A mail server as the API shows it: never its password, only whether one is stored. */
const MailServerDto = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
});

/**
 * Whether an e-mail inbox may receive mail at its address: proven by a code mailed there or a DNS
 * record on its domain (asked for when several workspaces share the installation).
 */
export const AddressProofDto = z.object({
  status: z.enum(["verified", "unverified"]),
  /** How it was proven; `not-required` where one workspace has the installation, `existing` from before proofs. */
  method: z.enum(["code", "dns", "not-required", "existing"]).nullable(),
  /**
   * Whether a code can be mailed to the address: Atende sends it through its own mail server
   * (ATENDE_SYSTEM_SMTP_URL), never the inbox's, which the workspace chooses.
   */
  codeAvailable: z.boolean(),
  /** When the last code was mailed to the address. */
  codeSentAt: Timestamp.nullable(),
  /** The TXT record that proves the domain, once asked for. */
  dnsRecord: z.object({ name: z.string(), value: z.string() }).nullable(),
});
export type AddressProofDto = z.infer<typeof AddressProofDto>;

export const StartAddressProofBody = z.object({ method: z.enum(["code", "dns"]) });
export type StartAddressProofBody = z.infer<typeof StartAddressProofBody>;

export const ConfirmAddressProofBody = z
  .object({
    method: z.enum(["code", "dns"]),
    code: z.string().trim().regex(/^\d{6}$/, rule("six_digits", "must be the 6 digits from the e-mail")).optional(),
  })
  .refine((b) => b.method !== "code" || b.code !== undefined, { path: ["code"], message: "is required to confirm by code" });
export type ConfirmAddressProofBody = z.infer<typeof ConfirmAddressProofBody>;

export const InboxDto = z.object({
  id: Id,
  name: z.string(),
  channel: z.enum(CHANNEL_KINDS),
  /** The address customers write to, for e-mail inboxes. */
  address: z.string().nullable(),
  /** Whether the address is proven and receives mail (e-mail inboxes). */
  addressProof: AddressProofDto.nullable(),
  smtp: MailServerDto.nullable(),
  /** The mailbox mail is imported from, and the last connection failure in its server's words. */
  imap: MailServerDto.extend({
    mailbox: z.string(),
    /** Why the last connection failed, until one succeeds: the server's answer when it gave one, else what Atende found. */
    error: z.string().nullable(),
    /** The same, as a reason a client can say in its own words. */
    failure: z.enum(MAIL_FAILURES).nullable(),
  }).nullable(),
  /** Added below every e-mail reply sent from this inbox. */
  signature: z.string().nullable(),
  /** A chat inbox's widget: the public token for the snippet, its settings and the sites allowed to embed it. */
  chat: WidgetSettings.extend({
    widgetToken: z.string(),
    allowedOrigins: z.array(z.string()),
    /**
     * Signs visitors' user ids (HMAC-SHA256, hex) for `data-user-hash`. Shown once: in the response
     * that creates the inbox or replaces the secret; null everywhere else (and on a replay).
     */
    identitySecret: z.string().nullable(),
  }).nullable(),
  /** Its virtual attendant, for chat inboxes (null: never set up). */
  virtualAttendant: VirtualAttendantDto.nullable(),
  createdAt: Timestamp,
});
export type InboxDto = z.infer<typeof InboxDto>;

/**
 * An inbox's address: an e-mail address with no `+` before its `@`. Atende reads what follows a `+`
 * as a reply token, and takes mail to `name+anything@` for `name@`.
 */
export const InboxAddress = Email.refine((address) => splitRecipient(address).address === address, {
  message: rule("plus_address", "may not have a + before the @: mail to name+anything@ comes to the inbox of name@; give the address without it"),
});

export const CreateInboxBody = z
  .object({
    name: line(100),
    channel: z.enum(CHANNEL_KINDS),
    address: InboxAddress.optional(),
    smtp: MailServerBody.optional(),
    imap: ImapServerBody.optional(),
    signature: Signature.optional(),
    allowedOrigins: z.array(WebOrigin).max(50).optional(),
    widget: WidgetSettings.partial().optional(),
  })
  .refine((b) => b.channel !== "email" || b.address !== undefined, {
    path: ["address"],
    message: "is required for an e-mail inbox",
  })
  .refine((b) => b.channel === "email" || b.address === undefined, {
    path: ["address"],
    message: "is only for e-mail inboxes",
  })
  .refine((b) => b.channel === "email" || (b.smtp === undefined && b.imap === undefined && b.signature === undefined), {
    path: ["smtp"],
    message: "mail servers and signatures are only for e-mail inboxes",
  })
  .refine((b) => b.channel === "chat" || (b.allowedOrigins === undefined && b.widget === undefined), {
    path: ["widget"],
    message: "widget settings are only for chat inboxes",
  });
export type CreateInboxBody = z.infer<typeof CreateInboxBody>;

/**
 * Changes an inbox. For an e-mail inbox: `null` removes a mail server or the signature; a server
 * given without `password` keeps the stored one while its host, port, user and TLS stay the same
 * (changing one asks for the password again: 422 `password_again`).
 */
export const UpdateInboxBody = someChange(
  z.object({
    name: line(100),
    smtp: MailServerBody.nullable(),
    imap: ImapServerBody.nullable(),
    signature: Signature,
    allowedOrigins: z.array(WebOrigin).max(50),
    widget: WidgetSettings.partial(),
    /** Chat inboxes: the virtual attendant's settings; `{enabled: true}` alone turns it on with the defaults. */
    virtualAttendant: VirtualAttendantChange,
  }).partial(),
);
export type UpdateInboxBody = z.infer<typeof UpdateInboxBody>;
