/**
 * `npm run bench:kb`: the knowledge base on PostgreSQL with BENCH_KB_ARTICLES (2,000) articles,
 * each in English, Brazilian Portuguese and Czech (written through the services). Starts `atende
 * start` on it and measures with autocannon on loopback: help-center article pages (every
 * translation's address in turn, as a browser asks: gzip, once cold then for BENCH_SECONDS), the
 * widget's suggestions while visitors type (each from its own address, as visitors are), and the
 * home page's size. BENCH_PG_SERVER names the PostgreSQL server.
 */
import autocannon from "autocannon";
import { LOCALES, type Locale } from "@atende/shared";
import { loadConfig } from "../apps/server/src/config.js";
import type { Actor } from "../apps/server/src/core/context.js";
import { eq, sql } from "drizzle-orm";
import { agents } from "../apps/server/src/db/schema/index.js";
import { createLogger } from "../apps/server/src/logger.js";
import { ensureFirstWorkspace } from "../apps/server/src/modules/bootstrap/first-start.js";
import { createInbox } from "../apps/server/src/modules/inboxes/service.js";
import { createCategory } from "../apps/server/src/modules/knowledge-base/categories.js";
import { DEMO_ARTICLES, DEMO_CATEGORIES } from "../apps/server/src/modules/knowledge-base/demo-articles/index.js";
import { createArticle } from "../apps/server/src/modules/knowledge-base/service.js";
import { openStore } from "../apps/server/src/server/store.js";
import { startRuntime } from "../apps/server/src/server/runtime.js";
import { KB_EVAL_QUESTIONS } from "./kb-retrieval-questions.js";
import { BENCH_ADMIN_PASSWORD, freshDatabase, log, rssMb, startAtende } from "./support.js";

