import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { InboxDto } from "@atende/shared";
import { emailChannels } from "../../db/schema/index.js";
import { createSecretBox } from "../../lib/secret-box.js";
import { addAgent, buildTestApp, newWorkspace, useSignedInAdmin } from "../../test/test-app.js";

const env = useSignedInAdmin();

const mailInbox = (address: string) => ({
  name: "Podpora",
  channel: "email",
  address,
  smtp: { host: "smtp.obchod.example", port: 587, secure: false, user: "podpora", password: "tajné heslo 1" },
  imap: { host: "imap.obchod.example", port: 993, user: "podpora", password: "tajné heslo 2" },
});

describe("e-mail inbox mail servers", () => {
  it("stores the passwords sealed and never shows them", async () => {
    const res = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: mailInbox("podpora@obchod.example") });
    expect(res.statusCode, res.body).toBe(201);
    const inbox = res.json<InboxDto>();
    expect(inbox.smtp).toEqual({ host: "smtp.obchod.example", port: 587, secure: false, user: "podpora", hasPassword: true });
    expect(inbox.imap).toEqual({ host: "imap.obchod.example", port: 993, secure: true, user: "podpora", mailbox: "INBOX", hasPassword: true, error: null, failure: null });
    expect(res.body).not.toContain("tajné");

    const [row] = await env.t.runtime.db.select().from(emailChannels).where(eq(emailChannels.inboxId, inbox.id));
    expect(row?.smtpPassword).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain("tajné");
    const box = createSecretBox(env.t.config.secretKey ?? "");
    expect(box.open(row?.smtpPassword ?? "")).toBe("tajné heslo 1");
    expect(box.open(row?.imapPassword ?? "")).toBe("tajné heslo 2");
  });

  it("changes servers and signature, keeping a password not given again, and removes a server with null", async () => {
    const created = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: mailInbox("zmeny@obchod.example") });
    const id = created.json<InboxDto>().id;
    const before = (await env.t.runtime.db.select().from(emailChannels).where(eq(emailChannels.inboxId, id)))[0];
    const res = await env.admin.request({
      method: "PATCH",
      url: `/api/v1/inboxes/${id}`,
      payload: { name: "Podpora CZ", signature: "Tým podpory", smtp: { host: "smtp.obchod.example", port: 587, secure: false, user: "podpora" }, imap: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<InboxDto>()).toMatchObject({
      name: "Podpora CZ",
      signature: "Tým podpory",
      smtp: { host: "smtp.obchod.example", port: 587, hasPassword: true },
      imap: null,
    });
    const [after] = await env.t.runtime.db.select().from(emailChannels).where(eq(emailChannels.inboxId, id));
    expect(after?.smtpPassword).toBe(before?.smtpPassword);
    expect(after?.imapPassword).toBeNull();
    // No user: nothing to sign in with, and the stored password is dropped.
    const anonymous = await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${id}`, payload: { smtp: { host: "relay.obchod.example", port: 25, secure: false } } });
    expect(anonymous.json<InboxDto>().smtp).toMatchObject({ host: "relay.obchod.example", user: null, hasPassword: false });
    const api = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "API", channel: "api" } });
    const refused = await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${api.json<InboxDto>().id}`, payload: { signature: "x" } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("signature");
  });

  it("sends a stored password only to the server it was given for: another host, port, user or TLS must be given it again", async () => {
    const created = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: mailInbox("presun@obchod.example") });
    const { id, smtp, imap } = created.json<InboxDto>();
    if (!smtp || !imap) throw new Error("an inbox with both servers");
    const smtpBefore = { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user ?? "" };
    const imapBefore = { host: imap.host, port: imap.port, secure: imap.secure, user: imap.user ?? "", mailbox: imap.mailbox };
    const stored = async () => (await env.t.runtime.db.select().from(emailChannels).where(eq(emailChannels.inboxId, id)))[0];
    const before = await stored();
    for (const [kind, server, change] of [
      ["smtp", smtpBefore, { host: "smtp.utocnik.example" }],
      ["smtp", smtpBefore, { port: 2525 }],
      ["smtp", smtpBefore, { user: "jiny" }],
      ["smtp", smtpBefore, { secure: true }],
      ["imap", imapBefore, { host: "imap.utocnik.example" }],
    ] as const) {
      const moved = await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${id}`, payload: { [kind]: { ...server, ...change } } });
      expect(moved.statusCode, JSON.stringify(change)).toBe(422);
      expect(moved.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ path: `${kind}.password`, code: "password_again" })]);
    }
    expect(await stored()).toMatchObject({ smtp: before?.smtp, smtpPassword: before?.smtpPassword, imap: before?.imap }); // nothing half-written
    const given = await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${id}`, payload: { smtp: { ...smtpBefore, host: "smtp.novy.example", password: "nové heslo" } } });
    expect(given.json<InboxDto>().smtp).toMatchObject({ host: "smtp.novy.example", hasPassword: true });
    expect(createSecretBox(env.t.config.secretKey ?? "").open((await stored())?.smtpPassword ?? "")).toBe("nové heslo");
  });

  it("refuses mail servers on an inbox that is not e-mail", async () => {
    const { smtp } = mailInbox("x@obchod.example");
    const res = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "API", channel: "api", smtp } });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("smtp");
  });

  it("without a secret key, refuses to store a password and says how to set one", async () => {
    const t = await buildTestApp({ ATENDE_SECRET_KEY: undefined });
    try {
      const admin = await newWorkspace(t);
      const res = await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: mailInbox("bez-klice@obchod.example") });
      expect(res.statusCode).toBe(422);
      expect(res.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
        path: "smtp.password",
        message: expect.stringContaining("ATENDE_SECRET_KEY") as unknown,
      });
    } finally {
      await t.close();
    }
  });
});

