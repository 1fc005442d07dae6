import { describe, expect, it } from "vitest";
import { asksForPerson, justGreets, saysNotSolved, soundsFrustrated } from "./wants-person.js";

describe("asking for a person", () => {
  it("is heard in any wording: direct, one word, a typo, stretched, without accents, a bot refused", () => {
    for (const text of ["HUMAAAN", "operater please", "can I speak to someone?", "falar com atendente", "atendnete", "tem alguém aí?", "nao quero robo", "chci operatora", "spojte mě s někým", "Je tam někdo živý?"]) {
      expect({ text, asks: asksForPerson(text) }).toEqual({ text, asks: true });
    }
  });
  it("is heard for someone in charge, a department, a call back, a complaint or help from someone", () => {
    for (const text of [
      "can I speak to a manager",
      "escalate this to a supervisor",
      "I'd like a callback from your staff",
      "can a member of your team help me",
      "quero reclamar com o responsável",
      "me coloca em contato com o financeiro",
      "alguém pode me ajudar?",
      "chci si stěžovat u nadřízeného",
      "můžete mě spojit se zákaznickou linkou?",
      "I don't want to chat with a machine",
      "not a machine please",
      "nechci automat",
      "nechci se bavit se strojem",
      "ozve se mi někdo?",
      "zavolejte mi prosím",
      "call me back please",
      "put me through to your staff",
      "cadê um atendente?",
      "je tady někdo?",
      "zavolejte prosím",
      "podem ligar-me de volta? Estou sem net em casa",
      "can someone explain why my bill went up?",
      "you're not helping. human please",
      "zavolejte mi prosím, jsem bez internetu už třetí den",
    ]) {
      expect({ text, asks: asksForPerson(text) }).toEqual({ text, asks: true });
    }
  });
  it("is heard when the customer asks to be put through or handed over (also passive), called by someone, or wishes to talk (Czech conditional)", () => {
    for (const text of [
      "I'd like to be transferred to the billing department",
      "could I get connected with your support team?",
      "quero ser transferido para o setor de cobrança",
      "preciso ser encaminhada ao departamento comercial",
      "rád bych mluvil s někým z podpory",
      "chci být přepojen na oddělení reklamací",
      "transfer me to sales please, I want to upgrade",
      "can you put me through to the complaints team",
      "pass me on to whoever handles refunds",
      "me passa pro comercial, quero mudar de plano",
      "přepoj mě na reklamace",
      "předejte mě prosím obchodnímu oddělení",
      "um técnico pode me ligar hoje?",
      "může mi někdo zavolat?",
      "bylo by fajn, aby mi zavolal někdo z podpory",
      "prefiro falar com um atendente de carne e osso",
      "chtěl bych chatovat s živým operátorem",
      "I want another person",
      "potřebuju nutně někoho",
      "I need customer service",
      "find me an agent",
      "me consegue um atendente",
      "atendente por favor, que já tentei de tudo",
      "chtěla bych, aby mi někdo z podpory zavolal",
      "encaminha meu caso para um supervisor",
      "não consigo falar com ninguém, quero um atendente",
    ]) {
      expect({ text, asks: asksForPerson(text) }).toEqual({ text, asks: true });
    }
  });
  it("is not heard when a talk, a call or a transfer is told of, nor for a word one slip from a talk word, nor when the customer wants to do something to someone", () => {
    for (const text of [
      "operátor, se kterým jsem včera mluvil, mi slíbil vrácení peněz",
      "kontaktoval mě technik kvůli instalaci, kdy přijde?",
      "o atendente que me atendeu ontem disse que a fatura ia baixar",
      "o técnico ligou mas não apareceu, quando ele vem?",
      "I transferred the money to your finance department yesterday, did it arrive?",
      "the agent I talked to promised a discount, where is it?",
      "me passa o número do protocolo, por favor",
      "can you connect me phone to the wifi?",
      "o meu contrato está no nome de um colega, como mudo?",
      "chci přidat kolegu do týmového účtu",
      "I want to add someone to my account",
      "quero adicionar uma pessoa na minha conta",
      "quero cadastrar um funcionário novo",
      "me encaminha o boleto por email",
      "can you transfer me to the cheaper plan?",
      "please don't transfer me again, just tell me the price",
      "můžete mi předat číslo objednávky?",
      "when will my office be connected to fibre? my colleague asked",
      "o meu plano pode ser transferido para outra pessoa?",
      "recebi uma ligação do suporte ontem, o que eles queriam?",
      "will the technician call me before he comes?",
      "é verdade que o gerente pode dar desconto?",
      "připojení pořád padá, podpora mi nic neřekla",
      "quero contratar o plano empresarial para minha equipe",
      "I need to transfer my plan to another person",
      "não quero falar com ninguém, só quero a segunda via",
      "já fui atendida pela equipe ontem, mas o problema voltou",
      "I got a callback from support yesterday, what was it about?",
      "recebi um retorno do suporte mas não entendi a proposta",
      "dostal jsem hovor od technika, co mám připravit?",
      "kdy mi zavoláte kvůli technikovi?",
      "technik mi volal, ale nedovolal se. Kdy přijde?",
      "Operátorka mě přepojila na fakturaci a tam mi to vysvětlili. Kolik teď zaplatím?",
    ]) {
      expect({ text, asks: asksForPerson(text) }).toEqual({ text, asks: false });
    }
  });
  it("is not heard in a question that only mentions someone", () => {
    for (const text of ["the agent said I would get a refund", "the technician didn't come", "o gerente da loja disse que eu tinha desconto", "technik nepřišel", "someone is using my wifi", "I want to know why someone changed my password", "is the 300 plan good for people working from home", "a pessoa que mora comigo pode pagar a fatura?", "osobní údaje na faktuře"]) {
      expect({ text, asks: asksForPerson(text) }).toEqual({ text, asks: false });
    }
  });
  it("is not heard where someone, a real thing, a machine or being there belong to another question", () => {
    for (const text of [
      "does someone have to be home while the technician is there?",
      "I live in a block of flats, do I need permission from anyone?",
      "is there a fee if someone else pays my bill?",
      "musí být někdo doma?",
      "quero colocar a conta no débito automático",
      "the card doesn't work in the machine",
      "platební automat mi nevzal kartu",
      "o cartão não passa na máquina",
      "I don't know how to connect the machine",
      "Hi team, how do I reset my password?",
      "yes it worked, thanks team!",
      "My phone, laptop and TV have no internet",
      "thanks for the call, the internet works now",
      "Can someone else use my wifi?",
      "Will someone need to be home when the technician comes?",
      "alguém pode receber a encomenda por mim?",
      "může někdo jiný převzít balík?",
      "Someone charged my card though I cancelled",
      "má někdo nějaký nápad?",
    ]) {
      expect({ text, asks: asksForPerson(text) }).toEqual({ text, asks: false });
    }
  });
});

describe("losing patience", () => {
  it("is insults, swearing or shouting, and saying it did not help", () => {
    expect(soundsFrustrated("isso é uma porcaria")).toBe(true);
    expect(soundsFrustrated("WHY IS NOTHING WORKING!!!")).toBe(true);
    expect(soundsFrustrated("my router is blinking red")).toBe(false);
    expect(saysNotSolved("não resolveu")).toBe(true);
    expect(saysNotSolved("pořád to nefunguje")).toBe(true);
    expect(saysNotSolved("that didn't help")).toBe(true);
    expect(saysNotSolved("thanks, it works now")).toBe(false);
  });
});

describe("a hello", () => {
  it("is greetings and politeness alone, not a question", () => {
    for (const text of ["oi, boa noite!", "Hello there", "dobrý den", "obrigado!"]) expect({ text, hello: justGreets(text) }).toEqual({ text, hello: true });
    for (const text of ["oi, minha internet caiu", "hello, how do I pay my bill?", "dobrý den, nejde mi wifi"]) expect({ text, hello: justGreets(text) }).toEqual({ text, hello: false });
  });
});
