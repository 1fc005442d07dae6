import net from "node:net";
import { ImapFlow } from "imapflow";
import { afterAll, describe, expect, it } from "vitest";
import { startDovecot, type DovecotServer } from "./dovecot.js";

function message(subject: string, body: string): string {
  return [
    "From: Alice <alice@example.test>",
    "To: Support <support@example.test>",
    `Subject: ${subject}`,
    "Date: Mon, 1 Jan 2024 10:00:00 +0000",
    `Message-ID: <${subject.replace(/\W/g, "")}@example.test>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

/** Whether something accepts TCP connections on host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => {
      resolve(false);
    });
  });
}

let server: DovecotServer | undefined;
afterAll(async () => {
  await server?.stop();
});

describe("throwaway Dovecot", () => {
  it("stores APPENDed messages that ImapFlow fetches back, and stops", async () => {
    server = await startDovecot();
    const { host, port } = server;
    const client = new ImapFlow({ host, port, secure: false, auth: { user: server.user, pass: server.password }, logger: false });
    await client.connect();
    try {
      await client.append("INBOX", message("First question", "Where is my order?"));
      await client.append("INBOX", message("Second question", "Can I change the address?"));

      const lock = await client.getMailboxLock("INBOX");
      try {
        const mailbox = client.mailbox;
        if (!mailbox) throw new Error("no mailbox selected");
        expect(["bigint", "number"]).toContain(typeof mailbox.uidValidity);
        expect(Number(mailbox.uidValidity)).toBeGreaterThan(0);
        expect(mailbox.exists).toBe(2);

        const fetched = await client.fetchAll("1:*", { uid: true, source: true }, { uid: true });
        expect(fetched.map((m) => m.uid)).toEqual([1, 2]);
        const sources = fetched.map((m) => m.source?.toString("utf8") ?? "");
        expect(sources[0]).toContain("Subject: First question");
        expect(sources[0]).toContain("Where is my order?");
        expect(sources[1]).toContain("Subject: Second question");
        expect(sources[1]).toContain("Can I change the address?");
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }

    expect(await accepts(host, port)).toBe(true);
    await server.stop();
    server = undefined;
    expect(await accepts(host, port)).toBe(false);
  });
});
