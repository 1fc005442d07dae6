import { z } from "zod";
import { LOCALES, PRIORITIES } from "../enums.js";
import { rule } from "../errors.js";
import { Id, text, TimestampInput } from "./common.js";

/** What the virtual attendant does with a customer's words: answer from an article, hand off to a person, or say it has no answer. */
export const ATTENDANT_OUTCOMES = ["answer", "handoff", "no_answer"] as const;
export type AttendantOutcome = (typeof ATTENDANT_OUTCOMES)[number];

/**
 * Why a conversation went from the attendant to a person; `failed`: a step it took was refused (a
 * flow's team since deleted, a contact with no room for another attribute), which trying again
 * would not change.
 */
export const HANDOFF_REASONS = ["asked", "frustrated", "not_confident", "not_solved", "flow", "failed", "agent"] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** The most characters of a question the attendant reads. */
export const ATTENDANT_QUESTION_MAX = 2000;

export const AskAttendantBody = z.object({
  question: text(ATTENDANT_QUESTION_MAX).refine((q) => q.trim() !== "", "must not be empty"),
  /** The customer's language; absent, it is told from the text (else the workspace's). */
  locale: z.enum(LOCALES).optional(),
  /** The inbox asked for; every inbox's attendant answers from the workspace's public knowledge base alike, so it changes nothing yet. */
  inboxId: Id.optional(),
});
export type AskAttendantBody = z.infer<typeof AskAttendantBody>;

/** A public article the attendant points to: its translation, title and address in the help center. */
export const AttendantArticleRef = z.object({ id: Id, title: z.string(), url: z.string() });

export const AttendantAnswerDto = z.object({
  outcome: z.enum(ATTENDANT_OUTCOMES),
  /** What the attendant says to the customer, in `locale`. */
  reply: z.string(),
  locale: z.enum(LOCALES),
  /** The public article it answers from (outcome `answer`). */
  article: AttendantArticleRef.nullable(),
  /** The passage of the article that answers (outcome `answer`). */
  passage: z.string().nullable(),
  /** How sure it is that the article answers, from 0 to 1; it answers from its language's `ATTENDANT_CONFIDENCE` up. */
  confidence: z.number(),
  /** Why it hands off (outcome `handoff`). */
  reason: z.enum(HANDOFF_REASONS).nullable(),
  /**
   * When it is not sure (outcome `no_answer`): up to 3 public articles that cover part of the
   * question, best first, offered as "may be related" beside a person (never quoted as an answer).
   */
  related: z.array(AttendantArticleRef),
});
export type AttendantAnswerDto = z.infer<typeof AttendantAnswerDto>;

/** A text the attendant says, per language (a language left out says the workspace's, else English). */
export const AttendantText = z
  .object({ en: text(1000), "pt-BR": text(1000), cs: text(1000) })
  .partial()
  .refine((t) => Object.values(t).some((v) => v.trim() !== ""), rule("attendant_text", "must say something in at least one language"));
export type AttendantText = z.infer<typeof AttendantText>;

/**
 * A required text, kept as written: the settings are shown back as they were sent (an API response
 * is checked against the same schema, so nothing here may transform).
 */
const Phrase = (max: number) => text(max).refine((s) => s.trim() !== "", "must not be empty");

/** A flow's or a step's name, an attribute's key: short, lower case, for people and JSON alike. */
const Key = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, rule("attendant_key", "must be lower-case letters, digits, - or _ (up to 40), starting with a letter"));

/** Where an answer is kept: on the contact (custom attribute) or on the conversation. */
const SaveAs = z.object({ to: z.enum(["contact", "conversation"]), key: Key });

/** What an answer must be; a wrong one is asked again with the step's `reask`. */
export const AnswerCheck = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("number"), min: z.number().optional(), max: z.number().optional() }),
  z.object({ type: z.literal("email") }),
  z.object({ type: z.literal("phone") }),
  /** A regular expression in RE2's syntax (no look-arounds nor back-references), which the server checks when a flow is saved. */
  z.object({ type: z.literal("pattern"), pattern: text(200) }),
]);
export type AnswerCheck = z.infer<typeof AnswerCheck>;

