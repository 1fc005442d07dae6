import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAIL_FAILURES } from "@atende/shared";

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

/** Every source file below a folder (tests left out). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the reasons a field is refused", () => {
  it("are each said in the web app's words, in every language (not the generic 'is not valid')", () => {
    const root = join(import.meta.dirname, "../../..");
    const codes = new Set<string>();
    for (const file of [...sources(join(root, "apps/server/src")), ...sources(join(root, "packages/shared/src"))]) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/rule\("([a-z_]+)"/g)) codes.add(m[1] ?? "");
      for (const m of text.matchAll(/invalidField\((?:[^()]|\([^()]*\))*?,\s*"([a-z_]+)"\)/g)) codes.add(m[1] ?? "");
    }
    expect(codes.size).toBeGreaterThan(20);
    for (const locale of ["en", "pt-BR", "cs"]) {
      const known = load(locale, "web.json");
      expect([...codes].filter((code) => !known.has(`fieldErrors.${code}`)), locale).toEqual([]);
    }
  });
});

describe("why mail could not go or come", () => {
  it("is said in the web app's words for every reason, in every language", () => {
    for (const locale of ["en", "pt-BR", "cs"]) {
      const known = load(locale, "web.json");
      expect(MAIL_FAILURES.filter((failure) => !known.has(`mailFailure.${failure}`)), locale).toEqual([]);
    }
  });
});
