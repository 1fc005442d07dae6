import { unaccent } from "@atende/shared";

/**
 * Whether a customer asks for a person, or is losing patience, in English, Portuguese or Czech.
 * Read by concepts, not phrases: words that name a person, words that ask to be put through, words
 * of politeness, a bot refused; each compared without accents, with letters stretched for emphasis
 * squeezed back ("humaaan") and one typing slip allowed in longer words ("operater", "atendnete").
 * The attendant hands off at once on either: keeping someone who asked for a person is the one
 * thing it must never do.
 */

/** Words that name someone whose job is to answer: with a request or alone ("atendente", "human please"), a request. */
const PERSON = words(
  // en
  "human humans agent agents operator operators representative representatives rep attendant attendants advisor adviser consultant " +
    "manager managers supervisor supervisors boss superior specialist specialists expert experts " +
    // pt
    "atendente atendentes humano humana humanos operador operadora operadores funcionario funcionaria funcionarios representante consultor consultora " +
    "gerente gerentes supervisor supervisora responsavel responsaveis especialista especialistas chefe encarregado " +
    // cs
    "clovek cloveka clovekem cloveku clovece lidsky lidskou lidskym lidskeho operator operatora operatorem operatorku operatorka operatorce operatorovi pracovnik pracovnika pracovnikem pracovnici zamestnanec zamestnance zamestnancem zamestnancu konzultant konzultanta poradce poradcem " +
    "vedouci vedouciho vedoucim vedoucimu nadrizeny nadrizeneho nadrizenym nadrizenemu specialista specialistu specialistou specialisty specialistovi " +
    "sef sefa sefem sefovi reditel reditele reditelem",
);

/**
 * Words for anyone at all, or the company's people as a group: a request only when the customer
 * asks to talk to them ("talk to someone", "přepojte mě na podporu"), wants one close by ("get me a
 * person", "com alguém da equipe"), asks for a real one or whether one is there ("anyone there?"),
 * or says nothing else; not in "someone uses my wifi".
 */
const SOMEONE = words(
  "someone somebody anyone anybody whoever person persons people man woman guy staff employee employees team member members support colleague colleagues service " +
    "department desk helpdesk hotline " +
    "alguem ninguem gente pessoa pessoas moco moca equipe suporte colega colegas atendimento setor departamento financeiro comercial central sac ouvidoria " +
    "nekdo nekoho nekym nekomu kohokoli lidi lidmi lidem osoba osobu osobou osobe tym tymu tymem podpora podporu podporou podpore kolega kolegu kolegy kolegou kolegum kolegou " +
    "oddeleni linka linku linkou infolinka infolinku infolinkou",
);

/** Words that ask for a real one ("a real person", "pessoa de verdade", "živého člověka"). */
const REAL = words(
  "real actual live living proper verdade verdadeira verdadeiro vivo viva carne skutecny skutecneho skutecnym skutecnou opravdovy opravdoveho opravdovym opravdovou realny realneho realnym zivy ziveho zivym zivou",
);

/** Words that ask to be put through to someone, or attended by them. */
const TALK = words(
  "talk speak chat connect transfer call callback contact reach escalate forward discuss complain communicate " +
    "falar fala falo conversar converse conversa comunicar passa passar passe transferir transfere transfira chama chamar chame ligar liga encaminhar encaminha contato contatar atender atenda reclamar retornar retorno " +
    "mluvit promluvit hovorit mluvim bavit komunikovat chatovat eskalovat eskalujte ozve ozvat spojit spojeni prepojeni spojte spojis prepojit prepojte prepojis predejte zavolat zavolejte kontaktovat probrat stezovat ozvete",
);

/**
 * Words that make what follows passive ("to be transferred", "get connected", "ser transferido",
 * "být přepojen"): a talk word's participle after one asks to be put through.
 */
const BE = words("be get being ser byt");
/** The Czech conditional and wish: a past form after it wishes ("rád bych mluvil", "aby mi zavolal"). */
const WOULD = words("bych bychom byste aby abych abyste");
/** The customer as who asks to be made passive ("can I be transferred", "eu quero ser atendido"); a wish does too ("quero ser…"). */
const I = words("i eu");

