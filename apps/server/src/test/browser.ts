import { chromium, type Browser } from "playwright-core";

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