const Next = Key.optional();

/**
 * One step of a flow. Steps run in order; `next` jumps to another (by id). `ask` waits for an answer
 * and keeps it; `buttons` offers choices (kept as their `value`) that may each lead elsewhere;
 * `branch` goes by a kept answer; `say` and `article` tell; `set` tags, prioritises or gives the
 * conversation to a team; `hand_off` passes it to a person; `end` goes back to free questions.
 */
export const AttendantStep = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ask"), id: Key, text: AttendantText, save: SaveAs, check: AnswerCheck, reask: AttendantText, next: Next }),
  z.object({
    type: z.literal("buttons"),
    id: Key,
    text: AttendantText,
    options: z.array(z.object({ value: Phrase(100), label: AttendantText, next: Next })).min(1).max(8),
    save: SaveAs.optional(),
  }),
  z.object({
    type: z.literal("branch"),
    id: Key,
    on: SaveAs,
    cases: z.array(z.object({ equals: Phrase(200), next: Key })).min(1).max(20),
    otherwise: Next,
  }),
  z.object({ type: z.literal("say"), id: Key, text: AttendantText, next: Next }),
  z.object({ type: z.literal("article"), id: Key, articleId: Id, next: Next }),
  z.object({
    type: z.literal("set"),
    id: Key,
    tags: z.array(Phrase(50)).min(1).max(10).optional(),
    priority: z.enum(PRIORITIES).optional(),
    teamId: Id.optional(),
    next: Next,
  }),
  z.object({ type: z.literal("hand_off"), id: Key, text: AttendantText.optional(), teamId: Id.optional() }),
  z.object({ type: z.literal("end"), id: Key, text: AttendantText.optional() }),
]);
export type AttendantStep = z.infer<typeof AttendantStep>;

/** The steps a step names to go on to, each with where in the step it is named; `undefined`: the step after it. */
function namedNext(step: AttendantStep): [string | undefined, (string | number)[]][] {
  if (step.type === "buttons") return step.options.map((o, j) => [o.next, ["options", j, "next"]]);
  if (step.type === "branch") return [...step.cases.map((c, j): [string, (string | number)[]] => [c.next, ["cases", j, "next"]]), [step.otherwise, ["otherwise"]]];
  if (step.type === "hand_off" || step.type === "end") return []; // they go on to nothing
  return [[step.next, ["next"]]];
}

/** Where a step that waits for nothing goes on to, by index (past the last: the flow ends); none for one that asks. */
function goesOnTo(steps: readonly AttendantStep[], i: number): number[] {
  const step = steps[i];
  if (!step || step.type === "ask" || step.type === "buttons") return [];
  return namedNext(step).map(([id]) => (id === undefined ? i + 1 : steps.findIndex((s) => s.id === id)));
}

/**
 * The index of a step on a loop that waits for nothing (telling, setting, branching on a kept
 * answer that cannot change meanwhile), or null: walked, such a loop never ends.
 */
function stepInLoop(steps: readonly AttendantStep[]): number | null {
  const state: ("new" | "walking" | "done")[] = steps.map(() => "new");
  const visit = (i: number): number | null => {
    if (state[i] === "walking") return i;
    if (state[i] !== "new") return null;
    state[i] = "walking";
    for (const j of goesOnTo(steps, i)) {
      const found = j >= 0 && j < steps.length ? visit(j) : null;
      if (found !== null) return found;
    }
    state[i] = "done";
    return null;
  };
  for (let i = 0; i < steps.length; i++) {
    const found = visit(i);
    if (found !== null) return found;
  }
  return null;
}

/**
 * A flow: what the attendant walks a customer through (collecting facts, offering choices,
 * handing off). It starts from its button in the greeting (`button`), or when the customer's words
 * have one of its `keywords` in their language.
 */
