import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleDto, ArticlePageDto, ArticleQuestionSuggestionListDto, ConversationDto, InboxDto, MessageDto, WhatsNewDto } from "@atende/shared";
import { accessibilityProblems, answerTo, pageWidth, useAgentBrowser } from "../test/browser.js";
import { TEST_ENGINE } from "../test/database.js";
import { addAgent, newConversation, TEST_PASSWORD, useSignedInAdmin, type AgentClient } from "../test/test-app.js";

const SCREENSHOTS = join(import.meta.dirname, "../../../../docs/screenshots");
const env = useSignedInAdmin();
const web = useAgentBrowser(env);
let chat: InboxDto;
let site: Server;
let siteUrl = "";
let agent: AgentClient;

/**
 * An agent signed in through the sign-in page, in a context that lets axe in (it is injected as a
 * script, which the app's CSP refuses).
 */
async function signedIn(email: string): Promise<Page> {
  const context = await web.context({ locale: "en-US", viewport: { width: 1440, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${web.atende}/app/sign-in`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Views" }).waitFor();
  return page;
}
let admin: Page;

/** axe's serious problems on the screen, the pointer moved off what it last clicked (a hovered link is not how it is read). */
async function problems(page: Page, screen: string): Promise<string[]> {
  await page.mouse.move(5, 700);
  return accessibilityProblems(page, screen);
}

/** The translations of the article whose English title is `title`, as the API lists them. */
async function articleTitled(title: string): Promise<ArticleDto> {
  const list = (await env.admin.request({ method: "GET", url: `/api/v1/articles?locale=en&limit=100` })).json<ArticlePageDto>();
  const found = list.items.find((a) => a.title === title);
  if (!found) throw new Error(`no article “${title}”`);
  return (await env.admin.request({ method: "GET", url: `/api/v1/articles/${found.id}` })).json<ArticleDto>();
}

async function chatConversations(): Promise<ConversationDto[]> {
  return (await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${chat.id}` })).json<{ items: ConversationDto[] }>().items;
}

beforeAll(async () => {
  agent = await addAgent(env.t, env.admin, "agent", "Bruno Agent");
  const created = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } });
  chat = created.json<InboxDto>();
  // A shop's page, on an origin of its own, with the chat widget in Portuguese.
  site = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="pt-BR"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Loja</title></head>