/**
 * Verbs' participles and past forms, by the shape of each word given: Portuguese infinitives in
 * -ar/-er/-ir ("encaminhado", "falei", "atendeu"), Czech ones in -t ("přepojen", "mluvil",
 * "zavolala"), English otherwise ("transferred", "connected"). A word's other shapes add forms no
 * one writes, which match nothing.
 */
function verbForms(verbs: Iterable<string>): { participles: ReadonlySet<string>; past: ReadonlySet<string> } {
  const participles = new Set<string>();
  const past = new Set<string>();
  const add = (set: Set<string>, stem: string, endings: string) => {
    for (const ending of endings.split(" ")) set.add(stem + ending);
  };
  for (const verb of verbs) {
    const stem = verb.slice(0, -2);
    if (verb.endsWith("ar")) {
      add(participles, stem, "ado ada ados adas");
      add(past, stem, "ou amos aram aste");
      add(past, stem.replace(/g$/u, "gu").replace(/c$/u, "qu"), "ei"); // "liguei", "fiquei"
    } else if (verb.endsWith("er") || verb.endsWith("ir")) {
      add(participles, stem, "ido ida idos idas");
      add(past, stem, verb.endsWith("er") ? "i eu emos eram" : "i iu imos iram");
    }
    if (/[aei]t$/u.test(verb)) {
      if (verb.endsWith("at")) add(participles, verb.slice(0, -1), "n na ni ny");
      else add(participles, stem, "en ena eni eny");
      add(past, verb.slice(0, -1), "l la li lo ly");
    }
    const english = `ed d ${verb.slice(-1)}ed`;
    add(participles, verb, english);
    add(past, verb, english);
  }
  for (const verb of verbs) {
    participles.delete(verb);
    past.delete(verb);
  }
  return { participles, past };
}

/**
 * Words for a technician: asked to talk to ("posso falar com um técnico?", "spojení s technikem",
 * "a callback from a technician"), a request; otherwise a visit ("when do you call to book the
 * technician" asks about the installation).
 */
const TECHNICIAN = words("technician technicians tech techs tecnico tecnicos tecnica technik technika technikem technikovi techniky");

/**
 * Words that ask for a call, with the customer as whom to call ("call me back", "podem ligar-me?",
 * "zavolejte mi"): said with nothing else but politeness, a request for someone to call. "Thanks
 * for the call" names none.
 */
const CALL = words("call ring phone ligar liga ligue liguem retornar zavolat zavola zavolejte zavolate");
/** Words for the customer as the object ("call me", "ligar-me", "zavolejte mi"). */
const ME = words("me mi mim mne");
/** Words that hand the customer over to someone ("transfer me", "přepojte mě"): a request, to someone or to no one named. */
const HAND_OVER = words("transfer transfere transfira transferir encaminha encaminhe encaminhar prepoj prepojte prepojit prepojis spoj spojte predej predejte predat predate");
/** Words that pass on or connect things too ("put me through to", "me passa pro"): a request only with "to", "through" or "with" someone after. */
const PASS_ON = words("connect put hand pass forward passa passe passar coloca coloque");
/** Words that lead from a handing over to whom: "put me through to billing", "me passa pro financeiro", "přepojte mě na reklamace". */
const THROUGH = words("through over on to with pra pro para com ao na k s");
/** Teams and departments a customer asks to be handed to, besides the words for someone ("billing", "cobrança", "fakturace"). */
const DEPARTMENT = words(
  "billing sales cancellations cancellation complaints finance accounts accounting retention returns them him her " +
    "cobranca comercial vendas cancelamento cancelamentos reclamacoes retencao eles ele ela " +
    "fakturace fakturaci vyuctovani reklamace reklamaci obchodni obchodnimu obchod technicke technickou technicka",
);
/** Words for a call as a thing: after a word of RECEIVED, one the customer had, not one they ask for. */
const CALL_NOUN = words("callback call calls retorno ligacao hovor telefonat");
/** Words for having had something ("I got a callback", "recebi uma ligação", "dostal jsem hovor"). */
const RECEIVED = words("got received had recebi recebemos tive tivemos dostal dostala dostali");
/** A call asked for by its name, or told to call ("a callback", "zavolejte"). */
const CALLBACK = words("callback ligacao retorno zavolejte");

