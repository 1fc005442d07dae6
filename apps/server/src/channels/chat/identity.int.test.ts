import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ContactDto, ConversationDto, Problem, VisitorSessionDto } from "@atende/shared";
import { useChatWithMailInbox } from "../../test/company-mail-server.js";
import { siteSignatures } from "../../test/site-signatures.js";
import { newWorkspace, useSignedInAdmin } from "../../test/test-app.js";

const env = useSignedInAdmin();
const inboxes = useChatWithMailInbox(() => env.admin);
let ip = 0;

const site = () => siteSignatures(inboxes.chat.chat?.identitySecret ?? "");
const sign = (id: string) => site().id(id);
const signEmail = (id: string, email: string) => site().email(id, email);

/** A new browser (each from its own address: new sessions are limited per address). */
async function browser(body: Record<string, unknown> = {}) {
  const res = await env.t.app.inject({
    method: "POST",
    url: "/widget/v1/sessions",
    remoteAddress: `198.51.100.${String(++ip)}`,
    payload: { widgetToken: inboxes.chat.chat?.widgetToken, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<VisitorSessionDto>();
}

const widget = (token: string, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
  env.t.app.inject({ method, url: `/widget/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

const say = (token: string, body: string) => widget(token, "POST", "/messages", { clientId: randomUUID(), body });

async function contactOf(conversationId: string): Promise<ContactDto> {
  const conversation = (await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}` })).json<ConversationDto>();
  return (await env.admin.request({ method: "GET", url: `/api/v1/contacts/${conversation.contact.id}` })).json<ContactDto>();
}

describe("who a chat visitor is", () => {
  it("never joins a contact by an e-mail the site did not sign: a signed id with someone else's address gets a contact of its own", async () => {
    // Carla is a customer: she wrote in by e-mail, and chats signed in with her e-mail signed.
    const carla = { id: "cliente-1", name: "Carla", email: "carla@cliente.example" };
    const hers = await browser({ user: { ...carla, hash: sign(carla.id), emailHash: signEmail(carla.id, carla.email) } });
    expect(hers.contact).toMatchObject({ email: carla.email, emailVerified: true });
    await say(hers.visitorToken, "Meu cartão final 4242 foi recusado");

    // Mallory has an account of her own on the site (the site signs her id), and claims Carla's address.
    const mallory = { id: "cliente-666", name: "Mallory", email: carla.email };
    const theirs = await browser({ user: { ...mallory, hash: sign(mallory.id) } });
    expect(theirs.identified).toBe(true);
    expect(theirs.conversation).toBeNull();
    expect(theirs.contact).toMatchObject({ email: carla.email, emailVerified: false }); // what she said, no more
    const reads = await widget(theirs.visitorToken, "GET", "/messages");
    expect(reads.body).not.toContain("4242");
    await say(theirs.visitorToken, "Oi");
    const mallorysConversation = (await widget(theirs.visitorToken, "GET", "/messages")).json<{ id: string }>().id;
    const contact = await contactOf(mallorysConversation);
    expect(contact).toMatchObject({ email: null, unverifiedEmail: carla.email, name: "Mallory" });
    expect(contact.id).not.toBe((await contactOf(hers.conversation?.id ?? (await widget(hers.visitorToken, "GET", "/messages")).json<{ id: string }>().id)).id);
  });

  it("never takes the signature of one user's id for the proof of another's e-mail (an id may look like `<id>:<e-mail>`)", async () => {
    const victim = { id: "cliente-5", email: "vip@cliente.example" };
    const known = await browser({ user: { ...victim, hash: sign(victim.id), emailHash: signEmail(victim.id, victim.email) } });
    expect(known.contact).toMatchObject({ emailVerified: true });
    await say(known.visitorToken, "Meu número de conta é 999-SECRETO");
    // Eve has two accounts on the site; it signs both ids, one of which reads like her id and the victim's address.
    const forged = { id: "eve", email: victim.email, hash: sign("eve"), emailHash: sign(`eve:${victim.email}`) };
    const eve = await browser({ user: forged });
    expect(eve.identified).toBe(true);
    expect(eve.contact).toMatchObject({ email: victim.email, emailVerified: false });
    expect(eve.conversation).toBeNull();
    expect((await widget(eve.visitorToken, "GET", "/messages")).body).not.toContain("999-SECRETO");
  });

  it("keeps a typed address as what the visitor said, also before the owner ever wrote: she later gets her own history only", async () => {
    const early = await browser({ name: "Not Beatriz", email: "bia@cliente.example" });
    expect(early.contact).toEqual({ name: "Not Beatriz", email: "bia@cliente.example", emailVerified: false });
    await say(early.visitorToken, "Qual é o status do meu pedido?");
    // Beatriz herself writes in by e-mail afterwards, and then chats signed in with her e-mail signed.
    const bia = { id: "cliente-2", email: "bia@cliente.example" };
    const real = await browser({ user: { ...bia, hash: sign(bia.id), emailHash: signEmail(bia.id, bia.email) } });
    expect(real.conversation).toBeNull(); // the impostor's chat is not hers
    await say(real.visitorToken, "Meu endereço é Rua das Flores, 10");
    const impostor = (await widget(early.visitorToken, "GET", "/messages")).body;
    expect(impostor).not.toContain("Rua das Flores");
    const search = await env.admin.request({ method: "GET", url: "/api/v1/contacts?q=bia%40cliente.example" });
    const found = search.json<{ items: ContactDto[] }>().items;
    expect(found.filter((c) => c.email === "bia@cliente.example")).toHaveLength(1);
  });

  it("lets a visitor prove an address with a code mailed to it, and then see that customer's earlier chats", async () => {
    const dora = { id: "cliente-3", email: "dora@cliente.example" };
    const laptop = await browser({ user: { ...dora, hash: sign(dora.id), emailHash: signEmail(dora.id, dora.email) } });
    await say(laptop.visitorToken, "Pedido 981 chegou quebrado");
    // On her phone she is not signed in: she types her address, which proves nothing yet.
    const phone = await browser({ email: dora.email });
    expect(phone).toMatchObject({ conversation: null, canVerifyEmail: true, contact: { emailVerified: false } });
    const sent = await widget(phone.visitorToken, "POST", "/email-verification", { email: dora.email });
    expect(sent.statusCode, sent.body).toBe(202);
    const again = await widget(phone.visitorToken, "POST", "/email-verification", { email: dora.email });
    expect(again.statusCode).toBe(429); // one a minute
    const mail = inboxes.company.outbox.at(-1);
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain(dora.email);
    const code = /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await widget(phone.visitorToken, "POST", "/email-verification/confirm", { code: code === "000000" ? "111111" : "000000" });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json<Problem>().errors?.[0]?.path).toBe("code");
    const right = await widget(phone.visitorToken, "POST", "/email-verification/confirm", { code });
    expect(right.statusCode, right.body).toBe(200);
    const joined = right.json<VisitorSessionDto>();
    expect(joined.contact).toMatchObject({ email: dora.email, emailVerified: true });
    expect(joined.conversation?.messages.map((m) => m.body)).toContain("Pedido 981 chegou quebrado");
    expect((await widget(phone.visitorToken, "POST", "/email-verification/confirm", { code })).statusCode).toBe(422); // used
  });

  it("gives a code five tries, right or wrong, then none", async () => {
    const guesser = await browser({ email: "eva@cliente.example" });
    expect((await widget(guesser.visitorToken, "POST", "/email-verification", { email: "eva@cliente.example" })).statusCode).toBe(202);
    const code = /\b(\d{6})\b/.exec(inboxes.company.outbox.at(-1)?.text ?? "")?.[1] ?? "";
    const wrong = code === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++) expect((await widget(guesser.visitorToken, "POST", "/email-verification/confirm", { code: wrong })).statusCode).toBe(422);
    expect((await widget(guesser.visitorToken, "POST", "/email-verification/confirm", { code })).statusCode).toBe(422);
  });

  it("limits a visitor's attributes per contact, as agents' changes are, and answers bad names with 422", async () => {
    const visitor = await browser();
    const many = (from: number) => Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`a${String(from + i)}`, i]));
    expect((await widget(visitor.visitorToken, "PATCH", "/visitor", { attributes: many(0) })).statusCode).toBe(204);
    const more = await widget(visitor.visitorToken, "PATCH", "/visitor", { attributes: many(100) });
    expect(more.statusCode).toBe(422);
    expect(more.json<Problem>().errors?.[0]?.path).toBe("attributes");
    const big = await widget(visitor.visitorToken, "PATCH", "/visitor", { attributes: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`b${String(i)}`, "x".repeat(1999)])) });
    expect(big.statusCode).toBe(422);
    for (const attributes of [{ "a\u0000b": 1 }, { "\ud800": 1 }, { ok: "\u0000" }, { "": 1 }]) {
      expect((await widget(visitor.visitorToken, "PATCH", "/visitor", { attributes })).statusCode).toBe(422);
    }
    for (const context of [{ page: "https://x.example/\u0000" }, { pageTitle: "\udc00" }]) {
      expect((await widget(visitor.visitorToken, "PATCH", "/visitor", { context })).statusCode).toBe(422);
    }
    expect((await widget(visitor.visitorToken, "PATCH", "/visitor", { attributes: { a0: null, a1: null } })).statusCode).toBe(204); // null removes
  });

  it("lets the page change only the attributes it set: what an agent wrote stays, whatever the page sends", async () => {
    const visitor = await browser();
    await say(visitor.visitorToken, "Quero mudar de plano");
    const contactId = (await contactOf((await widget(visitor.visitorToken, "GET", "/messages")).json<{ id: string }>().id)).id;
    const attributes = async () => (await env.admin.request({ method: "GET", url: `/api/v1/contacts/${contactId}` })).json<ContactDto>().customAttributes;
    const page = (changes: Record<string, string | null>) => widget(visitor.visitorToken, "PATCH", "/visitor", { attributes: changes });

    expect((await page({ plan: "basic", page_theme: "dark" })).statusCode).toBe(204);
    expect(await attributes()).toEqual({ plan: "basic", page_theme: "dark" });
    expect((await page({ plan: "pro" })).statusCode).toBe(204); // the page's own: it may change it
    expect(await attributes()).toEqual({ plan: "pro", page_theme: "dark" });

    await env.admin.request({ method: "PATCH", url: `/api/v1/contacts/${contactId}`, payload: { customAttributes: { fraud_flag: "true", plan: "free" } } });
    expect((await page({ fraud_flag: null, plan: "enterprise", page_theme: null })).statusCode).toBe(204); // answered alike
    expect(await attributes()).toEqual({ fraud_flag: "true", plan: "free" }); // the agent's stay; the page's own went

    // Once the agent removes it, the page may set it again.
    await env.admin.request({ method: "PATCH", url: `/api/v1/contacts/${contactId}`, payload: { customAttributes: { plan: null } } });
    await page({ plan: "pro" });
    expect(await attributes()).toEqual({ fraud_flag: "true", plan: "pro" });
  });
});

