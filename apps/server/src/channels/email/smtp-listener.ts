import type { AddressInfo } from "node:net";
import type { FastifyBaseLogger } from "fastify";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { Runtime } from "../../modules/context.js";
import { findChannel, receiveEmail } from "./inbound.js";

export type SmtpListener = { port: number; close: () => Promise<void> };

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

async function collect(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer); // the data stream yields Buffers
  return Buffer.concat(chunks);
}

/**
 * Receives mail for the e-mail inboxes' addresses. Unknown recipients get 550; a message is answered
 * 250 only after it is committed, and 451 (try again later) when storing it failed, so that the
 * sending server keeps it and retries.
 */
export async function startSmtpListener(
  runtime: Runtime,
  opts: { port: number; host: string; maxBytes: number; log: FastifyBaseLogger },
): Promise<SmtpListener> {
  const log = opts.log.child({ module: "smtp" });
  const server = new SMTPServer({
    name: "atende",
    banner: "Atende",
    authOptional: true,
    disabledCommands: ["AUTH"],
    size: opts.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      findChannel(runtime.db, address.address).then(
        (channel) => {
          callback(channel ? undefined : smtpError(550, "5.1.1 No such mailbox here"));
        },
        (err: unknown) => {
          log.error({ err }, "recipient lookup failed");
          callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },
    onData(stream, session: SMTPServerSession, callback) {
      collect(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw smtpError(552, `5.3.4 Message larger than ${String(opts.maxBytes)} bytes`);
          for (const rcpt of session.envelope.rcptTo) {
            const channel = await findChannel(runtime.db, rcpt.address);
            if (channel) await receiveEmail(runtime, channel, raw);
          }
          callback(null, "Stored"); // committed, not merely queued
        })
        .catch((err: unknown) => {
          if (err instanceof Error && "responseCode" in err) {
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