/** Words that open a thing's name ("my", "the", "a titularidade", "můj"): after a word that hands over, a thing moved, not the customer. */
const DETERMINER = words("my the a an this your our minha meu minhas meus o as os esse essa este esta seu sua nossa nosso muj moje moji svuj svoje nase");

/** Words one slip from a talk word that mean something else ("contrato" is not "contato", "přidat" not "předat"). */
const LOOKALIKES = words(
  "contract contracts contrato contratos contratar contratei contrata contratou contratado pridat pridejte pridam pripojit pripojte pripojeni pripojil pripojila pripojim pripojeny pripojena",
);

const TALK_FORMS = verbForms(TALK);
const CALL_FORMS = verbForms(CALL);

/**
 * Whether the word at `i` asks to talk: a talk word, one slip allowed ("operater"), not a past form
 * or a participle of one, which tells of a talk ("the operator I talked to said…", "mluvil" is not
 * "mluvit", "fui atendida"); unless the past form is wished (the Czech conditional: "rád bych
 * mluvil s operátorem") or the customer asks to be made passive ("can I be transferred to
 * billing?", "quero ser atendido"; not "when will my office be connected?").
 */
function talkAt(all: string[], i: number): boolean {
  const word = all[i] ?? "";
  // Moving a thing asks for someone only when it goes to one whose job is to answer ("encaminha meu caso para um supervisor"; not "transfer my plan to another person").
  if ((HAND_OVER.has(word) || PASS_ON.has(word)) && DETERMINER.has(all[i + 1] ?? "")) return all.slice(i + 2, i + 8).some((w) => isOneOf(w, PERSON) || DEPARTMENT.has(w));
  if (CALL_NOUN.has(word) && near(all, i, RECEIVED, 3)) return false; // a call told of: "I got a callback from support"
  if (TALK.has(word)) return true;
  if (LOOKALIKES.has(word)) return false;
  if (TALK_FORMS.participles.has(word)) return BE.has(all[i - 1] ?? "") && (near(all, i - 1, I, 3) || near(all, i - 1, DESIRE, 3));
  if (TALK_FORMS.past.has(word)) return wished(all, i);
  return isOneOf(word, TALK);
}

/** Whether the word at `i` asks for a call: a word for one, or its past form wished ("aby mi zavolal"). */
function callAt(all: string[], i: number): boolean {
  const word = all[i] ?? "";
  return CALL.has(word) || (CALL_FORMS.past.has(word) && wished(all, i));
}

/** Whether a past form at `i` is wished: the Czech conditional a few words before or right after ("aby mi někdo z podpory zavolal", "mluvil bych"). */
function wished(all: string[], i: number): boolean {
  return near(all, i, WOULD, 5) || WOULD.has(all[i + 1] ?? "");
}

/**
 * Words for doing something to someone ("add", "adicionar", "přidat"): wanted before a word for
 * someone, the customer wants that done to them ("I want to add someone to my account"), not them.
 */
const ACT_ON = words(
  "add remove invite register delete include change transfer move " +
    "adicionar incluir cadastrar remover tirar excluir convidar registrar trocar transferir mudar " +
    "pridat odebrat odstranit pozvat zaregistrovat registrovat smazat zmenit prevest vymenit",
);

/** Whether a word before `i`, up to `span` words back, is one of `set`. */
function near(all: string[], i: number, set: ReadonlySet<string>, span: number): boolean {
  return all.slice(Math.max(0, i - span), i).some((w) => set.has(w));
}

/** Words that want something (want, need, give me, find me): with a word for someone close by, a request. */
const DESIRE = words(
  "want wanna need give get let put rather prefer like would find bring " +
    "quero queria preciso precisava precisando gostaria prefiro peco manda arruma arrume consegue consiga arranja arranje " +
    "chci chtel chtela potrebuji potrebuju potreboval potrebovala dejte dej sezente chtelo radsi radeji rad rada",
);

