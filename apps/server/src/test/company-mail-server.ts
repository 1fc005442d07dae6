import { afterAll, beforeAll } from "vitest";
import type { InboxDto } from "@atende/shared";
import type { AgentClient } from "./test-app.js";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CompanyMailServer = {
  port: number;
  /** An inbox's outgoing-server settings that send through it. */
  smtp: { host: string; port: number; secure: false };
  /** Each mail as received, with the addresses it was sent to (`envelopeTo`, blind copies included). */
  outbox: (ParsedMail & { envelopeTo: string[] })[];
  close: () => Promise<void>;
};

/**
 * The company's own outgoing mail server, run by a test on loopback: what Atende sends arrives in
 * `outbox`, parsed. With `auth`, it takes mail only from a client that signed in with that user and
 * password (over plain SMTP: it is loopback).
 */
export async function startCompanyMailServer(opts: { auth?: { user: string; pass: string } } = {}): Promise<CompanyMailServer> {
  const outbox: CompanyMailServer["outbox"] = [];
  const { auth } = opts;
  const server = new SMTPServer({
    authOptional: !auth,
    ...(auth
      ? {
          allowInsecureAuth: true,
          onAuth(given, _session, callback) {
            if (given.username === auth.user && given.password === auth.pass) callback(null, { user: auth.user });
            else callback(new Error("Invalid username or password"));
          },
        }
      : {}),
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        outbox.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
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

/**
 * For a chat test file: the company's mail server, an e-mail inbox sending through it (codes and
 * fallbacks go out from there) and a chat inbox, made before the file's tests and closed after.
 */
export function useChatWithMailInbox(admin: () => AgentClient): { readonly company: CompanyMailServer; readonly chat: InboxDto } {
  let state: { company: CompanyMailServer; chat: InboxDto } | undefined;
  beforeAll(async () => {
    const company = await startCompanyMailServer();
    await admin().request({
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { name: "Suporte", channel: "email", address: "suporte@loja.example", smtp: company.smtp },
    });
    const chat = (await admin().request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
    state = { company, chat };
  });
  afterAll(() => state?.company.close());
  const ready = () => {
    if (!state) throw new Error("useChatWithMailInbox: read it inside tests, not at load time");
    return state;
  };
  return {
    get company() {
      return ready().company;
    },
    get chat() {
      return ready().chat;
    },
  };
}
