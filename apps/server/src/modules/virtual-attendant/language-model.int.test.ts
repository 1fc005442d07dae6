import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttendantAnswerDto, InboxDto } from "@atende/shared";
import { systemActor } from "../../core/context.js";
import { chatVisitor } from "../../test/chat-visitor.js";
import { buildTestApp, newWorkspace, type AgentClient, type TestApp } from "../../test/test-app.js";
import { seedKnowledgeBase } from "../knowledge-base/demo-seed.js";

/** How the stand-in model answers the next request: as a model would, or as a broken endpoint does. */
type Mode = "answer" | "answer_late" | "no_answer" | "error" | "garbage" | "slow";
let mode: Mode = "answer";
const received: { authorization: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }[] = [];

/** A local server speaking OpenAI's chat-completions protocol (what Ollama, llama.cpp and hosted APIs speak). */
const model: Server = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  req.on("end", () => {
    if (req.url !== "/v1/chat/completions" || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    received.push({ authorization: req.headers.authorization, body: JSON.parse(raw) as (typeof received)[number]["body"] });
    const reply = (content: string) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "chatcmpl-1", object: "chat.completion", model: "test-model", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] }));
    };
    const phrasing = "Para trocar o nome e a senha do Wi-Fi, entre na página do roteador e escolha Rede sem fio.";
    if (mode === "answer") reply(phrasing);
    else if (mode === "answer_late") setTimeout(() => { reply(phrasing); }, 1500);
    else if (mode === "no_answer") reply("NO_ANSWER");
    else if (mode === "error") res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"message":"overloaded"}}');
    else if (mode === "garbage") res.writeHead(200, { "content-type": "application/json" }).end('{"choices": "nope"');
    else setTimeout(() => { reply("tarde demais"); }, 20_000);
  });
});

let t: TestApp;
let admin: AgentClient;
beforeAll(async () => {
  await new Promise<void>((resolve) => model.listen(0, "127.0.0.1", resolve));
  const { port } = model.address() as AddressInfo; // a TCP server bound above
  t = await buildTestApp({ ATENDE_LLM_URL: `http://127.0.0.1:${String(port)}/v1`, ATENDE_LLM_MODEL: "test-model", ATENDE_LLM_API_KEY: "sk-test-key", ATENDE_LLM_TIMEOUT_SECONDS: "3" });
  admin = await newWorkspace(t, "Provedor");
  await t.runtime.transact(systemActor(admin.workspaceId), seedKnowledgeBase);
});
afterAll(async () => {
  await t.close();
  model.close();
});

const ask = async (question: string) => {
  const res = await admin.request({ method: "POST", url: "/api/v1/virtual-attendant/ask", payload: { question, locale: "pt-BR" } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AttendantAnswerDto>();
};
const QUESTION = "como faço pra trocar o nome e a senha da minha rede wi-fi?";

describe("the attendant with a language model", () => {
  it("has the model word the answer from the one article retrieval chose, in the customer's language, and keeps the link and the question its own", async () => {
    mode = "answer";
    const answer = await ask(QUESTION);
    expect(answer.outcome).toBe("answer");
    expect(answer.reply).toMatch(/^Para trocar o nome e a senha do Wi-Fi, entre na página do roteador/);
    expect(answer.reply).toContain(answer.article?.url ?? "-");
    expect(answer.reply).toMatch(/Isso resolveu\?$/);
    const sent = received.at(-1);
    expect(sent?.authorization).toBe("Bearer sk-test-key");
    expect(sent?.body.model).toBe("test-model");
    expect(sent?.body.messages[0]?.content).toMatch(/Brazilian Portuguese.*ONLY the help-center article/s);
    expect(sent?.body.messages[1]?.content).toContain(answer.article?.title ?? "-");
    expect(sent?.body.messages[1]?.content).toContain(QUESTION);
  });

  it("falls back to the article's own passage when the model fails, times out, answers garbage or says the article does not answer", async () => {
    const plain = (a: AttendantAnswerDto) => a.reply.startsWith(a.passage ?? "-");
    for (const broken of ["error", "garbage", "slow", "no_answer"] as const) {
      mode = broken;
      const started = Date.now();
      const answer = await ask(QUESTION);
      expect({ broken, outcome: answer.outcome, plain: plain(answer) }).toEqual({ broken, outcome: "answer", plain: true });
      expect(Date.now() - started).toBeLessThan(10_000); // the timeout (3 s), not the model's twenty seconds
    }
  });

  it("answers a visitor in the chat in the model's words, and keeps no transaction open while the model thinks", async () => {
    mode = "answer_late";
    const made = await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } });
    const on = await admin.request({ method: "PATCH", url: `/api/v1/inboxes/${made.json<InboxDto>().id}`, payload: { virtualAttendant: { enabled: true } } });
    expect(on.statusCode, on.body).toBe(200);
    const visitor = await chatVisitor(t, on.json<InboxDto>(), admin);
    const before = received.length;
    await visitor.say(QUESTION);
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(before + 1);
    // The model takes a second and a half: the server answers everyone else meanwhile (the embedded database
    // would wait for an open transaction, a server's would hold its connection and row locks).
    const started = Date.now();
    const other = await admin.request({ method: "GET", url: "/api/v1/article-categories" });
    expect(other.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(750);
    const bot = (await visitor.sees(2)).filter((m) => m.sender.type === "bot");
    expect(bot.at(-1)?.body).toMatch(/^Para trocar o nome e a senha do Wi-Fi, entre na página do roteador[\s\S]*Isso resolveu\?$/);
    expect(received.length).toBe(before + 1); // asked once, before the turn: not again inside it
  });

  it("is never asked about what retrieval does not answer, nor when the customer wants a person", async () => {
    mode = "answer";
    const before = received.length;
    expect((await ask("qual vai ser o placar do jogo de domingo?")).outcome).toBe("no_answer");
    expect((await ask("quero falar com um atendente")).outcome).toBe("handoff");
    expect(received.length).toBe(before);
  });
});