/** "Dá", "dê" (give): wanting only after "me" ("me dá um atendente"), else "of" ("no nome de um colega"). */
const GIVE = words("da de");

/** Words that ask for help: right after a word for someone, a request for them ("can someone help me", "alguém pode me ajudar"). */
const HELP = words("help assist ajuda ajudar ajude auxiliar pomoct pomoci pomuze pomozte poradit poradi");

/** Words that ask whether someone is there: next to a word for someone, in a question, a request ("anyone there?", "tem alguém aí?", "je tam někdo?"). */
const THERE = words("there here where available online around tem existe algum alguma ai aqui cade onde disponivel tam tu tady kde nekdo k dispozici");

/**
 * Words for anyone at all that, next to "can" and asked to help ("can someone explain my bill?",
 * "může mi někdo poradit?"), ask for a person; not "can someone else use my wifi?".
 */
const ANYONE = words("someone somebody anyone anybody alguem nekdo");
/** "Can", "could": next to anyone, asking them to act; in a request that says nothing else, politeness ("podem ligar-me de volta?"). */
const CAN = words("can could muze muzete mohl mohla mohli pode podem podes poderia podia");
/** What someone is asked to do for the customer: help, explain, look, call. */
const ACT = words(
  "help explain check look see tell answer call contact sort fix " +
    "ajudar ajuda explicar ver verificar olhar responder atender ligar resolver " +
    "pomoct pomoci poradit vysvetlit zkontrolovat podivat rict odpovedet zavolat ozvat vyresit",
);
/** Someone other than whom the customer talks to ("someone else", "alguém mais", "někdo jiný"). */
const ELSE = words("else other another mais outra outro jiny jina jine jiného jineho");

/** Words that ask politely: a clause with one asks, whatever follows. */
const POLITE = words("please pls plz favor prosim pfv pf");

/** Words that open a relative clause ("who", "que", "se kterým"): the bare clause before names someone it describes. */
const RELATIVE = words("who whom whose which that que quem qual cujo cuja ktery ktera ktere kterym kterou ktereho kterem kteri jenz jehoz");

/** Words that come between a preposition and whom it names ("with someone", "com alguém", "s někým"). */
const WITH = words("with to com pra para s se na");
/** Words that come between a call or a talk and a technician ("a callback from a technician", "hovor od technika"). */
const FROM = words("from de do da od");

/** Words for talking itself: talked to, a machine is taken for a bot ("chat with a machine", "bavit se se strojem"; not "não passa na máquina"). */
const CONVERSE = words("talk speak chat communicate falar conversar comunicar mluvit promluvit bavit komunikovat chatovat hovorit");

/** Words that only make a request polite or say nothing about its subject. */
const FILLER = words(
  "please pls plz now asap urgent hi hello hey thanks thank you a an the to with i me my your some one of for just help here back through " +
    "por favor pfv pf agora urgente oi ola obrigado obrigada o um uma com eu de do da pra para so ajuda ajudar ai aqui seu sua vcs voces mim volta que " +
    "prosim ted hned rychle ahoj dobry den dekuji diky s se mi me to a jen pomoc pomozte pomuze tu vas vasi vaseho vasem zpet " +
    "nejaky nejaka nejake nejakej nejakeho nejakyho nejakou fakt qualquer",
);

/** A bot, refused ("not a bot", "não quero robô", "nechci robota") or doubted ("a person or a bot?"). */
const BOT = words("bot bots robot robots robo robos robozinho chatbot robota robotem robotovi roboty botem bota botovi");

/**
 * Everyday words that mean a bot when the customer talks of talking to it ("I don't want to chat
 * with a machine") or refuses one straight ("nechci automat", "not a machine"): "o cartão não passa
 * na máquina" is about a machine. Words that describe a payment ("automatic", "débito automático")
 * are not among them.
 */
