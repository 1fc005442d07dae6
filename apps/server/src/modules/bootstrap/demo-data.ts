/** One message in a demo conversation; `note: true` marks an internal note visible only to agents. */
export type DemoMessage = { from: "contact" | "agent"; note?: boolean; body: string; minutesAgo: number };

/** A seeded conversation: its contact, state and messages (oldest first, minutesAgo strictly decreasing). */
export type DemoConversation = {
  locale: "pt-BR" | "cs" | "en";
  contact: { name: string; email: string; phone?: string; company?: string };
  subject: string;
  status: "open" | "pending" | "snoozed" | "resolved";
  priority: "low" | "normal" | "high" | "urgent";
  tags: string[];
  assignToAdmin: boolean;
  messages: DemoMessage[];
};

/** Conversations for the "Demo" inbox seeded on first start: 5 in pt-BR, 4 in Czech, 3 in English. */
export const DEMO_CONVERSATIONS: readonly DemoConversation[] = [
  {
    locale: "pt-BR",
    contact: { name: "Ana Beatriz Souza", email: "ana.souza@example.com.br", phone: "+55 11 98765-4321" },
    subject: "Reembolso da luminária devolvida",
    status: "open", priority: "high", tags: ["refund", "billing"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 300, body: "Olá! Devolvi a luminária de mesa há 10 dias e ainda não recebi o " +
        "reembolso. O código de postagem da devolução é QB123456789BR. Podem verificar, por favor?" },
      { from: "agent", minutesAgo: 240, body: "Oi, Ana! Agradeço por enviar o código. A luminária chegou ao nosso " +
        "estoque ontem e o reembolso já foi solicitado para o seu cartão. Dependendo do banco, o valor pode " +
        "aparecer só na próxima fatura, mas vou acompanhar e te aviso assim que tivermos a confirmação." },
    ],
  },
  {
    locale: "pt-BR",
    contact: {
      name: "Rafael Oliveira", email: "rafael@papelariaoliveira.example.com.br", company: "Papelaria Oliveira Ltda.",
    },
    subject: "Boleto vencido e nota fiscal em nome da empresa",
    status: "pending", priority: "normal", tags: ["billing", "invoice"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 1800, body: "Bom dia. O boleto do pedido 8841 venceu ontem e não consegui " +
        "pagar. Vocês podem emitir um novo? Também preciso da nota fiscal em nome da empresa, " +
        "CNPJ 12.345.678/0001-90." },
      { from: "agent", minutesAgo: 1620, body: "Bom dia, Rafael! Geramos um novo boleto com vencimento em 3 dias " +
        "úteis e ele já está no seu e-mail. Para emitir a nota fiscal em nome da empresa, você pode confirmar a " +
        "razão social e a inscrição estadual? Assim que recebermos esses dados, a nota sai no mesmo dia." },
    ],
  },
  {
    locale: "pt-BR",
    contact: { name: "Juliana Ferreira", email: "ju.ferreira@example.com.br", phone: "+55 11 91234-5678" },
    subject: "Alterar endereço de entrega do pedido 9017",
    status: "open", priority: "normal", tags: ["shipping", "address"], assignToAdmin: false,
    messages: [
      { from: "contact", minutesAgo: 45, body: "Oi, fiz o pedido 9017 hoje de manhã e percebi que coloquei o " +
        "endereço antigo. O certo é Rua das Acácias, 212, apto 34, Pinheiros, São Paulo - SP, CEP 05422-010. " +
        "Ainda dá tempo de alterar?" },
    ],
  },
  {
    locale: "pt-BR",
    contact: {
      name: "Fernanda Ribeiro", email: "fernanda@casaribeiro.example.com.br", phone: "+55 21 99876-1234",
      company: "Casa Ribeiro Decoração",
    },
    subject: "Pedido extra de xícaras Aurora para inauguração",
    status: "open", priority: "urgent", tags: ["vip", "wholesale"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 600, body: "Oi, pessoal! Vamos inaugurar a segunda loja no sábado e preciso de " +
        "mais 40 jogos de xícaras da linha Aurora. Vocês conseguem enviar até quinta-feira? Pago o frete expresso." },
      { from: "agent", minutesAgo: 540, body: "Oi, Fernanda, que notícia boa, parabéns pela nova loja! Temos 32 " +
        "jogos da linha Aurora em estoque e já separamos todos para você. Os outros 8 chegam do fornecedor na " +
        "quarta; estou confirmando com a transportadora se o expresso consegue entregar na quinta e te " +
        "retorno hoje." },
      { from: "contact", minutesAgo: 30, body: "Ótimo, fico no aguardo. Se não der para os 8, mandem os 32 mesmo." },
    ],
  },
  {
    locale: "pt-BR",
    contact: { name: "Lucas Almeida", email: "lucas.almeida@example.com.br" },
    subject: "Só para agradecer!",
    status: "resolved", priority: "low", tags: ["feedback"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 3200, body: "Passando só para agradecer! O moedor de café chegou antes do " +
        "prazo, muito bem embalado, e o bilhete escrito à mão foi um toque lindo. Já indiquei a loja " +
        "para os amigos." },
      { from: "agent", minutesAgo: 3100, body: "Lucas, que mensagem boa de receber! Ficamos muito felizes que o " +
        "moedor chegou certinho. Agradecemos demais pela indicação, e bons cafés por aí!" },
    ],
  },
  {
    locale: "cs",
    contact: { name: "Jiří Dvořák", email: "jiri.dvorak@example.cz", phone: "+420 602 123 456" },
    subject: "Objednávka 10482 stále nedorazila",
    status: "open", priority: "high", tags: ["shipping", "delayed"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 2880, body: "Dobrý den, objednávka č. 10482 měla dorazit minulý týden, ale " +
        "stále ji nemám. Sledování zásilky se od pondělí nezměnilo. Můžete prosím zjistit, kde je?" },
      { from: "agent", note: true, minutesAgo: 1500, body: "Checked with the warehouse: the parcel left on Monday, " +
        "but the carrier scanned it at the wrong depot. They are rerouting it; if it is not moving by Friday, " +
        "we ship a replacement." },
      { from: "agent", minutesAgo: 1440, body: "Dobrý den, pane Dvořáku, omlouváme se za zdržení. Ověřili jsme " +
        "to ve skladu: balík omylem skončil v jiném depu a dopravce ho teď přeposílá. Jakmile se sledování " +
        "aktualizuje, hned vám napíšeme. Pokud by se do pátku nepohnul, pošleme vám náhradní zásilku zdarma." },
      { from: "contact", minutesAgo: 25, body: "Děkuji za rychlou odpověď, počkám tedy do pátku." },
    ],
  },
  {
    locale: "cs",
    contact: {
      name: "Tereza Nováková", email: "tereza@novakovadesign.example.cz", phone: "+420 608 987 654",
      company: "Nováková Design s.r.o.",
    },
    subject: "Oprava faktury – doplnění IČO",
    status: "resolved", priority: "normal", tags: ["billing", "invoice"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 3900, body: "Dobrý den, potřebovala bych na fakturu k objednávce 10391 doplnit " +
        "IČO a název firmy. Pro účetnictví ji potřebujeme vystavenou na firmu." },
      { from: "agent", minutesAgo: 3700, body: "Dobrý den, paní Nováková, fakturu jsme opravili a doplnili IČO i " +
        "název firmy Nováková Design s.r.o. Opravenou verzi jsme vám poslali e-mailem a najdete ji také ve svém " +
        "účtu v sekci Objednávky." },
      { from: "contact", minutesAgo: 3650, body: "Skvělé, moc děkuji za rychlé vyřízení!" },
    ],
  },
  {
    locale: "cs",
    contact: { name: "Petr Svoboda", email: "petr.svoboda@example.cz" },
    subject: "Zrušení předplatného kávy",
    status: "pending", priority: "normal", tags: ["subscription", "cancellation"], assignToAdmin: false,
    messages: [
      { from: "contact", minutesAgo: 1200, body: "Dobrý den, chtěl bych zrušit předplatné kávy. Stěhuji se do " +
        "zahraničí a další balíčky už nebudu potřebovat." },
      { from: "agent", minutesAgo: 1100, body: "Dobrý den, pane Svobodo, mrzí nás, že odcházíte, ale rozumíme. " +
        "Předplatné zrušíme ke konci aktuálního období. Napište nám prosím, zda vám máme ještě poslat už " +
        "zaplacený balíček na stávající adresu, nebo ho raději zrušit a peníze vrátit." },
    ],
  },
  {
    locale: "cs",
    contact: { name: "Lucie Černá", email: "lucie.cerna@example.cz", phone: "+420 731 456 789" },
    subject: "Hrnek Mlha – myčka a mikrovlnná trouba?",
    status: "snoozed", priority: "low", tags: ["product"], assignToAdmin: false,
    messages: [
      { from: "contact", minutesAgo: 2400, body: "Dobrý den, hodí se váš keramický hrnek Mlha do myčky a do " +
        "mikrovlnné trouby? Chtěla bych ho dát jako dárek." },
      { from: "agent", minutesAgo: 2300, body: "Dobrý den, paní Černá, hrnek Mlha můžete bez obav mýt v myčce. " +
        "Do mikrovlnné trouby ho ale nedoporučujeme kvůli kovovému okraji glazury. Pokud chcete, přibalíme " +
        "k dárku ručně psané přání – stačí nám poslat text." },
    ],
  },
  {
    locale: "en",
    contact: { name: "Emily Carter", email: "emily.carter@example.com", phone: "+1 555-0134" },
    subject: "Password reset email never arrives",
    status: "resolved", priority: "normal", tags: ["account", "login"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 1000, body: "Hi, I'm trying to reset my password but the reset email never " +
        "arrives. I've checked spam too. My account email is emily.carter@example.com." },
      { from: "agent", minutesAgo: 950, body: "Hi Emily, thanks for checking spam first. Our email provider had " +
        "paused delivery to your address after an earlier bounce; we've cleared that and sent you a fresh reset " +
        "link. It stays valid for 60 minutes, and you can always request a new one from the sign-in page." },
      { from: "contact", minutesAgo: 920, body: "Got it and I'm back in. Thank you so much!" },
    ],
  },
  {
    locale: "en",
    contact: { name: "Michael Brooks", email: "mike.brooks@example.com", phone: "+1 555-0142" },
    subject: "App crashes when opening order history",
    status: "open", priority: "high", tags: ["bug", "mobile-app"], assignToAdmin: true,
    messages: [
      { from: "contact", minutesAgo: 180, body: "The app crashes every time I tap Order history on my iPhone " +
        "(iOS 17.5, app version 2.8.1). I've reinstalled it twice. It started after yesterday's update." },
      { from: "agent", minutesAgo: 150, body: "Hi Michael, thank you for the detailed report, the version numbers " +
        "help a lot. We've reproduced the crash and our developers are working on a fix. Until the update is out, " +
        "you can see all past orders on our website under My account > Orders. I'll let you know once it's fixed." },
    ],
  },
  {
    locale: "en",
    contact: { name: "Sarah Mitchell", email: "sarah.mitchell@example.com" },
    subject: "Glass teapot arrived cracked",
    status: "open", priority: "normal", tags: ["damaged", "shipping"], assignToAdmin: false,
    messages: [
      { from: "contact", minutesAgo: 12, body: "Hello, my order #10377 arrived today and the glass teapot is " +
        "cracked along the handle. The box looked crushed on one corner. I have photos if you need them. " +
        "Could you send a replacement?" },
    ],
  },
];

