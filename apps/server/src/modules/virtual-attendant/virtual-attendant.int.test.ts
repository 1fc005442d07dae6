import { beforeAll, describe, expect, it } from "vitest";
import type {
  ArticlePageDto,
  ArticleQuestionSuggestionListDto,
  AttendantAnswerDto,
  AttendantStatsDto,
  ConversationDto,
  InboxDto,
  MessageDto,
  Problem,
} from "@atende/shared";
import { systemActor } from "../../core/context.js";
import { chatVisitor } from "../../test/chat-visitor.js";
import { newWorkspace, useSignedInAdmin, type AgentClient } from "../../test/test-app.js";
import { seedKnowledgeBase } from "../knowledge-base/demo-seed.js";
import { ATTENDANT_CONFIDENCE } from "./answer.js";
import { slowInternetFlow } from "./demo-flow.js";

const env = useSignedInAdmin();
let shop: AgentClient; // a workspace with the demo knowledge base
let empty: AgentClient; // one without articles
let articleIds: Map<string, string>; // "locale:key" → the demo article's translation

beforeAll(async () => {
  shop = await newWorkspace(env.t, "Provedor Demo");
  articleIds = await env.t.runtime.transact(systemActor(shop.workspaceId), seedKnowledgeBase);
  empty = await newWorkspace(env.t, "Empty shop");
});

