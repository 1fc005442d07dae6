import { randomUUID } from "node:crypto";
import type { ParsedMail } from "mailparser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAgent } from "../modules/agents/service.js";
import { startCompanyMailServer, type CompanyMailServer } from "../test/company-mail-server.js";
import { accessibilityProblems, launchChromium } from "../test/browser.js";
import { TEST_ENGINE } from "../test/database.js";
import { buildTestApp, newWorkspace, signIn, TEST_PASSWORD, type AgentClient, type TestApp } from "../test/test-app.js";

/** Where the links in the mail point; the test opens the same path on the server it runs. */
const PUBLIC_URL = "https://atende.loja.example";
const NEW_PASSWORD = "uma senha nova e longa";
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
];

let browser: Browser;
let company: CompanyMailServer;
let t: TestApp;
let admin: AgentClient;
let atende: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (TEST_ENGINE !== "pglite") return;
  company = await startCompanyMailServer();
  t = await buildTestApp({ ATENDE_SYSTEM_SMTP_URL: `smtp://127.0.0.1:${String(company.port)}`, ATENDE_PUBLIC_URL: PUBLIC_URL });
  admin = await newWorkspace(t, "Loja Azul");
  atende = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  if (TEST_ENGINE !== "pglite") return;
  for (const context of contexts) await context.close();
  await browser.close();
  await t.close();
  await company.close();
});

