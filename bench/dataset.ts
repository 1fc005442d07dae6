/** Deterministic text for the benchmark: support messages in Portuguese, Czech and English. */
const PHRASES = {
  pt: [
    "Olá, meu pedido {n} ainda não chegou e já passou o prazo de entrega.",
    "Gostaria de solicitar o reembolso da compra {n}, o produto veio com defeito.",
    "Preciso da nota fiscal do pedido {n} para a contabilidade da empresa.",
    "O boleto do pedido {n} venceu, vocês podem gerar outro?",
    "Como faço para trocar o endereço de entrega do pedido {n}?",
    "A assinatura foi cobrada duas vezes neste mês, podem verificar?",
  ],
  cs: [
    "Dobrý den, objednávka {n} stále nedorazila, můžete to prosím prověřit?",
    "Potřebuji fakturu k objednávce {n} na firmu.",
    "Zboží z objednávky {n} přišlo poškozené, chci ho vrátit.",
    "Nemohu se přihlásit do účtu, obnovení hesla nefunguje.",
    "Kdy bude znovu skladem zboží z objednávky {n}?",
  ],
  en: [
    "Hi, my order {n} has not arrived yet and tracking has not moved for days.",
    "I would like a refund for order {n}, the item arrived damaged.",
    "Can you send me the invoice for order {n}? I need it for accounting.",
    "I cannot reset my password, the email never arrives.",
    "Please cancel my subscription at the end of this billing period.",
    "The app crashes when I open the checkout page on my phone.",
  ],
} as const;

const REPLIES = [
  "Obrigado pelo contato! Já estou verificando o pedido {n} e retorno em seguida.",
  "Děkujeme za zprávu, objednávku {n} jsme předali dopravci a ozveme se.",
  "Thanks for reaching out! I am checking order {n} with our warehouse now.",
];

export const SEARCH_TERMS = ["reembolso", "objednavka", "refund", "nota fiscal", "faktura", "password", "boleto", "damaged"];

/** A small, fast, seeded PRNG (mulberry32), so every run loads the same data. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
}

/** A customer message in one of the three languages. */
export function customerMessage(random: () => number): string {
  const language = pick(random, ["pt", "pt", "cs", "en"] as const);
  return pick(random, PHRASES[language]).replace("{n}", String(10_000 + Math.floor(random() * 90_000)));
}

/** An agent reply. */
export function agentReply(random: () => number): string {
  return pick(random, REPLIES).replace("{n}", String(10_000 + Math.floor(random() * 90_000)));
}
