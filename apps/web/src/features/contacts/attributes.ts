/** A custom attribute as the contact form edits it: its name and its value as text. */
export type AttributeRow = { key: string; value: string };

type Stored = Record<string, unknown>;

/** A stored value as text: attributes hold text, numbers, yes/no or nothing (anything else as JSON). */
function written(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The rows the form starts with: every stored attribute, its value written out (nothing for null). */
export function attributeRows(stored: Stored): AttributeRow[] {
  return Object.entries(stored).map(([key, value]) => ({ key, value: written(value) }));
}

type Value = string | number | boolean | null;

/**
 * The text an agent typed, as the kind of value the attribute had: numbers stay numbers and yes/no
 * stays yes/no when they still read as one, and an empty value stays empty.
 */
function typed(text: string, before: unknown): Value {
  const trimmed = text.trim();
  if (before === null && trimmed === "") return null;
  if (typeof before === "number" && trimmed !== "" && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (typeof before === "boolean" && (trimmed === "true" || trimmed === "false")) return trimmed === "true";
  return text;
}

/**
 * What to send for the attributes (a merge patch): the changed and added ones, and null for each one
 * removed or renamed away; undefined when nothing changed. Rows without a name are left out.
 */
export function attributesPatch(rows: AttributeRow[], stored: Stored): Record<string, Value> | undefined {
  const next = new Map(rows.filter((r) => r.key.trim() !== "").map((r) => [r.key.trim(), typed(r.value, stored[r.key.trim()])]));
  const patch: Record<string, Value> = {};
  for (const key of Object.keys(stored)) if (!next.has(key)) patch[key] = null;
  for (const [key, value] of next) if (stored[key] !== value) patch[key] = value;
  return Object.keys(patch).length === 0 ? undefined : patch;
}
