import { z } from "zod";
import { LOCALES } from "../enums.js";
import { Id } from "./common.js";

/** What the virtual attendant does with a customer's words: answer from an article, hand off to a person, or say it has no answer. */
export const ATTENDANT_OUTCOMES = ["answer", "handoff", "no_answer"] as const;
export type AttendantOutcome = (typeof ATTENDANT_OUTCOMES)[number];

/** Why a conversation went from the attendant to a person. */
export const HANDOFF_REASONS = ["asked", "frustrated", "not_confident", "not_solved", "flow", "agent"] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** The most characters of a question the attendant reads. */
export const ATTENDANT_QUESTION_MAX = 2000;

export const AskAttendantBody = z.object({
  question: z.string().trim().min(1).max(ATTENDANT_QUESTION_MAX),
  /** The customer's language; absent, it is told from the text (else the workspace's). */
  locale: z.enum(LOCALES).optional(),
  /** The inbox whose attendant answers (its settings); absent, the workspace's knowledge base as any inbox's. */
  inboxId: Id.optional(),
});
export type AskAttendantBody = z.infer<typeof AskAttendantBody>;

export const AttendantAnswerDto = z.object({
  outcome: z.enum(ATTENDANT_OUTCOMES),
  /** What the attendant says to the customer, in `locale`. */
  reply: z.string(),
  locale: z.enum(LOCALES),
  /** The public article it answers from (outcome `answer`). */
  article: z.object({ id: Id, title: z.string(), url: z.string() }).nullable(),
  /** The passage of the article that answers (outcome `answer`). */
  passage: z.string().nullable(),
  /** How sure it is that the article answers, from 0 to 1; it answers from `ATTENDANT_CONFIDENCE` up. */
  confidence: z.number(),
  /** Why it hands off (outcome `handoff`). */
  reason: z.enum(HANDOFF_REASONS).nullable(),
});
export type AttendantAnswerDto = z.infer<typeof AttendantAnswerDto>;
