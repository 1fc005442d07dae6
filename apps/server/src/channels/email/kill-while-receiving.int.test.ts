import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import type { ConversationDto } from "@atende/shared";
import { adminQuery, TEST_ENGINE } from "../../test/database.js";
import { freePort, signInOverHttp, startAtendeProcess, stopProcess, type HttpAgent } from "../../test/process.js";

const ADMIN = { email: "admin@kill.example", password: "kill test password" };
const ADDRESS = "pedidos@kill.example";

async function allConversations(request: HttpAgent["request"]): Promise<ConversationDto[]> {
  const found: ConversationDto[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ConversationDto[]; nextCursor: string | null } = await request(
      "GET",
      `/api/v1/conversations?status=all&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

describe("killing Atende while mail arrives", { timeout: 180_000 }, () => {
  it("loses nothing it answered 250 for, and leaves nothing half-written", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "atende-kill-"));
    const database = `atende_kill_${String(process.pid)}`;
    const serverUrl = process.env.DATABASE_URL ?? "";
    const env: Record<string, string> = { DATA_DIR: dataDir, ATENDE_SMTP_PORT: String(await freePort()) };
    if (TEST_ENGINE === "postgres") {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;
      env.DATABASE_URL = url.toString();
    }
    const httpPort = await freePort();
    const base = `http://127.0.0.1:${String(httpPort)}`;
    const start = () => startAtendeProcess({ ...env, ATENDE_ADMIN_EMAIL: ADMIN.email, ATENDE_ADMIN_PASSWORD: ADMIN.password }, httpPort);
    let server = await start();
    try {
      await (await signInOverHttp(base, ADMIN)).request("POST", "/api/v1/inboxes", { name: "Pedidos", channel: "email", address: ADDRESS });

      // Eight mail servers deliver one message after another until Atende is killed under them.
      const acknowledged: string[] = [];
      let sending = true;
      const sender = async (n: number) => {
        const transport = nodemailer.createTransport({ host: "127.0.0.1", port: Number(env.ATENDE_SMTP_PORT), secure: false, ignoreTLS: true });
        for (let i = 0; sending; i++) {
          const subject = `Pedido ${String(n)}-${String(i)}`;
          try {
            const info = await transport.sendMail({
              from: "Cliente <cliente@example.com>",
              to: ADDRESS,
              subject,
              text: `Mensagem ${subject}\n${"conteúdo ".repeat(500)}`,
              attachments: [{ filename: `nota-${subject}.txt`, content: `nota ${subject}` }],
            });
            if (info.response.startsWith("250")) acknowledged.push(subject);
          } catch {
            return; // the connection died with the process: not acknowledged, the sender keeps it
          }
        }
      };
      const senders = Array.from({ length: 8 }, (_, n) => sender(n));
      while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
      await stopProcess(server);
      sending = false;
      await Promise.all(senders);

      server = await start(); // the same data, after a crash (a stale lock included)
      const { request } = await signInOverHttp(base, ADMIN);
      const stored = await allConversations(request);
      const subjects = new Set(stored.map((c) => c.subject));
      expect(acknowledged.filter((s) => !subjects.has(s))).toEqual([]);
      expect(stored.length).toBe(subjects.size); // no message stored twice
      // Nothing half-written: every conversation has its message, and every message its files.
      for (const conversation of stored.slice(0, 20)) {
        const { items } = await request<{ items: { attachments: { disposition: string }[] }[] }>(
          "GET",
          `/api/v1/conversations/${conversation.id}/messages`,
        );
        expect(items).toHaveLength(1);
        expect(items[0]?.attachments.map((a) => a.disposition).sort()).toEqual(["attachment", "original"]);
      }
    } finally {
      await stopProcess(server);
      await rm(dataDir, { recursive: true, force: true });
      if (TEST_ENGINE === "postgres") await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  });
});
