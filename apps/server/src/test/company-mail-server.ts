import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CompanyMailServer = {
  port: number;
  /** An inbox's outgoing-server settings that send through it. */
  smtp: { host: string; port: number; secure: false };
  outbox: ParsedMail[];
  close: () => Promise<void>;
};

/** The company's own outgoing mail server, run by a test on loopback: what Atende sends arrives in `outbox`, parsed. */
export async function startCompanyMailServer(): Promise<CompanyMailServer> {
  const outbox: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        outbox.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo; // a TCP server bound above
  return {
    port,
    smtp: { host: "127.0.0.1", port, secure: false },
    outbox,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
