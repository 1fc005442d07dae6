/**
 * `npm run eval:attendant`: how well the virtual attendant answers, hands off and keeps quiet, with
 * no language model. Loads the demo knowledge base (apps/server/src/modules/knowledge-base/demo-articles,
 * 16 public articles and 1 internal one, each in en, pt-BR and cs) into a fresh embedded database,
 * asks every question of bench/attendant-questions.ts through the API (`POST
 * /api/v1/virtual-attendant/ask`, as an API token), and reports per language and set:
 *
 * - top-1: answerable questions answered from a right article (a "no answer" is a miss);
 * - hand-off recall: requests for a person handed off;
 * - false answers: unanswerable questions answered anyway;
 * - wrongly handed off: answerable or unanswerable questions taken for a request for a person;
 * - p95 of one `ask` (in process, through Fastify's inject: routing, validation and the database).
 *
 * The development set is asked a second time typed without accents, as many customers chat.
 *
 * ATTENDANT_EVAL_VERBOSE=1 lists the development set's misses (the held-out set only as totals);
 * ATTENDANT_EVAL_SWEEP=1 shows, on the development set, the confidence thresholds around the one in use.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { LOCALES, unaccent, type AttendantAnswerDto, type Locale } from "@atende/shared";
import { buildApp } from "../apps/server/src/app.js";
import { loadConfig } from "../apps/server/src/config.js";
import type { Actor } from "../apps/server/src/core/context.js";
import { openPglite } from "../apps/server/src/db/client.js";
import { runMigrations } from "../apps/server/src/db/migrate.js";
import { agents } from "../apps/server/src/db/schema/index.js";
import { createLogger } from "../apps/server/src/logger.js";
import { createApiToken } from "../apps/server/src/modules/auth/service.js";
import { ensureFirstWorkspace } from "../apps/server/src/modules/bootstrap/first-start.js";
import { seedKnowledgeBase } from "../apps/server/src/modules/knowledge-base/demo-seed.js";
import { findPublicArticles, workspaceOf } from "../apps/server/src/modules/knowledge-base/public.js";
import { ATTENDANT_CONFIDENCE, RELATED_COVERAGE } from "../apps/server/src/modules/virtual-attendant/answer.js";
import { startRuntime } from "../apps/server/src/server/runtime.js";
import { asksForPerson, soundsFrustrated } from "../apps/server/src/modules/virtual-attendant/wants-person.js";
import { DEMO_ARTICLES } from "../apps/server/src/modules/knowledge-base/demo-articles/index.js";
import { ATTENDANT_HELD_OUT, ATTENDANT_QUESTIONS, type AttendantQuestion } from "./attendant-questions.js";
import { HANDOFF_PHRASINGS } from "./handoff-phrasings.js";
import { HANDOFF_PHRASINGS_2 } from "./handoff-phrasings-2.js";

const say = (line: string) => process.stdout.write(`${line}\n`);

const VERBOSE = process.env.ATTENDANT_EVAL_VERBOSE === "1";
const SWEEP = process.env.ATTENDANT_EVAL_SWEEP === "1";

type Asked = { question: AttendantQuestion; answer: AttendantAnswerDto; topKey: string | null; relatedKeys: string[]; ms: number };

const percent = (n: number, of: number) => (of === 0 ? "–" : `${(Math.round((1000 * n) / of) / 10).toFixed(1)} %`);

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

const expected = (q: AttendantQuestion) => (q.kind === "answer" ? (typeof q.expect === "string" ? [q.expect] : q.expect) : []);

/** The figures of one language and set, at a confidence threshold (the language's own unless swept). */
function figures(asked: Asked[], threshold: number) {
  const answered = (a: Asked) => a.answer.outcome !== "handoff" && a.topKey !== null && a.answer.confidence >= threshold;
  const answerable = asked.filter((a) => a.question.kind === "answer");
  const person = asked.filter((a) => a.question.kind === "person");
  const none = asked.filter((a) => a.question.kind === "none");
  return {
    top1: answerable.filter((a) => answered(a) && expected(a.question).includes(a.topKey ?? "")).length,
    wrongArticle: answerable.filter((a) => answered(a) && !expected(a.question).includes(a.topKey ?? "")).length,
    answerable: answerable.length,
    handedOff: person.filter((a) => a.answer.outcome === "handoff").length,
    person: person.length,
    falseAnswers: none.filter(answered).length,
    none: none.length,
    wronglyHandedOff: [...answerable, ...none].filter((a) => a.answer.outcome === "handoff").length,
    notSure: answerable.filter((a) => a.answer.outcome === "no_answer").length,
    rightRelated: answerable.filter((a) => a.answer.outcome === "no_answer" && a.relatedKeys.some((k) => expected(a.question).includes(k))).length,
    noneWithRelated: none.filter((a) => a.answer.outcome === "no_answer" && a.relatedKeys.length > 0).length,
  };
}

