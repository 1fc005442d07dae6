import type { DemoCategory } from "./types.js";

/** The demo help center's categories: a small online shop that also sells home internet (fibre). */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    key: "billing",
    names: { en: "Billing and payments", "pt-BR": "Faturas e pagamentos", cs: "Vyúčtování a platby" },
    descriptions: {
      en: "Paying your bill, reading your invoice, late payments.",
      "pt-BR": "Como pagar, entender a fatura e o que fazer com atrasos.",
      cs: "Jak zaplatit, jak číst fakturu a co dělat při zpoždění platby.",
    },
  },
  {
    key: "account",
    names: { en: "Plans and your account", "pt-BR": "Planos e sua conta", cs: "Tarify a váš účet" },
    descriptions: {
      en: "Changing plans, signing in, moving and cancelling.",
      "pt-BR": "Troca de plano, acesso à conta, mudança de endereço e cancelamento.",
      cs: "Změna tarifu, přihlášení, stěhování a zrušení smlouvy.",
    },
  },
  {
    key: "internet",
    names: { en: "Internet and Wi-Fi", "pt-BR": "Internet e Wi-Fi", cs: "Internet a Wi-Fi" },
    descriptions: {
      en: "Setting up your router, fixing a slow or missing connection, installation.",
      "pt-BR": "Instalação, configuração do roteador e problemas de conexão.",
      cs: "Instalace, nastavení routeru a potíže s připojením.",
    },
  },
  {
    key: "orders",
    names: { en: "Orders, delivery and returns", "pt-BR": "Pedidos, entrega e devoluções", cs: "Objednávky, doprava a vrácení" },
    descriptions: {
      en: "Where your parcel is, changing an order, returns, refunds and warranty.",
      "pt-BR": "Rastreio, alteração de pedidos, devoluções, reembolsos e garantia.",
      cs: "Sledování zásilky, změna objednávky, vrácení zboží a reklamace.",
    },
  },
  {
    key: "team",
    names: { en: "For the team", "pt-BR": "Para a equipe", cs: "Pro tým" },
    descriptions: {
      en: "Internal procedures.",
      "pt-BR": "Procedimentos internos.",
      cs: "Interní postupy.",
    },
  },
];
