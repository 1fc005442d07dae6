import { beforeAll, describe, expect, it } from "vitest";
import type { AttendantAnswerDto, Problem } from "@atende/shared";
import { systemActor } from "../../core/context.js";
import { newWorkspace, useSignedInAdmin, type AgentClient } from "../../test/test-app.js";
import { seedKnowledgeBase } from "../knowledge-base/demo-seed.js";

const env = useSignedInAdmin();
let shop: AgentClient; // a workspace with the demo knowledge base
let empty: AgentClient; // one without articles

beforeAll(async () => {
  shop = await newWorkspace(env.t, "Provedor Demo");
  await env.t.runtime.transact(systemActor(shop.workspaceId), seedKnowledgeBase);
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