/** The same questions as a customer types them without accents. */
const withoutAccents = (set: typeof ATTENDANT_QUESTIONS): typeof ATTENDANT_QUESTIONS =>
  Object.fromEntries(LOCALES.map((locale) => [locale, set[locale].map((q) => ({ ...q, q: unaccent(q.q) }))])) as Record<Locale, AttendantQuestion[]>;

/**
 * The hand-off detector alone (no search): requests for a person heard and other questions taken for
 * one in bench/handoff-phrasings.ts (a development set), and among the demo articles' own questions,
 * which no customer asks a person with.
 */
function handoffDetector(): void {
  const handsOff = (text: string) => asksForPerson(text) || soundsFrustrated(text);
  say("\nhand-off detector alone (bench/handoff-phrasings.ts and -2.ts, development; the demo articles' own questions)");
  say("| Set | Language | requests heard | other questions taken for one | articles' questions taken for one |");
  say("|---|---|---|---|---|");
  for (const [name, set] of [["1", HANDOFF_PHRASINGS], ["2", HANDOFF_PHRASINGS_2]] as const) for (const locale of LOCALES) {
    const { asks, not } = set[locale];
    const heard = asks.filter(handsOff);
    const wrong = not.filter(handsOff);
    const questions = DEMO_ARTICLES[locale].flatMap((a) => a.questions ?? []);
    const taken = questions.filter(handsOff);
    say(`| ${name} | ${locale} | ${String(heard.length)}/${String(asks.length)} = ${percent(heard.length, asks.length)} | ${String(wrong.length)}/${String(not.length)} | ${String(taken.length)}/${String(questions.length)} |`);
    if (VERBOSE) {
      for (const text of asks.filter((t) => !handsOff(t))) say(`    missed "${text}"`);
      for (const text of [...wrong, ...taken]) say(`    taken for a request "${text}"`);
    }
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "atende-attendant-eval-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ATENDE_SECRET_KEY: "attendant-eval-secret-key-long-enough-0123",
    ATENDE_ADMIN_EMAIL: "admin@atende.local",
    ATENDE_ADMIN_PASSWORD: "attendant-eval-password",
  });
  const handle = await openPglite();
  await runMigrations(handle);
  const logger = createLogger(config);
  const runtime = await startRuntime(config, handle, logger);
  const app = await buildApp(runtime, handle, logger);
  try {
    await ensureFirstWorkspace(runtime, config, false);
    const [admin] = await runtime.db.select().from(agents).where(eq(agents.email, "admin@atende.local"));
    if (!admin) throw new Error("the first admin was not made");
    const actor: Actor = { workspaceId: admin.workspaceId, type: "agent", id: admin.id, name: admin.name, email: admin.email, role: "admin", locale: "en" };
    const ids = await runtime.transact(actor, seedKnowledgeBase);
    const keyOf = new Map([...ids].map(([key, id]) => [id, key.slice(key.indexOf(":") + 1)]));
    const { token } = await runtime.transact(actor, (ctx) => createApiToken(ctx, "attendant evaluation"));

    async function ask(locale: Locale, question: AttendantQuestion): Promise<Asked> {
      const started = performance.now();
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/virtual-attendant/ask",
        headers: { authorization: `Bearer ${token}` },
        payload: { question: question.q, locale },
      });
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`ask answered ${String(res.statusCode)}: ${res.body}`);
      const answer = res.json<AttendantAnswerDto>();
      const topKey = answer.article ? (keyOf.get(answer.article.id) ?? null) : null;
      return { question, answer, topKey, relatedKeys: answer.related.flatMap((r) => keyOf.get(r.id) ?? []), ms };
    }

    const times: number[] = [];
    for (const [name, set] of [
      ["development", ATTENDANT_QUESTIONS],
      ["development typed without accents (as many customers chat)", withoutAccents(ATTENDANT_QUESTIONS)],
      ["held out", ATTENDANT_HELD_OUT],
    ] as const) {
      say(
        `\n${name} set (confidence thresholds ${LOCALES.map((l) => `${l} ${ATTENDANT_CONFIDENCE[l].toFixed(2)}`).join(", ")}; related articles from ${RELATED_COVERAGE.toFixed(2)})`,
      );
      say(
        "| Language | top-1 on answerable | another article answered | hand-off recall | false answers | wrongly handed off | not sure, a right article related | unanswerable, articles related |",
      );
      say("|---|---|---|---|---|---|---|---|");
      for (const locale of LOCALES) {
        const asked: Asked[] = [];
        for (const question of set[locale]) asked.push(await ask(locale, question));
        times.push(...asked.map((a) => a.ms));
        const f = figures(asked, ATTENDANT_CONFIDENCE[locale]);
        say(
          `| ${locale} | ${String(f.top1)}/${String(f.answerable)} = ${percent(f.top1, f.answerable)} | ${String(f.wrongArticle)} | ${String(f.handedOff)}/${String(f.person)} = ${percent(f.handedOff, f.person)} | ${String(f.falseAnswers)}/${String(f.none)} = ${percent(f.falseAnswers, f.none)} | ${String(f.wronglyHandedOff)} | ${String(f.rightRelated)}/${String(f.notSure)} | ${String(f.noneWithRelated)}/${String(f.none)} |`,
        );
        if (name !== "development") continue;
        if (VERBOSE) {
          for (const a of asked) {
            const { kind, q } = a.question;
            const miss =
              (kind === "answer" && (a.answer.outcome !== "answer" || !expected(a.question).includes(a.topKey ?? ""))) ||
              (kind === "person" && a.answer.outcome !== "handoff") ||
              (kind === "none" && a.answer.outcome !== "no_answer");
            if (miss) say(`    ${kind} "${q}" → ${a.answer.outcome} ${a.topKey ?? ""} (${a.answer.confidence.toFixed(2)}; wanted ${expected(a.question).join("|") || kind})`);
          }
        }
        if (SWEEP) {
          // The same questions at other thresholds: the best article and its coverage, from the search itself.
          const workspace = { id: actor.workspaceId, slug: (await workspaceOf(runtime.db, actor.workspaceId)).slug };
          const searched = await Promise.all(
            asked.map(async (a) => {
              const [best] = await findPublicArticles(runtime.db, config, workspace, { text: a.question.q, locale, limit: 1 });
              return { ...a, topKey: best ? (keyOf.get(best.id) ?? null) : null, answer: { ...a.answer, confidence: best?.coverage ?? 0 } };
            }),
          );
          for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
            const f2 = figures(searched, t);
            say(`    threshold ${t.toFixed(2)}: top-1 ${percent(f2.top1, f2.answerable)}, another article ${String(f2.wrongArticle)}, false answers ${percent(f2.falseAnswers, f2.none)}`);
          }
        }
      }
    }
    say(`\none ask, in process: p95 ${p95(times).toFixed(1)} ms over ${String(times.length)} questions`);
    handoffDetector();
  } finally {
    await app.close();
    await runtime.jobs.stop();
    await runtime.bus.close();
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