const ARTICLES = Number(process.env.BENCH_KB_ARTICLES ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PORT = 3906;
const base = `http://127.0.0.1:${String(PORT)}`;

type Loaded = { slug: string; widgetToken: string; paths: string[] };

/** Writes the articles: each a demo article's text with another's appended (so words recur across many), in three languages. */
async function load(env: Record<string, string>): Promise<Loaded> {
  const config = loadConfig({ ...env, ATENDE_ADMIN_EMAIL: "admin@atende.local", ATENDE_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, LOG_LEVEL: "warn" });
  const store = await openStore(config);
  const runtime = await startRuntime(config, store.handle, createLogger(config));
  try {
    await ensureFirstWorkspace(runtime, config, false);
    const [admin] = await runtime.db.select().from(agents).where(eq(agents.email, "admin@atende.local"));
    if (!admin) throw new Error("no admin");
    const actor: Actor = { workspaceId: admin.workspaceId, type: "agent", id: admin.id, name: admin.name, email: admin.email, role: "admin", locale: "en" };
    const { widgetToken, categories } = await runtime.transact(actor, async (ctx) => {
      const inbox = await createInbox(ctx, { name: "Site chat", channel: "chat" });
      const ids = new Map<string, string>();
      for (const c of DEMO_CATEGORIES) ids.set(c.key, (await createCategory(ctx, { names: c.names, descriptions: c.descriptions })).id);
      return { widgetToken: inbox.chat?.widgetToken ?? "", categories: ids };
    });
    const publicArticles = (l: Locale) => DEMO_ARTICLES[l].filter((a) => a.visibility !== "internal");
    const paths: string[] = [];
    const started = Date.now();
    const write = (from: number) =>
      runtime.transact(actor, async (ctx) => {
        for (let i = from; i < Math.min(from + 25, ARTICLES); i++) {
          let first: string | undefined;
          for (const locale of LOCALES) {
            const pool = publicArticles(locale);
            const main = pool[i % pool.length];
            const extra = pool[(i * 7 + 3) % pool.length];
            if (!main || !extra) continue;
            const made = await createArticle(ctx, {
              locale,
              title: `${main.title} ${String(i + 1)}`,
              body: `${main.body}\n\n${extra.body}`,
              status: "published",
              ...(first ? { translationOf: first } : { visibility: "public" as const, categoryId: categories.get(main.category) ?? null }),
            });
            first ??= made.id;
            paths.push(new URL(made.url ?? "", "http://x").pathname);
          }
        }
      });
    const batches = Array.from({ length: Math.ceil(ARTICLES / 25) }, (_, b) => b * 25);
    // The first batch alone (it adds the articles' words to the vocabulary), then four at a time.
    await write(0);
    for (let b = 1; b < batches.length; b += 4) await Promise.all(batches.slice(b, b + 4).map(write));
    log(`  ${String(ARTICLES)} articles, ${String(paths.length)} translations written in ${String(Math.round((Date.now() - started) / 1000))} s`);
    // As autovacuum would soon after a bulk load: the planner needs the tables' statistics.
    await runtime.db.execute(sql`VACUUM ANALYZE`);
    const slug = paths[0]?.split("/")[2] ?? "";
    return { slug, widgetToken, paths };
  } finally {
    await runtime.jobs.stop();
    await runtime.bus.close();
    await store.close();
  }
}

type Figures = { rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number };

async function measure(name: string, pid: number, opts: autocannon.Options): Promise<Figures & { maxRssMb: number }> {
  let maxRssMb = rssMb(pid);
  const sampler = setInterval(() => (maxRssMb = Math.max(maxRssMb, rssMb(pid))), 500);
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  clearInterval(sampler);
  // autocannon reports p90 and p97.5; p95 from its histogram's percentiles where present.
  const latency = result.latency as unknown as Record<string, number>; // autocannon's latency has more percentiles than its type says
  const f = {
    rps: Math.round(result.requests.average),
    p50: latency.p50 ?? 0,
    p95: latency.p95 ?? latency.p97_5 ?? 0,
    p99: latency.p99 ?? 0,
    non2xx: result.non2xx,
    errors: result.errors,
    maxRssMb,
  };
  log(`  ${name}: ${String(f.rps)} req/s, p50 ${String(f.p50)} ms, p95 ${String(f.p95)} ms, p99 ${String(f.p99)} ms, non-2xx ${String(f.non2xx)}, errors ${String(f.errors)}, max RSS ${String(maxRssMb)} MB`);
  return f;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;

const url = await freshDatabase("atende_bench_kb");
const env = { DATABASE_URL: url, DATABASE_POOL_SIZE: "16", ATENDE_SECRET_KEY: "bench-secret-key-bench-secret-key-0001", TRUST_PROXY: "1" };
log(`Loading ${String(ARTICLES)} articles in ${LOCALES.join(", ")}…`);
const { slug, widgetToken, paths } = await load(env);
const child = await startAtende(PORT, { ...env, ATENDE_SMTP_PORT: "0", DATA_DIR: "bench/out/kb-data" });
const pid = child.pid ?? 0;
try {
  const home = await fetch(`${base}/help/${slug}/en`, { headers: { "accept-encoding": "gzip" } });
  const homeRaw = await fetch(`${base}/help/${slug}/en`, { headers: { "accept-encoding": "identity" } });
  const homeGzip = Number(home.headers.get("content-length") ?? (await home.arrayBuffer()).byteLength);
  log(`  home page: ${String((await homeRaw.arrayBuffer()).byteLength)} bytes, ${String(homeGzip)} bytes gzipped`);

  // Cold: each article page's first render (nothing cached yet), one at a time, every translation.
  const cold: number[] = [];
  for (const path of paths) {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { "accept-encoding": "gzip" } });
    await res.arrayBuffer();
    cold.push(performance.now() - t);
  }
  log(`  article page, first render (${String(cold.length)} pages): p50 ${percentile(cold, 50).toFixed(1)} ms, p99 ${percentile(cold, 99).toFixed(1)} ms`);

  let n = 0;
  const pages = await measure("GET article page (all translations in turn)", pid, {
    url: base,
    headers: { "accept-encoding": "gzip" },
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length] ?? "/" }) }],
  });

  // The widget: visitors typing the evaluation's questions, word by word, each from an address of their own.
  const typed = LOCALES.flatMap((locale) =>
    KB_EVAL_QUESTIONS[locale].flatMap(({ q }) => {
      const words = q.split(" ");
      return words.map((_, i) => ({ locale, q: words.slice(0, i + 1).join(" ") })).filter((t) => t.q.length >= 3);
    }),
  );
  // Each typed prefix asked once, one at a time, before anything is cached: what a new question costs.
  const firstAsked: number[] = [];
  for (const [i, t] of typed.entries()) {
    const at = performance.now();
    const res = await fetch(`${base}/widget/v1/articles?widgetToken=${widgetToken}&locale=${t.locale}&q=${encodeURIComponent(t.q)}`, {
      headers: { "x-forwarded-for": `10.255.${String((i >> 8) & 255)}.${String(i & 255)}` },
    });
    await res.arrayBuffer();
    firstAsked.push(performance.now() - at);
  }
  log(`  widget suggestions, each question asked the first time (${String(firstAsked.length)}): p50 ${percentile(firstAsked, 50).toFixed(1)} ms, p95 ${percentile(firstAsked, 95).toFixed(1)} ms, p99 ${percentile(firstAsked, 99).toFixed(1)} ms`);
  let w = 0;
  const widget = await measure("GET /widget/v1/articles (suggestions while typing)", pid, {
    url: base,
    connections: 8,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const t = typed[w++ % typed.length] ?? { locale: "en", q: "router" };
          const address = `10.${String((w >> 16) & 255)}.${String((w >> 8) & 255)}.${String(w & 255)}`;
          return { ...req, headers: { ...req.headers, "x-forwarded-for": address }, path: `/widget/v1/articles?widgetToken=${widgetToken}&locale=${t.locale}&q=${encodeURIComponent(t.q)}` };
        },
      },
    ],
  });
  const results = {
    articles: ARTICLES,
    translations: paths.length,
    homeGzip,
    cold: { p50: percentile(cold, 50), p99: percentile(cold, 99) },
    pages,
    widgetFirstAsked: { p50: percentile(firstAsked, 50), p95: percentile(firstAsked, 95) },
    widget,
  };
  log(JSON.stringify(results));
} finally {
  child.kill();
}
