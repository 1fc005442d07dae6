import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type ContactDto, type Locale } from "@atende/shared";
import { launchChromium, pageWidth, signedInAgent } from "../test/browser.js";
import { TEST_ENGINE } from "../test/database.js";
import { newConversation, useSignedInAdmin } from "../test/test-app.js";

const env = useSignedInAdmin();
let browser: Browser;
let atende: string;
let page: Page;
const ids = { conversation: "", contact: "", article: "" };

const LOCALE_DIR = join(import.meta.dirname, "../../../../locales");
/** The web app's texts in a language: its own, and the knowledge base's (loaded with its pages). */
const catalog = (locale: Locale) => ["web.json", "knowledge-base.json"].map((file) => JSON.parse(readFileSync(join(LOCALE_DIR, locale, file), "utf8")) as unknown);

/** Every string of a catalog by its key path. */
function strings(tree: unknown, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof tree === "string") found.set(prefix, tree);
  else if (tree && typeof tree === "object") {
    for (const [key, value] of Object.entries(tree)) for (const [k, v] of strings(value, prefix ? `${prefix}.${key}` : key)) found.set(k, v);
  }
  return found;
}

/** The English sentences a Czech or Portuguese screen must never show: those its catalog says otherwise. */
function englishOnly(locale: Locale): string[] {
  const english = new Map(catalog("en").flatMap((tree) => [...strings(tree)]));
  const translated = new Map(catalog(locale).flatMap((tree) => [...strings(tree)]));
  return [...english]
    .filter(([key, text]) => translated.get(key) !== text && text.includes(" ") && text.length >= 14 && !text.includes("{{"))
    .map(([, text]) => text);
}

/** Every screen an agent reaches, with what shows it has drawn. */
const ROUTES = [
  "/app/?view=mine",
  "/app/?view=unassigned",
  "/app/?view=all",
  "/app/?view=pending",
  "/app/?view=snoozed",
  "/app/?view=resolved",
  "/app/?view=all&compose=email",
  "/app/conversations/{conversation}",
  "/app/conversations/01a20000-0000-7000-8000-000000000000",
  "/app/contacts",
  "/app/contacts/{contact}",
  "/app/settings/profile",
  "/app/settings/workspace",
  "/app/settings/inboxes",
  "/app/settings/virtual-attendant",
  "/app/settings/agents",
  "/app/settings/teams",
  "/app/settings/tags",
  "/app/settings/canned",
  "/app/settings/api-tokens",
  "/app/knowledge-base",
  "/app/knowledge-base/articles/new",
  "/app/knowledge-base/articles/{article}",
  "/app/knowledge-base/articles/{article}/translate/cs",
  "/app/knowledge-base/categories",
  "/app/knowledge-base/whats-new",
  "/app/knowledge-base/insights",
  "/app/no-such-page",
];
const WIDTHS = [1440, 1024, 390];

beforeAll(async () => {
  atende = await env.t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
  const c = await newConversation(env.admin, { body: "Preciso trocar o endereço de entrega.", subject: "Endereço", email: "walk@cliente.example" });
  Object.assign(ids, { conversation: c.conversationId, contact: c.contactId });
  await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "E-mail", channel: "email", address: "walk@loja.example" } });
  const chat = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<{ id: string }>();
  await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${chat.id}`, payload: { virtualAttendant: { enabled: true, name: "Lia" } } });
  expect((await env.admin.request({ method: "GET", url: `/api/v1/contacts/${c.contactId}` })).json<ContactDto>().email).toBe("walk@cliente.example");
  const article = await env.admin.request({
    method: "POST",
    url: "/api/v1/articles",
    payload: { locale: "en", title: "Changing the delivery address", body: "Open **My orders**, then *Change address*.", status: "published", visibility: "internal" },
  });
  ids.article = article.json<{ id: string }>().id;
  await env.admin.request({ method: "POST", url: "/api/v1/article-categories", payload: { names: { en: "Orders", "pt-BR": "Pedidos", cs: "Objednávky" } } });
  page = await signedInAgent(browser, atende, env.admin.email);
});
afterAll(async () => {
  await browser.close();
});

describe.runIf(TEST_ENGINE === "pglite")("every route, in every language, at every width", { timeout: 600_000 }, () => {
  it.each(LOCALES)("draws every screen in %s without an error, a blank page, a page wider than the screen or an English sentence", async (locale) => {
    await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { locale } });
    const english = locale === "en" ? [] : englishOnly(locale);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const found: string[] = [];
    for (const route of ROUTES) {
      const path = route.replace(/\{(\w+)\}/g, (_m, key: keyof typeof ids) => ids[key]);
      await page.setViewportSize({ width: WIDTHS[0] ?? 1440, height: 900 });
      await page.goto(`${atende}${path}`);
      await page.locator("main, [role=main], #conversation, nav").first().waitFor();
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: "attached" }); // in the agent's language, not the browser's first
      // Drawn: nothing still loading (no skeleton, nothing busy).
      await page.waitForFunction(() => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
        return !doc.querySelector('[aria-busy="true"], .mantine-Skeleton-root, .mantine-Loader-root');
      });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(100); // the layout's media queries apply
        const seen = await page.evaluate(() => {
          const doc = (globalThis as unknown as { document: { body: { innerText: string }; documentElement: { scrollWidth: number; lang: string } } }).document;
          return { text: doc.body.innerText, width: doc.documentElement.scrollWidth, lang: doc.documentElement.lang };
        });
        const where = `${locale} ${String(width)}px ${route}`;
        if (seen.text.trim().length < 20) found.push(`${where}: blank`);
        if (seen.width > width + 1) {
          // A panel may still be sliding out after the resize: judge the page once it has settled (a busy machine takes seconds).
          let settled = await pageWidth(page);
          for (const deadline = Date.now() + 5000; settled > width + 1 && Date.now() < deadline; settled = await pageWidth(page)) await page.waitForTimeout(200);
          if (settled > width + 1) found.push(`${where}: ${String(settled)}px wide`);
        }
        for (const sentence of english) if (seen.text.includes(sentence)) found.push(`${where}: English "${sentence}"`);
      }
    }
    page.removeAllListeners("pageerror");
    expect([...found, ...errors.map((e) => `${locale}: page error ${e}`)]).toEqual([]);
  });
});
