import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleDto, AttendantAnswerDto, InboxDto, WidgetArticleSuggestionDto } from "@atende/shared";
import { buildTestApp, newWorkspace, type AgentClient, type TestApp } from "./test-app.js";

/**
 * A search of the public (the help center, the widget's suggestions, the virtual attendant) reads
 * only public, published articles: what a misspelled word is corrected to, and whether it is
 * corrected at all, never depends on drafts or internal articles, so no search can tell whether a
 * word of theirs exists.
 */

let t: TestApp;
let admin: AgentClient;
let published: ArticleDto;
let help: string;
let widgetToken: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await newWorkspace(t, "Loja Gama");
  const written = await admin.request({
    method: "POST",
    url: "/api/v1/articles",
    payload: { locale: "en", title: "Configure your router", body: "Open the router settings page and set the router password.", status: "published" },
  });
  expect(written.statusCode, written.body).toBe(201);
  published = written.json<ArticleDto>();
  help = /\/help\/[\w-]+/.exec(published.url ?? "")?.[0] ?? "";
  const chat = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
  widgetToken = chat.chat?.widgetToken ?? "";
});
afterAll(() => t.close());

/** What each public search finds for `q`: whether the help center lists the article, the widget's suggestions, the attendant's article. */
async function publicFinds(q: string) {
  const page = await t.app.inject({ url: `${help}/en?q=${encodeURIComponent(q)}` });
  expect(page.statusCode).toBe(200);
  const suggestions = await t.app.inject({ url: `/widget/v1/articles?widgetToken=${encodeURIComponent(widgetToken)}&q=${encodeURIComponent(q)}&locale=en` });
  expect(suggestions.statusCode, suggestions.body).toBe(200);
  const asked = await admin.request({ method: "POST", url: "/api/v1/virtual-attendant/ask", payload: { question: `how do I configure the ${q}`, locale: "en" } });
  return {
    helpCenter: page.body.includes(published.title),
    widget: suggestions.json<WidgetArticleSuggestionDto>().items.map((i) => i.id),
    attendant: asked.json<AttendantAnswerDto>().article?.id ?? null,
  };
}

describe("a public search's corrections", () => {
  it("come from public, published articles only: a draft's or an internal article's words change nothing", async () => {
    const before = await publicFinds("routerz");
    expect(before.helpCenter).toBe(true); // "routerz" is corrected to "router"
    expect(before.widget).toContain(published.id);
    for (const payload of [
      { locale: "en", title: "Project routerz launch", body: "Unannounced routerz product.", status: "draft" },
      { locale: "en", title: "Routerz escalations", body: "Internal: routerz faults go to the second line.", status: "published", visibility: "internal" },
    ]) {
      const res = await admin.request({ method: "POST", url: "/api/v1/articles", payload });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(await publicFinds("routerz")).toEqual(before);
  });
});
