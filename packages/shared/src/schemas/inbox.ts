import { z } from "zod";
import { CHANNEL_KINDS } from "../enums.js";
import { Email, Id, line, text, Timestamp } from "./common.js";

const MailServerBody = z.object({
  host: line(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(true),
  user: text(320).optional(),
  password: text(1000).optional(),
});

/** A mail server as the API shows it: never its password, only whether one is stored. */
const MailServerDto = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
});

export const InboxDto = z.object({
  id: Id,
  name: z.string(),
  channel: z.enum(CHANNEL_KINDS),
  /** The address customers write to, for e-mail inboxes. */
  address: z.string().nullable(),
  smtp: MailServerDto.nullable(),
  imap: MailServerDto.extend({ mailbox: z.string() }).nullable(),
  createdAt: Timestamp,
});
export type InboxDto = z.infer<typeof InboxDto>;

export const CreateInboxBody = z
  .object({
    name: line(100),
    channel: z.enum(CHANNEL_KINDS),
    address: Email.optional(),
    smtp: MailServerBody.optional(),
    imap: MailServerBody.extend({ mailbox: line(255).default("INBOX") }).optional(),
  })
  .refine((b) => b.channel !== "email" || b.address !== undefined, {
    path: ["address"],
    message: "is required for an e-mail inbox",
  })
  .refine((b) => b.channel === "email" || b.address === undefined, {
    path: ["address"],
    message: "is only for e-mail inboxes",
  })
  .refine((b) => b.channel === "email" || (b.smtp === undefined && b.imap === undefined), {
    path: ["smtp"],
    message: "mail servers are only for e-mail inboxes",
  });
export type CreateInboxBody = z.infer<typeof CreateInboxBody>;

export const UpdateInboxBody = z.object({ name: line(100) }).partial();
export type UpdateInboxBody = z.infer<typeof UpdateInboxBody>;
