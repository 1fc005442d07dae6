import { unaccent, words, type Locale } from "@atende/shared";
import { czechStem } from "./czech-stem.js";
import { SUPPORT_SYNONYMS } from "./support-lexicon.js";

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
  // Every word with what is hyphened to it (no backtracking: a word is read once), then those with a hyphen.
  const joined = (text.match(/[\p{L}\p{N}]+(?:[-‐‑][\p{L}\p{N}]+)*/gu) ?? []).filter((w) => /[-‐‑]/.test(w)).map((w) => w.replace(/[-‐‑]/g, ""));
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
 * lacks interrogatives and chat contractions, and misses its own accented words once a question is
 * without accents. Compared without accents.
 */
const STOPWORDS: Record<Locale, ReadonlySet<string>> = {
  en: new Set(),
  "pt-BR": new Set([
    ...["onde", "aonde", "cade", "porque", "quanto", "quanta", "quantos", "quantas", "quais", "pra", "pro", "pras", "pros", "ta", "to", "ne", "vc", "vcs"],
    // "Can" and "can't", as PostgreSQL's English list leaves out "can" and our Czech one "může", "můžu".
    ..."poder posso pode podem podemos podia poderia poderiam consigo consegue conseguem conseguimos conseguir consegui conseguiu".split(" "),
    // PostgreSQL's own list, where it has accents: it leaves out "não" and "já" but not "nao" and "ja",
    // and a question is searched without its accents.
    ..."nao ja tambem so ate voce voces nos estao estavamos estiveramos estivessemos ha hao houveramos houvessemos houvera houverao houveriamos sao eramos foramos fossemos sera serao seriamos tinhamos tiveramos tivessemos tera terao teriamos".split(" "),
  ]),
  cs: new Set(
    (
      "a aby ale ani ano asi az bez bude budeme budes by byl byla byli bylo byt co coz ci do ho i ja jak jaky jaka jake jako je jeho jej jeji jejich jen jeste " +
      "ji jine jiz jsem jses jsi jsme jsou jste k kam kde kdo kdy kdyz ke kterou ktera ktere ktery kteri ku ma maji mam mame mate me mezi mi mit mne mnou moc " +
      "moje muj muze muzu my na nad nam nami nas nase ne nebo neco nejak neni nic o od on ona oni ono pak po pod pokud pro proc pred pri s se si sice sve svuj " +
      "ta tak take takze tam te tedy ten tento timto to tohle toho tom tomto tu tuto ty tyto u uz v vam vas vase ve vice vsak vy z za ze " +
      "furt jemu jim jo mu nejaky nejaka nejake ni nich nim no porad proto sem tady taky ted tech tem tema tim vse vsechno zde"
    ).split(" "),
  ),
};

/**
 * How customers write words in chat, as the words (lower case): the short forms of everyday
 * messages ("qdo", "pq", "hj"; "pls", "u"), so that a function word is left out like its full form
 * and a content word meets the articles' spelling.
 */
const CHAT_SPELLINGS: Record<Locale, ReadonlyMap<string, string>> = {
  en: new Map(
    Object.entries({ u: "you", ur: "your", r: "are", pls: "please", plz: "please", thx: "thanks", bc: "because", cuz: "because", b4: "before", tmrw: "tomorrow", acct: "account", pwd: "password", msg: "message", asap: "as soon as possible" }),
  ),
  "pt-BR": new Map(
    Object.entries({
      vc: "você", vcs: "vocês", pq: "porque", pk: "porque", qdo: "quando", qnd: "quando", qndo: "quando", qto: "quanto", qnto: "quanto", tb: "também", tbm: "também",
      hj: "hoje", q: "que", oq: "o que", cmg: "comigo", td: "tudo", tds: "todos", mt: "muito", mto: "muito", mta: "muita", msg: "mensagem", nd: "nada", n: "não",
      eh: "é", dps: "depois", agr: "agora", ngm: "ninguém", alg: "alguém", pfv: "por favor", pfvr: "por favor", fds: "fim de semana", cel: "celular",
    }),
  ),
  cs: new Map(Object.entries({ pls: "prosím", plz: "prosím", prosim: "prosím", jj: "jo", nn: "ne", tzn: "to znamená", tj: "to je", dik: "díky" })),
};

/** English negations written short ("don't", "hasn't") as their words, so that "not" is left out like the others. */
const withoutContractions = (text: string): string =>
  text.replace(/\b(won|can|shan)['’]t\b/gi, (_m, w: string) => `${w.toLowerCase() === "won" ? "will" : w} not`).replace(/n['’]t\b/gi, " not");

/** A word's search key: the word without accents (Czech: its stem). */
const keyOf = (locale: Locale, word: string): string => (locale === "cs" ? unaccent(czechStem(word)) : unaccent(word));

/**
 * A question's words as searched: English short negations and chat spellings as their words,
 * hyphenated compounds also joined, words of one character left out, and function words too
 * (unless the question has nothing else).
 */
function questionWords(locale: Locale, q: string): string[] {
  const tokens = words(withJoinedCompounds(locale === "en" ? withoutContractions(q) : q))
    .flatMap((w) => CHAT_SPELLINGS[locale].get(w)?.split(" ") ?? [w])
    .filter((w) => w.length > 1 || /\d/.test(w));
  const meaningful = tokens.filter((w) => !STOPWORDS[locale].has(unaccent(w)));
  return meaningful.length > 0 ? meaningful : tokens;
}

/**
 * A question's search keys: one per distinct word (questionWords), as the index spells it before
 * PostgreSQL's own stemming (unaccented words; Czech stems).
 */
export function queryKeys(locale: Locale, q: string): string[] {
  return [...new Set(questionWords(locale, q).map((w) => keyOf(locale, w)))];
}

