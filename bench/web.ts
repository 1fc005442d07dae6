/**
 * `npm run bench:web`: the agents' web app with BENCH_CONVERSATIONS (10,000) conversations. Loads
 * the data set, starts `atende start` on PostgreSQL, and drives Debian's Chromium: the first load of
 * /app with a cold cache (from navigation to the list's first row on screen), opening BENCH_OPENS
 * (60) conversations one after another (from the click to the timeline and header of that
 * conversation on screen), and scrolling the list from top to bottom through every conversation
 * (frames longer than 50 ms counted). Also reports the built JavaScript and CSS per chunk, gzipped.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildWeb, WEB_DIST } from "@atende/web/build";
import { launchChromium } from "../apps/server/src/test/browser.js";
import { BENCH_ADMIN, loadDataset } from "./load.js";
import { freshDatabase, log, rssMb, startAtende } from "./support.js";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const OPENS = Number(process.env.BENCH_OPENS ?? 60);
const PORT = 3904;
const base = `http://127.0.0.1:${String(PORT)}`;

/**
 * Run in the page (as a string: the bench's TypeScript loader would add helpers the page lacks):
 * resolves with the time from the next click to a frame showing that conversation's header and timeline.
 */
const OPENED_SCRIPT = `new Promise((resolve) => {
  let clicked = 0;
  document.addEventListener("click", () => { clicked = performance.now(); }, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    const pane = document.querySelector("#conversation");
    if (!clicked || !pane || !pane.textContent.includes(WANTED) || !pane.querySelector("[role=log] > div")) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - clicked));
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
})`;

/**
 * Run in the page before its own scripts: notes the time of the first frame that shows a row of the
 * list (timed in the page, not by polling from outside, which adds its own delay).
 */
const FIRST_ROW_SCRIPT = `new MutationObserver((_, observer) => {
  if (!document.querySelector('[aria-label="Conversations"] [role=listitem]')) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.firstRow = performance.now(); });
}).observe(document, { childList: true, subtree: true });`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);
};

/** A built chunk's gzipped size (level 9). */
const gzipped = (file: string) => gzipSync(readFileSync(join(WEB_DIST, "assets", file)), { level: 9 }).length;

/**
 * The JavaScript a first load of /app runs: the entry, the app it imports (render-*.js) and
 * everything those import statically; pages, dialogs and the conversation pane load later.
 */
