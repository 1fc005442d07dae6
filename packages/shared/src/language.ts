import type { Locale } from "./enums.js";

/**
 * Words and languages of a customer's text, the same on the server (search, the virtual attendant)
 * and in the web app (which language to answer in).
 */

/** Removes accents: "Stěhování" → "Stehovani". */
export function unaccent(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").normalize("NFC");
}

/** Lower-case words (letters and digits) of a text, in order. */
export function words(text: string): string[] {
  return text.toLocaleLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
}


/** Letters only one of our languages writes (Czech: ě ř ů ť ď ň; Portuguese: ã õ ç and circumflexes). */
const LETTERS: Record<Locale, RegExp> = {
  cs: /[ěřůťďň]/giu,
  "pt-BR": /[ãõçâêô]/giu,
  en: /(?!)/gu,
};

/**
 * The commonest short words of each language, unaccented (what a text without its accents still
 * shows): a chat message of a few words almost always has one.
 */
const COMMON: Record<Locale, ReadonlySet<string>> = {
  en: new Set(
    "the my is i to how do does can you what it and not with for of on in a an are was have has me we your this that there why when where which please hi hello thanks want need get".split(" "),
  ),
  "pt-BR": new Set(
    "o a os as um uma de do da dos das que nao meu minha para pra com por e eu esta estou voce vc como quero preciso tem ter no na nos nas isso esse essa ola oi obrigado obrigada porque qual quando onde ja mais muito".split(
      " ",
    ),
  ),
  cs: new Set(
    "je se na mi jak mam muj moje to ze jsem jste prosim dobry den chci potrebuji potrebuju proc kde kdy co nefunguje neni uz jeste ale tak taky v ve do od pro s k a i nebo mate muzete muzu dekuji dik ahoj".split(
      " ",
    ),
  ),
};

/**
 * The language a customer wrote in, told from its letters and its commonest words; `fallback`
 * (the visitor's or the workspace's language) when the text does not say (too short, a number).
 */
export function detectLocale(text: string, fallback: Locale): Locale {
  const plain = words(text).map(unaccent);
  let best: Locale = fallback;
  let bestScore = 0;
  for (const locale of Object.keys(COMMON) as Locale[]) {
    const score = plain.filter((w) => COMMON[locale].has(w)).length + 2 * (text.match(LETTERS[locale])?.length ?? 0);
    if (score > bestScore || (score === bestScore && score > 0 && locale === fallback)) {
      best = locale;
      bestScore = score;
    }
  }
  return best;
}