/**
 * Regular ways one word is written otherwise, by language, tried only for a word no article has:
 * British and American spelling; Portugal's spelling before the 1990 agreement ("acção", "óptimo")
 * and its everyday words where Brazil says another ("telemóvel", "encomenda"); Czech negation
 * ("neodešlo" for "odešlo") and common spoken Czech ("žlutej kabel" for "žlutý", "vodešlo").
 */
const WRITTEN_OTHERWISE: Record<Locale, readonly (readonly [RegExp, string])[]> = {
  en: [
    [/our$/, "or"],
    [/([^o])or$/, "$1our"],
    [/is(e|ed|es|ing|ation)$/, "iz$1"],
    [/iz(e|ed|es|ing|ation)$/, "is$1"],
    [/ys(e|ed|es|ing)$/, "yz$1"],
    [/tre$/, "ter"],
    [/ll(ed|ing|er)$/, "l$1"],
    [/([aeiou][^aeiou])l(ed|ing|er)$/, "$1ll$2"],
    [/ogue$/, "og"],
  ],
  "pt-BR": [
    [/c([çt])/, "$1"],
    [/p([çt])/, "$1"],
  ],
  cs: [
    [/^ne(?=\p{L}{3})/u, ""],
    [/^vo/, "o"],
    [/ejch$/, "ých"],
    [/ejm$/, "ým"],
    [/ejma$/, "ými"],
    [/ej$/, "ý"],
    [/ýho$/, "ého"],
    [/ýmu$/, "ému"],
  ],
};

/** Portugal's everyday words where Brazil, whose Portuguese the articles are written in, says another. */
const PORTUGAL_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    telemóvel: "celular", telemóveis: "celulares", ecrã: "tela", equipa: "equipe", registo: "registro", registar: "registrar", utilizador: "usuário",
    ficheiro: "arquivo", ficheiros: "arquivos", morada: "endereço", descarregar: "baixar", encomenda: "pedido", encomendas: "pedidos", encomendei: "pedi",
    portes: "frete", rato: "mouse", apelido: "sobrenome", contacto: "contato", contactar: "contatar", receção: "recepção", facto: "fato", autocarro: "ônibus",
  }),
);

/** In every language, a number written together with its unit ("5ghz", "100mb") is also the unit. */
const GLUED_UNIT: readonly [RegExp, string] = [/^\d+(\p{L}{2,})$/u, "$1"];

/** The other ways a word may be written (see WRITTEN_OTHERWISE), as words. */
function writtenOtherwise(locale: Locale, word: string): string[] {
  const lexical = locale === "pt-BR" ? PORTUGAL_WORDS.get(word) : undefined;
  const regular = [...WRITTEN_OTHERWISE[locale], GLUED_UNIT].flatMap(([pattern, replacement]) => {
    const other = word.replace(pattern, replacement);
    return other === word ? [] : [other];
  });
  return lexical ? [lexical, ...regular] : regular;
}

/**
 * The search keys of a question's words that may be said otherwise, each with the keys of its other
 * wordings in order of preference: the same word written otherwise, then the words of the same
 * meaning in a support question. What a word no article has is looked for as.
 */
export function otherWordings(locale: Locale, q: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const word of questionWords(locale, q)) {
    const key = keyOf(locale, word);
    const spelt = writtenOtherwise(locale, word).map((w) => keyOf(locale, w));
    const others = [...new Set([...(found.get(key) ?? []), ...spelt, ...(SYNONYM_KEYS[locale].get(key) ?? [])])].filter((k) => k !== key && k.length > 1);
    if (others.length > 0) found.set(key, others);
  }
  return found;
}

/**
 * Portuguese singulars and plurals that PostgreSQL's stemmer, given words without accents, leaves
 * apart ("configuração" and "configurações" are "configuraca" and "configuraco"; "mensagem" and
 * "mensagens", "canal" and "canais" keep their endings): the other number's ending, by the word's.
 */
const PORTUGUESE_NUMBER: readonly (readonly [singular: string, plural: string])[] = [
  ["ao", "oes"],
  ["m", "ns"],
  ["al", "ais"],
  ["el", "eis"],
  ["ol", "ois"],
  ["ul", "uis"],
];

/** A key and the key of its other number, where the stemmer would not bring them together (Portuguese). */
export function numberForms(locale: Locale, key: string): string[] {
  if (locale !== "pt-BR" || key.length < 4) return [key];
  const others = PORTUGUESE_NUMBER.flatMap(([one, many]) =>
    key.endsWith(many) ? [key.slice(0, -many.length) + one] : key.endsWith(one) ? [key.slice(0, -one.length) + many] : [],
  );
  return [key, ...others];
}

/** Each key of support-lexicon.ts's words in a language, with the keys of the others of its group. */
function synonymKeys(locale: Locale): ReadonlyMap<string, readonly string[]> {
  const byKey = new Map<string, string[]>();
  for (const group of SUPPORT_SYNONYMS[locale]) {
    const keys = [...new Set(group.map((w) => keyOf(locale, w)))];
    for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), ...keys.filter((other) => other !== k)]);
  }
  return byKey;
}

const SYNONYM_KEYS: Record<Locale, ReadonlyMap<string, readonly string[]>> = { en: synonymKeys("en"), "pt-BR": synonymKeys("pt-BR"), cs: synonymKeys("cs") };

/** The distinct keys a text adds to its language's vocabulary (what misspelled words are corrected to). */
export function vocabularyKeys(locale: Locale, text: string): string[] {
  return queryKeys(locale, text).filter((k) => k.length >= 4 && !/^\d+$/.test(k));
}
