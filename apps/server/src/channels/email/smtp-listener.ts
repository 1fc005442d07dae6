import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { FastifyBaseLogger } from "fastify";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { Runtime } from "../../core/context.js";
import { TtlCache } from "../../lib/ttl-cache.js";
import { findChannel, receiveEmail, type Channel } from "./inbound.js";

export type SmtpListener = { port: number; close: () => Promise<void> };

/** How long an inbox found for a recipient address is used without asking the database again. */
const RECIPIENT_MEMORY_MS = 5000;

/**
 * Recipients one message may name (RFC 5321 asks a server to take 100), and RCPT commands it may
 * send, known or not: past them, 452 (the sender sends the rest in another message). Each
 * recipient costs a lookup and, for a known one, a copy stored.
 */
const RECIPIENTS_MAX = 100;
const RECIPIENT_TRIES_MAX = 200;

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Receives mail for the e-mail inboxes' addresses. Unknown recipients get 550; a message is answered
 * 250 only after it is committed, and 451 (try again later) when storing it failed, so that the
 * sending server keeps it and retries.
 */
export async function startSmtpListener(
  runtime: Runtime,
  opts: { port: number; host: string; maxBytes: number; tls?: { certFile: string; keyFile: string } | null; log: FastifyBaseLogger },
): Promise<SmtpListener> {
  // STARTTLS only with the company's certificate: a made-up one would be refused or, worse, trusted.
  const tls = opts.tls ? { cert: await readFile(opts.tls.certFile), key: await readFile(opts.tls.keyFile) } : null;
  const log = opts.log.child({ module: "smtp" });
  /**
   * Each session's current message: the inboxes its accepted recipients belong to (found once, at
   * RCPT TO; one per workspace), how many recipients were accepted, and how many RCPT commands it
   * sent, known or not.
   */
  type Envelope = { channels: Channel[]; accepted: number; tries: number };
  const envelopes = new Map<string, Envelope>();
  const newEnvelope = (): Envelope => ({ channels: [], accepted: 0, tries: 0 });
  // A sender delivering many messages names the same addresses each time: an inbox found is
  // remembered for a few seconds (an unknown address never is: a 550 must not outlive a new inbox).
  const known = new TtlCache<Channel>(RECIPIENT_MEMORY_MS, 1000);
  const channelOf = async (address: string): Promise<Channel | null> => {
    const remembered = known.get(address);
    if (remembered) return remembered;
    const channel = await findChannel(runtime.db, address);
    if (channel) known.set(address, channel);
    return channel;
  };
  const server = new SMTPServer({
    name: "atende",
    banner: "Atende",
    authOptional: true,
    disabledCommands: tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(tls ?? {}),
    size: opts.maxBytes,
    logger: false,
    onMailFrom(_address, session, callback) {
      envelopes.set(session.id, newEnvelope()); // a new message in the same session starts a new envelope
      callback();
    },
    onClose(session) {
      envelopes.delete(session.id);
    },
    onRcptTo(address, session, callback) {
      const envelope = envelopes.get(session.id) ?? newEnvelope();
      envelopes.set(session.id, envelope);
      envelope.tries += 1;
      if (envelope.tries > RECIPIENT_TRIES_MAX || envelope.accepted >= RECIPIENTS_MAX) {
        callback(smtpError(452, "4.5.3 Too many recipients; send the rest in another message"));
        return;
      }
      channelOf(address.address).then(
        (channel) => {
          if (channel) envelope.accepted += 1;
          // One copy per workspace, in the inbox first named (`name@`, `NAME@` and `name+x@` are one inbox).
          if (channel && !envelope.channels.some((c) => c.workspaceId === channel.workspaceId)) envelope.channels.push(channel);
          callback(channel ? undefined : smtpError(550, "5.1.1 No such mailbox here"));
        },
        (err: unknown) => {
          log.error({ err }, "recipient lookup failed");
          callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },
    onData(stream, session: SMTPServerSession, callback) {
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
      receiveEmail(runtime, envelopes.get(session.id)?.channels ?? [], stream, { maxBytes: opts.maxBytes, envelopeFrom })
        .then((received) => {
          if (!received) throw smtpError(552, `5.3.4 Message larger than ${String(opts.maxBytes)} bytes`);
          callback(null, "Stored"); // committed, not merely queued
        })
        .catch((err: unknown) => {
          if (err instanceof Error && "responseCode" in err) {
            callback(err);
            return;
          }
          if (err instanceof Error && "code" in err && err.code === "ECONNECTION") {
            log.info("a sender closed the connection in the middle of a message: nothing stored"); // its fault, not ours
            callback(err);
            return;
          }
          log.error({ err }, "storing a received message failed");
          callback(smtpError(451, "4.3.0 Could not store the message, try again later"));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      resolve();
    });
  });
  server.on("error", (err) => {
    log.warn({ err }, "smtp connection error");
  });
  const { port } = server.server.address() as AddressInfo; // a TCP server bound above
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
