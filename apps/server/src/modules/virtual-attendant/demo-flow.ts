import type { AttendantFlow, AttendantStep } from "@atende/shared";

/**
 * The demo's example flow, for an internet provider whose customer says the internet is slow: it
 * asks for the account number, the plan and the measured speed, shows the article on slow internet
 * and, if that did not help, hands off to a person with all three (in the hand-off note), tagged.
 */
export function slowInternetFlow(slowInternetArticleId: string | undefined): AttendantFlow {
  const steps: AttendantStep[] = [
    {
      type: "ask",
      id: "account",
      text: {
        en: "Let's check your line. What is your account number? It's on your invoice: 6 to 10 digits.",
        "pt-BR": "Vamos verificar sua linha. Qual é o número da sua conta? Ele está na sua fatura: de 6 a 10 dígitos.",
        cs: "Pojďme prověřit vaši linku. Jaké je číslo vaší smlouvy? Najdete ho na faktuře: 6 až 10 číslic.",
      },
      save: { to: "contact", key: "account_number" },
      check: { type: "pattern", pattern: "^\\d{6,10}$" },
      reask: {
        en: "That doesn't look like an account number: it has 6 to 10 digits, with nothing else. Could you check your invoice?",
        "pt-BR": "Isso não parece um número de conta: ele tem de 6 a 10 dígitos, sem mais nada. Pode conferir na sua fatura?",
        cs: "To nevypadá jako číslo smlouvy: má 6 až 10 číslic a nic dalšího. Můžete se podívat na fakturu?",
      },
    },
    {
      type: "buttons",
      id: "plan",
      text: { en: "Which plan do you have?", "pt-BR": "Qual é o seu plano?", cs: "Jaký máte tarif?" },
      options: [
        { value: "100", label: { en: "100 Mbit/s", "pt-BR": "100 Mbps", cs: "100 Mbit/s" } },
        { value: "300", label: { en: "300 Mbit/s", "pt-BR": "300 Mbps", cs: "300 Mbit/s" } },
        { value: "1000", label: { en: "1 Gbit/s", "pt-BR": "1 Gbps", cs: "1 Gbit/s" } },
      ],
      save: { to: "conversation", key: "plan_mbps" },
    },
    {
      type: "ask",
      id: "speed",
      text: {
        en: "What speed does a test at speedtest.example.com show, in Mbit/s? With a cable, if you can.",
        "pt-BR": "Qual velocidade o teste em velocidade.example.com.br mostra, em Mbps? Com cabo, se puder.",
        cs: "Jakou rychlost ukáže test na rychlost.example.cz, v Mbit/s? Pokud můžete, přes kabel.",
      },
      save: { to: "conversation", key: "measured_mbps" },
      check: { type: "number", min: 0, max: 10000 },
      reask: {
        en: "Please write just the number the test showed, such as 87.",
        "pt-BR": "Escreva só o número que o teste mostrou, por exemplo 87.",
        cs: "Napište prosím jen číslo, které test ukázal, třeba 87.",
      },
    },
    ...(slowInternetArticleId ? [{ type: "article" as const, id: "article", articleId: slowInternetArticleId }] : []),
    {
      type: "buttons",
      id: "helped",
      text: { en: "Did that help?", "pt-BR": "Isso ajudou?", cs: "Pomohlo to?" },
      options: [
        { value: "yes", label: { en: "Yes, it's fine now", "pt-BR": "Sim, agora está bom", cs: "Ano, už je to dobré" }, next: "done" },
        { value: "no", label: { en: "No, still slow", "pt-BR": "Não, continua lenta", cs: "Ne, pořád je to pomalé" }, next: "tag" },
      ],
    },
    {
      type: "end",
      id: "done",
      text: { en: "Great! If it slows down again, just write here.", "pt-BR": "Ótimo! Se ficar lenta de novo, é só escrever aqui.", cs: "Výborně! Kdyby se to znovu zpomalilo, napište sem." },
    },
    { type: "set", id: "tag", tags: ["slow-internet"], next: "person" },
    {
      type: "hand_off",
      id: "person",
      text: {
        en: "Thanks. I'm passing this to our technical team with your account, plan and speed test, so you won't need to repeat them.",
        "pt-BR": "Obrigado. Estou passando para nossa equipe técnica com sua conta, plano e teste de velocidade, então você não vai precisar repetir.",
        cs: "Děkuji. Předávám to našemu technickému týmu i s číslem smlouvy, tarifem a výsledkem testu, takže nic nemusíte opakovat.",
      },
    },
  ];
  return {
    id: "slow-internet",
    button: { en: "My internet is slow", "pt-BR": "Minha internet está lenta", cs: "Pomalý internet" },
    keywords: { en: ["internet is slow", "slow internet"], "pt-BR": ["internet lenta", "internet está lenta", "net lenta"], cs: ["pomalý internet", "internet je pomalý"] },
    steps,
  };
}