describe("merging contacts", () => {
  it("moves the other contact's conversations and chats here and deletes it; refuses itself and another workspace's", async () => {
    const anonymous = await browser({ name: "Fábio" });
    await say(anonymous.visitorToken, "Oi, sou o Fábio");
    const chatId = (await widget(anonymous.visitorToken, "GET", "/messages")).json<{ id: string }>().id;
    const visitorContact = await contactOf(chatId);
    const byMail = await env.admin.request({
      method: "POST",
      url: "/api/v1/contacts",
      payload: { name: "Fábio Souza", email: "fabio@cliente.example", customAttributes: { plano: "ouro" } },
    });
    const target = byMail.json<ContactDto>();
    const merged = await env.admin.request({ method: "POST", url: `/api/v1/contacts/${target.id}/merge`, payload: { otherId: visitorContact.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json<ContactDto>()).toMatchObject({ id: target.id, name: "Fábio Souza", email: "fabio@cliente.example" });
    expect((await env.admin.request({ method: "GET", url: `/api/v1/contacts/${visitorContact.id}` })).statusCode).toBe(404);
    const theirs = await env.admin.request({ method: "GET", url: `/api/v1/contacts/${target.id}/conversations` });
    expect(theirs.json<{ items: ConversationDto[] }>().items.map((c) => c.id)).toContain(chatId);
    // The visitor's browser now continues as the merged contact.
    expect((await browser({ visitorToken: anonymous.visitorToken })).conversation?.id).toBe(chatId);

    const self = await env.admin.request({ method: "POST", url: `/api/v1/contacts/${target.id}/merge`, payload: { otherId: target.id } });
    expect(self.statusCode).toBe(422);
    const other = await newWorkspace(env.t);
    const foreign = (await other.request({ method: "POST", url: "/api/v1/contacts", payload: { name: "Alheio" } })).json<ContactDto>();
    const across = await env.admin.request({ method: "POST", url: `/api/v1/contacts/${target.id}/merge`, payload: { otherId: foreign.id } });
    expect(across.statusCode).toBe(422);
    expect((await other.request({ method: "GET", url: `/api/v1/contacts/${foreign.id}` })).statusCode).toBe(200);
  });
});