<body><h1>Loja Exemplo</h1><script src="${web.atende}/widget.js" data-inbox="${chat.chat?.widgetToken ?? ""}" data-locale="pt-BR" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://localhost:${String((site.address() as AddressInfo).port)}`; // a TCP server bound above
  await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${chat.id}`, payload: { allowedOrigins: [siteUrl] } });
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(() => {
  site.close();
});

describe.runIf(TEST_ENGINE === "pglite")("the knowledge base in a real browser", { timeout: 180_000 }, () => {
  it("lets an admin write an article with a picture, see it previewed, publish it, translate it side by side and find it in the list", async () => {
    admin = await signedIn(env.admin.email);
    const page = admin;
    const found: string[] = []; // serious accessibility problems (axe, WCAG 2 AA) on each new screen
    await page.getByRole("link", { name: "Knowledge base" }).click();
    await page.getByText("No articles yet.").waitFor();
    await page.getByRole("link", { name: "New article" }).click();

    await page.getByRole("textbox", { name: "Title" }).fill("How to return an order");
    const body = page.getByRole("textbox", { name: "Text (Markdown)" });
    await body.fill("You can return any order within **30 days** of delivery.\n\n## Steps\n\n1. Open *My orders*\n2. Choose the order\n");
    // The preview follows the text as it is typed: rendered, with the heading and the list.
    const preview = page.getByRole("region", { name: "Preview" });
    await preview.getByRole("heading", { name: "Steps" }).waitFor();
    await preview.locator("strong", { hasText: "30 days" }).waitFor();
    // Raw HTML is kept only as the help center keeps it: no script, no event handler.
    await body.press("End");
    await body.pressSequentially('\n<img src="x" onerror="document.title=\'hacked\'"><script>document.title="hacked"</script>\n\nThe end.');
    await preview.getByText("The end.").waitFor(); // the preview of all that was typed
    expect(await preview.locator("img").count()).toBe(1);
    expect(await preview.locator("img").getAttribute("onerror")).toBeNull();
    expect(await preview.locator("script").count()).toBe(0);
    // Back to the plain text, then a picture: uploaded at once and put in the text.
    // A table of more columns than a phone has room for (it fits there, below).
    const table = "| Category | Timeframe | Shipping | Packaging | Condition | Documentation | Reimbursement | Exceptions |\n|---|---|---|---|---|---|---|---|\n| Electronics | Fourteen | Prepaid | Original | Unopened | Receipt | Original | Software |\n\n";
    await body.fill(`You can return any order within **30 days** of delivery.\n\n## Steps\n\n1. Open *My orders*\n2. Choose the order\n\n${table}`);
    await body.press("End");
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Insert a picture" }).click();
    const png = await readFile(join(import.meta.dirname, "../../../web/public/icon-192.png"));
    await (await chooser).setFiles({ name: "returns.png", mimeType: "image/png", buffer: png });
    await expect.poll(() => body.inputValue()).toMatch(/!\[returns\]\(\/help\/[^)]+\/returns\.png\)/);
    await expect.poll(() => preview.locator('img[alt="returns"]').count()).toBe(1);
    // Shown to its writer (a signed-in agent) while no public article shows it yet.
    await expect.poll(() => preview.locator('img[alt="returns"]').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    // What customers ask that it answers, one a line: found by them, never shown.
    await page.getByRole("textbox", { name: "Questions this article answers" }).fill("Can I send my order back?");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published.").waitFor();
    await expect.poll(() => page.url()).toMatch(/\/knowledge-base\/articles\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Edit article" }).waitFor();
    const english = await articleTitled("How to return an order");
    expect(english).toMatchObject({ status: "published", visibility: "public", locale: "en", questions: ["Can I send my order back?"] });
    expect(english.html).toContain("<h2>Steps</h2>");
    await page.screenshot({ path: join(SCREENSHOTS, "app-kb-editor.png") });
    found.push(...(await problems(page, "editor")));

    // Translate it: the English on the left, read-only; the Portuguese written on the right.
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Translate into Português (Brasil)" }).click();
    const source = page.getByRole("region", { name: "Original in English" });
    await source.getByText("How to return an order").waitFor();
    await source.getByRole("heading", { name: "Steps" }).waitFor();
    const target = page.getByRole("region", { name: "Translation into Português (Brasil)" });
    await target.getByRole("textbox", { name: "Title in Português (Brasil)" }).fill("Como devolver um pedido");
    await target.getByRole("button", { name: "Start from the original's text" }).click();
    await target.getByRole("textbox", { name: "Text in Português (Brasil)" }).fill(
      "Você pode devolver qualquer pedido em até **30 dias** após a entrega.\n\n## Passos\n\n1. Abra *Meus pedidos*\n2. Escolha o pedido e peça a devolução\n",
    );
    // Closing the tab now would lose the translation: the browser asks first.
    await expect.poll(() => page.evaluate('!dispatchEvent(new Event("beforeunload", { cancelable: true }))')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "app-kb-translate.png") });
    found.push(...(await problems(page, "translation")));
    // Published, and the admin goes on to the list before the server has answered: the answer, when it
    // comes, leaves them there (it does not pull them back to the editor).
    const slowly = "**/api/v1/articles";
    await page.route(slowly, (route) => setTimeout(() => void route.continue(), 700));
    await page.getByText("Published.").waitFor({ state: "detached" }); // the English one's notice gone: the next one is this answer's
    const answered = answerTo(page, "POST", "/api/v1/articles");
    await target.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("link", { name: "Articles", exact: true }).click();
    expect((await answered).status()).toBe(201);
    await page.unroute(slowly);
    const translated = await articleTitled("How to return an order");
    expect(translated.translations.map((x) => [x.locale, x.title, x.status])).toEqual([
      ["en", "How to return an order", "published"],
      ["pt-BR", "Como devolver um pedido", "published"],
    ]);

    // The list: one row for the article, its translations present (English, Portuguese) and missing (Czech).
    const rows = page.getByRole("list", { name: "Articles" }).locator("> li");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByText("Published.").waitFor(); // the answer has come and been shown
    expect(new URL(page.url()).pathname).toBe("/app/knowledge-base");
    await rows.first().getByText("Čeština: missing").waitFor();
    await rows.first().getByRole("link", { name: "English: Published" }).waitFor();
    // Searched (the row shows the Portuguese title before any search, too).
    const searched = page.waitForResponse((r) => new URL(r.url()).searchParams.get("q") === "devolução pedido");
    await page.getByRole("searchbox", { name: "Search articles in every language" }).fill("devolução pedido");
    expect((await searched).status()).toBe(200);
    await rows.first().getByRole("link", { name: "Como devolver um pedido" }).waitFor();
    await page.getByRole("searchbox", { name: "Search articles in every language" }).fill("");
    await page.screenshot({ path: join(SCREENSHOTS, "app-kb-list.png") });
    found.push(...(await problems(page, "list")));

    // A category, named in two languages; then what readers did.
    await page.getByRole("link", { name: "Categories" }).click();
    await page.getByRole("textbox", { name: "Name in English" }).fill("Orders");
    await page.getByRole("textbox", { name: "Name in Português (Brasil)" }).fill("Pedidos");
    await page.getByRole("button", { name: "Add category" }).click();
    await page.getByRole("cell", { name: "Pedidos" }).waitFor();
    await page.getByRole("cell", { name: "missing" }).waitFor(); // no Czech name
    found.push(...(await problems(page, "categories")));
    await page.getByRole("link", { name: "Insights" }).click();
    await page.getByText("Most read").waitFor();
    found.push(...(await problems(page, "insights")));
    expect(found).toEqual([]);
    await page.goto(`${web.atende}/app/knowledge-base`);

    // On a phone: the list and the editor fit the screen; the navigation is behind the menu button.
    await page.setViewportSize({ width: 390, height: 844 });
    await rows.first().waitFor();
    await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(390); // once the layout has followed the resize
    await page.screenshot({ path: join(SCREENSHOTS, "app-phone-kb-list.png") });
    await page.goto(`${web.atende}/app/knowledge-base/articles/${english.id}`);
    await page.getByRole("radiogroup", { name: "Text (Markdown)" }).getByText("Preview", { exact: true }).click(); // writing or the preview
    await page.getByRole("region", { name: "Preview" }).getByRole("heading", { name: "Steps" }).waitFor();
    await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(390); // once the layout has followed the resize
    // The wide table stays within the screen (its words break), not cut off at the edge.
    const wide = await page.getByRole("region", { name: "Preview" }).getByRole("table").boundingBox();
    expect(wide && wide.x >= 0 && wide.x + wide.width <= 390).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "app-phone-kb-editor.png") });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole("radiogroup", { name: "Text (Markdown)" }).waitFor({ state: "detached" }); // the text and its preview side by side again
    await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(1024);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("suggests the article in the widget as the visitor writes; “This answered my question” sends nothing, “I still need help” sends the message", async () => {
    const article = await articleTitled("How to return an order");
    const portuguese = article.translations.find((x) => x.locale === "pt-BR");
    const context = await web.context({ locale: "pt-BR" });
    const page = await context.newPage();
    await page.goto(siteUrl);
    await page.locator("[data-atende-widget] button").first().click();
    const panel = page.frameLocator("[data-atende-widget] iframe");
    // Nobody is online: the visitor is asked where to be answered first.
    await panel.getByRole("textbox", { name: "Seu e-mail (opcional)" }).fill("ana@cliente.example");
    await panel.getByRole("button", { name: "Começar a conversa" }).click();
    const box = panel.getByRole("textbox", { name: "Escreva uma mensagem…" });
    await box.pressSequentially("Como faço para devolver meu pedido?");
    const suggested = panel.getByRole("region", { name: "Estes artigos podem responder à sua dúvida:" });
    await suggested.getByRole("button", { name: /^Como devolver um pedido/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "widget-suggestions.png") });
    await suggested.getByRole("button", { name: /^Como devolver um pedido/ }).click();
    await panel.getByRole("heading", { name: "Como devolver um pedido" }).waitFor();
    await panel.getByRole("heading", { name: "Passos" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "widget-article.png") });
    await panel.getByRole("button", { name: "Isso respondeu minha dúvida" }).click();
    await panel.getByText("Que bom que ajudou!", { exact: false }).waitFor();
    expect(await box.inputValue()).toBe("");
    expect(await suggested.isHidden()).toBe(true);
    // Counted as self-service, and no conversation was started.
    await expect
      .poll(async () => (await env.admin.request({ method: "GET", url: `/api/v1/articles/${portuguese?.id ?? ""}` })).json<ArticleDto>().stats.selfService)
      .toBe(1);
    expect(await chatConversations()).toEqual([]);

    // Another question the article does not settle: the visitor goes on to a person, with the message as written.
    await box.pressSequentially("Quero devolver um pedido que chegou quebrado");
    await suggested.getByRole("button", { name: /^Como devolver um pedido/ }).click();
    await panel.getByRole("button", { name: "Ainda preciso de ajuda" }).click();
    await expect.poll(async () => (await chatConversations()).length).toBe(1);
    await expect.poll(() => panel.getByRole("log").textContent()).toContain("Quero devolver um pedido que chegou quebrado");
    expect(await suggested.isHidden()).toBe(true); // the first message is sent: no more suggestions
  });

  it("inserts the article's link in the customer's language in a reply", async () => {
    const [conversation] = await chatConversations();
    const page = admin;
    await page.goto(`${web.atende}/app/conversations/${conversation?.id ?? ""}`);
    await page.getByRole("button", { name: "Insert article" }).click();
    const picker = page.getByRole("dialog", { name: "Link an article" });
    await picker.getByText("The link goes to its Português (Brasil) translation when it has one.", { exact: false }).waitFor();
    // Found in English alone (the search's Portuguese rows held back here), listed as it will be inserted.
    await page.route(/\/api\/v1\/articles\?.*q=/, async (route) => {
      const found = await route.fetch();
      const body = (await found.json()) as ArticlePageDto;
      await route.fulfill({ response: found, json: { ...body, items: body.items.filter((i) => i.locale === "en") } });
    });
    const searched = page.waitForResponse((res) => res.url().includes("/api/v1/articles?q=send"));
    await picker.getByRole("combobox", { name: "Search the help center" }).fill("send my order back");
    await searched;
    const option = picker.getByRole("option", { name: /^Como devolver um pedido/ });
    await option.locator('[lang="en"]').waitFor(); // the English row the search found (its passage), not the list before the search
    await option.click();
    await page.unroute(/\/api\/v1\/articles\?.*q=/);
    const reply = page.getByRole("textbox", { name: "Reply" });
    const slug = (await env.admin.request({ method: "GET", url: "/api/v1/me" })).json<{ workspace: { slug: string } }>().workspace.slug;
    const link = `Como devolver um pedido: ${web.atende}/help/${slug}/pt-BR/como-devolver-um-pedido`;
    await expect.poll(() => reply.inputValue()).toBe(link);
    await page.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(async () => {
        const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversation?.id ?? ""}/messages` });
        return res.json<{ items: MessageDto[] }>().items.some((m) => m.body === link);
      })
      .toBe(true);
    // Where no browser said it (mail, an API channel), the language is the one the customer writes in.
    const inbox = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "WhatsApp", channel: "api" } })).json<{ id: string }>();
    const written = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations",
      payload: { inboxId: inbox.id, contact: { name: "Joana" }, message: { body: "Olá, o pedido chegou quebrado e não sei como devolver", direction: "incoming" } },
    });
    await page.goto(`${web.atende}/app/conversations/${written.json<{ id: string }>().id}`);
    await page.getByRole("button", { name: "Insert article" }).click();
    await picker.getByText("The link goes to its Português (Brasil) translation when it has one.", { exact: false }).waitFor();
    // Before a search, the articles are listed by their titles in the customer's language.
    await picker.getByRole("option", { name: /^Como devolver um pedido/ }).waitFor();
    expect(await picker.getByRole("option", { name: /^How to return an order/ }).count()).toBe(0);
  });

  it("shows a translation's revisions and restores an older one", async () => {
    const article = await articleTitled("How to return an order");
    const page = admin;
    await page.goto(`${web.atende}/app/knowledge-base/articles/${article.id}`);
    const title = page.getByRole("textbox", { name: "Title" });
    await title.fill("Returning an order");
    const questions = page.getByRole("textbox", { name: "Questions this article answers" });
    await questions.fill("Can I send my order back?\n\n  How long do I have to return it? \n");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved.").waitFor();
    expect((await env.admin.request({ method: "GET", url: `/api/v1/articles/${article.id}` })).json<ArticleDto>().questions).toEqual([
      "Can I send my order back?",
      "How long do I have to return it?",
    ]);
    await expect.poll(() => questions.inputValue()).toBe("Can I send my order back?\nHow long do I have to return it?");
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Revisions" }).click();
    const drawer = page.getByRole("dialog", { name: "Revisions" });
    const revisions = drawer.getByRole("list", { name: "Revisions" }).getByRole("listitem");
    await expect.poll(() => revisions.count()).toBe(2);
    await revisions.first().getByText("Title: “How to return an order” → “Returning an order”").waitFor();
    await revisions.first().getByText("Questions changed (1 → 2)").waitFor();
    await revisions.nth(1).getByRole("button", { name: "Restore" }).click();
    const confirm = page.getByRole("dialog", { name: /^Restore the version of/ });
    await confirm.getByRole("button", { name: "Restore" }).click();
    await page.getByText(/^Restored the version of/).waitFor();
    await expect.poll(() => title.inputValue()).toBe("How to return an order");
    await expect.poll(() => questions.inputValue()).toBe("Can I send my order back?");
    await expect.poll(() => revisions.count()).toBe(3);
    await revisions.first().getByText("Restored").waitFor();
    expect(await problems(page, "revisions")).toEqual([]);
    expect((await env.admin.request({ method: "GET", url: `/api/v1/articles/${article.id}` })).json<ArticleDto>().title).toBe("How to return an order");
  });

  it("offers the questions customers asked that an article answered: added to its questions, or dismissed", async () => {
    const article = await articleTitled("How to return an order");
    const suggestions = async () =>
      (await env.admin.request({ method: "GET", url: `/api/v1/articles/${article.id}/question-suggestions` })).json<ArticleQuestionSuggestionListDto>().items;
    // Two customers ask on an API channel; an agent answers each with the article's link.
    const shoes = await newConversation(env.admin, { body: "Can I return shoes I already wore?" });
    const cost = await newConversation(env.admin, { inboxId: shoes.inboxId, body: "How much does sending an order back cost?" });
    for (const { conversationId } of [shoes, cost]) {
      const reply = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: `This explains it: ${article.url ?? ""}` } });
      expect(reply.statusCode, reply.body).toBe(201);
    }
    await expect
      .poll(async () => (await suggestions()).map((s) => s.question).sort(), { timeout: 15_000 })
      .toEqual(["Can I return shoes I already wore?", "How much does sending an order back cost?"]);

    const page = admin;
    await page.goto(`${web.atende}/app/knowledge-base/articles/${article.id}`);
    const asked = page.getByRole("region", { name: "Customers asked" });
    const items = asked.getByRole("listitem");
    await expect.poll(() => items.count()).toBe(2);
    const shoesItem = items.filter({ hasText: "Can I return shoes I already wore?" });
    const costItem = items.filter({ hasText: "How much does sending an order back cost?" });
    await shoesItem.getByText("from an agent's reply", { exact: false }).waitFor();
    expect(await shoesItem.getByRole("link", { name: "Open the conversation" }).getAttribute("href")).toBe(`/app/conversations/${shoes.conversationId}`);
    expect(await problems(page, "questions customers asked")).toEqual([]);

    // Adding saves the article: with unsaved changes it waits for them, so nothing typed is lost.
    const title = page.getByRole("textbox", { name: "Title" });
    await title.fill("How to return an order, step by step");
    const add = shoesItem.getByRole("button", { name: "Add" });
    await expect.poll(() => add.isDisabled()).toBe(true);
    await asked.getByText("Adding a question saves the article: save your changes first.").waitFor();
    await title.fill("How to return an order");
    await expect.poll(() => add.isDisabled()).toBe(false);
    await add.click();
    await page.getByText("Question added.").waitFor();
    const questions = page.getByRole("textbox", { name: "Questions this article answers" });
    await expect.poll(() => questions.inputValue()).toBe("Can I send my order back?\nCan I return shoes I already wore?");
    expect((await env.admin.request({ method: "GET", url: `/api/v1/articles/${article.id}` })).json<ArticleDto>().questions).toEqual([
      "Can I send my order back?",
      "Can I return shoes I already wore?",
    ]);
    await expect.poll(() => items.count()).toBe(1);
    expect(await page.getByRole("button", { name: "Save", exact: true }).isDisabled()).toBe(true); // the form is as saved

    // The other one is dismissed: gone from the list, the questions unchanged; the section goes with its last one.
    const dismissed = answerTo(page, "DELETE", /\/question-suggestions\/[0-9a-f-]{36}$/);
    await costItem.getByRole("button", { name: "Dismiss" }).click();
    const answer = await dismissed;
    expect(answer.status()).toBe(204);
    await asked.waitFor({ state: "detached" });
    expect(await suggestions()).toEqual([]);
    expect((await env.admin.request({ method: "GET", url: `/api/v1/articles/${article.id}` })).json<ArticleDto>().questions).toHaveLength(2);
  });

  it("counts what is new for an agent in the header until they look, and lets agents read without writing", async () => {
    const created = await env.admin.request({
      method: "POST",
      url: "/api/v1/articles",
      payload: { locale: "en", title: "New refund policy", body: "Refunds are now made within **5 days**.", status: "published", visibility: "internal" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const page = await signedIn(agent.email);
    const button = page.getByRole("link", { name: "Knowledge base (1 new in What's new)" });
    await button.click();
    // An agent reads: no writing anywhere.
    await page.getByRole("navigation", { name: "Knowledge base" }).getByRole("link", { name: "What's new" }).click();
    const item = page.getByRole("list", { name: "What's new" }).getByRole("listitem").filter({ hasText: "New refund policy" });
    await item.getByText("new to you").waitFor();
    expect(await problems(page, "what's new")).toEqual([]);
    await page.getByRole("link", { name: "Knowledge base", exact: true }).waitFor(); // seen: the number is gone
    expect((await agent.request({ method: "GET", url: "/api/v1/articles/whats-new" })).json<WhatsNewDto>().unread).toBe(0);
    await item.getByRole("link", { name: /New refund policy/ }).click();
    await page.getByRole("heading", { name: "New refund policy" }).waitFor();
    await page.getByText("5 days").waitFor();
    expect(await page.getByRole("button", { name: "Publish" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "New article" }).count()).toBe(0);
  });
});
