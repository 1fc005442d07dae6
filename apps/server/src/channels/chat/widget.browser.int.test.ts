import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { ContactDto, ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { startCompanyMailServer } from "../../test/company-mail-server.js";
import { launchChromium, liveConnection, signedInAgent } from "../../test/browser.js";
import { TEST_ENGINE } from "../../test/database.js";
import { siteSignatures } from "../../test/site-signatures.js";
import { agentAtDesk, type TestSocket } from "../../test/sockets.js";
import { useSignedInAdmin } from "../../test/test-app.js";

const SCREENSHOTS = join(import.meta.dirname, "../../../../../docs/screenshots");
const env = useSignedInAdmin();
let browser: Browser;
let atende: string;
let inbox: InboxDto;
const hosts: Server[] = [];
/** Agents' tabs open for the file: the widget counts them as there. */
const desks: TestSocket[] = [];

/** A company's page on its own origin (localhost, not 127.0.0.1) that embeds the widget. */
async function hostPage(extra = "", widgetToken?: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="pt-BR"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Loja Exemplo</title>
<style>button{background:red!important} *{font-family:serif!important}</style></head>
<body><h1>Loja Exemplo</h1><p>Produtos e ofertas.</p>
<script src="${atende}/widget.js" data-inbox="${widgetToken ?? inbox.chat?.widgetToken ?? ""}" data-locale="pt-BR" ${extra} async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hosts.push(server);
  return `http://localhost:${String((server.address() as AddressInfo).port)}`; // a TCP server bound above
}

beforeAll(async () => {
  atende = await env.t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const desk of desks) await desk.close();
  await browser.close();
  for (const server of hosts) server.close();
});

async function conversations(): Promise<ConversationDto[]> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
  return res.json<{ items: ConversationDto[] }>().items;
}

async function agentSays(conversationId: string, body: string): Promise<void> {
  await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body } });
}

async function openChat(page: Page) {
  await page.locator("[data-atende-widget] button").first().click();
  return page.frameLocator("[data-atende-widget] iframe");
}