const MACHINE = words("machine maquina stroj strojem automat automatem");
/** Words that negate what follows: "don't transfer me", "não quero falar com ninguém". */
const NEG = words("not dont don't never nao nem nunca ne nikdy");
/** Words that refuse or belittle a bot beside them: a negation, or "enough", "just", "or" ("just a bot?", "a person or a bot?"). */
const NOT = new Set([...NEG, ...words("no chega nechci nechcem nebavim nemluvim stop enough without or ou nebo just only so jen jenom")]);

/** Insults and swearing: the customer has run out of patience with the attendant. */
const INSULTS = words(
  "stupid idiot idiotic useless dumb moron crap shit shitty fuck fucking wtf damn ridiculous pathetic worthless garbage trash sucks " +
    "idiota burro burra inutil merda porcaria droga lixo palhacada ridiculo ridicula pqp vsf caralho porra absurdo bosta " +
    "debil debilni blbec blby blba idiot hovno kurva sracka zbytecny zbytecna zbytecne pitomy pitoma pitomec hnus hnusny kreten trapny trapne",
);

/** Saying that what was offered did not solve it ("não resolveu", "still not working", "nepomohlo"). */
const NOT_SOLVED = [
  /\b(did ?n[o']?t|does ?n[o']?t|not|no|never) (help|solve|fix|work)/u,
  /\bstill (not|doesn?'?t|isn?'?t|no|broken|down|the same)/u,
  /\b(useless|no use|not helpful|unhelpful)\b/u,
  /\bnao (resolveu|resolve|ajudou|ajuda|funcionou|funciona|adiantou|adianta|serviu)/u,
  /\b(continua|segue|ainda) (sem|nao|igual|o mesmo|a mesma)/u,
  /\bne(pomohl[aoy]?|pomaha|vyresil[aoy]?|funguje|jde)\b/u,
  /\b(porad|stale|furt|zase|porad) (ne|to ne|nic)/u,
];

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).map((w) => unaccent(w)));
}

/** A customer's text as compared: lower case, no accents, letters stretched for emphasis squeezed back. */
function normalized(text: string): string {
  return unaccent(text.toLocaleLowerCase()).replace(/(\p{L})\1{2,}/gu, "$1");
}

function tokens(text: string): string[] {
  return normalized(text).match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** Whether two words differ by at most one letter added, dropped, changed or two swapped (Damerau). */
function oneSlipApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return (
    restA.slice(1) === restB.slice(1) || // changed
    restA.slice(1) === restB || // dropped from a
    restA === restB.slice(1) || // added to a
    (restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2)) // swapped
  );
}

/** Whether a word is one of `set`, or (from five letters) one slip away from one of at least five. */
function isOneOf(word: string, set: ReadonlySet<string>): boolean {
  if (set.has(word)) return true;
  if (word.length < 5) return false;
  for (const known of set) if (known.length >= 5 && oneSlipApart(word, known)) return true;
  return false;
}

/**
 * Whether a customer asks to talk to a person (or refuses a bot), in any of the three languages:
 * in the whole message, or in one of its sentences or clauses that asks for nothing else than one
 * who answers or a call ("you're not helping. human please", "zavolejte mi prosím, jsem bez
 * internetu už třetí den"; not "Hi team, how do I reset my password?").
 */
export function asksForPerson(text: string): boolean {
  const r = read(text);
  if (asksInMessage(r)) return true;
  const clauses = r.clauses.map((c) => c.words);
  return clauses.length > 1 && clauses.some((clause, i) => onlyAsks(clause, (w) => isOneOf(w, PERSON)) && !described(clause, clauses[i + 1] ?? []));
}

/**
 * Whether a clause only names someone the next clause describes ("operátor, se kterým jsem mluvil,
 * …"), rather than asking for them ("atendente por favor, que já tentei de tudo").
 */
function described(clause: string[], next: string[]): boolean {
  return next.slice(0, 2).some((w) => RELATIVE.has(w)) && !clause.some((w) => POLITE.has(w) || DESIRE.has(w));
}