/** A browser context speaking `locale`; closed after the file. axe is injected as a script, so the page's CSP is bypassed. */
async function newPage(locale = "en-US", viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

/** A new agent of the workspace, who has not chosen a language (mail follows their browser's). */
async function newAgent(): Promise<string> {
  const email = `esquecida-${randomUUID().slice(0, 8)}@loja.example`;
  await insertAgent(t.runtime.db, admin.workspaceId, { email, name: "Joana Lima", role: "agent", password: TEST_PASSWORD });
  return email;
}

async function mailTo(address: string): Promise<ParsedMail> {
  const find = () => company.outbox.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
  for (let i = 0; i < 200 && !find(); i++) await new Promise((r) => setTimeout(r, 50));
  const mail = find();
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail;
}

/** The mail's link, on the server this test runs (the path and token as mailed). */
function linkIn(mail: ParsedMail): string {
  const link = new URL(/https:\/\/\S+/.exec(mail.text ?? "")?.[0] ?? "");
  expect(`${link.origin}${link.pathname}`).toBe(`${PUBLIC_URL}/app/reset-password`);
  expect(link.searchParams.get("token")).toMatch(/^apr_[\w-]{43}$/);
  return `${atende}${link.pathname}${link.search}`;
}

/**
 * At each width, the page's card is on screen whole, nothing scrolls sideways, and the buttons and
 * fields are as wide as the card allows. Returns what does not fit.
 */
async function layoutProblems(page: Page, screen: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    const card = await page.getByRole("main").boundingBox();
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    if (!card || card.x < 0 || card.x + card.width > size.width) problems.push(`${screen} at ${String(size.width)}: the card is not on screen whole (${JSON.stringify(card)})`);
    if (overflow > 0) problems.push(`${screen} at ${String(size.width)}: scrolls sideways by ${String(overflow)} px`);
    if (card && card.width < Math.min(size.width - 32, 400) - 1) problems.push(`${screen} at ${String(size.width)}: the card is only ${String(card.width)} px wide`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  return problems;
}

describe.runIf(TEST_ENGINE === "pglite")("a forgotten password in a real browser", { timeout: 180_000 }, () => {
  it("goes from the sign-in page to the mail's link to a new password, which signs the agent out elsewhere and works once", async () => {
    const email = await newAgent();
    const elsewhere = await signIn(t.app, email); // a session on another device, ended by the reset
    const page = await newPage();
    const problems: string[] = [];
    await page.goto(`${atende}/app/sign-in`);
    await page.getByLabel("E-mail").fill(email);
    const forgot = page.getByRole("link", { name: "Forgot your password?" });
    problems.push(...(await layoutProblems(page, "sign-in")), ...(await accessibilityProblems(page, "sign-in")));
    await forgot.click();

    // The address typed on the sign-in page comes along.
    await page.waitForURL(`${atende}/app/forgot-password`);
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    expect(await page.getByLabel("E-mail").inputValue()).toBe(email);
    problems.push(...(await layoutProblems(page, "forgot-password")), ...(await accessibilityProblems(page, "forgot-password")));
    // Not an address: said beside the field, nothing sent.
    await page.getByLabel("E-mail").fill("joana at loja");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByText("must be an e-mail address").waitFor();
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("heading", { name: "Check your e-mail" }).waitFor();
    await page.getByText(`If an account exists for ${email}, we sent a link there.`, { exact: false }).waitFor();
    problems.push(...(await layoutProblems(page, "link sent")), ...(await accessibilityProblems(page, "link sent")));

    const mail = await mailTo(email);
    expect(mail.subject).toBe("Reset your Atende password");
    const link = linkIn(mail);
    await page.goto(link);
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    problems.push(...(await layoutProblems(page, "reset-password")), ...(await accessibilityProblems(page, "reset-password")));
    const password = page.getByLabel("New password", { exact: true });
    const again = page.getByLabel("Repeat the new password");
    const submit = page.getByRole("button", { name: "Set the new password" });
    // The same rules as a password change, and the two must match: said beside the fields, in the page's language.
    await password.fill("short");
    await again.fill("short");
    await submit.click();
    await page.getByText("must be at least 10 characters").waitFor();
    await password.fill(NEW_PASSWORD);
    await again.fill(`${NEW_PASSWORD}!`);
    await submit.click();
    await page.getByText("must be the same as the new password").waitFor();
    await again.fill(NEW_PASSWORD);
    await submit.click();

    // Back on the sign-in page, told so; the other device's session is over.
    await page.waitForURL(`${atende}/app/sign-in`);
    await page.getByRole("status").getByText("Your password was changed and you were signed out everywhere.", { exact: false }).waitFor();
    problems.push(...(await accessibilityProblems(page, "sign-in after the reset")));
    expect((await elsewhere.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("nav").first().waitFor();

    // The link works once.
    const second = await newPage();
    await second.goto(link);
    await second.getByLabel("New password", { exact: true }).fill("yet another long passphrase");
    await second.getByLabel("Repeat the new password").fill("yet another long passphrase");
    await second.getByRole("button", { name: "Set the new password" }).click();
    await second.getByRole("alert").getByText("This link no longer works", { exact: false }).waitFor();
    problems.push(...(await layoutProblems(second, "spent link")), ...(await accessibilityProblems(second, "spent link")));
    await second.getByRole("link", { name: "Ask for a new link" }).click();
    await second.waitForURL(`${atende}/app/forgot-password`);
    expect(problems).toEqual([]);
  });

  it("speaks the browser's language on a phone, and mails the link in it", async () => {
    const email = await newAgent();
    const page = await newPage("cs-CZ", { width: 390, height: 844 });
    await page.goto(`${atende}/app/sign-in`);
    await page.getByRole("link", { name: "Zapomněli jste heslo?" }).click();
    await page.getByRole("heading", { name: "Obnovení hesla" }).waitFor();
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Poslat odkaz" }).click();
    await page.getByRole("heading", { name: "Zkontrolujte e-mail" }).waitFor();
    const mail = await mailTo(email);
    expect(mail.subject).toBe("Obnovení hesla do Atende");
    await page.goto(linkIn(mail));
    await page.getByRole("heading", { name: "Zvolte nové heslo" }).waitFor();
    await page.getByLabel("Nové heslo", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Zopakujte nové heslo").fill("jiné heslo, než to první");
    await page.getByRole("button", { name: "Nastavit nové heslo" }).click();
    await page.getByText("musí být stejné jako nové heslo").waitFor();
    // A link cut short says so, and offers a new one.
    await page.goto(`${atende}/app/reset-password`);
    await page.getByText("Tento odkaz je neúplný.", { exact: false }).waitFor();
    await page.getByRole("link", { name: "Požádat o nový odkaz" }).waitFor();
  });
});

describe.runIf(TEST_ENGINE === "pglite")("without a mail server of Atende's own, in a real browser", { timeout: 180_000 }, () => {
  let bare: TestApp;
  let url: string;
  beforeAll(async () => {
    bare = await buildTestApp();
    url = await bare.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    // The pages first: a browser still connected keeps the server from closing.
    for (const context of contexts.splice(0)) await context.close();
    await bare.close();
  });

  it("tells the agent on the sign-in page to ask an admin, and the forgot-password page says the same", async () => {
    const page = await newPage();
    await page.goto(`${url}/app/sign-in`);
    await page.getByText("Forgot your password? Ask an administrator of your workspace to reset it.").waitFor();
    expect(await page.getByRole("link", { name: "Forgot your password?" }).count()).toBe(0);
    const problems = [...(await layoutProblems(page, "sign-in (no mail)")), ...(await accessibilityProblems(page, "sign-in (no mail)"))];
    await page.goto(`${url}/app/forgot-password`);
    await page.getByText("Resetting a password by e-mail is not available here.", { exact: false }).waitFor();
    await page.getByRole("link", { name: "Back to sign-in" }).click();
    await page.waitForURL(`${url}/app/sign-in`);
    expect(problems).toEqual([]);
  });
});