describe.runIf(TEST_ENGINE === "pglite")("the chat widget in a real browser", { timeout: 120_000 }, () => {
  it("lets a visitor on another site chat with an agent, keeps the chat across reloads, and loses nothing offline", async () => {
    const origin = await (async () => {
      const created = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat", widget: { color: "#7a3e9d" } } });
      inbox = created.json<InboxDto>();
      const url = await hostPage();
      await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { allowedOrigins: [url] } });
      return url;
    })();
    await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { availability: "online" } }); // someone is there to answer
    desks.push(await agentAtDesk(env.t, env.admin, atende.replace(/^http/, "ws")));
    const context = await browser.newContext({ locale: "pt-BR" });
    const page = await context.newPage();
    await page.goto(origin);
    const launcher = page.locator("[data-atende-widget] button").first();
    await expect.poll(() => launcher.getAttribute("aria-label")).toBe("Fale conosco"); // named in the site's language before anything loads
    const chat = await openChat(page);
    await expect.poll(() => launcher.getAttribute("aria-label")).toBe("Fechar o chat");
    await chat.getByRole("textbox").fill("Olá, o meu pedido 4521 ainda não chegou.");
    await chat.getByRole("textbox").press("Enter");

    await expect.poll(async () => (await conversations()).length).toBe(1);
    const [conversation] = await conversations();
    // The agent starts writing: the visitor sees it.
    const agentSocket = new WebSocket(`${atende.replace("http", "ws")}/api/v1/realtime`, { headers: { cookie: env.admin.cookie } });
    await new Promise((resolve) => agentSocket.once("open", resolve));
    agentSocket.send(JSON.stringify({ type: "typing", conversationId: conversation?.id, typing: true }));
    await expect.poll(() => chat.locator(".typing").textContent()).toBe("Admin Person está digitando…");
    agentSocket.close();
    await agentSays(conversation?.id ?? "", "Olá! Vou verificar agora mesmo.");
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("Olá! Vou verificar agora mesmo.");
    expect(await chat.locator(".typing").textContent()).toBe(""); // the reply ends "typing"
    // The panel is open: the reply is read, and the agent sees it so.
    await expect
      .poll(async () => {
        const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversation?.id ?? ""}/messages` });
        return res.json<{ items: MessageDto[] }>().items.find((m) => m.body === "Olá! Vou verificar agora mesmo.")?.deliveryStatus;
      })
      .toBe("read");
    expect(await chat.getByRole("log").textContent()).toContain("Admin Person");

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "widget-chat.png") });

    // A reload keeps the conversation (the visitor token stays in the browser).
    await page.reload();
    const again = await openChat(page);
    await expect.poll(() => again.getByRole("log").textContent()).toContain("Olá! Vou verificar agora mesmo.");

    // Offline: the visitor's message waits and is sent once the connection is back; the agent's reply arrives too.
    await context.setOffline(true);
    await again.getByRole("textbox").fill("Estou sem internet, mas já escrevi.");
    await again.getByRole("textbox").press("Enter");
    await agentSays(conversation?.id ?? "", "Enquanto isso: o pedido saiu hoje.");
    await new Promise((r) => setTimeout(r, 1000));
    await context.setOffline(false);
    await expect.poll(() => again.getByRole("log").textContent(), { timeout: 20_000 }).toContain("Enquanto isso: o pedido saiu hoje.");
    await expect
      .poll(async () => {
        const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversation?.id ?? ""}/messages` });
        return res.json<{ items: MessageDto[] }>().items.filter((m) => m.body === "Estou sem internet, mas já escrevi.").length;
      }, { timeout: 20_000 })
      .toBe(1);
    const log = (await again.getByRole("log").textContent()) ?? "";
    expect(log.split("Estou sem internet, mas já escrevi.").length - 1).toBe(1); // shown once
    await context.close();
  });

  it("lets a signed-in customer's history follow them to their phone, and answers the site's window.Atende", async () => {
    const sign = siteSignatures(inbox.chat?.identitySecret ?? "");
    const [hash, emailHash] = [sign.id("cliente-77"), sign.email("cliente-77", "paula@cliente.example")];
    const url = await hostPage(
      `data-user-id="cliente-77" data-user-name="Paula Reis" data-user-email="paula@cliente.example" data-user-hash="${hash}" data-user-email-hash="${emailHash}"`,
    );
    const allowed = (await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>().chat?.allowedOrigins ?? [];
    await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { allowedOrigins: [...allowed, url] } });

    const laptop = await browser.newContext({ locale: "pt-BR" });
    const page = await laptop.newPage();
    await page.goto(url);
    await page.waitForFunction(() => "Atende" in globalThis);
    await page.evaluate(() => {
      const w = globalThis as unknown as { Atende: { open(): void; on(e: string, f: (m: unknown) => void): void }; heard: unknown[] };
      w.heard = [];
      w.Atende.on("message", (m) => w.heard.push(m));
      w.Atende.open();
    });
    const chat = page.frameLocator("[data-atende-widget] iframe");
    await chat.getByRole("textbox").fill("Sou a Paula, cliente há anos.");
    await chat.getByRole("textbox").press("Enter");
    const conversationOfPaula = async () => {
      const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` });
      return res.json<{ items: ConversationDto[] }>().items.find((c) => c.contact.email === "paula@cliente.example");
    };
    await expect.poll(async () => (await conversationOfPaula())?.contact.name).toBe("Paula Reis");
    await agentSays((await conversationOfPaula())?.id ?? "", "Olá Paula, que bom te ver de novo!");
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { heard: { body: string }[] }).heard.map((m) => m.body)))
      .toContain("Olá Paula, que bom te ver de novo!");
    await laptop.close();

    // Another device: a phone, with no storage from the laptop. The site says who she is; her chat is there.
    const phone = await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const onPhone = await phone.newPage();
    await onPhone.goto(url);
    const again = await openChat(onPhone);
    await expect.poll(() => again.getByRole("log").textContent()).toContain("Olá Paula, que bom te ver de novo!");
    const box = await onPhone.locator("[data-atende-widget] iframe").boundingBox();
    expect([box?.width, box?.height]).toEqual([390, 844]); // full screen on a phone
    await onPhone.screenshot({ path: join(SCREENSHOTS, "widget-phone.png") });
    await phone.close();
  });

  it("works with the keyboard alone: Tab to the launcher, Enter opens and focuses the message box, Escape closes and returns", async () => {
    const url = await hostPage();
    const allowed = (await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${inbox.id}` })).json<InboxDto>().chat?.allowedOrigins ?? [];
    await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { allowedOrigins: [...allowed, url] } });
    const context = await browser.newContext({ locale: "pt-BR" });
    const page = await context.newPage();
    // An address longer than the visitor's report keeps (2,000 characters): the chat starts all the same.
    await page.goto(`${url}/?campanha=${"x".repeat(2500)}`);
    const launcher = page.locator("[data-atende-widget] button").first();
    await expect.poll(() => launcher.getAttribute("aria-label")).toBe("Fale conosco");
    await page.keyboard.press("Tab");
    expect(await launcher.evaluate((el: unknown) => (el as { getRootNode(): { activeElement: unknown } }).getRootNode().activeElement === el)).toBe(true);
    await page.keyboard.press("Enter");
    const chat = page.frameLocator("[data-atende-widget] iframe");
    await expect.poll(() => chat.getByRole("textbox").evaluate((el: unknown) => (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el)).toBe(true);
    await page.keyboard.type("Escrevo só com o teclado.");
    await page.keyboard.press("Enter");
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("Escrevo só com o teclado.");
    await page.keyboard.press("Escape");
    await expect.poll(() => launcher.getAttribute("aria-expanded")).toBe("false");
    expect(await launcher.evaluate((el: unknown) => (el as { getRootNode(): { activeElement: unknown } }).getRootNode().activeElement === el)).toBe(true);
    await context.close();
  });

  it("says honestly when nobody is there and asks where to answer; sends pictures, shows the agent's face and when they read", async () => {
    await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { availability: "offline" } });
    const away = "Voltamos amanhã às 9h. Deixe seu e-mail e respondemos por lá.";
    const created = await env.admin.request({
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { name: "Chat fora do horário", channel: "chat", widget: { preChat: "required", awayMessage: away } },
    });
    const night = created.json<InboxDto>();
    const url = await hostPage("", night.chat?.widgetToken);
    const context = await browser.newContext({ locale: "pt-BR" });
    const page = await context.newPage();
    await page.goto(url);
    const chat = await openChat(page);
    await expect.poll(() => chat.locator(".intro").textContent()).toBe(away);
    const name = chat.getByRole("textbox", { name: "Seu nome" });
    const email = chat.getByRole("textbox", { name: "Seu e-mail" });
    await chat.getByRole("button", { name: "Começar a conversa" }).click(); // empty: the browser asks to fill them in
    expect(await email.evaluate((el: unknown) => (el as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
    await name.fill("Rita Lopes");
    await email.fill("rita@cliente.example");
    await chat.getByRole("button", { name: "Começar a conversa" }).click();

    // A file of a type that could run is refused in words; a picture goes and is shown.
    const files = chat.locator('input[type="file"]');
    await files.setInputFiles({ name: "pagina.html", mimeType: "text/html", buffer: Buffer.from("<script>alert(1)</script>") });
    await expect.poll(() => chat.getByRole("status").textContent()).toContain("pagina.html não pode ser enviado");
    const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 240, height: 120 } });
    await files.setInputFiles({ name: "defeito.png", mimeType: "image/png", buffer: photo });
    const preview = chat.getByRole("button", { name: "Imagem defeito.png, abrir" }).locator("img");
    await expect.poll(() => preview.evaluate((img: unknown) => (img as { naturalWidth: number }).naturalWidth)).toBe(240);

    const [conversation] = (
      await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${night.id}` })
    ).json<{ items: ConversationDto[] }>().items;
    // What she typed proves nothing: her own contact, the address shown to agents as unverified.
    expect(conversation?.contact).toMatchObject({ name: "Rita Lopes", email: null });
    const rita = await env.admin.request({ method: "GET", url: `/api/v1/contacts/${conversation?.contact.id ?? ""}` });
    expect(rita.json<ContactDto>().unverifiedEmail).toBe("rita@cliente.example");
    await agentSays(conversation?.id ?? "", "Recebi a foto, Rita. Vamos trocar o produto.");
    const face = chat.locator(".who img");
    await expect.poll(() => face.evaluate((img: unknown) => (img as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    // The agent opens the conversation: the visitor sees that her message was read.
    await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversation?.id ?? ""}/read`, payload: {} });
    await expect.poll(() => chat.locator(".seen").textContent()).toBe("Lida");
    await page.screenshot({ path: join(SCREENSHOTS, "widget-files.png") });
    await context.close();
  });

  it("lets a visitor on the site and an agent in the web app talk live, each seeing the other write and read", async () => {
    await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { availability: "online" } });
    desks.push(await agentAtDesk(env.t, env.admin, atende.replace(/^http/, "ws")));
    const site = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat do site", channel: "chat" } })).json<InboxDto>();
    const origin = await hostPage("", site.chat?.widgetToken);
    const agent = await signedInAgent(browser, atende, env.admin.email);
    await agent.goto(`${atende}/app/?view=all&inbox=${site.id}`);
    await liveConnection(agent);
    const visitorContext = await browser.newContext({ locale: "pt-BR" });
    const visitor = await visitorContext.newPage();
    await visitor.goto(origin);
    const chat = await openChat(visitor);
    await chat.getByRole("textbox").fill("Oi! Vocês entregam em Curitiba?");
    await chat.getByRole("textbox").press("Enter");

    // The new conversation appears in the agent's list by itself; it shows where the visitor writes from.
    await agent.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /Vocês entregam em Curitiba/ }).click();
    await agent.getByRole("log").getByText("Oi! Vocês entregam em Curitiba?").waitFor();
    const contact = agent.getByRole("complementary", { name: "Contact" });
    await contact.getByText(`Chatting from ${origin}/`).waitFor();
    await contact.getByText(/^Chrome \d+ · Linux · computer$/).waitFor();
    // Each sees the other write.
    await chat.getByRole("textbox").pressSequentially("Moro no centro");
    await agent.getByText(/is typing…$/).waitFor();
    await agent.getByRole("textbox", { name: "Reply", exact: true }).pressSequentially("Entregamos sim, em até 3 dias úteis.");
    await expect.poll(() => chat.locator(".typing").textContent()).toBe("Admin Person está digitando…");
    await agent.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("Entregamos sim, em até 3 dias úteis.");
    // The visitor has the chat open: the agent sees the reply was read, and the visitor that hers was.
    await agent.getByRole("log").getByText("Seen").waitFor();
    await expect.poll(() => chat.locator(".seen").textContent()).toBe("Lida");
    await agent.screenshot({ path: join(SCREENSHOTS, "app-chat.png") });
    await agent.context().close();
    await visitorContext.close();
  });

  it("lets a returning customer prove her e-mail with a code to see her earlier chat; until then the agent sees it unverified", async () => {
    const company = await startCompanyMailServer();
    try {
      await env.admin.request({
        method: "POST",
        url: "/api/v1/inboxes",
        payload: { name: "E-mail", channel: "email", address: "contato@loja.example", smtp: company.smtp },
      });
      const site = (
        await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat com cadastro", channel: "chat", widget: { preChat: "optional" } } })
      ).json<InboxDto>();
      const sign = siteSignatures(site.chat?.identitySecret ?? "");
      // Yesterday, signed in on the site, she asked about her order.
      const earlier = await env.t.app.inject({
        method: "POST",
        url: "/widget/v1/sessions",
        payload: { widgetToken: site.chat?.widgetToken, user: { id: "c-9", email: "lia@cliente.example", hash: sign.id("c-9"), emailHash: sign.email("c-9", "lia@cliente.example") } },
      });
      await env.t.app.inject({
        method: "POST",
        url: "/widget/v1/messages",
        headers: { authorization: `Bearer ${earlier.json<{ visitorToken: string }>().visitorToken}` },
        payload: { clientId: "earlier-chat-1", body: "O pedido 5150 vem com nota fiscal?" },
      });
      // Today, on her phone and not signed in, she types her address: it proves nothing yet.
      const origin = await hostPage("", site.chat?.widgetToken);
      await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${site.id}`, payload: { allowedOrigins: [origin] } });
      const phone = await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await phone.newPage();
      await page.goto(origin);
      const chat = await openChat(page);
      await chat.getByRole("textbox", { name: "Seu e-mail (opcional)" }).fill("lia@cliente.example");
      await chat.getByRole("button", { name: "Começar a conversa" }).click();
      await chat.getByText("Já falou com a gente? Confirme lia@cliente.example para ver suas conversas anteriores.").waitFor();
      expect(await chat.getByRole("log").textContent()).not.toContain("5150");
      await chat.getByRole("button", { name: "Enviar um código" }).click();
      await expect.poll(() => company.outbox.length).toBe(1);
      const code = /\b(\d{6})\b/.exec(company.outbox[0]?.text ?? "")?.[1] ?? "";
      expect(company.outbox.at(-1)?.subject).toMatch(/^Seu código para /);
      await chat.getByRole("textbox", { name: "Código do e-mail" }).fill(code);
      await page.screenshot({ path: join(SCREENSHOTS, "widget-verify.png") });
      await chat.getByRole("button", { name: "Confirmar" }).click();
      await expect.poll(() => chat.getByRole("log").textContent()).toContain("O pedido 5150 vem com nota fiscal?");
      await chat.getByText("Obrigado! Seu e-mail está confirmado.").waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, "widget-verified.png") });
      const contacts = (await env.admin.request({ method: "GET", url: "/api/v1/contacts?q=lia%40cliente.example" })).json<{ items: ContactDto[] }>().items;
      expect(contacts.map((c) => c.email)).toEqual(["lia@cliente.example"]); // one customer, one contact
      await phone.close();
    } finally {
      await company.close();
    }
  });

  it("does not show the chat on a site the inbox does not allow", async () => {
    const elsewhere = await hostPage();
    const context = await browser.newContext();
    const page = await context.newPage();
    const blocked = page.waitForEvent("console", { predicate: (message) => message.text().includes("frame-ancestors"), timeout: 30_000 });
    await page.goto(elsewhere);
    await page.locator("[data-atende-widget] button").first().click();
    await blocked; // the browser refused to show the chat's frame there
    await context.close();
  });
});