function initialScripts(): string[] {
  const entry = /assets\/(index-[^"]+\.js)/.exec(readFileSync(join(WEB_DIST, "index.html"), "utf8"))?.[1];
  if (!entry) throw new Error("index.html names no entry script");
  const app = /import\(`\.\/(render-[^`]+\.js)`\)/.exec(readFileSync(join(WEB_DIST, "assets", entry), "utf8"))?.[1];
  if (!app) throw new Error("the entry does not load the app (render-*.js)");
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(WEB_DIST, "assets", file), "utf8");
    for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)) if (m[1]) visit(m[1]);
  };
  visit(entry);
  visit(app);
  return [...seen];
}

await buildWeb();
log("Bundle (gzip -9):");
for (const file of readdirSync(join(WEB_DIST, "assets")).sort()) {
  const bytes = readFileSync(join(WEB_DIST, "assets", file));
  log(`  ${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipped(file) / 1024).toFixed(1)} KB gzipped`);
}
const initial = initialScripts();
log(`Initial JavaScript of /app: ${String(initial.length)} files, ${(initial.reduce((sum, f) => sum + gzipped(f), 0) / 1024).toFixed(1)} KB gzipped`);

const url = await freshDatabase("atende_bench_web");
const env = { DATABASE_URL: url, ATENDE_SECRET_KEY: "bench-secret-key-bench-secret-key-0001" };
log(`Loading ${String(CONVERSATIONS)} conversations…`);
await loadDataset(env, CONVERSATIONS, CONVERSATIONS * 3, log);
const child = await startAtende(PORT, { ...env, ATENDE_SMTP_PORT: "0", DATA_DIR: "bench/out/web-data" });
const browser = await launchChromium();
try {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const session = /atende_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } }); // a cold cache each time
    await context.addCookies([{ name: "atende_session", value: session, url: base }]);
    const page = await context.newPage();
    await page.addInitScript(FIRST_ROW_SCRIPT);
    await page.goto(`${base}/app/?view=all`);
    await page.getByRole("list", { name: "Conversations" }).getByRole("listitem").first().waitFor();
    loads.push(await page.waitForFunction(() => (globalThis as unknown as { firstRow?: number }).firstRow).then((t) => t.jsonValue() as Promise<number>));
    await context.close();
  }
  log(`First load of /app, cold cache, to the first row (5 loads): median ${String(percentile(loads, 50))} ms, max ${String(Math.round(Math.max(...loads)))} ms`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: "atende_session", value: session, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/app/?view=all`);
  const list = page.getByRole("list", { name: "Conversations" });
  await list.getByRole("listitem").first().waitFor();
  const opens: number[] = [];
  const openedIds: string[] = [];
  for (let i = 0; i < OPENS; i++) {
    const row = list.getByRole("listitem").nth(i % 8);
    const link = row.getByRole("link");
    const number = /#(\d+)/.exec((await link.textContent()) ?? "")?.[1] ?? "";
    openedIds.push((/conversations\/([0-9a-f-]{36})/.exec((await link.getAttribute("href")) ?? "") ?? [])[1] ?? "");
    // Timed in the page, from the click to a frame showing that conversation's header and timeline.
    const opened = page.evaluate<number>(OPENED_SCRIPT.replace("WANTED", JSON.stringify(`#${number}`)));
    await link.click();
    opens.push(await opened);
    if (i % 8 === 7) {
      await list.evaluate((el) => {
        el.scrollTop += 8 * 88;
      });
    }
  }
  const api: number[] = [];
  for (const id of openedIds.slice(0, 30)) {
    const started = performance.now();
    await fetch(`${base}/api/v1/conversations/${id}/messages?limit=100`, { headers: { cookie: `atende_session=${session}` } });
    api.push(performance.now() - started);
  }
  log(`  (GET …/messages alone, 30 of them: p50 ${String(percentile(api, 50))} ms, p95 ${String(percentile(api, 95))} ms)`);
  log(`Opening a conversation (${String(OPENS)}): p50 ${String(percentile(opens, 50))} ms, p95 ${String(percentile(opens, 95))} ms, max ${String(Math.round(Math.max(...opens)))} ms`);

  await page.goto(`${base}/app/?view=all`);
  await list.getByRole("listitem").first().waitFor();
  const open = (await (await fetch(`${base}/api/v1/conversations/counts`, { headers: { cookie: `atende_session=${session}` } })).json()) as { all: number };
  const scroll = await list.evaluate(async (el, total) => {
    const frames: number[] = [];
    let last = performance.now();
    const started = last;
    while (el.querySelectorAll("[aria-posinset]").length > 0) {
      el.scrollTop += 600;
      await new Promise((r) => {
        requestAnimationFrame(r);
      });
      const now = performance.now();
      frames.push(now - last);
      last = now;
      const shown = Math.max(...[...el.querySelectorAll("[aria-posinset]")].map((r) => Number(r.getAttribute("aria-posinset"))));
      if (shown >= total) break;
      if (now - started > 120_000) break;
    }
    const reached = Math.max(...[...el.querySelectorAll("[aria-posinset]")].map((r) => Number(r.getAttribute("aria-posinset"))));
    return { reached, frames: frames.length, long: frames.filter((f) => f > 50).length, worst: Math.max(...frames), seconds: (performance.now() - started) / 1000 };
  }, open.all);
  log(
    `Scrolling the list top to bottom: reached row ${String(scroll.reached)} of ${String(open.all)} open in ${scroll.seconds.toFixed(1)} s, ${String(scroll.frames)} frames, ${String(scroll.long)} longer than 50 ms (worst ${String(Math.round(scroll.worst))} ms); rows in the page at the end: ${String(await list.locator("[aria-posinset]").count())}`,
  );
  log(`Server RSS: ${String(rssMb(child.pid ?? 0))} MB`);
} finally {
  await browser.close();
  child.kill();
}
