import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { InboxDto } from "@atende/shared";
import { systemActor } from "../../../core/context.js";
import { accessibilityProblems, pageWidth, useAgentBrowser } from "../../../test/browser.js";
import { TEST_ENGINE } from "../../../test/database.js";
import { newWorkspace, useSignedInAdmin } from "../../../test/test-app.js";
import { seedKnowledgeBase } from "../demo-seed.js";

const SCREENSHOTS = join(import.meta.dirname, "../../../../../../docs/screenshots");
const env = useSignedInAdmin();
const web = useAgentBrowser(env);

beforeAll(async () => {
  const shop = await newWorkspace(env.t, "Fibra Loja");
  await env.t.runtime.transact(systemActor(shop.workspaceId), seedKnowledgeBase);
  const chat = await shop.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Site chat", channel: "chat" } });
  expect(chat.json<InboxDto>().chat?.widgetToken).toBeTruthy();
  await shop.request({ method: "PATCH", url: "/api/v1/workspace", payload: { brandColor: "#0b6e4f" } });
});

describe.runIf(TEST_ENGINE === "pglite")("the help center in a real browser", { timeout: 120_000 }, () => {
  it("reads with JavaScript off: the visitor's language, search, an article, the language switch and 'Was this helpful?'", async () => {
    const context = await web.context({ javaScriptEnabled: false, locale: "cs-CZ", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${web.atende}/help/fibra-loja`);
    expect(new URL(page.url()).pathname).toBe("/help/fibra-loja/cs");
    await page.getByRole("heading", { level: 1, name: "Centrum nápovědy Fibra Loja" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "help-center-phone.png") });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    await page.getByRole("searchbox", { name: "Hledat v centru nápovědy" }).fill("zapomněl jsem heslo k účtu");
    await page.getByRole("button", { name: "Hledat" }).click();
    await page.getByRole("heading", { name: "Výsledky pro „zapomněl jsem heslo k účtu“" }).waitFor();
    await page.getByRole("link", { name: "Nemůžu se přihlásit do Mého účtu" }).click();
    await page.getByRole("heading", { level: 1, name: "Nemůžu se přihlásit do Mého účtu" }).waitFor();

    await page.getByRole("navigation", { name: "Jazyk" }).getByRole("link", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Can't sign in to My account" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    await page.getByRole("button", { name: "Yes" }).click();
    await page.getByText("Thank you for telling us.").waitFor();
    // Without JavaScript, "Still need help?" is a plain link to the contact page.
    await page.getByRole("link", { name: "Chat with us" }).click();
    await page.getByRole("heading", { name: "Contact us" }).waitFor();
  });

  it("opens the chat widget from 'Still need help?' when JavaScript runs, and has no serious accessibility problems", async () => {
    const context = await web.context({ locale: "en-US", bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${web.atende}/help/fibra-loja/en`);
    await page.screenshot({ path: join(SCREENSHOTS, "help-center-home.png") });
    const problems = await accessibilityProblems(page, "home");
    await page.getByRole("link", { name: "Slow internet: what to check" }).click();
    await page.getByRole("heading", { level: 1, name: "Slow internet: what to check" }).waitFor();
    problems.push(...(await accessibilityProblems(page, "article")));
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "help-center-article.png"), fullPage: true });
    await page.getByRole("link", { name: "Chat with us" }).click();
    await page.locator("[data-atende-widget] iframe").waitFor({ state: "visible" });
    expect(new URL(page.url()).pathname).toBe("/help/fibra-loja/en/slow-internet-what-to-check");
    expect(errors).toEqual([]);
  });
});