/** Starter canned responses (English) using the `{{contact.firstName}}` and `{{agent.name}}` variables. */
export const DEMO_CANNED_RESPONSES: readonly { shortCode: string; title: string; body: string }[] = [
  {
    shortCode: "greeting",
    title: "Greeting",
    body: "Hi {{contact.firstName}}, thanks for reaching out! I'm {{agent.name}} and I'll be helping you today. " +
      "Let me look into this and I'll get back to you as soon as I can.",
  },
  {
    shortCode: "refund-policy",
    title: "Refund policy",
    body: "Hi {{contact.firstName}}, you can return unused items within 30 days of delivery for a full refund. " +
      "Once the return reaches us and we've checked it, we refund your original payment method; " +
      "your bank may need a few extra business days to show it.\n\nBest,\n{{agent.name}}",
  },
  {
    shortCode: "shipping-delay",
    title: "Shipping delay",
    body: "Hi {{contact.firstName}}, I'm sorry your order is taking longer than expected. " +
      "I've asked the carrier for an update and will write to you as soon as I hear back. " +
      "I can't promise an exact date yet, but I'm keeping an eye on it.\n\nBest,\n{{agent.name}}",
  },
  {
    shortCode: "password-reset",
    title: "Password reset",
    body: "Hi {{contact.firstName}}, I've sent a new password reset link to the email address on your account. " +
      "If it doesn't show up, please check your spam folder or reply here and we'll find another way." +
      "\n\nBest,\n{{agent.name}}",
  },
  {
    shortCode: "closing",
    title: "Closing",
    body: "I'm glad we could sort this out, {{contact.firstName}}! " +
      "If anything else comes up, just reply to this message and it will come straight back to us. " +
      "Have a great day!\n\n{{agent.name}}",
  },
];