describe("chat inboxes", () => {
  it("get a public widget token, default widget settings, and an identity secret only admins see", async () => {
    const res = await env.admin.request({
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { name: "Chat do site", channel: "chat", allowedOrigins: ["https://loja.example"], widget: { color: "#aa3300" } },
    });
    expect(res.statusCode).toBe(201);
    const inbox = res.json<InboxDto>();
    expect(inbox.chat).toMatchObject({
      color: "#aa3300",
      position: "right",
      preChat: "off",
      greeting: null,
      allowedOrigins: ["https://loja.example"],
      widgetToken: expect.stringMatching(/^[\w-]{24}$/) as unknown,
      identitySecret: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    const agent = await addAgent(env.t, env.admin, "agent", "Ana Atendente");
    const seen = await agent.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` });
    expect(seen.json<InboxDto>().chat?.identitySecret).toBeNull();
    expect(seen.json<InboxDto>().chat?.widgetToken).toBe(inbox.chat?.widgetToken);

    const changed = await env.admin.request({
      method: "PATCH",
      url: `/api/v1/inboxes/${inbox.id}`,
      payload: { widget: { preChat: "required", greeting: "Olá! Como podemos ajudar?" }, allowedOrigins: [] },
    });
    expect(changed.json<InboxDto>().chat).toMatchObject({ color: "#aa3300", preChat: "required", greeting: "Olá! Como podemos ajudar?", allowedOrigins: [] });
  });

  it("replace their identity secret for admins only; other inboxes have none to replace", async () => {
    const chat = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
    const agent = await addAgent(env.t, env.admin, "agent", "Bia Atendente");
    const refused = await agent.request({ method: "POST", url: `/api/v1/inboxes/${chat.id}/identity-secret` });
    expect(refused.statusCode).toBe(403);
    const unchanged = await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${chat.id}` });
    expect(unchanged.json<InboxDto>().chat?.identitySecret).toBeNull(); // shown once, when made
    const api = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "API", channel: "api" } })).json<InboxDto>();
    const notChat = await env.admin.request({ method: "POST", url: `/api/v1/inboxes/${api.id}/identity-secret` });
    expect(notChat.statusCode).toBe(422);
    expect(notChat.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("id");
  });

  it.each([
    [{ name: "Chat", channel: "chat", allowedOrigins: ["https://loja.example/contato"] }, "allowedOrigins.0"],
    [{ name: "Chat", channel: "chat", widget: { color: "red" } }, "widget.color"],
    [{ name: "API", channel: "api", widget: { color: "#000000" } }, "widget"],
  ])("refuses %j naming %s", async (payload, path) => {
    const res = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(path);
  });
});
