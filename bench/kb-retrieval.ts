/**
 * `npm run bench:kb-retrieval`: how well knowledge-base search answers customers' questions. Loads
 * the demo knowledge base (apps/server/src/modules/knowledge-base/demo-articles) into a fresh
 * embedded database through the services, asks every question of bench/kb-retrieval-questions.ts
 * in its language (published, public articles: what the widget and the help center search), and
 * reports top-1 and top-3 accuracy per language, for the method and for the method without each
 * of its parts. KB_EVAL_VERBOSE=1 lists the questions whose answer was not in the top 3 (the held-out ones only as
 * totals); KB_EVAL_GRID=1 also measures the settings that were tried and not kept.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCALES, type Locale } from "@atende/shared";
import { loadConfig } from "../apps/server/src/config.js";
import { systemActor } from "../apps/server/src/core/context.js";
import { openPglite } from "../apps/server/src/db/client.js";
import { runMigrations } from "../apps/server/src/db/migrate.js";
import { createLogger } from "../apps/server/src/logger.js";
import { seedKnowledgeBase } from "../apps/server/src/modules/knowledge-base/demo-seed.js";
import { DEFAULT_TUNING, mergeLanguages, searchArticles, type ArticleHit, type SearchTuning } from "../apps/server/src/modules/knowledge-base/search.js";
import { createWorkspace } from "../apps/server/src/modules/workspaces/service.js";
import { startRuntime } from "../apps/server/src/server/runtime.js";
import { KB_AGENT_QUERIES } from "./kb-agent-queries.js";
import { KB_EVAL_QUESTIONS, KB_HELD_OUT_QUESTIONS, KB_TYPO_QUESTIONS, type EvalQuestion } from "./kb-retrieval-questions.js";

const VERBOSE = process.env.KB_EVAL_VERBOSE === "1";

const GRID = process.env.KB_EVAL_GRID === "1";
const VARIANTS: [string, SearchTuning][] = [
  ["method", DEFAULT_TUNING],
  ...(GRID
    ? ([
        ["czech truncate 5", { ...DEFAULT_TUNING, czechTruncate: 5 }],
        ["czech truncate 6", { ...DEFAULT_TUNING, czechTruncate: 6 }],
        ["no prefix matching in en and pt", { ...DEFAULT_TUNING, prefixFrom: 0 }],
        ["normalization 0", { ...DEFAULT_TUNING, normalization: 0 }],
        ["normalization 2", { ...DEFAULT_TUNING, normalization: 2 }],
      ] as [string, SearchTuning][])
    : []),
  ["without IDF weighting (one ts_rank of the OR)", { ...DEFAULT_TUNING, idf: false }],
  ["without Czech prefix matching", { ...DEFAULT_TUNING, czechPrefix: false }],
  ["without typo correction", { ...DEFAULT_TUNING, correctTypos: false }],
  ["without title trigrams", { ...DEFAULT_TUNING, titleTrigram: 0 }],
];

type Score = { top1: number; top3: number; total: number; misses: string[] };

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "atende-kb-eval-"));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "warn", ATENDE_SECRET_KEY: "kb-eval-secret-key-long-enough-0123456789" });
  const handle = await openPglite();
  await runMigrations(handle);
  const runtime = await startRuntime(config, handle, createLogger(config));
  try {
    const workspace = await createWorkspace(runtime.db, "Retrieval evaluation");
    const ids = await runtime.transact(systemActor(workspace.id), seedKnowledgeBase);
    const keyOf = new Map([...ids].map(([key, id]) => [id, key.slice(key.indexOf(":") + 1)]));

    async function score(locale: Locale, questions: readonly EvalQuestion[], tuning: SearchTuning): Promise<Score> {
      const s: Score = { top1: 0, top3: 0, total: questions.length, misses: [] };
      for (const { q, expect } of questions) {
        const wanted = typeof expect === "string" ? [expect] : expect;
        const hits = await searchArticles(runtime.db, { workspaceId: workspace.id, locale, status: "published", visibility: "public" }, q, { limit: 3, tuning });
        const keys = hits.map((h) => keyOf.get(h.id) ?? "?");
        if (wanted.includes(keys[0] ?? "")) s.top1 += 1;
        if (keys.some((k) => wanted.includes(k))) s.top3 += 1;
        else s.misses.push(`${q} → ${keys.join(", ") || "nothing"} (wanted ${wanted.join(" or ")})`);
      }
      return s;
    }

    const pct = (n: number, total: number) => `${String(Math.round((1000 * n) / total) / 10)} %`;
    const lines: string[] = [];
    lines.push(`| Variant | Language | Questions | Top-1 | Top-3 |`, `| --- | --- | --- | --- | --- |`);
    for (const [name, tuning] of VARIANTS) {
      for (const locale of LOCALES) {
        const s = await score(locale, KB_EVAL_QUESTIONS[locale], tuning);
        lines.push(`| ${name} | ${locale} | ${String(s.total)} | ${pct(s.top1, s.total)} | ${pct(s.top3, s.total)} |`);
        if (VERBOSE && name === "method") for (const miss of s.misses) process.stdout.write(`  miss (${locale}): ${miss}\n`);
      }
    }
    lines.push("", `| Misspelled questions | Language | Questions | Top-1 | Top-3 |`, `| --- | --- | --- | --- | --- |`);
    const typoVariants = VARIANTS.filter(([name]) => name === "method" || name === "without typo correction");
    for (const [name, tuning] of typoVariants) {
      for (const locale of LOCALES) {
        const s = await score(locale, KB_TYPO_QUESTIONS[locale], tuning);
        lines.push(`| ${name} | ${locale} | ${String(s.total)} | ${pct(s.top1, s.total)} | ${pct(s.top3, s.total)} |`);
        if (VERBOSE && name === "method") for (const miss of s.misses) process.stdout.write(`  miss (${locale}, typo): ${miss}\n`);
      }
    }
    lines.push("", `| Held-out questions | Language | Questions | Top-1 | Top-3 |`, `| --- | --- | --- | --- | --- |`);
    for (const locale of LOCALES) {
      const s = await score(locale, KB_HELD_OUT_QUESTIONS[locale], DEFAULT_TUNING);
      lines.push(`| method | ${locale} | ${String(s.total)} | ${pct(s.top1, s.total)} | ${pct(s.top3, s.total)} |`);
    }
    // The agents' search names no language: every language's hits in one list (service.ts).
    lines.push("", `| Every language at once (agents' search) | Questions | Top-1 article | Top-1 in the question's language |`, `| --- | --- | --- | --- |`);
    const localeOf = new Map([...ids].map(([key, id]) => [id, key.slice(0, key.indexOf(":"))]));
    const merges: [string, (perLanguage: ArticleHit[][]) => ArticleHit[]][] = [
      ["method", mergeLanguages],
      ["by score alone", (perLanguage) => perLanguage.flat().sort((a, b) => b.score - a.score)],
    ];
    const sets: [string, Record<Locale, readonly EvalQuestion[]>][] = [
      ["questions and misspelled ones", Object.fromEntries(LOCALES.map((l) => [l, [...KB_EVAL_QUESTIONS[l], ...KB_TYPO_QUESTIONS[l]]])) as Record<Locale, EvalQuestion[]>],
      ["agents' searches", KB_AGENT_QUERIES],
    ];
    for (const [setName, set] of sets) {
      const asked = LOCALES.flatMap((locale) => set[locale].map((question) => ({ ...question, locale })));
      const found = await Promise.all(
        asked.map(({ q }) => Promise.all(LOCALES.map((l) => searchArticles(runtime.db, { workspaceId: workspace.id, locale: l, status: "published", visibility: "public" }, q, { limit: 3 })))),
      );
      for (const [name, merge] of merges) {
        let article = 0;
        let language = 0;
        asked.forEach(({ expect, locale }, i) => {
          const top = merge(found[i] ?? [])[0];
          const wanted = typeof expect === "string" ? [expect] : expect;
          if (!top || !wanted.includes(keyOf.get(top.id) ?? "")) return;
          article += 1;
          if (localeOf.get(top.id) === locale) language += 1;
        });
        lines.push(`| ${name}: ${setName} | ${String(asked.length)} | ${pct(article, asked.length)} | ${pct(language, asked.length)} |`);
      }
    }
    const articles = LOCALES.map((l) => `${l} ${String([...ids.keys()].filter((k) => k.startsWith(`${l}:`)).length)}`).join(", ");
    process.stdout.write(`Knowledge base: ${articles} translations (public and internal; internal ones are never answers)\n\n${lines.join("\n")}\n`);
  } finally {
    await runtime.jobs.stop();
    await runtime.bus.close();
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
