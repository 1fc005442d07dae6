import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const LOCALES_DIR = join(import.meta.dirname, "../../../locales");

/** Every key of a nested translation file, as dotted paths, with its text. */
function entries(tree: unknown, prefix = ""): [string, string][] {
  if (typeof tree === "string") return [[prefix, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => entries(value, prefix ? `${prefix}.${key}` : key));
}

const load = (locale: string, file: string) => new Map(entries(JSON.parse(readFileSync(join(LOCALES_DIR, locale, file), "utf8"))));
/** i18next's plural endings: a language may need forms English does not (Czech: few, many). */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe.each(readdirSync(join(LOCALES_DIR, "en")))("%s", (file) => {
  const en = load("en", file);
  it.each(["pt-BR", "cs"])("in %s has every English key, no other, and no empty text", (locale) => {
    const other = load(locale, file);
    const missing = [...new Set([...en.keys()].map(base))].filter((k) => ![...other.keys()].some((o) => base(o) === k));
    const extra = [...new Set([...other.keys()].map(base))].filter((k) => ![...en.keys()].some((e) => base(e) === k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect([...other].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });
});
