import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import type { ArticleCategoryDto, ArticleDto, InboxDto, MessageDto, Problem, VisitorMessageDto, VisitorSessionDto, WidgetArticleSuggestionDto } from "@atende/shared";
import { buildTestApp, newWorkspace, type AgentClient, type TestApp } from "./test-app.js";

/**
 * The public endpoints (the widget's, the help center's) take identifiers from anyone: a widget
 * token, a visitor token, article and file ids, slugs. Whatever A's credentials are sent with, B's
 * ids answer 404, exactly as ids that do not exist.
 */

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** What one workspace has that the public can reach. */
type Tenant = {
  admin: AgentClient;
  /** The help center's address: /help/<slug>. */
  help: string;
  widgetToken: string;
  visitorToken: string;
  conversationId: string;
  /** Files on the visitor's conversation: the visitor's picture and the agent's PDF. */
  visitorFileId: string;
  agentFileId: string;
  /** Upload tokens no message has taken yet: a visitor's and an agent's. */
  visitorUpload: string;
  agentUpload: string;
  article: ArticleDto;
  category: ArticleCategoryDto;
  /** An article picture's public URL. */
  image: string;
  /** A word only this workspace's article has. */
  word: string;
};

let t: TestApp;
let A: Tenant;
let B: Tenant;

const widget = (url: string, opts: { token?: string; payload?: object; method?: "GET" | "POST"; headers?: Record<string, string> } = {}) =>
  t.app.inject({
    method: opts.method ?? (opts.payload ? "POST" : "GET"),
    url,
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.payload ? { payload: opts.payload } : {}),
  });

async function tenant(name: string, word: string): Promise<Tenant> {
  const admin = await newWorkspace(t, name);
  const chat = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
  const widgetToken = chat.chat?.widgetToken ?? "";
  const session = await widget("/widget/v1/sessions", { payload: { widgetToken, name: `${name} visitor` } });
  expect(session.statusCode, session.body).toBe(200);
  const { visitorToken } = session.json<VisitorSessionDto>();
  const visitorUploads = async () => {
    const res = await widget("/widget/v1/uploads?fileName=foto.png", { token: visitorToken, payload: PNG, headers: { "content-type": "image/png" } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ token: string }>().token;
  };
  const agentUploads = async () => {
    const res = await admin.request({ method: "POST", url: "/api/v1/uploads?fileName=nota.pdf", headers: { "content-type": "application/pdf" }, payload: Buffer.from(`%PDF-1.4 ${name}`) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ token: string }>().token;
  };
  const sent = await widget("/widget/v1/messages", { token: visitorToken, payload: { clientId: randomUUID(), body: `Segredo de ${name}`, attachments: [await visitorUploads()] } });
  expect(sent.statusCode, sent.body).toBe(201);
  const visitorFileId = sent.json<VisitorMessageDto>().attachments[0]?.id ?? "";
  const current = (await widget("/widget/v1/messages", { token: visitorToken })).json<VisitorSessionDto["conversation"]>();
  const conversationId = current?.id ?? "";
  const reply = await admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "Segue a nota", attachments: [await agentUploads()] } });
  expect(reply.statusCode, reply.body).toBe(201);
  const agentFileId = reply.json<MessageDto>().attachments[0]?.id ?? "";

  const category = (
    await admin.request({ method: "POST", url: "/api/v1/article-categories", payload: { names: { en: `${word} topics` }, slug: `${word}-topics` } })
  ).json<ArticleCategoryDto>();
  const picture = await admin.request({ method: "POST", url: "/api/v1/articles/images?fileName=diagram.png", headers: { "content-type": "image/png" }, payload: PNG });
  expect(picture.statusCode, picture.body).toBe(201);
  const image = picture.json<{ url: string }>().url;
  const written = await admin.request({
    method: "POST",
    url: "/api/v1/articles",
    payload: { locale: "en", title: `All about ${word}`, slug: `all-about-${word}`, body: `The ${word} guide. ![diagram](${image})`, status: "published", categoryId: category.id },
  });
  expect(written.statusCode, written.body).toBe(201);
  const article = written.json<ArticleDto>();
  const help = /\/help\/[\w-]+/.exec(article.url ?? "")?.[0] ?? "";
  expect(help).not.toBe("");
  return {
    admin,
    help,
    widgetToken,
    visitorToken,
    conversationId,
    visitorFileId,
    agentFileId,
    visitorUpload: await visitorUploads(),
    agentUpload: await agentUploads(),
    article,
    category,
    image,
    word,
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  A = await tenant("Loja Alfa", "albatross");
  B = await tenant("Loja Beta", "zeppelin");
});
afterAll(() => t.close());

const expectNotFound = (res: LightMyRequestResponse, what: string) => {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(404);
};
const neverShows = (res: LightMyRequestResponse, what: string) => {
  const secrets = [B.article.title, B.article.id, B.article.slug, `${B.word} topics`, B.category.slug, "Segredo de Loja Beta"];
  for (const secret of secrets) expect(res.body, `${what} shows ${secret}`).not.toContain(secret);
};

