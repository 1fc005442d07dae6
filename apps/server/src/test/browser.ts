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