/** A message's clauses (its sentences cut at commas and semicolons), each as its words and whether its sentence asks (ends in "?"). */
function clausesOf(text: string): { words: string[]; question: boolean }[] {
  return text.split(/(?<=[.!?\n])/u).flatMap((sentence) => {
    const question = sentence.includes("?");
    return sentence.split(/[;,]/u).map((clause) => ({ words: tokens(clause), question }));
  });
}

/** Whether a call is asked for: the customer named as whom to call ("call me back", "ligar-me"), or a callback by its name. */
function callAsked(all: string[]): boolean {
  return all.some((w, i) => CALLBACK.has(w) || (callAt(all, i) && besideMe(all, i)));
}

/** Whether the customer is named right beside the word at `i` ("call me", "me liguem", "přepojte mě"). */
function besideMe(all: string[], i: number): boolean {
  return ME.has(all[i + 1] ?? "") || ME.has(all[i - 1] ?? "");
}

/**
 * Whether the customer asks to be handed on: a word that hands over with the customer as whom
 * ("transfer me", "me transfere", "přepojte mě"), said alone or with someone to hand them to; one
 * that also connects or passes things ("connect me", "put me", "me passa") only with someone after
 * "to", "through" or "with" ("put me through to billing", "me passa pro financeiro"). Not with a
 * thing ("me encaminha o boleto", "transfer me to the cheaper plan"), nor refused ("don't transfer
 * me again").
 */
function handedOver({ all, isPerson, isSomeone }: Reading): boolean {
  return all.some((w, i) => {
    const meAt = all[i + 1] === "me" ? i + 1 : all[i - 1] === "me" ? i - 1 : -1;
    if (meAt < 0 || near(all, Math.min(i, meAt), NEG, 2)) return false;
    const after = all.map((_, j) => j).filter((j) => j > Math.max(i, meAt) && (!FILLER.has(all[j] ?? "") || THROUGH.has(all[j] ?? "")));
    const first = all[after[0] ?? -1] ?? "";
    const lead = THROUGH.has(first) ? (first === "on" ? 2 : 1) : 0;
    const toSomeone = after.slice(lead, lead + 3).some((j) => isPerson[j] === true || isSomeone[j] === true || DEPARTMENT.has(all[j] ?? "") || TECHNICIAN.has(all[j] ?? ""));
    if (HAND_OVER.has(w)) return after.length === 0 || toSomeone;
    return PASS_ON.has(w) && lead > 0 && toSomeone;
  });
}

/**
 * Whether words ask for nothing but one who answers (`answerer`) or a call, politely ("human
 * please", "atendente", "anyone?", "podem ligar-me de volta?").
 */
function onlyAsks(all: string[], answerer: (word: string) => boolean): boolean {
  const asking = all.filter((w) => !FILLER.has(w) && !DESIRE.has(w) && !CAN.has(w) && !THERE.has(w) && !TALK.has(w) && !REAL.has(w) && !ME.has(w));
  const call = callAsked(all);
  return asking.every((w) => answerer(w) || (call && (CALL.has(w) || CALLBACK.has(w)))) && (call || asking.some(answerer));
}

/** A message as the rules read it: its words, each word's clause, and what each word is. */
type Reading = {
  all: string[];
  question: boolean;
  clauseOf: number[];
  clauses: { words: string[]; question: boolean }[];
  isPerson: boolean[];
  isSomeone: boolean[];
  isDesire: boolean[];
  /** A wish refused ("don't need", "não quero"): what follows it is not asked for. */
  isRefused: boolean[];
  isTalk: boolean[];
};

function read(text: string): Reading {
  const clauses = clausesOf(text);
  const all = clauses.flatMap((c) => c.words);
  // A wish refused does not want ("I don't need to talk to anyone", "não quero falar com ninguém").
  const refused = all.map((w, i) => DESIRE.has(w) && near(all, i, NEG, 2));
  const isDesire = all.map((w, i) => !refused[i] && (DESIRE.has(w) || (GIVE.has(w) && all[i - 1] === "me")));
  return {
    all,
    question: text.includes("?"),
    clauseOf: clauses.flatMap((clause, c) => clause.words.map(() => c)),
    clauses,
    isPerson: all.map((w) => isOneOf(w, PERSON)),
    isSomeone: all.map((w) => SOMEONE.has(w)),
    isDesire,
    isRefused: refused,
    isTalk: all.map((_, i) => talkAt(all, i) && !flaggedBefore(refused, i, 3)),
  };
}