const ask = async (client: AgentClient, payload: object) => {
  const res = await client.request({ method: "POST", url: "/api/v1/virtual-attendant/ask", payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AttendantAnswerDto>();
};

describe("the virtual attendant's answer to a question", () => {
  it("answers from the public article in the customer's language, with the passage, its link and whether it solved it", async () => {
    const en = await ask(shop, { question: "how do I change the name and key of my wireless network" });
    expect(en).toMatchObject({ outcome: "answer", locale: "en", reason: null });
    expect(en.article?.url).toMatch(/\/help\/[^/]+\/en\/[a-z0-9-]+$/);
    expect(en.confidence).toBeGreaterThanOrEqual(0.45);
    expect(en.reply).toContain(en.passage ?? "-");
    expect(en.reply).toContain(en.article?.url ?? "-");
    expect(en.reply).toMatch(/Did this solve it\?$/);
    expect((en.passage ?? "").length).toBeLessThanOrEqual(330); // a passage, not the article

    const pt = await ask(shop, { question: "como faço pra trocar o nome e a senha da minha rede wi-fi?" });
    expect(pt).toMatchObject({ outcome: "answer", locale: "pt-BR" }); // told from the text
    expect(pt.reply).toMatch(/Isso resolveu\?$/);
    const cs = await ask(shop, { question: "jak změním název a heslo své wifi sítě?" });
    expect(cs).toMatchObject({ outcome: "answer", locale: "cs" });
    expect(cs.article?.url).toContain("/cs/");
  });

  it("hands off at once when the customer asks for a person, in any of the three languages, or loses patience", async () => {
    for (const question of ["human please", "I want to talk to a real person, not a bot", "quero falar com um atendente", "me passa pra alguém de verdade", "chci mluvit s člověkem", "přepojte mě na operátora prosím", "atendente!!"]) {
      const answer = await ask(shop, { question });
      expect({ question, outcome: answer.outcome, reason: answer.reason }).toEqual({ question, outcome: "handoff", reason: "asked" });
    }
    const angry = await ask(shop, { question: "this is useless, you stupid machine", locale: "en" });
    expect(angry).toMatchObject({ outcome: "handoff", reason: "frustrated" });
    expect(angry.reply).toMatch(/person/);
    const cs = await ask(shop, { question: "chci mluvit s člověkem" });
    expect(cs.reply).toMatch(/člověk/); // in the customer's language
  });

  it("says plainly that it does not know, rather than answer from what the knowledge base does not say", async () => {
    const weather = await ask(shop, { question: "what will the weather be like in Lisbon tomorrow", locale: "en" });
    expect(weather).toMatchObject({ outcome: "no_answer", article: null, passage: null });
    expect(weather.reply).toMatch(/talk to a person/);
    // The refund limits are an internal article (agents only): never an answer for a customer.
    const internal = await ask(shop, { question: "who approves refunds above the supervisor's limit", locale: "en" });
    expect(internal.article?.title ?? "").not.toMatch(/approv/i);
    // Another workspace's articles are not this one's.
    const elsewhere = await ask(empty, { question: "how do I change the name and key of my wireless network", locale: "en" });
    expect(elsewhere).toMatchObject({ outcome: "no_answer", article: null });
  });

  it("when not sure, offers the public articles that cover part of the question as related, never as an answer", async () => {
    const partial = await ask(shop, { question: "the thing I ordered arrived scratched, what can I do", locale: "en" });
    expect(partial).toMatchObject({ outcome: "no_answer", article: null, passage: null });
    expect(partial.confidence).toBeLessThan(ATTENDANT_CONFIDENCE.en);
    expect(partial.related.length).toBeGreaterThan(0);
    expect(partial.related.length).toBeLessThanOrEqual(3);
    const english = new Set([...articleIds].filter(([key]) => key.startsWith("en:")).map(([, id]) => id));
    expect(partial.related.every((r) => english.has(r.id))).toBe(true);
    for (const related of partial.related) {
      expect(related.url).toMatch(/\/help\/[^/]+\/en\/[a-z0-9-]+$/);
      expect(partial.reply).toContain(related.url);
      expect(partial.reply).toContain(related.title);
    }
    expect(partial.reply).toMatch(/may be related[\s\S]*talk to a person\?$/);
    // In Portuguese, the same words around the links.
    const pt = await ask(shop, { question: "a coisa que eu pedi chegou toda riscada, o que eu faço", locale: "pt-BR" });
    expect(pt).toMatchObject({ outcome: "no_answer", locale: "pt-BR" });
    expect(pt.related.length).toBeGreaterThan(0);
    expect(pt.reply).toMatch(/podem ter relação[\s\S]*pessoa da nossa equipe\?$/);
    // Nothing covers enough of the question: no list of chance matches, just the plain offer of a person.
    const weather = await ask(shop, { question: "what will the weather be like in Lisbon tomorrow", locale: "en" });
    expect(weather.related).toEqual([]);
    expect(weather.reply).not.toMatch(/related/);
    // An internal article is never offered, as an answer or as related.
    const internal = await ask(shop, { question: "who may approve a refund above the supervisor's limit", locale: "en" });
    expect(internal.related.map((r) => r.id)).not.toContain(articleIds.get("en:refund-approvals"));
    expect(internal.article?.id).not.toBe(articleIds.get("en:refund-approvals"));
  });

  it("refuses an empty or oversized question and an unknown language, naming the field", async () => {
    for (const [payload, path] of [
      [{ question: "   " }, "question"],
      [{ question: "x".repeat(2001) }, "question"],
      [{ question: "oi", locale: "fr" }, "locale"],
    ] as const) {
      const res = await shop.request({ method: "POST", url: "/api/v1/virtual-attendant/ask", payload });
      expect(res.statusCode).toBe(422);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual([path]);
    }
  });
});

describe("the virtual attendant in a chat conversation", () => {
  let inbox: InboxDto;
  beforeAll(async () => {
    const made = await shop.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat do site", channel: "chat" } });
    expect(made.statusCode, made.body).toBe(201);
    const on = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${made.json<InboxDto>().id}`, payload: { virtualAttendant: { enabled: true, name: "Lia" } } });
    expect(on.statusCode, on.body).toBe(200);
    inbox = on.json<InboxDto>();
  });

  /** A visitor of the shop's chat, with what they say and see. */
  const visitor = () => chatVisitor(env.t, inbox, shop);
  const timeline = async (conversationId: string) =>
    (await shop.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages?limit=100` })).json<{ items: MessageDto[] }>().items;

  it("greets, answers from an article with the passage and a link, and resolves the conversation as self-service when it solved it", async () => {
    const maria = await visitor();
    await maria.say("como faço pra trocar o nome e a senha da minha rede wi-fi?");
    const seen = await maria.sees(2);
    const bot = seen.filter((m) => m.sender.type === "bot");
    expect(bot[0]?.body).toMatch(/Sou Lia, o atendente virtual/);
    expect(bot[1]?.body).toMatch(/Isso resolveu\?$/);
    expect(bot[1]?.body).toMatch(/\/help\/[^/]+\/pt-BR\//);
    expect(bot[1]?.buttons?.map((b) => b.label)).toEqual(["Sim, resolveu", "Não", "Falar com uma pessoa"]);
    expect(bot.every((m) => m.buttons?.some((b) => b.label === "Falar com uma pessoa"))).toBe(true); // a person always one press away
    const { id } = await maria.conversation();
    const conversation = async () => (await shop.request({ method: "GET", url: `/api/v1/conversations/${id}` })).json<ConversationDto>();
    await maria.say("Sim, resolveu");
    await expect.poll(async () => (await conversation()).status, { timeout: 15_000 }).toBe("resolved"); // self-service: no person needed
    expect((await conversation()).assignee).toBeNull();
    const messages = await timeline(id);
    expect(messages.filter((m) => m.senderType === "bot" && m.kind === "reply").map((m) => m.body).at(-1)).toMatch(/Que bom que resolveu/);
    // What she asked, which the article solved, is offered to its writers as one of its questions.
    const slug = /\/help\/[^/]+\/pt-BR\/([a-z0-9-]+)/.exec(bot[1]?.body ?? "")?.[1];
    const list = (await shop.request({ method: "GET", url: "/api/v1/articles?locale=pt-BR&limit=100" })).json<ArticlePageDto>().items;
    const article = list.find((a) => a.slug === slug);
    const suggested = await shop.request({ method: "GET", url: `/api/v1/articles/${article?.id ?? ""}/question-suggestions` });
    expect(suggested.json<ArticleQuestionSuggestionListDto>().items.map((i) => [i.question, i.source, i.conversationId])).toEqual([
      ["como faço pra trocar o nome e a senha da minha rede wi-fi?", "self_service", id],
    ]);
  });

  it("hands off at once when asked, with a note that tells the agent what was asked and shown, and then keeps quiet", async () => {
    const jan = await visitor();
    await jan.say("jak změním heslo k wifi?");
    await jan.sees(2);
    await jan.say("chci mluvit s člověkem");
    const seen = await jan.sees(3);
    expect(seen.at(-1)?.body).toMatch(/Předávám vás/);
    const conversation = await jan.conversation();
    expect(conversation.status).toBe("open");
    const notes = (await timeline(conversation.id)).filter((m) => m.kind === "note");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain("jak změním heslo k wifi?");
    expect(notes[0]?.body).toMatch(/https?:\/\/|\/help\//); // the article it showed
    expect(notes[0]?.senderType).toBe("bot");
    // Handed off, it says nothing more: the person has it.
    await jan.say("díky");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await jan.sees(3)).filter((m) => m.sender.type === "bot")).toHaveLength(3);
  });

  it("hands off when its answer did not solve it, and stops when an agent takes over", async () => {
    const ana = await visitor();
    await ana.say("how do I change the name and password of my wifi network?");
    await ana.sees(2);
    await ana.say("No");
    const seen = await ana.sees(3);
    expect(seen.at(-1)?.body).toMatch(/didn't solve it/);
    const handed = await ana.conversation();
    expect((await timeline(handed.id)).some((m) => m.kind === "note" && /did not solve it/.test(m.body))).toBe(true);

    const bruno = await visitor();
    await bruno.say("my internet is very slow in the evenings");
    await bruno.sees(2);
    const taken = await bruno.conversation();
    const reply = await shop.request({ method: "POST", url: `/api/v1/conversations/${taken.id}/messages`, payload: { body: "Hi Bruno, I'm Ana from the team: let me check your line." } });
    expect(reply.statusCode, reply.body).toBe(201);
    // Taken over the moment the agent wrote, not when the customer next writes.
    const takenOver = async () =>
      (await shop.request({ method: "GET", url: "/api/v1/virtual-attendant/stats" })).json<AttendantStatsDto>().rows.filter((r) => r.inboxId === inbox.id).reduce((n, r) => n + r.takenOver, 0);
    await expect.poll(takenOver, { timeout: 15_000 }).toBe(1);
    await bruno.say("thanks, what do you see?");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await bruno.sees(2)).filter((m) => m.sender.type === "bot")).toHaveLength(2); // the agent has it now
  });

  it("says it does not know rather than guess, then passes the customer to a person", async () => {
    const eva = await visitor();
    await eva.say("the thing I ordered arrived scratched, what can I do");
    const seen = await eva.sees(2);
    expect(seen.at(-1)?.body).toMatch(/rather not guess[\s\S]*may be related/);
    await eva.say("and who won the football match yesterday?");
    await eva.sees(3);
    const note = (await timeline((await eva.conversation()).id)).find((m) => m.kind === "note" && /did not know the answer/.test(m.body));
    // The articles it offered as related are in the note, as shown to the customer.
    expect(note?.body).toMatch(/Articles it showed:\n- .+ \(\/help\/[^)]+\)/);
  });

  it("walks the example flow: asks again until the account number is one, keeps the answers, shows the article and hands off with them", async () => {
    const set = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [slowInternetFlow(articleIds.get("en:slow-internet"))] } } });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const rui = await visitor();
      await rui.say("boa noite, minha internet está lenta desde ontem");
      let seen = await rui.sees(2);
      expect(seen.at(-1)?.body).toMatch(/Qual é o número da sua conta\?/);
      await rui.say("não sei, uns oito números");
      seen = await rui.sees(3);
      expect(seen.at(-1)?.body).toMatch(/não parece um número de conta/);
      await rui.say("12345678");
      seen = await rui.sees(4);
      expect(seen.at(-1)?.buttons?.map((b) => b.label)).toEqual(["100 Mbps", "300 Mbps", "1 Gbps", "Falar com uma pessoa"]);
      await rui.say("300 Mbps");
      seen = await rui.sees(5);
      expect(seen.at(-1)?.body).toMatch(/Qual velocidade o teste/);
      await rui.say("87,5");
      seen = await rui.sees(7); // the article, then "did that help?"
      expect(seen.at(-2)?.body).toMatch(/\/help\/[^/]+\/pt-BR\//);
      expect(seen.at(-1)?.buttons?.map((b) => b.value)).toEqual(["yes", "no", "person"]);
      await rui.say("Não, continua lenta");
      seen = await rui.sees(8);
      expect(seen.at(-1)?.body).toMatch(/equipe técnica/);
      const conversation = await rui.conversation();
      expect(conversation.tags).toEqual(["slow-internet"]);
      const note = (await timeline(conversation.id)).find((m) => m.kind === "note")?.body ?? "";
      expect(note).toMatch(/a flow handed it over/);
      expect(note).toContain("account_number: 12345678");
      expect(note).toContain("plan_mbps: 300");
      expect(note).toContain("measured_mbps: 87.5");
      const contact = (await shop.request({ method: "GET", url: `/api/v1/contacts/${conversation.contact.id}` })).json<{ customAttributes: Record<string, unknown> }>();
      expect(contact.customAttributes).toMatchObject({ account_number: "12345678" });
    } finally {
      await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [] } } });
    }
  });

  it("is set up per chat inbox: validated, versioned, and refused for e-mail inboxes", async () => {
    expect(inbox.virtualAttendant).toMatchObject({ enabled: true, name: "Lia", when: "always", flows: [], version: 1 });
    const bad = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { when: "sometimes" } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<Problem>().errors?.map((e) => e.path)).toEqual(["virtualAttendant.when"]);
    const flow = { id: "speed", button: { en: "My internet is slow" }, steps: [{ type: "say", id: "hi", text: { en: "Let's check." }, next: "nowhere" }] };
    const broken = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [flow] } } });
    expect(broken.json<Problem>().errors?.map((e) => `${e.path} ${e.code}`)).toEqual(["virtualAttendant.flows.0.steps.0.next unknown_step"]);
    // Steps that wait for nothing and lead back to each other would talk forever: refused.
    const say = (id: string, next?: string) => ({ type: "say", id, text: { en: `Step ${id}.` }, ...(next ? { next } : {}) });
    const looping = { ...flow, steps: [say("a"), { type: "set", id: "b", priority: "high", next: "c" }, say("c", "a")] };
    const loop = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [looping] } } });
    expect(loop.json<Problem>().errors?.map((e) => `${e.path} ${e.code}`)).toEqual(["virtualAttendant.flows.0.steps.0 step_loop"]);
    const asking = { type: "buttons", id: "c", text: { en: "Again?" }, options: [{ value: "yes", label: { en: "Yes" }, next: "a" }] };
    const waits = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [{ ...looping, steps: [say("a"), say("b"), asking] }] } } });
    expect(waits.statusCode, waits.body).toBe(200); // a loop through a question waits for the customer each time round
    const renamed = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { name: "Lia Bot" } } });
    expect(renamed.json<InboxDto>().virtualAttendant).toMatchObject({ name: "Lia Bot", enabled: true, version: 5 }); // the flow test's two changes and the loop through a question before
    await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { name: "Lia" } } });
    const email = await shop.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Mail", channel: "email", address: "ajuda@provedor.example" } });
    const refused = await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${email.json<InboxDto>().id}`, payload: { virtualAttendant: { enabled: true } } });
    expect(refused.json<Problem>().errors?.map((e) => `${e.path} ${e.code}`)).toEqual(["virtualAttendant chat_only"]);
  });

  it("checks a flow's pattern with RE2 when it is saved, and matches answers in time that grows with their length alone", async () => {
    const asking = (pattern: string) => ({
      id: "code",
      button: { en: "My order code" },
      keywords: { en: ["order code"] },
      steps: [{ type: "ask", id: "code", text: { en: "What is your order code?" }, save: { to: "conversation", key: "code" }, check: { type: "pattern", pattern }, reask: { en: "That is not an order code." } },
        { type: "end", id: "done", text: { en: "Thanks, noted." } },
      ],
    });
    const save = (pattern: string) => shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [asking(pattern)] } } });
    const lookBehind = await save("(?<=#)\\d+");
    expect(lookBehind.statusCode).toBe(422);
    expect(lookBehind.json<Problem>().errors?.map((e) => `${e.path} ${e.code}`)).toEqual(["virtualAttendant.flows.0.steps.0.check.pattern pattern"]);
    // A pattern JavaScript's RegExp takes exponential time on (seconds for 30 characters, years for 50).
    expect((await save("^(a+)+$")).statusCode).toBe(200);
    try {
      const ivo = await visitor();
      await ivo.say("I need help with my order code please");
      expect((await ivo.sees(2)).at(-1)?.body).toMatch(/What is your order code\?/);
      const started = Date.now();
      await ivo.say(`${"a".repeat(5000)}!`);
      expect((await ivo.sees(3)).at(-1)?.body).toMatch(/That is not an order code/);
      expect(Date.now() - started).toBeLessThan(5000);
      await ivo.say("aaaa");
      expect((await ivo.sees(4)).at(-1)?.body).toBe("Thanks, noted.");
    } finally {
      await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [] } } });
    }
  });

  it("hands the customer to a person, rather than fall silent, when a change of its own is refused, and says why in the note", async () => {
    const team = await shop.request({ method: "POST", url: "/api/v1/teams", payload: { name: "Billing" } });
    expect(team.statusCode, team.body).toBe(201);
    const teamId = team.json<{ id: string }>().id;
    const flow = { id: "billing", button: { en: "Billing" }, keywords: { en: ["my invoice"] }, steps: [{ type: "set", id: "route", teamId }, { type: "say", id: "ok", text: { en: "Billing will see this." } }] };
    expect((await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [flow] } } })).statusCode).toBe(200);
    expect((await shop.request({ method: "DELETE", url: `/api/v1/teams/${teamId}` })).statusCode).toBe(204); // the flow now names a team that is gone
    try {
      const olga = await visitor();
      await olga.say("there is a problem with my invoice");
      const seen = await olga.sees(1); // its greeting was rolled back with the rest of the refused turn
      expect(seen.at(-1)?.body).toMatch(/I can't go on with this myself, so I'm passing you to a person/);
      const conversation = await olga.conversation();
      const note = (await timeline(conversation.id)).find((m) => m.kind === "note")?.body ?? "";
      expect(note).toMatch(/it could not carry out a step/);
      expect(note).toMatch(/What it could not do:\n- teamId: no team with this id/);
      // Handed off: the next message is the person's to answer, not a retry of the refused turn.
      await olga.say("hello?");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await olga.sees(1)).filter((m) => m.sender.type === "bot")).toHaveLength(1);
    } finally {
      await shop.request({ method: "PATCH", url: `/api/v1/inboxes/${inbox.id}`, payload: { virtualAttendant: { flows: [] } } });
    }
  });

  it("counts what it did, per inbox and language: resolved itself, handed off and why, taken over", async () => {
    const res = await shop.request({ method: "GET", url: "/api/v1/virtual-attendant/stats" });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<AttendantStatsDto>().rows.filter((r) => r.inboxId === inbox.id);
    const sum = (pick: (r: AttendantStatsDto["rows"][number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
    expect({
      conversations: sum((r) => r.conversations),
      resolved: sum((r) => r.resolved),
      takenOver: sum((r) => r.takenOver),
      asked: sum((r) => r.handoffReasons.asked),
      notSolved: sum((r) => r.handoffReasons.not_solved),
      notConfident: sum((r) => r.handoffReasons.not_confident),
      flow: sum((r) => r.handoffReasons.flow),
      failed: sum((r) => r.handoffReasons.failed),
    }).toEqual({ conversations: 8, resolved: 1, takenOver: 1, asked: 1, notSolved: 1, notConfident: 1, flow: 1, failed: 1 });
    expect(rows.find((r) => r.locale === "cs")?.handedOff).toBe(1);
    const other = await empty.request({ method: "GET", url: "/api/v1/virtual-attendant/stats" });
    expect(other.json<AttendantStatsDto>().rows).toEqual([]); // another workspace's are not its own
  });
});
