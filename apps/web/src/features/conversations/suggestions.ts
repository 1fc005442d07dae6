/** What the agent is typing a suggestion for: `/code` (a canned response) or `@name` (a teammate), just before the caret. */
export type Trigger = { kind: "canned" | "mention"; query: string; start: number; end: number };

const TRIGGER = /(^|\s)([/@])([\p{L}\p{N}_.-]*)$/u;

/** The `/` or `@` word that ends at the caret, if any. */
export function triggerAt(text: string, caret: number): Trigger | null {
  const match = TRIGGER.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[3] ?? "";
  return { kind: match[2] === "/" ? "canned" : "mention", query, start: caret - query.length - 1, end: caret };
}

/** The text with the trigger replaced by `insert`, and where the caret goes after it. */
export function replaceTrigger(text: string, trigger: Trigger, insert: string): { text: string; caret: number } {
  const next = text.slice(0, trigger.start) + insert + text.slice(trigger.end);
  return { text: next, caret: trigger.start + insert.length };
}

/** Whether a name or code matches what was typed: case and accents ignored. */
export function matches(candidate: string, query: string): boolean {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return fold(candidate).includes(fold(query));
}