/** Whether any of `flags` is set within `span` words before `i`. */
function flaggedBefore(flags: boolean[], i: number, span: number): boolean {
  return flags.slice(Math.max(0, i - span), i).includes(true);
}

/** Up to two words on either side of `i`, politeness not counted, are one of `set` ("je tam prosím vás někdo?"). */
function nextTo({ all }: Reading, i: number, set: ReadonlySet<string>): boolean {
  const side = (list: string[]) => list.filter((w) => !FILLER.has(w) || set.has(w)).slice(0, 2);
  return [...side(all.slice(0, i).reverse()), ...side(all.slice(i + 1))].some((w) => set.has(w));
}

/** Whether the word at `i` is right beside a word for a real one ("a real agent", "živým zaměstnancem", "atendente de verdade"). */
function beside({ all }: Reading, i: number, set: ReadonlySet<string>): boolean {
  return set.has(all[i - 1] ?? "") || set.has(all[i + 1] ?? "") || (all[i + 1] === "de" && set.has(all[i + 2] ?? ""));
}

/** Whether the customer wants to do something to whom the word at `i` names ("I want to add someone", "quero cadastrar um funcionário"). */
function actsOn({ all, isDesire }: Reading, i: number): boolean {
  const desire = isDesire.slice(0, i).lastIndexOf(true);
  return desire >= 0 && all.slice(desire + 1, i).some((w) => ACT_ON.has(w));
}

/**
 * Someone whose job is to answer, asked for (a wish names them after it: "I need an agent"; not "the
 * agent said I'd get a refund"), talked to, a live one, or asked after anywhere in their clause of a
 * question ("máte tam teď nějakého operátora?"; not "the agent I talked to promised a discount,
 * where is it?").
 */
function asksForAnswerer(r: Reading): boolean {
  const { all, clauses, clauseOf, isPerson, isDesire, isTalk } = r;
  const askedInClause = (i: number) => clauses[clauseOf[i] ?? -1]?.question === true && all.some((w, j) => clauseOf[j] === clauseOf[i] && THERE.has(w));
  const wanted = (i: number) => flaggedBefore(isDesire, i, 5) && !actsOn(r, i);
  return isPerson.some((yes, i) => yes && (isTalk.includes(true) || wanted(i) || askedInClause(i) || beside(r, i, REAL)));
}

/**
 * Anyone at all: talked to, a real one next to them ("a real person"), asked whether there ("anyone
 * there?"), asked to act ("can someone explain my bill?"; not "can someone else use my wifi?"),
 * wanted with at most one word between ("get me a person", "potřebuju nutně někoho"; not "do I need
 * permission from anyone?", "I want to add someone to my account"), or asked to help.
 */
function asksForAnyone(r: Reading): boolean {
  const { all, isSomeone, isDesire, isTalk, question } = r;
  const askedToAct = (i: number) => ANYONE.has(all[i] ?? "") && nextTo(r, i, CAN) && !ELSE.has(all[i + 1] ?? "") && all.slice(i + 1, i + 4).some((w) => ACT.has(w) || ME.has(w));
  const wantedNow = (i: number) => {
    const desire = isDesire.slice(0, i).lastIndexOf(true);
    const between = all.slice(desire + 1, i).filter((w) => !FILLER.has(w) && !REAL.has(w) && !WITH.has(w) && !TALK.has(w));
    return desire >= 0 && i - desire <= 5 && between.length <= 1 && !actsOn(r, i);
  };
  const withOne = (i: number) => near(all, i, WITH, 1) && (isDesire.includes(true) || question);
  const helps = (i: number) => all.slice(i + 1, i + 4).some((w) => HELP.has(w));
  return isSomeone.some(
    (yes, i) => yes && !flaggedBefore(r.isRefused, i, 5) && (isTalk.includes(true) || nextTo(r, i, REAL) || (question && nextTo(r, i, THERE)) || (question && askedToAct(i)) || wantedNow(i) || withOne(i) || helps(i)),
  );
}

