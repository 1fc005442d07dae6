/**
 * A light Czech stemmer: PostgreSQL has none, and Czech inflects nouns, adjectives and verbs by
 * their endings ("faktura", "faktury", "faktuře", "fakturou"). It follows the "light" stemmer of
 * Dolamic & Savoy (2009, "Indexing and stemming approaches for the Czech language"): strip one case
 * ending, then a possessive suffix, then undo the commonest consonant alternations (c/č → k,
 * z/ž → h, čt → ck, št → sk) and the mobile e ("hesel" → "hesl"). It works on lower-case text with
 * its accents (the endings need them); the caller removes accents from the stem afterwards, so a
 * query typed without accents meets the same stem.
 */

const ENDINGS: readonly [minLength: number, endings: readonly string[]][] = [
  [8, ["atech"]],
  [7, ["ětem", "etem", "atům"]],
  [6, ["ech", "ich", "ích", "ého", "ěmi", "emi", "ému", "ěte", "ete", "ěti", "eti", "ího", "iho", "ími", "ímu", "imu", "ách", "ata", "aty", "ých", "ama", "ami", "ové", "ovi", "ými"]],
  [5, ["em", "es", "ém", "ím", "ům", "at", "ám", "os", "us", "ým", "mi", "ou"]],
  [4, ["a", "e", "i", "o", "u", "ů", "y", "á", "é", "í", "ý", "ě"]],
];

function removeCase(word: string): string {
  for (const [minLength, endings] of ENDINGS) {
    if (word.length < minLength) continue;
    const ending = endings.find((e) => word.endsWith(e));
    if (ending) return word.slice(0, -ending.length);
  }
  return word;
}

function removePossessive(word: string): string {
  if (word.length > 5 && (word.endsWith("ov") || word.endsWith("in") || word.endsWith("ův"))) return word.slice(0, -2);
  return word;
}

function normalize(word: string): string {
  if (word.endsWith("čt")) return `${word.slice(0, -2)}ck`;
  if (word.endsWith("št")) return `${word.slice(0, -2)}sk`;
  const last = word.at(-1);
  if (last === "c" || last === "č") return `${word.slice(0, -1)}k`;
  if (last === "z" || last === "ž") return `${word.slice(0, -1)}h`;
  if (word.length > 2 && (word.at(-2) === "e" || word.at(-2) === "ě") && !/[aeiouyáéíóúůýě]/.test(last ?? "")) {
    return word.slice(0, -2) + (last ?? "");
  }
  if (word.length > 2 && word.at(-2) === "ů") return `${word.slice(0, -2)}o${last ?? ""}`;
  return word;
}

/** The stem of one lower-case Czech word ("objednávky" → "objednávk"); short words stay as they are. */
export function czechStem(word: string): string {
  if (word.length < 4) return word;
  return normalize(removePossessive(removeCase(word)));
}
