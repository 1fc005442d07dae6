import { and, count, eq, gt } from "drizzle-orm";
import { splitRecipient } from "@atende/shared";
import type { Config } from "../config.js";
import type { Executor } from "../db/client.js";
import { holdNamedLock } from "../db/named-lock.js";
import { systemMails } from "../db/schema/index.js";
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

/** A message not sent because a limit of Atende's own mail server (`systemMailLimits`) was reached: the workspace's, or the mailbox's. */
export class SystemMailLimit extends Error {
  constructor(readonly reached: "workspace" | "mailbox") {
    super(`Atende's own mail server has sent as many messages as it may in an hour ${reached === "workspace" ? "for this workspace" : "to this address"}`);
  }
}

const HOUR_MS = 3_600_000;

/**
 * Counts a message about to go to `to` for a workspace, in the transaction that decides to send it,
 * or throws SystemMailLimit. A workspace chooses the addresses (an agent's, an inbox's) and words
 * (its name) in this mail, which comes from the operator's domain: the limits keep it from making
 * Atende mail strangers at will. Returns what {@link uncountSystemMail} takes back should it not be sent.
 */
export async function countSystemMail(
  tx: Executor,
  limits: Config["systemMailLimits"],
  message: { workspaceId: string; kind: (typeof systemMails.$inferInsert)["kind"]; to: string },
): Promise<string> {
  const { workspaceId, kind, to } = message;
  const mailbox = splitRecipient(to).address;
  // Always in this order (the workspace, then the mailbox), so that two senders never wait on each other.
  await holdNamedLock(tx, `system-mail:${workspaceId}`);
  await holdNamedLock(tx, `system-mail-to:${mailbox}`);
  const since = new Date(Date.now() - HOUR_MS);
  // Strangers a workspace has mailed this hour: a mailbox it mailed already does not count again,
  // so asking again and again for its own agents' links uses up no one else's.
  const mailed = await tx
    .selectDistinct({ mailbox: systemMails.mailbox })
    .from(systemMails)
    .where(and(eq(systemMails.workspaceId, workspaceId), gt(systemMails.createdAt, since)));
  if (!mailed.some((m) => m.mailbox === mailbox) && mailed.length >= limits.perWorkspaceHour) throw new SystemMailLimit("workspace");
  // Each kind apart, so that codes asked for an agent's address do not use up that agent's reset links.
  const [toMailbox] = await tx
    .select({ n: count() })
    .from(systemMails)
    .where(and(eq(systemMails.mailbox, mailbox), eq(systemMails.kind, kind), gt(systemMails.createdAt, since)));
  if ((toMailbox?.n ?? 0) >= limits.perMailboxHour) throw new SystemMailLimit("mailbox");
  const [row] = await tx.insert(systemMails).values({ workspaceId, kind, mailbox }).returning({ id: systemMails.id });
  if (!row) throw new Error("the system mail was not counted");
  return row.id;
}

/** Takes back a count for a message that could not be sent: it reached nobody. */
export async function uncountSystemMail(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db.delete(systemMails).where(and(eq(systemMails.workspaceId, workspaceId), eq(systemMails.id, id)));
}