export const AttendantFlow = z
  .object({
    id: Key,
    button: AttendantText,
    keywords: z.object({ en: z.array(Phrase(60)).max(30), "pt-BR": z.array(Phrase(60)).max(30), cs: z.array(Phrase(60)).max(30) }).partial().default({}),
    steps: z.array(AttendantStep).min(1).max(50),
  })
  .superRefine((flow, issue) => {
    const ids = new Set<string>();
    flow.steps.forEach((step, i) => {
      if (ids.has(step.id)) issue.addIssue({ code: "custom", path: ["steps", i, "id"], message: rule("duplicate", "must be unique") });
      ids.add(step.id);
    });
    flow.steps.forEach((step, i) => {
      for (const [target, path] of namedNext(step)) {
        if (target !== undefined && !ids.has(target)) issue.addIssue({ code: "custom", path: ["steps", i, ...path], message: rule("unknown_step", "must name a step of this flow") });
      }
    });
    const looping = stepInLoop(flow.steps);
    if (looping !== null) {
      issue.addIssue({
        code: "custom",
        path: ["steps", looping],
        message: rule("step_loop", "leads back to itself without asking anything, so the customer would get the same messages forever; make a step on the way ask, offer buttons or end"),
      });
    }
  });
export type AttendantFlow = z.infer<typeof AttendantFlow>;

/** When the attendant answers: always, or only while no agent is online. */
export const ATTENDANT_WHEN = ["always", "offline"] as const;

/** An inbox's virtual attendant, as an admin sets it up. */
export const VirtualAttendantSettings = z.object({
  enabled: z.boolean(),
  name: Phrase(60),
  /** A picture's https address, shown beside its messages; null for the default. */
  avatarUrl: z.url({ protocol: /^https$/ }).max(2000).nullable(),
  /** What it says first, per language; a language left out says the translated default. */
  greeting: z.object({ en: text(1000), "pt-BR": text(1000), cs: text(1000) }).partial(),
  when: z.enum(ATTENDANT_WHEN),
  flows: z.array(AttendantFlow).max(20),
});
export type VirtualAttendantSettings = z.infer<typeof VirtualAttendantSettings>;

/** The settings as stored and shown: numbered, each change one version more. */
export const VirtualAttendantDto = VirtualAttendantSettings.extend({ version: z.number().int() });
export type VirtualAttendantDto = z.infer<typeof VirtualAttendantDto>;

/** What `{enabled: true}` alone turns on. */
export const DEFAULT_VIRTUAL_ATTENDANT: VirtualAttendantSettings = { enabled: false, name: "Atende", avatarUrl: null, greeting: {}, when: "always", flows: [] };

/** A change of the attendant: what is given replaces what was; the rest stays. */
export const VirtualAttendantChange = VirtualAttendantSettings.partial();
export type VirtualAttendantChange = z.infer<typeof VirtualAttendantChange>;

export const AttendantStatsQuery = z
  .object({
    /** From this day on (inclusive; default 30 days ago) to `to` (exclusive; default now). */
    from: TimestampInput.optional(),
    to: TimestampInput.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.to) > Date.parse(q.from), {
    path: ["to"],
    message: rule("after_from", "must be later than from"),
  });
export type AttendantStatsQuery = z.infer<typeof AttendantStatsQuery>;

/**
 * What the attendant did with the conversations it started in, per inbox and language: resolved
 * itself (the customer said it solved it), handed off (and why), taken over by an agent, still with it.
 */
export const AttendantStatsDto = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      inboxId: Id,
      locale: z.enum(LOCALES),
      conversations: z.number().int(),
      resolved: z.number().int(),
      handedOff: z.number().int(),
      handoffReasons: z.record(z.enum(HANDOFF_REASONS), z.number().int()),
      takenOver: z.number().int(),
      active: z.number().int(),
    }),
  ),
});
export type AttendantStatsDto = z.infer<typeof AttendantStatsDto>;
