import type { AnswerCheck, AttendantFlow, AttendantStep, AttendantText, Locale, MessageButton } from "@atende/shared";
import type { AttendantFact } from "../../db/schema/index.js";
import { unaccent, words } from "@atende/shared";
import { RE2JS } from "re2js";
import { AppError } from "../../lib/app-error.js";

/** A step's words in the customer's language; else the workspace's; else any it has. */
export function say(text: AttendantText, locale: Locale, fallback: Locale): string {
  return text[locale] ?? text[fallback] ?? Object.values(text).find((v) => v.trim() !== "") ?? "";
}

/** The value a button stands for when it starts a flow. */
export const flowButton = (flow: AttendantFlow) => `flow:${flow.id}`;

/** The flow the customer's words start: one of its keywords (in their language) among them. */
export function flowFor(flows: readonly AttendantFlow[], text: string, locale: Locale): AttendantFlow | undefined {
  const said = ` ${words(text).map(unaccent).join(" ")} `;
  return flows.find((flow) => (flow.keywords[locale] ?? []).some((k) => said.includes(` ${words(k).map(unaccent).join(" ")} `)));
}

/** The step after `step` when it names none: the next one down, or none at the flow's end. */
export function following(flow: AttendantFlow, step: AttendantStep, next?: string): AttendantStep | undefined {
  if (next !== undefined) return flow.steps.find((s) => s.id === next);
  return flow.steps[flow.steps.indexOf(step) + 1];
}

/** An answer as the step keeps it, or null when it is not what the step asks for. */
export function checked(check: AnswerCheck, answer: string): string | null {
  const text = answer.trim();
  if (text === "") return null;
  switch (check.type) {
    case "text":
      return text;
    case "number": {
      const n = Number(text.replace(/\s/g, "").replace(",", "."));
      if (!Number.isFinite(n) || (check.min !== undefined && n < check.min) || (check.max !== undefined && n > check.max)) return null;
      return String(n);
    }
    case "email":
      return /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$/u.test(text) ? text.toLowerCase() : null;
    case "phone": {
      const digits = text.replace(/[\s().-]/g, "");
      return /^\+?\d{8,15}$/.test(digits) ? digits : null;
    }
    case "pattern": {
      const pattern = answerPattern(check.pattern);
      if (!pattern) throw AppError.invalidField("check.pattern", "is not a regular expression RE2 accepts", "pattern"); // saved before RE2 checked it
      return pattern.test(text) ? text : null;
    }
  }
}

/**
 * A flow's pattern as RE2 reads it, whose matching time grows with the answer's length alone: never
 * exponentially, as JavaScript's backtracking RegExp does on `^(a+)+$` and a long answer, so neither
 * a careless pattern nor a customer's answer can stall the server. Null when RE2 does not accept it
 * (look-arounds and back-references, which need backtracking).
 */
export function answerPattern(pattern: string): RE2JS | null {
  try {
    return RE2JS.compile(pattern);
  } catch {
    return null;
  }
}

/** Where the first of these flows' patterns that RE2 does not accept is, as a field path of `virtualAttendant`; null when all are. */
export function unreadablePattern(flows: readonly AttendantFlow[]): string | null {
  for (const [f, flow] of flows.entries())
    for (const [i, step] of flow.steps.entries())
      if (step.type === "ask" && step.check.type === "pattern" && !answerPattern(step.check.pattern)) return `virtualAttendant.flows.${String(f)}.steps.${String(i)}.check.pattern`;
  return null;
}

/** The choice a customer made at a `buttons` step: the button pressed, or its label typed in any language. */
export function chosen(step: Extract<AttendantStep, { type: "buttons" }>, pressed: string | null, text: string) {
  const said = unaccent(text.trim().toLocaleLowerCase());
  return step.options.find((o) => o.value === pressed || Object.values(o.label).some((label) => unaccent(label.trim().toLocaleLowerCase()) === said));
}

/** A step's buttons in the customer's language. */
export function optionButtons(step: Extract<AttendantStep, { type: "buttons" }>, locale: Locale, fallback: Locale): MessageButton[] {
  return step.options.map((o) => ({ label: say(o.label, locale, fallback), value: o.value }));
}

/** The facts with one more: a key answered again keeps only its newest answer. */
export function withFact(facts: readonly AttendantFact[], key: string, value: string): AttendantFact[] {
  return [...facts.filter((f) => f.key !== key), { key, value }];
}

/** A fact kept by an earlier step, for a branch. */
export function factOf(facts: readonly AttendantFact[], key: string): string | undefined {
  return facts.find((f) => f.key === key)?.value;
}
