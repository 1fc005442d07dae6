import { createHmac } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { ContactDto, ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { messages } from "../db/schema/index.js";
import { startCompanyMailServer, type CompanyMailServer } from "../test/company-mail-server.js";
import { accessibilityProblems, answerTo, launchChromium, liveConnection, pageWidth, settled, signedInAgent } from "../test/browser.js";
import { TEST_ENGINE } from "../test/database.js";
import { addAgent, newConversation, newWorkspace, TEST_PASSWORD, useSignedInAdmin, type AgentClient } from "../test/test-app.js";

const SCREENSHOTS = join(import.meta.dirname, "../../../../docs/screenshots");
/** Atende's own mail server, which mails the codes that prove an address. */
let systemMail: CompanyMailServer;
beforeAll(async () => {
  systemMail = await startCompanyMailServer();
});
afterAll(() => systemMail.close());
const env = useSignedInAdmin(() => ({ ATENDE_SYSTEM_SMTP_URL: `smtp://127.0.0.1:${String(systemMail.port)}`, ATENDE_PUBLIC_URL: "http://atende.test" }));

type Box = { x: number; y: number; width: number; height: number };
/** Whether two boxes on the screen share any area. */
const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
let browser: Browser;
let atende: string;
let teammate: AgentClient;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  atende = await env.t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
  teammate = await addAgent(env.t, env.admin, "agent", "Bruno Teixeira");
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

/** A browser of an agent, signed in through the sign-in page; closed after the file. */
async function signedIn(email: string, locale = "en-US"): Promise<Page> {
  const page = await signedInAgent(browser, atende, email, locale);
  contexts.push(page.context());
  return page;
}

async function timeline(id: string): Promise<MessageDto[]> {
  const res = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${id}/messages` });
  return res.json<{ items: MessageDto[] }>().items;
}

async function conversation(id: string): Promise<ConversationDto> {
  return (await env.admin.request({ method: "GET", url: `/api/v1/conversations/${id}` })).json<ConversationDto>();
}

describe.runIf(TEST_ENGINE === "pglite")("the agents' web app in a real browser", { timeout: 180_000 }, () => {
  it("signs in, opens a conversation, replies, notes, assigns, snoozes and resolves, live for a teammate", async () => {
    const first = await newConversation(env.admin, { body: "Meu pedido 4521 chegou quebrado.", subject: "Pedido quebrado", email: "joana@cliente.example" });
    const second = await newConversation(env.admin, { inboxId: first.inboxId, body: "Qual o prazo de entrega para Recife?", email: "paulo@cliente.example" });
    const page = await signedIn(env.admin.email);
    const list = page.getByRole("list", { name: "Conversations" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(2);

    // The teammate has the first conversation open too.
    const other = await signedIn(teammate.email);
    await other.goto(`${atende}/app/conversations/${first.conversationId}`);
    await other.getByRole("log").getByText("Meu pedido 4521 chegou quebrado.").waitFor();

    await list.getByRole("link", { name: /Pedido quebrado/ }).click();
    const log = page.getByRole("log");
    await log.getByText("Meu pedido 4521 chegou quebrado.").waitFor();
    // Each sees that the other has it open.
    await page.getByText("Bruno Teixeira also viewing").waitFor();
    await other.getByText("Admin Person also viewing").waitFor();
    // Writing shows the teammate a collision warning before anything is sent.
    await page.getByRole("textbox", { name: "Reply", exact: true }).fill("Sinto muito, Joana! Vamos trocar o produto.");
    await other.getByRole("status").getByText("Admin Person is writing a reply here too.").waitFor();
    await page.getByRole("button", { name: "Send" }).click();
    await log.getByText("Sinto muito, Joana! Vamos trocar o produto.").waitFor();
    await other.getByRole("log").getByText("Sinto muito, Joana! Vamos trocar o produto.").waitFor({ timeout: 5000 }); // live, no reload
    expect((await timeline(first.conversationId)).map((m) => [m.direction, m.kind, m.body]).at(-1)).toEqual([
      "outgoing",
      "reply",
      "Sinto muito, Joana! Vamos trocar o produto.",
    ]);

    await page.locator("#conversation label").filter({ hasText: /^Note$/ }).click();
    await page.getByRole("textbox", { name: "Note", exact: true }).fill("Cliente antiga, priorizar a troca.");
    await page.getByRole("button", { name: "Add note" }).click();
    await log.getByText("Cliente antiga, priorizar a troca.").waitFor();
    expect((await timeline(first.conversationId)).at(-1)).toMatchObject({ kind: "note", private: true });

    await page.getByRole("button", { name: "Assign to me" }).click();
    await expect.poll(async () => (await conversation(first.conversationId)).assignee?.email).toBe(env.admin.email);
    const tags = page.getByLabel("Tags", { exact: true }).first();
    await tags.fill("troca");
    await tags.press("Enter");
    await expect.poll(async () => (await conversation(first.conversationId)).tags).toEqual(["troca"]);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "app-conversation.png") });

    await page.getByRole("button", { name: "Snooze" }).click();
    await page.getByRole("menuitem", { name: "Pick a date and time" }).click();
    const picker = page.getByRole("dialog", { name: "Pick a date and time" });
    await picker.getByLabel("Pick a date and time").fill("2031-05-20T14:30");
    await picker.getByRole("button", { name: "Snooze" }).click();
    await expect.poll(async () => (await conversation(first.conversationId)).status).toBe("snoozed");
    expect(new Date((await conversation(first.conversationId)).snoozedUntil ?? "").getFullYear()).toBe(2031);

    await page.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(async () => (await conversation(first.conversationId)).status).toBe("resolved");
    await other.locator("#conversation").getByText("Resolved", { exact: true }).first().waitFor(); // the teammate sees it live

    // Bulk: select what is open and resolve it at once.
    await page.goto(`${atende}/app/?view=all`);
    await list.getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Resolve selected" }).click();
    await expect.poll(async () => (await conversation(second.conversationId)).status).toBe("resolved");
    await page.getByText("Nothing here. New conversations will appear by themselves.").waitFor();
  });

  it("asks for the first screen's data once, before the app's code has loaded, and shows it", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Chegou a fatura errada.", subject: "Fatura", email: "ana@cliente.example" });
    const page = await signedIn(env.admin.email);
    const screens = [
      { address: "/app/?view=all&priority=normal", counts: "/api/v1/conversations/counts?priority=normal", shown: "Fatura" },
      { address: `/app/conversations/${conversationId}?view=all`, counts: "/api/v1/conversations/counts", shown: "Chegou a fatura errada." },
    ];
    for (const screen of screens) {
      const asked: string[] = []; // API reads and the app's scripts, in the order the page asked
      page.on("request", (request) => {
        const url = new URL(request.url());
        if ((url.pathname.startsWith("/api/v1/") && request.method() === "GET") || url.pathname.endsWith(".js")) asked.push(url.pathname + url.search);
      });
      await page.goto(`${atende}${screen.address}`);
      await page.getByText(screen.shown).first().waitFor();
      await page.waitForLoadState("networkidle");
      page.removeAllListeners("request");
      const reads = asked.filter((path) => path.startsWith("/api/"));
      // Nothing twice: the app took the early answers (a path it builds differently would show here twice).
      expect(reads.filter((path, i) => reads.indexOf(path) !== i), screen.address).toEqual([]);
      expect(reads).toEqual(expect.arrayContaining(["/api/v1/me", "/api/v1/inboxes", "/api/v1/views", screen.counts]));
      expect(reads.some((path) => path.startsWith("/api/v1/conversations?status=open"))).toBe(true);
      // Who is signed in is asked before the app itself (React and the rest) is loaded.
      expect(asked.indexOf("/api/v1/me")).toBeLessThan(asked.findIndex((path) => /\/render-[\w-]+\.js$/.test(path)));
    }
  });

  it("answers a file of the build that is not there with 404, not the app's page, so an old tab knows to load the new build", async () => {
    const gone = await env.t.app.inject({ method: "GET", url: "/app/assets/composer-0ld0ld.js" });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers["content-type"]).toContain("application/problem+json");
    expect((await env.t.app.inject({ method: "GET", url: "/app/settings/inboxes" })).headers["content-type"]).toContain("text/html"); // a route of the app still is
  });

  it("fills a canned response with /, tells a teammate @mentioned in a note, finds with / and edits the contact beside the conversation", async () => {
    await env.admin.request({
      method: "POST",
      url: "/api/v1/canned-responses",
      payload: { shortCode: "troca", title: "Troca de produto", body: "Olá {{contact.firstName}}, a troca já foi aprovada." },
    });
    const { conversationId, contactId } = await newConversation(env.admin, { body: "Quero trocar o tamanho da camiseta.", email: "lia@cliente.example" });
    await env.admin.request({ method: "PATCH", url: `/api/v1/contacts/${contactId}`, payload: { customAttributes: { plan: "basic", orders: 3 } } });
    const page = await signedIn(env.admin.email);
    const other = await signedIn(teammate.email);
    await page.goto(`${atende}/app/conversations/${conversationId}`);
    const reply = page.getByRole("textbox", { name: "Reply", exact: true });
    await reply.click();
    await page.keyboard.type("/tro");
    await page.getByRole("option", { name: /\/troca/ }).waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => reply.inputValue()).toBe("Olá Maria, a troca já foi aprovada.");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("log").getByText("Olá Maria, a troca já foi aprovada.").waitFor();

    await page.locator("#conversation label").filter({ hasText: /^Note$/ }).click();
    const note = page.getByRole("textbox", { name: "Note", exact: true });
    await note.click();
    await page.keyboard.type("Pode conferir o estoque, @Bru");
    await page.getByRole("option", { name: /@Bruno Teixeira/ }).click();
    await page.keyboard.type("?");
    await page.getByRole("button", { name: "Add note" }).click();
    await other.getByText("Admin Person mentioned you").waitFor({ timeout: 5000 });

    // Search from anywhere with "/".
    await page.getByRole("log").click();
    await page.keyboard.press("/");
    await page.getByRole("textbox", { name: "Search conversations, contacts and messages" }).fill("camiseta");
    await page.getByRole("dialog").getByRole("link", { name: /camiseta/ }).first().waitFor();
    await page.keyboard.press("Escape");

    // The contact panel: a wrong e-mail is refused beside its field; a right one is saved.
    const panel = page.getByRole("complementary", { name: "Contact" });
    await panel.getByLabel("E-mail").fill("not an address");
    await panel.getByRole("button", { name: "Save" }).click();
    await panel.getByText("must be an e-mail address").waitFor(); // the server's words, beside the field
    await panel.getByLabel("E-mail").fill("lia.souza@cliente.example");
    await panel.getByLabel("Company").fill("Loja da Lia");
    // Custom attributes: one changed, one removed, one added.
    await panel.getByLabel("plan", { exact: true }).fill("pro");
    await panel.getByRole("button", { name: "Remove orders" }).click();
    await panel.getByRole("button", { name: "Add attribute" }).click();
    await panel.getByLabel("Attribute", { exact: true }).fill("cidade");
    await panel.getByLabel("Value", { exact: true }).fill("Recife");
    await panel.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await env.admin.request({ method: "GET", url: `/api/v1/contacts/${contactId}` })).json<ContactDto>())
      .toMatchObject({ email: "lia.souza@cliente.example", company: "Loja da Lia", customAttributes: { plan: "pro", cidade: "Recife" } });
    expect((await env.admin.request({ method: "GET", url: `/api/v1/contacts/${contactId}` })).json<ContactDto>().customAttributes).not.toHaveProperty("orders");
    await page.screenshot({ path: join(SCREENSHOTS, "app-inbox.png") });
  });

  it("lets an admin add tags and canned responses in settings, showing the server's field errors beside the fields", async () => {
    const page = await signedIn(env.admin.email);
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("tab", { name: "Canned responses" }).click();
    const panel = page.getByRole("tabpanel");
    await panel.getByLabel("Short code").fill("com espaço");
    await panel.getByLabel("Title").fill("Prazo");
    await panel.getByLabel(/^Text/).fill("Olá {{contact.firstName}}, o prazo é de 5 dias úteis.");
    await panel.getByRole("button", { name: "Add" }).click();
    await panel.getByText("may use letters, digits, - and _ only").waitFor();
    await panel.getByLabel("Short code").fill("prazo");
    await panel.getByRole("button", { name: "Add" }).click();
    await panel.getByRole("cell", { name: "/prazo", exact: true }).waitFor();
    await page.getByRole("tab", { name: "Tags" }).click();
    const tagsPanel = page.getByRole("tabpanel", { name: "Tags" });
    await tagsPanel.getByRole("heading", { name: "Tags" }).waitFor();
    await tagsPanel.getByLabel("Name").fill("reembolso");
    const created = answerTo(page, "POST", "/api/v1/tags");
    await tagsPanel.getByRole("button", { name: "Add" }).click();
    expect((await created).status()).toBe(201);
    await tagsPanel.getByRole("cell", { name: "reembolso", exact: true }).waitFor();
    const tags = (await env.admin.request({ method: "GET", url: "/api/v1/tags" })).json<{ name: string }[]>();
    expect(tags.map((t) => t.name)).toContain("reembolso");
    await page.screenshot({ path: join(SCREENSHOTS, "app-settings.png") });
  });

  it("lets an admin set up an e-mail inbox's servers and a chat inbox's widget, and change a canned response and a team's members", async () => {
    const create = async (url: string, payload: object) => (await env.admin.request({ method: "POST", url, payload })).json<{ id: string }>();
    const inbox = async (id: string) => (await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${id}` })).json<InboxDto>();
    const email = await create("/api/v1/inboxes", { name: "Suporte", channel: "email", address: "suporte@loja.example" });
    const chat = await create("/api/v1/inboxes", { name: "Chat da loja", channel: "chat" });
    const page = await signedIn(env.admin.email);
    await page.goto(`${atende}/app/settings/inboxes`);
    const panel = page.getByRole("tabpanel", { name: "Inboxes" });

    // The e-mail inbox sends through its SMTP server; its password is stored, never shown again.
    await panel.getByRole("button", { name: "Edit Suporte" }).click();
    const drawer = page.getByRole("dialog", { name: "Edit Suporte" });
    await drawer.getByLabel("Send replies through this inbox's SMTP server").check();
    await drawer.getByLabel("Server", { exact: true }).fill("smtp.loja.example");
    await drawer.getByLabel("TLS from the start (off: STARTTLS)").uncheck();
    await drawer.getByLabel("User", { exact: true }).fill("suporte@loja.example");
    await drawer.getByLabel("Password", { exact: true }).fill("senha-do-smtp");
    await drawer.getByLabel(/^Signature/).fill("Equipe Loja");
    const listedAgain = answerTo(page, "GET", "/api/v1/inboxes"); // the drawer opens on the row it is given
    await drawer.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await inbox(email.id)).smtp)
      .toEqual({ host: "smtp.loja.example", port: 587, secure: false, user: "suporte@loja.example", hasPassword: true });
    expect((await inbox(email.id)).signature).toBe("Equipe Loja");
    await listedAgain;
    await panel.getByRole("button", { name: "Edit Suporte" }).click();
    const password = drawer.getByLabel("Password", { exact: true });
    await expect.poll(() => password.getAttribute("placeholder")).toBe("Stored; type a new one to replace it");
    expect(await password.inputValue()).toBe("");
    await drawer.getByRole("button", { name: "Cancel" }).click();

    // The chat inbox: a site that is not an origin is refused beside the field, then the widget's settings are saved.
    await panel.getByRole("button", { name: "Edit Chat da loja" }).click();
    const widget = page.getByRole("dialog", { name: "Edit Chat da loja" });
    await widget.getByText((await inbox(chat.id)).chat?.widgetToken ?? "no token", { exact: false }).waitFor();
    await widget.getByLabel("Greeting").fill("Olá! Como podemos ajudar?");
    await widget.getByLabel("Ask for name and e-mail before chatting").click();
    await page.getByRole("option", { name: "Yes, required" }).click();
    const origins = widget.getByLabel("Sites allowed to show the widget");
    await origins.fill("loja.example");
    await origins.press("Enter");
    await widget.getByRole("button", { name: "Save" }).click();
    await widget.getByText(/^loja\.example: must be an origin/).waitFor();
    await origins.press("Backspace");
    await origins.fill("https://loja.example");
    await origins.press("Enter");
    await page.screenshot({ path: join(SCREENSHOTS, "app-settings-chat.png") });
    await widget.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await inbox(chat.id)).chat)
      .toMatchObject({ greeting: "Olá! Como podemos ajudar?", preChat: "required", allowedOrigins: ["https://loja.example"] });
    // A secret is shown once, when made: the admin makes a new one, after being told what that
    // does, and copies it while it is on screen; a user id signed with it proves who a visitor is.
    await panel.getByRole("button", { name: "Edit Chat da loja" }).click();
    await widget.getByText(/A secret is shown once/).waitFor();
    await widget.getByRole("button", { name: "Make a new secret…" }).click();
    await widget.getByRole("alert").getByText(/signed-in customers chat as anonymous visitors/).waitFor();
    await widget.getByRole("button", { name: "Make it now" }).click();
    const secret = widget.getByLabel("Identity secret");
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^[0-9a-f]{64}$/);
    expect((await inbox(chat.id)).chat?.identitySecret).toBeNull();
    const signed = createHmac("sha256", await secret.inputValue()).update("cliente-1").digest("hex");
    const widgetToken = (await inbox(chat.id)).chat?.widgetToken;
    const visitor = await env.t.app.inject({ method: "POST", url: "/widget/v1/sessions", payload: { widgetToken, user: { id: "cliente-1", hash: signed } } });
    expect(visitor.json<{ identified: boolean }>().identified).toBe(true);
    await widget.getByRole("button", { name: "Cancel" }).click();

    // A canned response changed in place, and a team's members chosen among the agents.
    await create("/api/v1/canned-responses", { shortCode: "saudacao", title: "Saudação", body: "Olá {{contact.firstName}}!" });
    const team = await create("/api/v1/teams", { name: "Financeiro" });
    await page.getByRole("tab", { name: "Canned responses" }).click();
    await page.getByRole("button", { name: "Edit /saudacao" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit /saudacao" });
    await dialog.getByLabel("Title").fill("Saudação calorosa");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByRole("cell", { name: "Saudação calorosa" }).waitFor();
    await page.getByRole("tab", { name: "Teams" }).click();
    await page.getByRole("button", { name: "Edit Financeiro" }).click();
    const teamDialog = page.getByRole("dialog", { name: "Edit Financeiro" });
    await teamDialog.getByLabel("Members").click();
    await page.getByRole("option", { name: "Bruno Teixeira" }).click();
    await teamDialog.getByRole("heading", { name: "Edit Financeiro" }).click(); // closes the list of agents
    await teamDialog.getByRole("button", { name: "Save" }).click();
    await page.getByRole("cell", { name: "Bruno Teixeira" }).waitFor();
    const teams = (await env.admin.request({ method: "GET", url: "/api/v1/teams" })).json<{ id: string; memberIds: string[] }[]>();
    expect(teams.find((x) => x.id === team.id)?.memberIds).toEqual([teammate.agentId]);
  });

  it("has no serious accessibility problems on its main screens, in light and dark (axe, WCAG 2 AA)", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Preciso de ajuda com a minha assinatura.", subject: "Assinatura" });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true }); // axe is injected as a script
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${atende}/app/sign-in`);
    const problems = (screen: string) => accessibilityProblems(page, screen);
    const found = [...(await problems("sign-in"))];
    await page.getByLabel("E-mail").fill(env.admin.email);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("list", { name: "Conversations" }).waitFor();
    await page.goto(`${atende}/app/conversations/${conversationId}?view=all`);
    await page.getByRole("log").getByText("Preciso de ajuda com a minha assinatura.").waitFor();
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Judge the colours the scheme settles on, not a colour transition half-way.
      await page.locator(`html[data-mantine-color-scheme="${scheme}"]`).waitFor({ state: "attached" });
      found.push(...(await problems(`inbox (${scheme})`))); // once the colours have settled
    }
    await page.screenshot({ path: join(SCREENSHOTS, "app-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(`${atende}/app/settings/canned`);
    await page.getByRole("heading", { name: "Canned responses" }).waitFor();
    found.push(...(await problems("settings")));
    await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat acessível", channel: "chat" } });
    await page.goto(`${atende}/app/settings/inboxes`);
    await page.getByRole("button", { name: "Edit Chat acessível" }).click();
    await page.getByRole("dialog", { name: "Edit Chat acessível" }).getByLabel("Greeting").waitFor();
    found.push(...(await problems("inbox settings"))); // once the drawer has slid in
    // The new screens of round two: merging, the notifications, a new e-mail.
    await page.goto(`${atende}/app/conversations/${conversationId}?view=all`);
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Merge another conversation into this one…" }).click();
    await page.getByRole("dialog", { name: /^Merge into #/ }).waitFor();
    await page.getByRole("menu").waitFor({ state: "detached" }); // the menu's closing transition, not a menu without items
    found.push(...(await problems("merge dialog")));
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /^Notifications/ }).click();
    await page.getByRole("dialog", { name: "Notifications" }).waitFor();
    found.push(...(await problems("notifications")));
    await page.keyboard.press("Escape");
    await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "E-mail acessível", channel: "email", address: "acessivel@loja.example", signature: "Equipe" } });
    await page.goto(`${atende}/app/?view=all&compose=email`);
    await page.getByRole("dialog", { name: "New e-mail" }).getByRole("button", { name: "Cc / Bcc" }).click();
    found.push(...(await problems("new e-mail")));
    expect(found).toEqual([]);
  });

  it("shows a reply that could not be delivered with the server's reason, sends it again, and offers the keyboard a way past the lists", async () => {
    const broken = await env.admin.request({
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { name: "Caixa sem servidor", channel: "email", address: "vendas@loja.example", smtp: { host: "127.0.0.1", port: 1, secure: false } },
    });
    const { conversationId: id } = await newConversation(env.admin, { inboxId: broken.json<InboxDto>().id, email: "rui@cliente.example", body: "Têm o modelo azul?" });
    await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "Temos sim, Rui." } });
    const page = await signedIn(env.admin.email);
    await page.goto(`${atende}/app/conversations/${id}`);
    const failure = page.getByRole("log").getByRole("alert");
    await expect.poll(() => failure.textContent(), { timeout: 20_000 }).toBe("Not delivered: could not reach the mail server; check its address, port and TLS in Settings → Inboxes");
    const retried = answerTo(page, "POST", /\/retry$/);
    await page.getByRole("button", { name: "Send again" }).click();
    expect(await (await retried).json()).toMatchObject({ deliveryStatus: "pending", deliveryError: null, deliveryFailure: null });

    // The first Tab offers to skip the header and the lists.
    await page.goto(`${atende}/app/conversations/${id}`);
    await page.getByRole("log").getByText("Têm o modelo azul?").waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to the conversation" });
    await expect.poll(() => skip.evaluate((el: unknown) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe("main-content");
  });

  it("speaks Czech and Portuguese when the agent switches language", async () => {
    await newConversation(env.admin, { body: "Dobrý den, kdy dorazí moje objednávka?" });
    const page = await signedIn(env.admin.email);
    await page.getByRole("button", { name: "Your account" }).click();
    await page.getByRole("menuitemradio", { name: "Čeština" }).click();
    await page.getByRole("link", { name: /Nepřiřazené/ }).waitFor();
    await page.getByRole("link", { name: /Všechny/ }).click();
    await page.getByRole("list", { name: "Konverzace" }).getByRole("link").first().click();
    await page.getByRole("button", { name: "Vyřešit" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "app-cs.png") });
    await page.getByRole("button", { name: "Váš účet" }).click();
    const chosen = answerTo(page, "PATCH", "/api/v1/me"); // the screen changes language before the choice is saved
    await page.getByRole("menuitemradio", { name: "Português (Brasil)" }).click();
    await page.getByRole("button", { name: "Resolver" }).waitFor();
    expect((await chosen).status()).toBe(200);
    await page.reload(); // the choice stays in this browser
    await page.getByRole("button", { name: "Resolver" }).waitFor();
    // And it is the agent's choice from now on, wherever they sign in.
    const agent = (await env.admin.request({ method: "GET", url: "/api/v1/me" })).json<{ agent: { locale: string | null } }>().agent;
    expect(agent.locale).toBe("pt-BR");
    await page.getByRole("button", { name: "Sua conta" }).click();
    const back = answerTo(page, "PATCH", "/api/v1/me");
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await page.getByRole("button", { name: "Resolve" }).waitFor();
    expect((await back).status()).toBe(200); // the next test signs in to English
  });

  it("lets an admin add an agent, change their role and deactivate them after saying what that does (Settings → Agents)", async () => {
    const page = await signedIn(env.admin.email);
    await page.goto(`${atende}/app/settings/agents`);
    const panel = page.getByRole("tabpanel", { name: "Agents" });
    await panel.getByRole("heading", { name: "Agents" }).waitFor();
    await panel.getByRole("textbox", { name: "Name" }).fill("Carla Souza");
    await panel.getByRole("textbox", { name: "E-mail" }).fill("carla@loja.example");
    await panel.getByLabel("Initial password").fill("uma-senha-longa-o-bastante");
    await panel.getByRole("button", { name: "Add" }).click();
    const row = panel.getByRole("row", { name: /Carla Souza/ });
    await row.waitFor();
    await row.getByLabel("Role").click();
    const promoted = answerTo(page, "PATCH", /^\/api\/v1\/agents\/[^/]+$/); // "Saved." may still be the addition's notice
    await page.getByRole("option", { name: "Supervisor" }).click();
    expect((await promoted).status()).toBe(200);
    await row.getByRole("switch", { name: "Carla Souza is active" }).dispatchEvent("click"); // the input itself is drawn over by its track
    const confirm = page.getByRole("dialog", { name: "Deactivate Carla Souza?" });
    await confirm.getByText(/signed out on every device/).waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    const agents = async () => (await env.admin.request({ method: "GET", url: "/api/v1/agents" })).json<{ email: string; role: string; active: boolean }[]>();
    expect((await agents()).find((a) => a.email === "carla@loja.example")).toMatchObject({ role: "supervisor", active: true });
    await row.getByRole("switch", { name: "Carla Souza is active" }).dispatchEvent("click"); // the input itself is drawn over by its track
    await page.getByRole("dialog", { name: "Deactivate Carla Souza?" }).getByRole("button", { name: "Deactivate" }).click();
    await expect.poll(async () => (await agents()).find((a) => a.email === "carla@loja.example")?.active).toBe(false);
  });

  it("keeps the view in the address, lists pending conversations in their own view, and says when a page or conversation does not exist", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Vou verificar e volto a falar.", subject: "Aguardando cliente" });
    await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { status: "pending" } });
    const page = await signedIn(env.admin.email);
    await page.goto(`${atende}/app?view=pending`); // as a shared link, without the trailing slash
    const pending = page.getByRole("link", { name: /^Pending/ });
    await expect.poll(() => pending.getAttribute("aria-current")).toBe("page");
    await page.getByText("Waiting on the customer: it opens again when they write.").waitFor();
    await page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /Aguardando cliente/ }).waitFor();
    await page.getByRole("combobox", { name: "Order" }).click();
    await page.getByRole("option", { name: "Waiting longest" }).click();
    await expect.poll(() => page.url()).toMatch(/sort=waiting/);
    await page.reload();
    await expect.poll(() => pending.getAttribute("aria-current")).toBe("page");
    await expect.poll(() => page.getByRole("combobox", { name: "Order" }).inputValue()).toBe("Waiting longest");
    await page.goto(`${atende}/app/nowhere`);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    await page.goto(`${atende}/app/conversations/0190a000-0000-7000-8000-000000000000`);
    await page.getByText("This conversation does not exist, or it is not in your workspace.").waitFor();
  });

  it("opens a long conversation with one request for it and its newest messages, and loads earlier ones as the agent scrolls up", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Primeira mensagem da conversa longa.", subject: "Conversa longa" });
    for (let i = 1; i <= 119; i++) {
      const res = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: `Resposta número ${String(i)}` } });
      expect(res.statusCode).toBe(201);
    }
    const page = await signedIn(env.admin.email);
    const asked: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith(`/api/v1/conversations/${conversationId}`)) asked.push(url.pathname + url.search);
    });
    await page.goto(`${atende}/app/conversations/${conversationId}?view=all`);
    const log = page.getByRole("log");
    await log.getByText("Resposta número 119", { exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    // One request opened it: the conversation with its newest 50 messages, and no page of messages
    // apart. (The live connection replays from a little before the session's cursor, so the events
    // of the replies just posted may bring a refetch of the conversation alone; that is not opening.)
    const opening = asked.filter((path) => !path.endsWith("/read") && path !== `/api/v1/conversations/${conversationId}`);
    expect(opening).toEqual([`/api/v1/conversations/${conversationId}?messages=50`]);
    expect(asked[0]).toBe(`/api/v1/conversations/${conversationId}?messages=50`);
    expect(await log.getByText("Resposta número 69", { exact: true }).count()).toBe(0);
    // Scrolling to the top brings the earlier pages, in order, until the first message.
    for (let i = 0; i < 5 && (await log.getByText("Primeira mensagem da conversa longa.").count()) === 0; i++) {
      // The button goes as its page arrives (and comes back while more are left).
      await log.getByRole("button", { name: "Earlier messages" }).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => undefined);
      await page.waitForLoadState("networkidle");
    }
    await log.getByText("Primeira mensagem da conversa longa.").waitFor();
    expect(await log.getByRole("button", { name: "Earlier messages" }).count()).toBe(0);
    expect(asked.filter((path) => path.includes("/messages?"))).toEqual([
      expect.stringContaining("order=newest&limit=50&cursor="),
      expect.stringContaining("order=newest&limit=50&cursor="),
    ]);
    const shown = await log.getByText(/^Resposta número \d+$/).allTextContents();
    expect(shown).toEqual(Array.from({ length: 119 }, (_, i) => `Resposta número ${String(i + 1)}`));
    // The newest message is still where the agent left it: a new one arrives at the end.
    await liveConnection(page);
    await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "Resposta número 120" } });
    await log.getByText("Resposta número 120", { exact: true }).waitFor();
    // A burst of messages lands live, each in place, with the conversation read again at most every half second, not once per message.
    await page.waitForLoadState("networkidle");
    const before = asked.length;
    const started = Date.now();
    for (let i = 121; i <= 150; i++) {
      const res = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: `Resposta número ${String(i)}` } });
      expect(res.statusCode).toBe(201);
    }
    const halfSeconds = Math.ceil((Date.now() - started) / 500);
    await log.getByText("Resposta número 150", { exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    const reads = asked.slice(before).filter((path) => path === `/api/v1/conversations/${conversationId}`);
    expect(reads.length).toBeGreaterThan(0); // its status and last message are read again
    expect(reads.length).toBeLessThanOrEqual(halfSeconds + 2);
    expect(reads.length).toBeLessThan(30);
    expect(asked.slice(before).filter((path) => path.includes("/messages"))).toEqual([]); // the messages came with their events
    expect((await log.getByText(/^Resposta número \d+$/).allTextContents()).slice(-31)).toEqual(Array.from({ length: 31 }, (_, i) => `Resposta número ${String(i + 120)}`));
  });

  it("lists a view 50 conversations at a time, bringing the next page as the agent scrolls down", async () => {
    const { inboxId } = await newConversation(env.admin, { body: "Conversa número 0", subject: "Lista 0" });
    for (let i = 1; i < 60; i++) await newConversation(env.admin, { inboxId, body: `Conversa número ${String(i)}`, subject: `Lista ${String(i)}` });
    const page = await signedIn(env.admin.email);
    const asked: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/v1/conversations") asked.push(url.search);
    });
    await page.goto(`${atende}/app/?view=all&inboxId=${inboxId}`);
    const list = page.getByRole("list", { name: "Conversations" });
    await list.getByText("Lista 59 ").waitFor();
    expect(asked).toEqual([expect.stringContaining("limit=50")]);
    expect(asked[0]).not.toContain("cursor=");
    // Scrolling down brings the rest: the oldest conversation appears, from a second page.
    for (let i = 0; i < 10 && (await list.getByText("Lista 0 ").count()) === 0; i++) {
      await list.hover();
      await page.mouse.wheel(0, 2000);
      await page.waitForTimeout(200);
    }
    await list.getByText("Lista 0 ").waitFor();
    expect(asked).toEqual([expect.stringContaining("limit=50"), expect.stringMatching(/limit=50.*cursor=|cursor=.*limit=50/)]);
  });

  it("on a phone shows one pane at a time: the list, then the conversation with a way back, and the views behind the menu", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Consigo trocar pelo celular?", subject: "Troca pelo celular" });
    const page = await signedIn(env.admin.email);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${atende}/app/?view=all`);
    await page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /Troca pelo celular/ }).click();
    await page.getByRole("log").getByText("Consigo trocar pelo celular?").waitFor();
    expect(await page.getByRole("list", { name: "Conversations" }).count()).toBe(0);
    const wide = await pageWidth(page);
    expect(wide).toBeLessThanOrEqual(390); // nothing wider than the screen
    await page.screenshot({ path: join(SCREENSHOTS, "app-phone-conversation.png") });
    await page.getByRole("button", { name: "Back to the list" }).click();
    await page.getByRole("list", { name: "Conversations" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "app-phone-list.png") });
    await page.getByRole("button", { name: "Views" }).click();
    await page.getByRole("link", { name: /^Resolved/ }).click();
    await expect.poll(() => page.url()).toMatch(/view=resolved/);
    expect(conversationId).toBeTruthy();
  });

  it("merges another conversation of the customer into the one open, in time order, and the merged one leads there", async () => {
    const first = await newConversation(env.admin, { body: "A fatura veio em dobro.", subject: "Fatura em dobro", email: "carla@cliente.example" });
    const second = await newConversation(env.admin, { inboxId: first.inboxId, body: "Mandei o comprovante agora.", subject: "Comprovante", email: "carla@cliente.example" });
    const page = await signedIn(env.admin.email);
    await page.goto(`${atende}/app/conversations/${first.conversationId}?view=all`);
    const log = page.getByRole("log");
    await log.getByText("A fatura veio em dobro.").waitFor();
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Merge another conversation into this one…" }).click();
    const other = await conversation(second.conversationId);
    const dialog = page.getByRole("dialog", { name: /^Merge into #/ });
    await dialog.getByRole("radio", { name: new RegExp(`#${String(other.number)} Comprovante`) }).check();
    await dialog.getByText(/This cannot be undone\./).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "app-merge-conversation.png") });
    await dialog.getByRole("button", { name: "Merge" }).click();
    await log.getByText("Mandei o comprovante agora.").waitFor();
    await log.getByText(`Admin Person merged conversation #${String(other.number)} into this one`).waitFor();
    const bodies = await log.locator("[data-kind=reply]").allInnerTexts();
    expect(bodies.findIndex((b) => b.includes("A fatura"))).toBeLessThan(bodies.findIndex((b) => b.includes("Mandei o comprovante")));
    await page.goto(`${atende}/app/conversations/${second.conversationId}`);
    await page.getByText("This conversation was merged into another one; its messages are there now.").waitFor();
    await page.getByRole("link", { name: "Open it" }).click();
    await expect.poll(() => page.url()).toContain(first.conversationId);

    // On a phone the conversation's actions fold away behind one button, so the timeline keeps the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const toggle = page.getByRole("button", { name: "Assignee, team, priority, tags, snooze" });
    await toggle.waitFor();
    expect(await page.locator("#conversation input[aria-label=Priority]").isVisible()).toBe(false);
    await toggle.click();
    await page.locator("#conversation input[aria-label=Priority]").waitFor();
  });

  it("collects a teammate's mentions, assignments and customers' messages under the bell, live, and reads them as they are opened", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Meu boleto venceu.", subject: "Boleto vencido" });
    await teammate.request({ method: "POST", url: "/api/v1/notifications/read", payload: { all: true } }); // what earlier tests told Bruno
    const page = await signedIn(teammate.email);
    const bell = page.getByRole("button", { name: /^Notifications/ });
    await bell.waitFor();
    await liveConnection(page);
    await env.admin.request({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { body: "@Bruno Teixeira consegue gerar um novo boleto?", private: true, mentions: [teammate.agentId] },
    });
    await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { assigneeId: teammate.agentId } });
    await page.getByRole("button", { name: "Notifications (2 unread)" }).waitFor({ timeout: 20_000 }); // live, no reload
    await bell.click();
    const list = page.getByRole("list", { name: "Notifications" });
    const { number } = await conversation(conversationId);
    await list.getByText(`Admin Person mentioned you in #${String(number)}`).waitFor();
    await list.getByText(`Admin Person assigned #${String(number)} to you`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "app-notifications.png") });
    await list.getByText(`Admin Person mentioned you in #${String(number)}`).click();
    await page.getByRole("log").getByText("Meu boleto venceu.").waitFor();
    // Opening the conversation read both of its notifications.
    await page.getByRole("button", { name: "Notifications", exact: true }).waitFor();
    const readAgain = answerTo(page, "GET", "/api/v1/notifications");
    await page.reload();
    await readAgain; // the bell says "Notifications" while it has not read them, too
    await page.getByRole("button", { name: "Notifications", exact: true }).waitFor();
  });

  it("writes a new e-mail with formatting, copies and the inbox's signature, and opens it as a conversation", async () => {
    const company = await startCompanyMailServer();
    try {
      for (const [name, address, signature] of [
        ["Comercial", "comercial@loja.example", "Equipe Comercial"],
        ["Pós-venda", "posvenda@loja.example", "Equipe de Pós-venda"],
      ]) {
        const created = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name, channel: "email", address, smtp: company.smtp, signature } });
        expect(created.statusCode, created.body).toBe(201);
      }
      const page = await signedIn(env.admin.email);
      await page.getByRole("button", { name: "New e-mail" }).click();
      const dialog = page.getByRole("dialog", { name: "New e-mail" });
      await expect.poll(() => page.url()).toContain("compose=email"); // the composer has an address too
      await dialog.getByLabel("From", { exact: true }).first().click(); // the workspace has several e-mail inboxes
      await page.getByRole("option", { name: "Comercial <comercial@loja.example>" }).click();
      await dialog.getByPlaceholder("Name or e-mail address").fill("Beatriz Lima <beatriz@cliente.example>");
      await dialog.getByRole("button", { name: "Cc / Bcc" }).click();
      await dialog.getByLabel("Cc", { exact: true }).fill("gerente@cliente.example");
      await page.keyboard.press("Enter");
      await dialog.getByLabel("Bcc (blind copy)").fill("auditoria@loja.example");
      await page.keyboard.press("Enter");
      await dialog.getByRole("textbox", { name: "Subject" }).fill("Proposta comercial");
      const editor = dialog.getByRole("textbox", { name: "Message" });
      await editor.click();
      await page.keyboard.type("Olá Beatriz, segue a ");
      await page.keyboard.press("Control+b");
      await page.keyboard.type("proposta");
      await page.keyboard.press("Control+b");
      await page.keyboard.type(":");
      await page.keyboard.press("Enter");
      await dialog.getByRole("button", { name: "Bulleted list" }).click();
      await page.keyboard.type("plano anual");
      await page.keyboard.press("Enter");
      await page.keyboard.type("suporte incluído");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      // A picture in the text: uploaded at once, shown in the editor, sent inline.
      const png = await readFile(join(import.meta.dirname, "../../../web/public/icon-192.png"));
      await dialog.locator('input[type="file"]').setInputFiles({ name: "tabela-de-precos.png", mimeType: "image/png", buffer: png });
      await editor.locator('img[alt="tabela-de-precos.png"]').waitFor();
      await dialog.getByText("Equipe Comercial").waitFor(); // the inbox's signature, as it will be added
      await page.screenshot({ path: join(SCREENSHOTS, "app-new-email.png") });
      await dialog.getByRole("button", { name: "Send" }).click();
      await page.getByRole("heading", { name: "Beatriz Lima — Proposta comercial" }).waitFor();
      // Whoever wrote it owns it, and it waits on the customer.
      await page.locator("#conversation").getByText("Pending", { exact: true }).waitFor();
      await expect.poll(() => company.outbox.length, { timeout: 20_000 }).toBe(1);
      const mail = company.outbox[0];
      expect(mail?.subject).toBe("Proposta comercial");
      expect(String(mail?.html)).toContain("<strong>proposta</strong>");
      expect(String(mail?.html)).toMatch(/<ul><li><p>plano anual<\/p><\/li><li><p>suporte incluído<\/p><\/li><\/ul>/);
      expect(mail?.text).toContain("Olá Beatriz, segue a proposta:\n\n- plano anual\n- suporte incluído\n\n-- \nEquipe Comercial");
      expect(mail?.envelopeTo.sort()).toEqual(["auditoria@loja.example", "beatriz@cliente.example", "gerente@cliente.example"]);
      expect(mail?.attachments.map((a) => [a.filename, a.contentDisposition, Boolean(a.cid)])).toEqual([["tabela-de-precos.png", "inline", true]]);
      expect(String(mail?.html)).toContain(`src="data:image/png;base64,${png.toString("base64")}"`); // the reader found the cid: part
      // The agent sees the sent picture in the conversation, from its file.
      const shown = page.locator("#conversation iframe").contentFrame().locator('img[alt="tabela-de-precos.png"]');
      await expect.poll(() => shown.getAttribute("src")).toMatch(/^\/api\/v1\/attachments\//);
      await expect.poll(() => shown.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(192);

      // A reply says who it goes to; the agent copies someone and adds a blind copy.
      await page.locator("#conversation").getByText("To beatriz@cliente.example").waitFor();
      await page.locator("#conversation").getByRole("button", { name: "Cc / Bcc" }).click();
      await page.locator("#conversation").getByLabel("Cc", { exact: true }).fill("diretoria@cliente.example");
      await page.keyboard.press("Enter");
      await page.locator("#conversation").getByLabel("Bcc (blind copy)").fill("arquivo@loja.example");
      await page.keyboard.press("Enter");
      await page.getByRole("textbox", { name: "Reply", exact: true }).fill("Segue também para a diretoria.");
      await page.getByRole("button", { name: "Send" }).click();
      await expect.poll(() => company.outbox.length, { timeout: 20_000 }).toBe(2);
      const reply = company.outbox[1];
      expect(reply?.cc && !Array.isArray(reply.cc) ? reply.cc.value.map((a) => a.address) : []).toEqual(["diretoria@cliente.example"]);
      expect(reply?.envelopeTo.sort()).toEqual(["arquivo@loja.example", "beatriz@cliente.example", "diretoria@cliente.example"]);
      await page.locator("#conversation").getByRole("button", { name: "Cc / Bcc" }).waitFor(); // the next reply starts from reply all again

      // On a phone the composer takes the whole screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${atende}/app/?view=all&compose=email`);
      await page.getByRole("dialog", { name: "New e-mail" }).getByPlaceholder("Name or e-mail address").waitFor();
      const wide = await pageWidth(page);
      expect(wide).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(SCREENSHOTS, "app-phone-new-email.png") });
    } finally {
      await company.close();
    }
  });

  it("speaks the browser's language to an agent who never chose one, until they do", async () => {
    const newcomer = await addAgent(env.t, env.admin, "agent", "Tereza Nováková");
    const page = await signedIn(newcomer.email, "cs-CZ");
    await page.getByRole("link", { name: /Nepřiřazené/ }).waitFor();
    await page.goto(`${atende}/app/settings/profile`);
    await page.getByRole("textbox", { name: "Jméno" }).waitFor();
    const me = (await newcomer.request({ method: "GET", url: "/api/v1/me" })).json<{ agent: { locale: string | null } }>().agent;
    expect(me.locale).toBeNull(); // looking is not choosing
  });

  it("keeps a reply's draft across a reload, says what a shortcut did with a way to undo it, clear of the composer at every width, and asks before deleting a tag, whose buttons a phone shows, as it shows every column of a list", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Posso mudar o endereço de entrega?", subject: "Endereço" });
    const page = await signedIn(env.admin.email);
    await page.goto(`${atende}/app/conversations/${conversationId}`);
    const reply = page.getByRole("textbox", { name: "Reply", exact: true });
    await reply.fill("Claro! Qual é o novo endereço?");
    await page.reload();
    await expect.poll(() => reply.inputValue()).toBe("Claro! Qual é o novo endereço?");
    // At each width, the notice leaves the composer (its text and Send, where the next click goes) clear.
    for (const viewport of [{ width: 1440, height: 900 }, { width: 820, height: 1180 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.getByRole("log").click(); // keys go to the page, not the composer
      await page.keyboard.press("s");
      const notice = page.getByRole("alert").filter({ hasText: /^Snoozed until/ });
      await notice.waitFor();
      await expect.poll(async () => (await conversation(conversationId)).status).toBe("snoozed");
      await settled(page); // the notice has slid in
      const noticeBox = await notice.boundingBox();
      for (const [name, control] of [["the reply", reply], ["Send", page.getByRole("button", { name: "Send", exact: true })]] as const) {
        const box = await control.boundingBox();
        expect(noticeBox && box && overlap(noticeBox, box), `the notice covers ${name} at ${String(viewport.width)} px`).toBe(false);
      }
      await notice.getByRole("button", { name: "Undo" }).click();
      await expect.poll(async () => (await conversation(conversationId)).status).toBe("open");
      expect((await conversation(conversationId)).snoozedUntil).toBeNull();
      await notice.waitFor({ state: "detached" });
    }

    // On the phone, a list of names alone shows its buttons without scrolling sideways.
    await env.admin.request({ method: "POST", url: "/api/v1/tags", payload: { name: "descartável" } });
    await page.goto(`${atende}/app/settings/tags`);
    const panel = page.getByRole("tabpanel", { name: "Tags" });
    const button = await panel.getByRole("button", { name: "Delete descartável" }).boundingBox();
    expect(button && button.x + button.width <= 390).toBe(true);
    // A list of more columns is a card per row: every cell in sight under its column's name, the
    // buttons too; still a table's rows and cells to a screen reader.
    await page.goto(`${atende}/app/settings/inboxes`);
    const inboxes = page.getByRole("tabpanel", { name: "Inboxes" });
    await inboxes.getByRole("button", { name: /^Edit / }).first().waitFor();
    const card = inboxes.getByRole("row").nth(1); // after the header's
    const cells = await card.getByRole("cell").all();
    expect(cells).toHaveLength(4); // name, channel, address, buttons
    for (const cell of cells) {
      const box = await cell.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    expect(await card.getByText("Channel", { exact: true }).isVisible()).toBe(true);
    // The browser's own accessibility tree (not Playwright's reading of the tags) still has a table.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const roles = nodes.filter((n) => !n.ignored).map((n) => String(n.role?.value));
    expect(roles.filter((r) => r === "table")).toHaveLength(1);
    expect(roles.filter((r) => r === "columnheader")).toHaveLength(4);
    expect(roles.filter((r) => r === "cell").length).toBeGreaterThanOrEqual(4);
    await cdp.detach();
    await page.screenshot({ path: join(SCREENSHOTS, "app-phone-settings-list.png") });
    await page.goto(`${atende}/app/settings/tags`);
    await panel.getByRole("button", { name: "Delete descartável" }).click();
    const ask = page.getByRole("dialog", { name: "Delete descartável" });
    await ask.getByText("This cannot be undone.").waitFor();
    await ask.getByRole("button", { name: "Cancel" }).click();
    const tags = async () => (await env.admin.request({ method: "GET", url: "/api/v1/tags" })).json<{ name: string }[]>().map((x) => x.name);
    expect(await tags()).toContain("descartável");
    await panel.getByRole("button", { name: "Delete descartável" }).click();
    await page.getByRole("dialog", { name: "Delete descartável" }).getByRole("button", { name: "Delete" }).click();
    await expect.poll(tags).not.toContain("descartável");

    // A notice over a dialog (a teammate deleted the tag being edited) leaves its title and close button clear.
    const gone = (await env.admin.request({ method: "POST", url: "/api/v1/tags", payload: { name: "passageira" } })).json<{ id: string }>();
    await page.reload();
    await panel.getByRole("button", { name: "Edit passageira" }).click();
    const editing = page.getByRole("dialog", { name: "Edit passageira" });
    await editing.getByRole("textbox", { name: "Name" }).fill("passageira 2");
    await env.admin.request({ method: "DELETE", url: `/api/v1/tags/${gone.id}` });
    await editing.getByRole("button", { name: "Save" }).click();
    const error = page.getByRole("alert").filter({ hasText: /not found|no longer/i });
    await error.waitFor();
    await settled(page);
    const errorBox = await error.boundingBox();
    for (const [name, control] of [["the title", editing.getByRole("heading", { name: "Edit passageira" })], ["Close", editing.getByRole("button", { name: "Close" })]] as const) {
      const box = await control.boundingBox();
      expect(errorBox && box && overlap(errorBox, box), `the notice covers the dialog's ${name}`).toBe(false);
    }
    await editing.getByRole("button", { name: "Close" }).click();
  });

  it("forgets a sent reply's draft even when the agent went to another conversation before the server answered", async () => {
    const first = await newConversation(env.admin, { body: "Qual é o prazo de entrega?", subject: "Prazo de entrega" });
    await newConversation(env.admin, { body: "Vocês entregam no sábado?", subject: "Entrega no sábado" });
    const page = await signedIn(env.admin.email);
    await page.goto(`${atende}/app/conversations/${first.conversationId}`);
    const reply = page.getByRole("textbox", { name: "Reply", exact: true });
    await reply.fill("Chega em dois dias úteis.");
    let answered = false;
    await page.route(`**/api/v1/conversations/${first.conversationId}/messages`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      await new Promise((resolve) => setTimeout(resolve, 1000)); // slow enough to have left the conversation
      await route.continue();
      answered = true;
    });
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /Entrega no sábado/ }).click();
    await page.getByRole("log").getByText("Vocês entregam no sábado?").waitFor();
    await expect.poll(() => answered).toBe(true);
    await expect.poll(async () => (await timeline(first.conversationId)).some((m) => m.body === "Chega em dois dias úteis.")).toBe(true);
    await page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /Prazo de entrega/ }).click();
    await page.getByRole("log").getByText("Chega em dois dias úteis.").waitFor();
    expect(await reply.inputValue()).toBe(""); // sent, so no longer a draft
    await page.reload();
    await page.getByRole("log").getByText("Chega em dois dias úteis.").waitFor();
    expect(await reply.inputValue()).toBe("");
  });

  it("finds a contact on the Contacts page and opens one with every conversation they had", async () => {
    const { conversationId } = await newConversation(env.admin, { body: "Quero trocar o tamanho.", subject: "Troca de tamanho", email: "helena.prado@cliente.example" });
    const contact = (await conversation(conversationId)).contact;
    await env.admin.request({ method: "PATCH", url: `/api/v1/contacts/${contact.id}`, payload: { name: "Helena Prado" } });
    const page = await signedIn(env.admin.email);
    await page.getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("textbox", { name: "Find by name, e-mail or phone" }).fill("helena");
    await page.getByRole("navigation", { name: "Contacts" }).getByRole("link", { name: /Helena Prado/ }).click();
    await expect.poll(() => page.url()).toContain(`/contacts/${contact.id}?q=helena`);
    const panel = page.getByRole("complementary", { name: "Contact" });
    await panel.getByRole("link", { name: /Troca de tamanho/ }).click();
    await page.getByRole("log").getByText("Quero trocar o tamanho.").waitFor();
  });

  it("lets an agent make an API token, shows it once to copy, and revokes it after asking", async () => {
    const page = await signedIn(teammate.email);
    await page.goto(`${atende}/app/settings/api-tokens`);
    const panel = page.getByRole("tabpanel", { name: "API tokens" });
    await panel.getByRole("textbox", { name: "What it is for" }).fill("Ponte de SMS");
    await panel.getByRole("button", { name: "Create token" }).click();
    const token = (await panel.getByTestId("new-token").textContent()) ?? "";
    const asToken = () => env.t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect((await asToken()).statusCode).toBe(200); // the token works, as the teammate
    await page.reload();
    await panel.getByRole("row", { name: /Ponte de SMS/ }).waitFor();
    expect(await panel.getByTestId("new-token").count()).toBe(0); // shown once
    await panel.getByRole("row", { name: /Ponte de SMS/ }).getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog", { name: "Revoke “Ponte de SMS”?" }).getByRole("button", { name: "Revoke" }).click();
    await expect.poll(async () => (await asToken()).statusCode).toBe(401);
  });

  it("says the server's field errors in the agent's language", async () => {
    const czechAdmin = await addAgent(env.t, env.admin, "admin", "Jana Dvořáková");
    const page = await signedIn(czechAdmin.email, "cs-CZ");
    await page.goto(`${atende}/app/settings/tags`);
    const panel = page.getByRole("tabpanel", { name: "Štítky" });
    await panel.getByRole("textbox", { name: "Jméno" }).fill("x".repeat(60));
    await panel.getByRole("button", { name: "Přidat" }).click();
    await panel.getByText("smí mít nejvýše 50 znaků").waitFor();
  });

  it("shows who is not proven: an address that receives nothing until its code is typed, a stranger's mail, an e-mail a visitor only said; and merges contacts", async () => {
    const company = await startCompanyMailServer();
    try {
      await newWorkspace(env.t, "Outra empresa"); // with two workspaces, addresses are proven before they receive mail
      const res = await env.admin.request({
        method: "POST",
        url: "/api/v1/inboxes",
        payload: { name: "Parcerias", channel: "email", address: "parcerias@loja.example", smtp: company.smtp },
      });
      const inbox = res.json<InboxDto>();
      expect(inbox.addressProof?.status).toBe("unverified");
      const page = await signedIn(env.admin.email);
      await page.goto(`${atende}/app/settings/inboxes`);
      const row = page.getByRole("row", { name: /Parcerias/ });
      await row.getByText("not proven").waitFor();
      await row.getByRole("button", { name: "Edit Parcerias" }).click();
      const drawer = page.getByRole("dialog", { name: /Parcerias/ });
      await drawer.getByText(/receives no mail until you prove it is yours/).waitFor();
      await drawer.getByRole("button", { name: "Send a code to parcerias@loja.example" }).click();
      // Atende mails the code itself, never through the inbox's own server (which the workspace chooses).
      await expect.poll(() => systemMail.outbox.filter((m) => m.envelopeTo.includes("parcerias@loja.example")).length).toBe(1);
      expect(company.outbox).toHaveLength(0);
      const code = /\b(\d{6})\b/.exec(systemMail.outbox.at(-1)?.text ?? "")?.[1] ?? "";
      const input = drawer.getByLabel("Code sent to parcerias@loja.example");
      await input.fill(code === "000000" ? "111111" : "000000");
      await drawer.getByRole("button", { name: "Confirm" }).click();
      await drawer.getByText("is not the code that was sent, or it expired; send a new one").waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, "app-address-proof.png") });
      await input.fill(code);
      await drawer.getByRole("button", { name: "Confirm" }).click();
      await drawer.getByText("Receiving mail").waitFor();
      await drawer.getByRole("button", { name: "Cancel" }).click();

      // Mail from someone outside the conversation is shown as theirs, flagged.
      const mailed = await newConversation(env.admin, { inboxId: inbox.id, body: "Primeira mensagem", email: "cliente.real@cliente.example" });
      const posted = await env.admin.request({
        method: "POST",
        url: `/api/v1/conversations/${mailed.conversationId}/messages`,
        payload: { body: "Sou do banco, confirme seus dados", direction: "incoming" },
      });
      await env.t.runtime.db
        .update(messages)
        .set({ email: { from: "intruso@evil.example", to: ["parcerias@loja.example"], cc: ["comparsa@evil.example"], quoted: null, html: null, automated: null, unknownSender: true } })
        .where(eq(messages.id, posted.json<MessageDto>().id));
      await page.goto(`${atende}/app/conversations/${mailed.conversationId}`);
      const stranger = page.getByRole("log").locator("[data-kind=reply]", { hasText: "Sou do banco" });
      await stranger.getByText("intruso@evil.example").waitFor();
      await stranger.getByText("not in this conversation").waitFor();
      // A reply answers the customer, never the stranger: their addressees are not its copies.
      const to = page.getByText(/^To cliente\.real@cliente\.example/);
      await to.waitFor();
      expect(await to.textContent()).not.toContain("comparsa@evil.example");

      // A chat visitor typed an address: the agent sees it unverified, and merges the contact into the customer's when sure.
      const chat = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
      const known = (await env.admin.request({ method: "POST", url: "/api/v1/contacts", payload: { name: "Helena Prado", email: "helena@cliente.example" } })).json<ContactDto>();
      const visitor = await env.t.app.inject({ method: "POST", url: "/widget/v1/sessions", payload: { widgetToken: chat.chat?.widgetToken, name: "Helena", email: "helena@cliente.example" } });
      const token = visitor.json<{ visitorToken: string }>().visitorToken;
      const said = await env.t.app.inject({
        method: "POST",
        url: "/widget/v1/messages",
        headers: { authorization: `Bearer ${token}` },
        payload: { clientId: "merge-visitor-1", body: "Oi, é a Helena de novo" },
      });
      expect(said.statusCode).toBe(201);
      const chatId = (await env.t.app.inject({ method: "GET", url: "/widget/v1/messages", headers: { authorization: `Bearer ${token}` } })).json<{ id: string }>().id;
      await page.goto(`${atende}/app/conversations/${chatId}`);
      const panel = page.getByRole("complementary", { name: "Contact" });
      await panel.getByText("Said their e-mail is helena@cliente.example").waitFor();
      await panel.getByText("unverified").waitFor();
      await panel.getByRole("button", { name: "Merge into another contact…" }).click();
      const dialog = page.getByRole("dialog", { name: /Merge Helena into another contact/ });
      await dialog.getByRole("radio", { name: "Helena Prado · helena@cliente.example" }).check();
      await dialog.getByText(/is then deleted\. This cannot be undone\./).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, "app-merge-contact.png") });
      await dialog.getByRole("button", { name: "Merge" }).click();
      await page.getByText("Merged into Helena Prado.").waitFor();
      await expect.poll(async () => (await conversation(chatId)).contact.id).toBe(known.id);
      await expect.poll(() => panel.getByRole("textbox", { name: "Name" }).inputValue()).toBe("Helena Prado");
    } finally {
      await company.close();
    }
  });
});
