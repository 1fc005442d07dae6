import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer/index.js";
import { passwordNeedsStartTls } from "./password-tls.js";

/**
 * An SMTP server to send through, and whom to sign in as. `servername`: the name its certificate
 * must carry, when `host` is the address that name was checked to stand for.
 */
export type SmtpServer = { host: string; servername?: string | undefined; port: number; secure: boolean; auth: { user: string; pass: string } | null };

/** How long a server may take to answer (beyond connecting, 15 s); the mail library's own when unset. */
type Patience = { greetingTimeout?: number; socketTimeout?: number };

/**
 * Sends one message on a connection of its own, closed after. A password goes only over TLS
 * (STARTTLS required unless the server, by the name it was given, is on this machine). Throws when
 * the server refuses the message or cannot be reached.
 */
export async function sendThrough(server: SmtpServer, mail: Mail.Options, patience: Patience = {}): Promise<void> {
  const { host, servername, port, secure, auth } = server;
  const transport = nodemailer.createTransport({
    host,
    ...(servername ? { servername } : {}),
    port,
    secure,
    ...(auth ? { auth } : {}),
    requireTLS: passwordNeedsStartTls({ host: servername ?? host, secure }, auth !== null),
    connectionTimeout: 15_000,
    ...patience,
  });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}
