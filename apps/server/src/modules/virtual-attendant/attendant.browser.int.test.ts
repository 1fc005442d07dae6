import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, InboxDto, MessageDto } from "@atende/shared";
import { systemActor } from "../../core/context.js";
import { launchChromium, signedInAgent } from "../../test/browser.js";
import { TEST_ENGINE } from "../../test/database.js";
import { agentAtDesk, type TestSocket } from "../../test/sockets.js";
import { useSignedInAdmin } from "../../test/test-app.js";
import { seedKnowledgeBase } from "../knowledge-base/demo-seed.js";
import { slowInternetFlow } from "./demo-flow.js";

const SCREENSHOTS = join(import.meta.dirname, "../../../../../docs/screenshots");
const env = useSignedInAdmin();
let browser: Browser;
let atende: string;
let host: Server;
let desk: TestSocket;

beforeAll(async () => {
  atende = await env.t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  await desk.close();
  await browser.close();
  host.close();
});

describe.runIf(TEST_ENGINE === "pglite")("the virtual attendant in a real browser", { timeout: 120_000 }, () => {
  it("walks a visitor through the example flow in Portuguese, answers a free question from the help center, hands off when it did not solve it, and the agent answers live knowing what was said", async () => {
    const articles = await env.t.runtime.transact(systemActor(env.admin.workspaceId), seedKnowledgeBase);
    const inbox = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat do provedor", channel: "chat" } })).json<InboxDto>();
    host = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="pt-BR"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Provedor</title></head>
<body><h1>Provedor Exemplo</h1><script src="${atende}/widget.js" data-inbox="${inbox.chat?.widgetToken ?? ""}" data-locale="pt-BR" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const origin = `http://localhost:${String((host.address() as AddressInfo).port)}`;
    const on = await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { allowedOrigins: [origin], virtualAttendant: { enabled: true, name: "Lia", flows: [slowInternetFlow(articles.get("en:slow-internet"))] } } });
    expect(on.statusCode, on.body).toBe(200);
    await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { availability: "online" } });
    desk = await agentAtDesk(env.t, env.admin, atende.replace(/^http/, "ws"));

    const visitor = await (await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 } })).newPage();
    const errors: string[] = [];
    visitor.on("pageerror", (e) => errors.push(e.message));
    await visitor.goto(origin);
    await visitor.locator("[data-atende-widget] button").first().click();
    const chat = visitor.frameLocator("[data-atende-widget] iframe");
    const input = chat.getByRole("textbox", { name: "Escreva uma mensagem…" });
    const send = async (text: string) => {
      await input.fill(text);
      await chat.getByRole("button", { name: "Enviar" }).click();
    };
    const log = chat.getByRole("log");
    const choices = chat.getByRole("group");
    await send("oi, boa noite");
    await log.getByText(/Sou Lia, o atendente virtual/).waitFor();
    // The example flow, from its button in the greeting: account number (asked again when it is not one), plan, speed test.
    await choices.getByRole("button", { name: "Minha internet está lenta" }).click();
    await log.getByText(/Qual é o número da sua conta\?/).waitFor();
    await send("não lembro");
    await log.getByText(/não parece um número de conta/).waitFor();
    await send("12345678");
    await choices.getByRole("button", { name: "300 Mbps" }).click();
    await log.getByText(/Qual velocidade o teste/).waitFor();
    await send("87");
    await log.getByText(/Internet lenta: o que verificar/).waitFor(); // the article, in Portuguese
    await choices.getByRole("button", { name: "Sim, agora está bom" }).click();
    await log.getByText(/Ótimo! Se ficar lenta de novo/).waitFor();
    // A free question, answered from the help center.
    await send("e como eu troco a senha do wi-fi?");
    await log.getByText(/Isso resolveu\?/).waitFor();
    await log.getByText("Lia", { exact: true }).first().waitFor(); // signed with its name
    // The article's address is a link, though this server has no public address set: the help center is the frame's own server's.
    const articleLink = log.getByRole("link", { name: /^\/help\/[^/]+\/pt-BR\// }).last();
    await articleLink.waitFor();
    expect(await articleLink.getAttribute("href")).toMatch(/^\/help\/[^/]+\/pt-BR\/[a-z0-9-]+$/);
    await visitor.screenshot({ path: join(SCREENSHOTS, "widget-attendant.png") });
    await chat.getByRole("group").getByRole("button", { name: "Não" }).click();
    await log.getByText(/Que pena que não resolveu/).waitFor();

    const conversation = (await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${inbox.id}` })).json<{ items: ConversationDto[] }>().items[0];
    if (!conversation) throw new Error("no conversation");
    const agent = await signedInAgent(browser, atende, env.admin.email);
    await agent.goto(`${atende}/app/conversations/${conversation.id}`);
    const timeline = agent.getByRole("log");
    await timeline.getByText(/The virtual attendant handed this conversation over: its answer did not solve it/).waitFor();
    await timeline.getByText(/e como eu troco a senha do wi-fi\?/).first().waitFor();
    await timeline.getByText(/account_number: 12345678/).waitFor(); // what the flow collected, so nobody asks again
    // The articles the customer was shown are links for the agent too.
    const shown = timeline.getByRole("link", { name: /^\/help\/[^/]+\/pt-BR\// });
    await shown.first().waitFor();
    expect(await shown.first().getAttribute("target")).toBe("_blank");
    await timeline.getByText("Virtual attendant", { exact: true }).first().waitFor(); // its messages are marked as the attendant's
    await agent.screenshot({ path: join(SCREENSHOTS, "app-attendant-handoff.png") });
    await agent.getByRole("textbox", { name: "Reply", exact: true }).fill("Oi! Aqui é a equipe: vou verificar sua linha agora.");
    await agent.getByRole("button", { name: "Send" }).click();
    await log.getByText("Oi! Aqui é a equipe: vou verificar sua linha agora.").waitFor(); // live, in the widget
    const messages = (await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversation.id}/messages?limit=100` })).json<{ items: MessageDto[] }>().items;
    expect(messages.filter((m) => m.senderType === "bot" && m.kind === "reply").at(-1)?.body).toMatch(/Que pena que não resolveu/); // then quiet
    expect(errors).toEqual([]);

    // Settings → Virtual attendant: try a question, see what it did.
    const agentErrors: string[] = [];
    agent.on("pageerror", (e) => agentErrors.push(e.message));
    await agent.goto(`${atende}/app/settings/virtual-attendant`);
    await agent.getByRole("switch", { name: "Answers customers in this inbox" }).waitFor();
    expect(await agent.getByRole("switch", { name: "Answers customers in this inbox" }).isChecked()).toBe(true);
    await agent.getByRole("textbox", { name: "A customer's question" }).fill("quero falar com um atendente");
    await agent.getByRole("button", { name: "Ask", exact: true }).click();
    await agent.getByRole("status").getByText("Hands off").waitFor();
    // Not sure: the articles that cover part of it, as links to open.
    await agent.getByRole("textbox", { name: "A customer's question" }).fill("the thing I ordered arrived scratched, what can I do");
    await agent.getByRole("button", { name: "Ask", exact: true }).click();
    await agent.getByRole("status").getByText("Does not know").waitFor();
    await agent.getByRole("status").getByRole("link", { name: /^\/help\/[^/]+\/en\// }).first().waitFor();
    await agent.getByRole("cell", { name: /Did not solve it: 1/i }).or(agent.getByText(/did not solve it: 1/)).first().waitFor();
    await agent.screenshot({ path: join(SCREENSHOTS, "app-attendant-settings.png"), fullPage: true });
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.screenshot({ path: join(SCREENSHOTS, "app-phone-attendant-settings.png"), fullPage: true });
    expect(agentErrors).toEqual([]);
  });
});