/**
 * A call to the customer by someone ("může mi někdo zavolat?"), or by a technician they ask for
 * ("um técnico pode me ligar?", "dá pra um técnico me ligar?"; not "will the technician call me
 * before he comes?", which asks about the visit).
 */
function asksForCall(r: Reading): boolean {
  const { all, isPerson, isSomeone } = r;
  const calls = all.some((_, i) => callAt(all, i) && besideMe(all, i));
  if (!calls) return false;
  const asking = all.some((w, i) => CAN.has(w) || (w === "da" && all[i + 1] === "pra")) || r.isDesire.includes(true);
  return isPerson.includes(true) || isSomeone.includes(true) || (asking && all.some((w) => TECHNICIAN.has(w)));
}

/** A technician talked to: the talk a few words before, with nothing but politeness, "with" or "from" between ("posso falar com um técnico?"). */
function asksForTechnician({ all, isTalk }: Reading): boolean {
  return all.some((w, i) => {
    if (!TECHNICIAN.has(w)) return false;
    const asked = all.slice(0, i).findLastIndex((x, j) => isTalk[j] === true || ((CALL.has(x) || CALLBACK.has(x)) && !near(all, j, RECEIVED, 3)));
    return asked >= 0 && asked >= i - 4 && all.slice(asked + 1, i).every((x) => FILLER.has(x) || WITH.has(x) || FROM.has(x));
  });
}

/** "not a bot", "não quero falar com robô", "a person or a bot?"; a machine when talked with or refused straight. */
function refusesBot({ all, isPerson, isSomeone }: Reading): boolean {
  const conversedWith = (i: number) => all.slice(Math.max(0, i - 4), i).some((w) => isOneOf(w, CONVERSE));
  const bot = all.findIndex((w, i) => isOneOf(w, BOT) || (MACHINE.has(w) && (conversedWith(i) || near(all, i, NOT, 2))));
  return bot >= 0 && (isPerson.includes(true) || isSomeone.includes(true) || near(all, bot, NOT, 7));
}

/** Whether the message as a whole asks for a person (see asksForPerson). */
function asksInMessage(r: Reading): boolean {
  if (r.all.length === 0) return false;
  return (
    asksForAnswerer(r) ||
    asksForAnyone(r) ||
    handedOver(r) ||
    asksForCall(r) ||
    onlyAsks(r.all, (w) => isOneOf(w, PERSON) || SOMEONE.has(w)) || // "human please", "atendente", "anyone?", "call me back"
    asksForTechnician(r) ||
    refusesBot(r)
  );
}

/** Whether a customer's words show they have lost patience (insults, swearing, shouting). */
export function soundsFrustrated(text: string): boolean {
  if (tokens(text).some((w) => INSULTS.has(w))) return true;
  const letters = text.match(/\p{L}/gu) ?? [];
  const shouted = letters.length >= 12 && letters.filter((l) => l === l.toLocaleUpperCase() && l !== l.toLocaleLowerCase()).length / letters.length > 0.8;
  return shouted && /[!?]{2,}/u.test(text);
}

/** Whether a customer says that what was offered did not solve their problem. */
export function saysNotSolved(text: string): boolean {
  const plain = normalized(text);
  return NOT_SOLVED.some((pattern) => pattern.test(plain));
}

/** Greetings and politeness alone ("oi, boa noite", "hello!", "dobrý den"): a hello to answer with one, not a question. */
const GREETINGS = words(
  "hi hello hey hiya good morning afternoon evening there ola oi bom boa dia tarde noite tudo bem e ai opa ahoj dobry den vecer zdravim cau nazdar",
);

/** Whether a customer only greets: the attendant greets back and waits for the question. */
export function justGreets(text: string): boolean {
  const all = tokens(text);
  return all.length > 0 && all.length <= 6 && all.every((w) => GREETINGS.has(w) || FILLER.has(w));
}
