import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { TEST_PASSWORD } from "./test-app.js";

/** Debian's Chromium (.ci/run installs the `chromium` package); Playwright never downloads a browser here. */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless Chromium with the flags a closed network and a root user need. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A new browser context of an agent signed in to the web app at `atende` through its sign-in page. */
export async function signedInAgent(browser: Browser, atende: string, email: string, locale = "en-US"): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${atende}/app/`);
  // In whatever language the page speaks.
  await page.locator("input[type=email]").fill(email);
  await page.locator("input[type=password]").fill(TEST_PASSWORD);
  await page.locator("button[type=submit]").click();
  await page.locator("nav").first().waitFor(); // the views (in the agent's language); the list itself only once there are conversations
  return page;
}

/**
 * The server's answer to the page's next `method` request whose path is `path` (or matches it): set
 * up before the click that sends it, awaited before a step that needs the change made. A notice or
 * an element already on the screen can say "done" before the request has even left.
 */
export function answerTo(page: Page, method: string, path: string | RegExp): Promise<Response> {
  return page.waitForResponse((res) => {
    const at = new URL(res.url()).pathname;
    return res.request().method() === method && (typeof path === "string" ? at === path : path.test(at));
  });
}

/**
 * Waits until the web app's live connection is up (the header's "Reconnecting…" status, shown
 * from the start until the server has answered the first resume, is gone): from then on, what
 * happens reaches the page live. Before, an event could fall between the page's first reads and
 * its connection.
 */
export async function liveConnection(page: Page): Promise<void> {
  await page.locator("header").first().waitFor();
  await page.locator('header [role="status"]').first().waitFor({ state: "detached" });
}

/** How wide the page is drawn (wider than the screen means something overflows). */
export const pageWidth = (page: Page): Promise<number> =>
  page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Waits for the page's animations and transitions (a menu or dialog sliding in, a colour scheme changing) to end. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // The page's document (the tests' own types have no DOM).
    const doc = (globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown> }[] } }).document;
    // An animation cancelled on the way (a list redrawn as data arrives) has ended too.
    await Promise.all(doc.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}

/** Transitions and animations jump to their end while axe reads the page (a notice closing mid-read was read half faded). */
const STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }";

/**
 * The serious or critical WCAG 2 A/AA problems axe finds on the page once it has settled, each
 * named by `screen`, read with the page held still. The page's context must bypass CSP (axe is
 * injected as a script).
 */
export async function accessibilityProblems(page: Page, screen: string): Promise<string[]> {
  await settled(page);
  const still = await page.addStyleTag({ content: STILL });
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: { html: string }[] };
    const axe = (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ runOnly: ["wcag2a", "wcag2aa"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`);
  });
  await still.evaluate((style) => {
    (style as unknown as { remove(): void }).remove();
  });
  return found.map((p) => `${screen} ${p}`);
}

/**
 * For a test file: the app of `env` listening on a free port, Chromium, and agents signed in
 * through the sign-in page; every context and the browser closed after the file.
 */
export function useAgentBrowser(env: { t: { app: { listen(o: { port: number; host: string }): Promise<string> } } }) {
  let url = "";
  let chromium: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    url = await env.t.app.listen({ port: 0, host: "127.0.0.1" });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await chromium?.close();
  });
  const browser = () => {
    if (!chromium) throw new Error("the browser starts in beforeAll");
    return chromium;
  };
  return {
    /** Where the app answers, such as `http://127.0.0.1:41234`. */
    get atende() {
      return url;
    },
    /** A new browser context (such as one that bypasses CSP, for axe), closed after the file. */
    async context(options: BrowserContextOptions): Promise<BrowserContext> {
      const context = await browser().newContext(options);
      contexts.push(context);
      return context;
    },
    /** A browser context of an agent, signed in (in `locale`'s language), closed after the file. */
    async signedIn(email: string, locale = "en-US"): Promise<Page> {
      const page = await signedInAgent(browser(), url, email, locale);
      contexts.push(page.context());
      return page;
    },
  };
}
