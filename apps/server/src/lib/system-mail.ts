import type { Config } from "../config.js";
import { sendThrough } from "./smtp-send.js";

/** One message of Atende's own (not a workspace's), in plain text. */
export type SystemMessage = { to: string; subject: string; text: string };

/**
 * Sends a message of Atende's own (a password reset link, an address-proof code) through the
 * installation's mail server (ATENDE_SYSTEM_SMTP_URL), from ATENDE_SYSTEM_MAIL_FROM. Its password
 * goes only over TLS (STARTTLS required unless the server is on this machine). Throws when the
 * server refuses the message or cannot be reached in time.
 */
export async function sendSystemMail(config: Config, message: SystemMessage): Promise<void> {
  const mail = config.systemMail;
  if (!mail) throw new Error("Atende has no mail server of its own (ATENDE_SYSTEM_SMTP_URL is unset)");
  const { smtp, from } = mail;
  await sendThrough(smtp, { from: from.name ? { name: from.name, address: from.address } : from.address, ...message }, { greetingTimeout: 15_000, socketTimeout: 30_000 });
}
