import { unaccent, words, type Locale } from "@atende/shared";
import { czechStem } from "./czech-stem.js";

/**
 * How the knowledge base's text becomes searchable, the same way for articles and for questions
 * (pure: no database). PostgreSQL stems English and Portuguese; Czech, which it cannot stem, is
 * stemmed here (czech-stem.ts) before PostgreSQL indexes the stems as `simple` words.
 */

/**
 * The text as indexed: itself, plus its hyphenated and dotted compounds written together
 * ("Wi-Fi" also as "wifi", "e-mail" as "email"), which people type both ways.
 */
export function withJoinedCompounds(text: string): string {
  const joined = (text.match(/[\p{L}\p{N}]+(?:[-‐‑][\p{L}\p{N}]+)+/gu) ?? []).map((w) => w.replace(/[-‐‑]/g, ""));
  return joined.length === 0 ? text : `${text}\n${joined.join(" ")}`;
}

/** Czech text as the stems PostgreSQL indexes (unaccented, one word each). */
export function czechStems(text: string): string {
  return words(text)
    .map((w) => unaccent(czechStem(w)))
    .join(" ");
}

/** What PostgreSQL receives to index a text of this language (it stems English and Portuguese itself). */
export function indexableText(locale: Locale, text: string): string {
  const full = withJoinedCompounds(text);
  return locale === "cs" ? czechStems(full) : full;
}

/**
 * Words that say nothing about what a question is about, beyond the lists PostgreSQL's stemmers
 * already leave out: it has none for Czech (its common function words), and the Portuguese one
 * lacks interrogatives and chat contractions. Compared without accents.
 */
const STOPWORDS: Record<Locale, ReadonlySet<string>> = {
  en: new Set(),
  "pt-BR": new Set(
    ["onde", "aonde", "cade", "porque", "quanto", "quanta", "quantos", "quantas", "quais", "pra", "pro", "pras", "pros", "ta", "to", "ne", "vc", "vcs"],
  ),
  cs: new Set(
    (
      "a aby ale ani ano asi az bez bude budeme budes by byl byla byli bylo byt co coz ci do ho i ja jak jaky jaka jake jako je jeho jej jeji jejich jen jeste " +
      "ji jine jiz jsem jses jsi jsme jsou jste k kam kde kdo kdy kdyz ke kterou ktera ktere ktery kteri ku ma maji mam mame mate me mezi mi mit mne mnou moc " +
      "moje muj muze muzu my na nad nam nami nas nase ne nebo neco nejak neni nic o od on ona oni ono pak po pod pokud pro proc pred pri s se si sice sve svuj " +
      "ta tak take takze tam te tedy ten tento timto to tohle toho tom tomto tu tuto ty tyto u uz v vam vas vase ve vice vsak vy z za ze"
    ).split(" "),
  ),
};

/**
 * A question's search keys: one per distinct word, as the index spells it before PostgreSQL's own
 * stemming (unaccented words; Czech stems). Words of one character and function words say nothing
 * and are left out (unless the question has nothing else).
 */
export function queryKeys(locale: Locale, q: string): string[] {
  const tokens = words(withJoinedCompounds(q)).filter((w) => w.length > 1 || /\d/.test(w));
  const meaningful = tokens.filter((w) => !STOPWORDS[locale].has(unaccent(w)));
  const keys = (meaningful.length > 0 ? meaningful : tokens).map((w) => (locale === "cs" ? unaccent(czechStem(w)) : unaccent(w)));
  return [...new Set(keys)];
}

/** The distinct keys a text adds to its language's vocabulary (what misspelled words are corrected to). */
export function vocabularyKeys(locale: Locale, text: string): string[] {
  return queryKeys(locale, text).filter((k) => k.length >= 4 && !/^\d+$/.test(k));
}
