import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
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

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Waits for the page's animations and transitions (a menu or dialog sliding in, a colour scheme changing) to end. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // The page's document (the tests' own types have no DOM).
    const doc = (globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown> }[] } }).document;
    await Promise.all(doc.getAnimations().map((a) => a.finished));
  });
}

/**
 * The serious or critical WCAG 2 A/AA problems axe finds on the page once it has settled, each
 * named by `screen`. The page's context must bypass CSP (axe is injected as a script).
 */
export async function accessibilityProblems(page: Page, screen: string): Promise<string[]> {
  await settled(page);
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: { html: string }[] };
    const axe = (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ runOnly: ["wcag2a", "wcag2aa"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`);
  });
  return found.map((p) => `${screen} ${p}`);
}