describe("A's visitor token with B's ids", () => {
  it("answers 404 for B's files, the visitor's and the agent's, which B's own visitor gets", async () => {
    for (const id of [B.visitorFileId, B.agentFileId]) {
      expect((await widget(`/widget/v1/attachments/${id}`, { token: B.visitorToken })).statusCode).toBe(200);
      expectNotFound(await widget(`/widget/v1/attachments/${id}`, { token: A.visitorToken }), `B's file ${id} with A's visitor token`);
    }
  });

  it("refuses to send B's upload tokens, the visitor's or the agent's, naming them, and stores nothing", async () => {
    const before = (await widget("/widget/v1/messages", { token: A.visitorToken })).json<VisitorSessionDto["conversation"]>()?.messages.length;
    for (const upload of [B.visitorUpload, B.agentUpload]) {
      const res = await widget("/widget/v1/messages", { token: A.visitorToken, payload: { clientId: randomUUID(), body: "com o arquivo de B", attachments: [upload] } });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual(["attachments.0"]);
    }
    expect((await widget("/widget/v1/messages", { token: A.visitorToken })).json<VisitorSessionDto["conversation"]>()?.messages.length).toBe(before);
  });

  it("never continues B's visitor from A's widget: a session started with B's visitor token is a new visitor of A's", async () => {
    const res = await widget("/widget/v1/sessions", { payload: { widgetToken: A.widgetToken, visitorToken: B.visitorToken } });
    expect(res.statusCode, res.body).toBe(200);
    const session = res.json<VisitorSessionDto>();
    expect(session.visitorToken).not.toBe(B.visitorToken);
    expect(session.conversation).toBeNull();
    expect(session.contact.name).not.toBe("Loja Beta visitor");
    neverShows(res, "A's session with B's visitor token");
    // B's visitor is still B's, with B's conversation.
    expect((await widget("/widget/v1/messages", { token: B.visitorToken })).json<VisitorSessionDto["conversation"]>()?.id).toBe(B.conversationId);
  });
});

describe("A's widget token with B's articles", () => {
  it("answers 404 for B's article to read, to mark as answering, and to rate, which B's widget token gets", async () => {
    const read = (widgetToken: string) => widget(`/widget/v1/articles/${B.article.id}?widgetToken=${encodeURIComponent(widgetToken)}`);
    const answered = (widgetToken: string) => widget(`/widget/v1/articles/${B.article.id}/answered`, { payload: { widgetToken } });
    const feedback = (widgetToken: string) => widget(`/widget/v1/articles/${B.article.id}/feedback`, { payload: { widgetToken, helpful: true } });
    expect((await read(B.widgetToken)).statusCode).toBe(200);
    expect((await answered(B.widgetToken)).statusCode).toBe(204);
    expect((await feedback(B.widgetToken)).statusCode).toBe(204);
    expectNotFound(await read(A.widgetToken), "reading B's article with A's widget token");
    expectNotFound(await answered(A.widgetToken), "B's article answered with A's widget token");
    expectNotFound(await feedback(A.widgetToken), "rating B's article with A's widget token");
  });

  it("suggests none of B's articles for B's words", async () => {
    const suggest = (widgetToken: string) => widget(`/widget/v1/articles?widgetToken=${encodeURIComponent(widgetToken)}&q=${B.word}`);
    expect((await suggest(B.widgetToken)).json<WidgetArticleSuggestionDto>().items.map((i) => i.id)).toContain(B.article.id);
    const res = await suggest(A.widgetToken);
    expect(res.statusCode).toBe(200);
    expect(res.json<WidgetArticleSuggestionDto>().items).toEqual([]);
  });
});

describe("A's help center with B's slugs and file ids", () => {
  it("answers 404 for B's article, category and picture under A's address, which B's address shows", async () => {
    const imagePath = B.image.replace(/^https?:\/\/[^/]+/, "");
    const pages = [`/en/${B.article.slug}`, `/en/c/${B.category.slug}`, imagePath.slice(B.help.length)];
    for (const page of pages) {
      expect((await t.app.inject({ url: `${B.help}${page}` })).statusCode, `${B.help}${page}`).toBe(200);
      const res = await t.app.inject({ url: `${A.help}${page}` });
      expectNotFound(res, `${A.help}${page}`);
      neverShows(res, `${A.help}${page}`);
    }
  });

  it("refuses rating B's article under A's address", async () => {
    const rate = (help: string) =>
      t.app.inject({ method: "POST", url: `${help}/en/${B.article.slug}/feedback`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "helpful=yes" });
    expect((await rate(B.help)).statusCode).toBe(303);
    expectNotFound(await rate(A.help), "rating B's article under A's help center");
  });

  it("lists, maps and finds none of B's articles or categories under A's address", async () => {
    expect((await t.app.inject({ url: `${B.help}/sitemap.xml` })).body).toContain(B.article.slug);
    for (const page of ["/en", `/en?q=${B.word}`, "/sitemap.xml", `/en/c/${A.category.slug}`]) {
      const res = await t.app.inject({ url: `${A.help}${page}` });
      expect(res.statusCode, `${A.help}${page}`).toBe(200);
      neverShows(res, `${A.help}${page}`);
    }
  });
});

describe("A's agents with B's files and uploads", () => {
  it("answer 404 for B's files and refuse B's upload tokens in a reply, naming them", async () => {
    for (const id of [B.visitorFileId, B.agentFileId]) {
      expect((await B.admin.request({ method: "GET", url: `/api/v1/attachments/${id}` })).statusCode).toBe(200);
      expectNotFound(await A.admin.request({ method: "GET", url: `/api/v1/attachments/${id}` }), `B's file ${id} for A's admin`);
    }
    for (const upload of [B.agentUpload, B.visitorUpload]) {
      const res = await A.admin.request({ method: "POST", url: `/api/v1/conversations/${A.conversationId}/messages`, payload: { body: "com o arquivo de B", attachments: [upload] } });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual(["attachments.0"]);
    }
  });
});
