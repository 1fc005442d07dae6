import type { Locale } from "@atende/shared";
import type { EvalQuestion } from "./kb-retrieval-questions.js";

/**
 * What agents type into the knowledge base's search box in the agents' web app when they look
 * for an article to send a customer: 1 to 4 keywords, typed in a hurry, sometimes misspelled or
 * without accents, sometimes mixing a brand or technical word (router, Wi-Fi, Pix, boleto, SIPO)
 * with words of the language. The search looks in every language at once; each query should
 * find the article with the given key (ideally in the query's language).
 *
 * Written by hand from the demo articles (`demo-articles/`) only, blind to the search method and
 * to the other question sets; each `expect` names public articles only (never an internal one).
 * When `expect` lists several keys, any of them answers the query.
 */
export const KB_AGENT_QUERIES: Readonly<Record<Locale, readonly EvalQuestion[]>> = {
  en: [
    { q: "amex", expect: "pay-bill" },
    { q: "prorata charge", expect: "invoice-explained" },
    { q: "late fee", expect: "late-payment" },
    { q: "instalments", expect: "late-payment" },
    { q: "gigabit upgrade", expect: "change-plan" },
    { q: "wan port", expect: "router-setup" },
    { q: "orange light blinking", expect: "router-setup" },
    { q: "guest wifi", expect: "wifi-password" },
    { q: "ssid", expect: "wifi-password" },
    { q: "buffering", expect: "slow-internet" },
    { q: "LOS red light", expect: "no-connection" },
    { q: "outage", expect: "no-connection" },
    { q: "technician reschedule", expect: "installation" },
    { q: "move house", expect: "moving" },
    { q: "early termination fee", expect: "cancel" },
    { q: "acount locked", expect: "account-password" },
    { q: "refund card", expect: ["returns", "order-change"] },
    { q: "parcel tracking", expect: "delivery" },
    { q: "warrenty claim", expect: "warranty" },
    { q: "change delivery address", expect: "order-change" },
  ],
  "pt-BR": [
    { q: "pix copia e cola", expect: "pay-bill" },
    { q: "segunda via boleto", expect: "pay-bill" },
    { q: "fatura proporcional", expect: "invoice-explained" },
    { q: "cobranca indevida", expect: "invoice-explained" },
    { q: "juros", expect: "late-payment" },
    { q: "plano giga", expect: "change-plan" },
    { q: "luz laranja piscando", expect: "router-setup" },
    { q: "rede convidados", expect: "wifi-password" },
    { q: "reset de fabrica", expect: "wifi-password" },
    { q: "wifi travando", expect: "slow-internet" },
    { q: "luz LOS vermelha", expect: "no-connection" },
    { q: "caiu a internet", expect: "no-connection" },
    { q: "remarcar tecnico", expect: "installation" },
    { q: "mudanca de endereco", expect: "moving" },
    { q: "multa fidelidade", expect: "cancel" },
    { q: "login bloqueado", expect: "account-password" },
    { q: "estorno cartao", expect: ["returns", "order-change"] },
    { q: "rastreio", expect: "delivery" },
    { q: "concerto", expect: "warranty" },
    { q: "editar pedido", expect: "order-change" },
  ],
  cs: [
    { q: "variabilni symbol", expect: "pay-bill" },
    { q: "SIPO", expect: "pay-bill" },
    { q: "dobropis", expect: "invoice-explained" },
    { q: "upomínka poplatek", expect: "late-payment" },
    { q: "splátkový kalendář", expect: "late-payment" },
    { q: "tarif Max router", expect: "change-plan" },
    { q: "oranzova kontrolka", expect: "router-setup" },
    { q: "wifi pro návštěvy", expect: "wifi-password" },
    { q: "tovarni nastaveni", expect: "wifi-password" },
    { q: "wifi seká", expect: "slow-internet" },
    { q: "vipadek", expect: "no-connection" },
    { q: "LOS kontrolka", expect: "no-connection" },
    { q: "SVJ souhlas kabel", expect: "installation" },
    { q: "mapa pokryti", expect: "moving" },
    { q: "vypovedni lhuta", expect: "cancel" },
    { q: "zablokovaný účet", expect: "account-password" },
    { q: "vratka penez", expect: ["returns", "order-change"] },
    { q: "zasilkovna", expect: "delivery" },
    { q: "zaruka", expect: "warranty" },
    { q: "storno objednávky", expect: "order-change" },
  ],
};
