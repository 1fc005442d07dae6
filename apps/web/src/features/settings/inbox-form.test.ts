import { describe, expect, it } from "vitest";
import type { InboxDto } from "@atende/shared";
import { inboxChanges, inboxForm } from "./inbox-form.js";

const base = { id: "0190d6f4-0000-7000-8000-000000000001", createdAt: "2026-11-26T10:00:00.000Z", address: null, addressProof: null, smtp: null, imap: null, signature: null, chat: null, virtualAttendant: null };

describe("an inbox's settings form", () => {
  it("keeps a stored password unless a new one is typed, and removes a server that is switched off", () => {
    const inbox: InboxDto = {
      ...base,
      name: "Suporte",
      channel: "email",
      address: "suporte@loja.example",
      smtp: { host: "smtp.loja.example", port: 587, secure: false, user: "suporte", hasPassword: true },
      imap: { host: "imap.loja.example", port: 993, secure: true, user: "suporte", hasPassword: true, mailbox: "INBOX", error: null, failure: null },
    };
    const form = inboxForm(inbox);
    expect(form.smtp.password).toBe("");
    form.imap.on = false;
    form.smtp.port = "";
    form.signature = "  Equipe Loja ";
    expect(inboxChanges(inbox, form)).toEqual({
      name: "Suporte",
      signature: "Equipe Loja",
      smtp: { host: "smtp.loja.example", port: 587, secure: false, user: "suporte" },
      imap: null,
    });
  });

  it("sends a chat inbox only its widget and sites, empty texts as the translated defaults", () => {
    const inbox: InboxDto = {
      ...base,
      name: "Chat",
      channel: "chat",
      chat: { widgetToken: "w", identitySecret: null, allowedOrigins: [], color: "#1f6feb", greeting: "Olá!", position: "right", preChat: "off", awayMessage: null },
    };
    const form = inboxForm(inbox);
    form.widget = { ...form.widget, greeting: " ", preChat: "required" };
    form.allowedOrigins = ["https://loja.example"];
    expect(inboxChanges(inbox, form)).toEqual({
      name: "Chat",
      allowedOrigins: ["https://loja.example"],
      widget: { color: "#1f6feb", greeting: null, position: "right", preChat: "required", awayMessage: null },
    });
  });
});
