import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactDto, ConversationDto, MessageDto, MessageHitDto, Problem } from "@atende/shared";
import { buildTestApp, newConversation, newWorkspace, type AgentClient, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let admin: AgentClient;
let other: AgentClient;
let inboxId: string;

/** Conversation ids of the seeded workspace, by what they are about. */
const ids = {
  refundPt: "",
  orderCs: "",
  refundEn: "",
  accents: "",
  chargebackRich: "",
  chargebackPassing: "",
  subjectOnly: "",
  joao: "",
};
let joaoContactId = "";
const foreign = { conversationId: "", contactId: "" };

const say = async (client: AgentClient, conversationId: string, body: string, extra: object = {}) => {
  const url = `/api/v1/conversations/${conversationId}/messages`;
  const res = await client.request({ method: "POST", url, payload: { body, ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MessageDto>();
};
const start = async (body: string, more: { subject?: string; email?: string } = {}) =>
  (await newConversation(admin, { inboxId, body, ...more })).conversationId;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await newWorkspace(t);
  other = await newWorkspace(t);
  const inbox = await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Suporte", channel: "api" } });
  inboxId = inbox.json<{ id: string }>().id;

  ids.refundPt = await start("Gostaria de pedir o reembolso da minha compra.");
  ids.orderCs = await start("Dobrý den, moje objednávka ještě nedorazila.");
  await say(admin, ids.orderCs, "Objednávky z minulého týdne také chybí.", { direction: "incoming" });
  ids.refundEn = await start("I would like a refund, please.");
  await say(admin, ids.refundEn, "Update: I was refunded twice by mistake.", { direction: "incoming" });
  ids.accents = await start("Eu não recebi a fatura deste mês.");
  await say(admin, ids.accents, "Nao consigo acessar o portal.", { direction: "incoming" });

  // Created first, so that on a tie the newer (passing) conversation would come first.
  ids.chargebackRich = await start("Pedi o estorno ontem.", { subject: "Estorno do cartão" });
  await say(admin, ids.chargebackRich, "O estorno ainda não apareceu na fatura.", { direction: "incoming" });
  await say(admin, ids.chargebackRich, "Alguma novidade sobre o estorno?", { direction: "incoming" });
  ids.chargebackPassing = await start(
    "Olá, queria atualizar meu endereço de entrega para a rua nova e também mudar o telefone do cadastro; " +
      "aliás, um amigo comentou sobre estorno, mas não é o meu caso. Obrigado pela atenção e bom trabalho a todos.",
  );
  ids.subjectOnly = await start("Preciso de ajuda, por favor.", { subject: "Boleto vencido" });

  const joao = await admin.request({
    method: "POST",
    url: "/api/v1/conversations",
    payload: {
      inboxId,
      contact: { name: "João Conceição", email: "jc.suporte@padaria-estrela.com.br" },
      message: { body: "Bom dia!" },
    },
  });
  ids.joao = joao.json<ConversationDto>().id;
  joaoContactId = joao.json<ConversationDto>().contact.id;

  await say(admin, ids.refundPt, "Cliente antigo: aprovar o xilofone sem demora.", { private: true });
  const tagged = await admin.request({
    method: "PATCH",
    url: `/api/v1/conversations/${ids.refundPt}`,
    payload: { tags: ["zanzibar"] },
  });
  expect(tagged.statusCode, tagged.body).toBe(200);

  const theirInbox = await other.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Other", channel: "api" } });
  const theirs = await other.request({
    method: "POST",
    url: "/api/v1/conversations",
    payload: {
      inboxId: theirInbox.json<{ id: string }>().id,
      subject: "Estorno e boleto",
      contact: { name: "João Conceição", email: "joao@padaria-estrela.com.br" },
      message: { body: "Quero o reembolso da objednávka, a refund, não xilofone estorno." },
    },
  });
  foreign.conversationId = theirs.json<ConversationDto>().id;
  foreign.contactId = theirs.json<ConversationDto>().contact.id;
});
afterAll(() => t.close());

async function search<T>(q: string, type: "messages" | "conversations" | "contacts", client = admin): Promise<T[]> {
  const res = await client.request({ method: "GET", url: `/api/v1/search?q=${encodeURIComponent(q)}&type=${type}` });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ type: string; items: T[] }>();
  expect(body.type).toBe(type);
  return body.items;
}
const hits = (q: string) => search<MessageHitDto>(q, "messages");
const conversationIds = async (q: string) => (await search<ConversationDto>(q, "conversations")).map((c) => c.id);
const headlines = async (q: string) => (await hits(q)).map((h) => h.headline);

describe("matching words across languages", () => {
  it("finds a Portuguese word by another inflection: reembolsos → reembolso", async () => {
    expect((await hits("reembolsos")).map((h) => h.conversationId)).toEqual([ids.refundPt]);
  });

  it("finds Czech words typed without accents, in other case forms: objednavka → objednávka, Objednávky", async () => {
    const found = await hits("objednavka");
    expect(found).toHaveLength(2);
    expect(found.every((h) => h.conversationId === ids.orderCs)).toBe(true);
  });

  it("finds English words by their stem: refunds → refund, refunded", async () => {
    const found = await hits("refunds");
    expect(found).toHaveLength(2);
    expect(found.every((h) => h.conversationId === ids.refundEn)).toBe(true);
  });

  it.each(["não", "nao", "NÃO"])("ignores accents in the query and in the text: %s finds não and nao", async (q) => {
    const found = await headlines(q);
    expect(found.some((h) => h.includes("«não»"))).toBe(true);
    expect(found.some((h) => h.includes("«Nao»"))).toBe(true);
    expect((await hits(q)).map((h) => h.conversationId)).toEqual(
      expect.arrayContaining([ids.accents, ids.chargebackRich, ids.chargebackPassing]),
    );
  });
});

describe("message hits", () => {
  it("carry the conversation and a headline with the match between « and »", async () => {
    const [hit] = await hits("reembolso");
    expect(hit?.conversationId).toBe(ids.refundPt);
    expect(hit?.headline).toContain("Gostaria de pedir o «reembolso» da minha compra");
    expect(hit?.conversationNumber).toBeGreaterThan(0);
  });

  it("mark the accent-insensitive Czech match in its original spelling", async () => {
    const [first, second] = (await headlines("objednavka")).sort();
    expect(first).toContain("Dobrý den, moje «objednávka» ještě nedorazila");
    expect(second).toContain("«Objednávky» z minulého týdne také chybí");
  });

  it("mark a stemmed match too", async () => {
    const found = await headlines("refunds");
    expect(found.some((h) => h.includes("like a «refund», please"))).toBe(true);
    expect(found.some((h) => h.includes("I was «refunded» twice"))).toBe(true);
  });

  it("include private notes, which agents search too", async () => {
    const found = await hits("xilofone");
    expect(found.map((h) => h.conversationId)).toEqual([ids.refundPt]);
    expect(found[0]?.headline).toContain("aprovar o «xilofone» sem demora");
    expect(await conversationIds("xilofone")).toEqual([ids.refundPt]);
  });

  it("never include activity messages", async () => {
    const messages = await admin.request({ method: "GET", url: `/api/v1/conversations/${ids.refundPt}/messages` });
    const activities = messages.json<{ items: MessageDto[] }>().items.filter((m) => m.kind === "activity");
    expect(activities.some((m) => m.body.includes("zanzibar"))).toBe(true);
    expect(await hits("zanzibar")).toEqual([]);
    expect(await conversationIds("zanzibar")).toEqual([]);
  });
});

describe("conversation search", () => {
  it("ranks a conversation whose subject and messages match above one that mentions the word in passing", async () => {
    expect(await conversationIds("estorno")).toEqual([ids.chargebackRich, ids.chargebackPassing]);
  });

  it("finds a conversation by a word only in its subject", async () => {
    expect(await conversationIds("boleto")).toEqual([ids.subjectOnly]);
    expect(await hits("boleto")).toEqual([]);
  });

  it("lists each conversation once, however many of its messages match", async () => {
    const found = await conversationIds("objednavka");
    expect(found).toEqual([ids.orderCs]);
  });
});

describe("contact search", () => {
  it.each(["joao", "conceicao", "João Conceição", "CONCEIÇÃO", "padaria-estrela", "jc.suporte@"])(
    "finds João Conceição by %s",
    async (q) => {
      expect((await search<ContactDto>(q, "contacts")).map((c) => c.id)).toEqual([joaoContactId]);
    },
  );
});

describe("workspace isolation", () => {
  it.each([
    ["messages", "reembolso"],
    ["messages", "objednavka"],
    ["messages", "xilofone"],
    ["conversations", "estorno"],
    ["conversations", "boleto"],
  ] as const)("%s matching %s come only from the searcher's workspace", async (type, q) => {
    const mine = await search<MessageHitDto | ConversationDto>(q, type);
    const theirs = await search<MessageHitDto | ConversationDto>(q, type, other);
    const conversationOf = (x: MessageHitDto | ConversationDto) => ("conversationId" in x ? x.conversationId : x.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map(conversationOf)).not.toContain(foreign.conversationId);
    expect(theirs.map(conversationOf)).toEqual(theirs.map(() => foreign.conversationId));
    expect(theirs.length).toBeGreaterThan(0);
  });

  it("contacts come only from the searcher's workspace", async () => {
    expect((await search<ContactDto>("joao", "contacts")).map((c) => c.id)).toEqual([joaoContactId]);
    expect((await search<ContactDto>("joao", "contacts", other)).map((c) => c.id)).toEqual([foreign.contactId]);
  });
});

describe("the query", () => {
  it.each(["", "   "])("is required: q=%j is refused with 422 naming query.q", async (q) => {
    const res = await admin.request({ method: "GET", url: `/api/v1/search?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(422);
    const problem = res.json<Problem>();
    expect(problem.code).toBe("VALIDATION");
    expect(problem.errors?.map((e) => e.path)).toEqual(["query.q"]);
  });

  it("is refused with 422 naming query.q when missing", async () => {
    const res = await admin.request({ method: "GET", url: "/api/v1/search" });
    expect(res.statusCode).toBe(422);
    expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual(["query.q"]);
  });

  it("tolerates search syntax and punctuation without failing", async () => {
    const queries = ['"reembolso da"', "reembolso -compra", "!!!", "a & b | c", "'; drop table message; --", "ob:*"];
    for (const q of [...queries, "O'Brien d'Ávila", "C:\\dir\\file.txt", "e-mail@host.com/path?x=1"]) {
      const res = await admin.request({ method: "GET", url: `/api/v1/search?type=messages&q=${encodeURIComponent(q)}` });
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
  });
});
