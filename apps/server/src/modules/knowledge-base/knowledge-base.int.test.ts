import { beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import type {
  ArticleCategoryDto,
  ArticleDto,
  ArticlePageDto,
  ArticleQuestionSuggestionListDto,
  ArticleRevisionPageDto,
  DomainEvent,
  InboxDto,
  Problem,
  WhatsNewDto,
  WidgetArticleDto,
  WidgetArticleSuggestionDto,
} from "@atende/shared";
import { systemActor } from "../../core/context.js";
import { addAgent, newConversation, newWorkspace, useSignedInAdmin, type AgentClient } from "../../test/test-app.js";
import { seedKnowledgeBase } from "./demo-seed.js";

const env = useSignedInAdmin();
let supervisor: AgentClient;
let agent: AgentClient;
let other: AgentClient; // the admin of another workspace

beforeAll(async () => {
  supervisor = await addAgent(env.t, env.admin, "supervisor", "Sofia Supervisor");
  agent = await addAgent(env.t, env.admin, "agent", "Ana Agent");
  other = await newWorkspace(env.t, "Other shop");
});

const post = (client: AgentClient, url: string, payload: object) => client.request({ method: "POST", url: `/api/v1${url}`, payload });
const patch = (client: AgentClient, url: string, payload: object) => client.request({ method: "PATCH", url: `/api/v1${url}`, payload });
const get = (client: AgentClient, url: string) => client.request({ method: "GET", url: `/api/v1${url}` });
const ok = (res: LightMyRequestResponse, status = 200): LightMyRequestResponse => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const fieldErrors = (res: LightMyRequestResponse) => (res.json<Problem>().errors ?? []).map((e) => `${e.path} ${e.code}`);
const write = (client: AgentClient, payload: object) => post(client, "/articles", payload);

describe("writing articles and their translations", () => {
  it("writes an article, makes its slug from the title, renders its Markdown and raises its events", async () => {
    const heard: DomainEvent[] = [];
    const stop = env.t.runtime.bus.subscribe((e) => heard.push(e));
    const made = ok(await write(env.admin, { locale: "pt-BR", title: "  Como pagar com Pix ", body: "Use o **QR Code** da fatura.", status: "published" }), 201).json<ArticleDto>();
    stop();
    expect(made).toMatchObject({ locale: "pt-BR", title: "Como pagar com Pix", slug: "como-pagar-com-pix", status: "published", visibility: "public", editable: true, author: { id: env.admin.agentId } });
    expect(made.html).toBe("<p>Use o <strong>QR Code</strong> da fatura.</p>\n");
    expect(made.publishedAt).not.toBeNull();
    expect(made.url).toMatch(/\/help\/[\w-]+\/pt-BR\/como-pagar-com-pix$/);
    expect(made.translations).toEqual([{ id: made.id, locale: "pt-BR", title: "Como pagar com Pix", slug: "como-pagar-com-pix", status: "published" }]);
    expect(heard.filter((e) => e.type.startsWith("article.")).map((e) => e.type)).toEqual(["article.created", "article.published"]);
  });

  it("adds translations that share the article, refuses a second one in a language, and keeps slugs per language", async () => {
    const en = ok(await write(supervisor, { locale: "en", title: "Returns", body: "Send it back within 30 days." }), 201).json<ArticleDto>();
    expect(en.status).toBe("draft");
    const cs = ok(await write(supervisor, { locale: "cs", title: "Returns", body: "Vraťte do 30 dnů.", translationOf: en.id }), 201).json<ArticleDto>();
    expect(cs.articleId).toBe(en.articleId);
    expect(cs.slug).toBe("returns"); // slugs are unique per language only
    expect(cs.translations.map((t) => t.locale)).toEqual(["en", "cs"]);
    const again = await write(supervisor, { locale: "cs", title: "Vrácení", body: "…", translationOf: en.id });
    expect(again.statusCode).toBe(409);
    expect(fieldErrors(again)).toEqual(["locale taken"]);
    // The article's own fields are changed with PATCH, never by a translation.
    expect(fieldErrors(await write(supervisor, { locale: "pt-BR", title: "Devolução", body: "…", translationOf: en.id, visibility: "internal" }))).toEqual([
      "visibility article_field",
    ]);
    const second = ok(await write(supervisor, { locale: "en", title: "Returns", body: "Another one." }), 201).json<ArticleDto>();
    expect(second.slug).toBe("returns-2");
  });

  it("refuses bad input naming the field: unknown language, empty title, taken slug, another workspace's category, Markdown over 100 KB", async () => {
    expect(fieldErrors(await write(env.admin, { locale: "de", title: "Hallo", body: "x" }))).toEqual(["locale choice"]);
    expect(fieldErrors(await write(env.admin, { locale: "en", title: "   ", body: "x" }))).toEqual(["title required"]);
    const taken = await write(env.admin, { locale: "pt-BR", title: "Outro", body: "x", slug: "como-pagar-com-pix" });
    expect(taken.statusCode).toBe(409);
    expect(fieldErrors(taken)).toEqual(["slug taken"]);
    expect(fieldErrors(await write(env.admin, { locale: "en", title: "Bad slug", body: "x", slug: "Not A Slug" }))).toEqual(["slug slug"]);
    expect(fieldErrors(await write(env.admin, { locale: "en", title: "Reserved", body: "x", slug: "contact" }))).toEqual(["slug reserved"]);
    const theirs = ok(await post(other, "/article-categories", { names: { en: "Theirs" } }), 201).json<ArticleCategoryDto>();
    const foreign = await write(env.admin, { locale: "en", title: "Foreign category", body: "x", categoryId: theirs.id });
    expect(foreign.statusCode).toBe(422);
    expect(fieldErrors(foreign)).toEqual(["categoryId not_found"]);
    const huge = await write(env.admin, { locale: "en", title: "Huge", body: "é".repeat(60_000) });
    expect(fieldErrors(huge)).toEqual(["body markdown_size"]);
    expect(fieldErrors(await patch(env.admin, `/articles/${theirs.id}`, {}))).toEqual(["body no_change"]);
  });

  it("sanitizes raw HTML everywhere it is rendered: no scripts, event handlers or javascript: links", async () => {
    const body = `Hi <script>alert(1)</script><img src="https://x.example/a.png" onerror="alert(2)"> <a href="javascript:alert(3)">x</a> [y](javascript:alert(4)) <iframe src="https://evil.example"></iframe> <a href="https://ok.example" onclick="alert(5)">ok</a>`;
    const made = ok(await write(env.admin, { locale: "en", title: "Hostile", body, status: "published" }), 201).json<ArticleDto>();
    const preview = ok(await post(agent, "/articles/preview", { body })).json<{ html: string }>();
    for (const html of [made.html, preview.html]) {
      expect(html).not.toMatch(/<script|onerror|onclick|href="javascript:|<iframe/i);
      expect(html).toContain('<a href="https://ok.example" rel="noopener noreferrer nofollow">ok</a>');
    }
    const page = await env.t.app.inject({ url: made.url ?? "" });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script>alert|onerror|onclick|href="javascript:|<iframe/i);
  });
});

describe("changing, revisions and restoring", () => {
  it("records every save with what changed, and restores an earlier title and body as a new revision", async () => {
    const made = ok(await write(env.admin, { locale: "en", title: "Router lights", body: "Green is good." }), 201).json<ArticleDto>();
    ok(await patch(supervisor, `/articles/${made.id}`, { title: "What the router lights mean", body: "Green is good. Red is not." })).json<ArticleDto>();
    const published = ok(await patch(env.admin, `/articles/${made.id}`, { status: "published", visibility: "internal" })).json<ArticleDto>();
    expect(published).toMatchObject({ status: "published", visibility: "internal", url: null, updatedBy: { id: env.admin.agentId } });
    // Revisions keep every draft's text: for those who write, never other agents.
    expect((await get(agent, `/articles/${made.id}/revisions`)).statusCode).toBe(403);
    const revisions = ok(await get(supervisor, `/articles/${made.id}/revisions`)).json<ArticleRevisionPageDto>().items;
    expect(revisions.map((r) => r.kind)).toEqual(["updated", "updated", "created"]);
    expect(revisions[0]?.changes).toEqual({ status: { from: "draft", to: "published" }, visibility: { from: "public", to: "internal" } });
    expect(revisions[1]?.changes).toMatchObject({ title: { from: "Router lights", to: "What the router lights mean" }, body: { fromLength: 14, toLength: 26 } });
    expect(revisions[1]?.by?.name).toBe("Sofia Supervisor");
    const first = revisions[2];
    if (!first) throw new Error("no first revision");
    const restored = ok(await post(supervisor, `/articles/${made.id}/revisions/${first.id}/restore`, {})).json<ArticleDto>();
    expect(restored).toMatchObject({ title: "Router lights", body: "Green is good.", status: "published", visibility: "internal" });
    const after = ok(await get(env.admin, `/articles/${made.id}/revisions?limit=1`)).json<ArticleRevisionPageDto>();
    expect(after.items[0]).toMatchObject({ kind: "restored", restoredFrom: first.id });
    expect(after.nextCursor).not.toBeNull();
  });

  it("pages articles and revisions on with the cursors they give, and refuses a forged cursor with 422 naming `cursor`", async () => {
    const made = ok(await write(env.admin, { locale: "en", title: "Paging articles", body: "One." }), 201).json<ArticleDto>();
    ok(await patch(env.admin, `/articles/${made.id}`, { body: "Two." }));
    const first = ok(await get(env.admin, "/articles?limit=1")).json<ArticlePageDto>();
    const second = ok(await get(env.admin, `/articles?limit=1&cursor=${String(first.nextCursor)}`)).json<ArticlePageDto>();
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const revisions = ok(await get(env.admin, `/articles/${made.id}/revisions?limit=1`)).json<ArticleRevisionPageDto>();
    ok(await get(env.admin, `/articles/${made.id}/revisions?limit=1&cursor=${String(revisions.nextCursor)}`));
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    const refused = [
      `/articles?cursor=${forged(["nope", "x"])}`, // not a time
      `/articles?cursor=${forged(["2024-01-01T00:00:00Z", "x"])}`, // not an id
      `/articles?cursor=${forged(["2024-02-30T00:00:00.000Z", made.id])}`, // a day February lacks
      `/articles?cursor=${forged(["0000-01-01T00:00:00.000Z", made.id])}`, // a year PostgreSQL lacks
      `/articles/${made.id}/revisions?cursor=${forged(["x"])}`,
      `/articles/${made.id}/revisions?cursor=${forged([1])}`,
    ];
    for (const url of refused) {
      const res = await get(env.admin, url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(422);
      expect(fieldErrors(res)).toEqual([expect.stringMatching(/^cursor /)]);
    }
  });

  it("keeps the questions an article answers: found by them, changed and restored with revisions, never shown to readers", async () => {
    const body = "Every product has a two-year warranty from delivery.";
    const ask = async (q: string) => ok(await get(env.admin, `/articles?locale=en&q=${encodeURIComponent(q)}&limit=5`)).json<ArticlePageDto>().items.map((i) => i.id);
    const made = ok(
      await write(env.admin, { locale: "en", title: "Faulty products", body, status: "published", questions: ["  my kettle broke,   is it covered? ", "", "my kettle broke, is it covered?"] }),
      201,
    ).json<ArticleDto>();
    expect(made.questions).toEqual(["my kettle broke, is it covered?"]); // trimmed, blanks left out, repeats once
    expect(await ask("kettle")).toContain(made.id); // a word only the questions have
    const changed = ok(await patch(supervisor, `/articles/${made.id}`, { questions: ["does the guarantee cover a cracked toaster?"] })).json<ArticleDto>();
    expect(changed.questions).toEqual(["does the guarantee cover a cracked toaster?"]);
    expect(await ask("toaster")).toContain(made.id);
    expect(await ask("kettle")).not.toContain(made.id);
    const [latest, first] = ok(await get(env.admin, `/articles/${made.id}/revisions`)).json<ArticleRevisionPageDto>().items;
    expect(latest?.changes).toEqual({ questions: { from: ["my kettle broke, is it covered?"], to: ["does the guarantee cover a cracked toaster?"] } });
    expect(first?.snapshot.questions).toEqual(["my kettle broke, is it covered?"]);
    const restored = ok(await post(env.admin, `/articles/${made.id}/revisions/${first?.id ?? ""}/restore`, {})).json<ArticleDto>();
    expect(restored.questions).toEqual(["my kettle broke, is it covered?"]);
    expect(await ask("kettle")).toContain(made.id);
    // The help center shows the article, not the questions written for finding it.
    const page = await env.t.app.inject({ url: made.url ?? "" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("two-year warranty");
    expect(page.body).not.toContain("kettle");
  });

  it("finds an article however a customer says its words: the other number, Portugal's words, spoken and negated Czech, British spelling, a glued unit, a word of the same meaning", async () => {
    const own = await newWorkspace(env.t, "Spellings");
    const article = async (locale: string, title: string, body: string) =>
      ok(await write(own, { locale, title, body, status: "published" }), 201).json<ArticleDto>().id;
    const found = async (locale: string, q: string) =>
      ok(await get(own, `/articles?locale=${locale}&q=${encodeURIComponent(q)}&limit=1`)).json<ArticlePageDto>().items.map((i) => i.id);
    const settings = await article("pt-BR", "Configurações do roteador", "Abra a página de configurações e escolha outro canal.");
    const orders = await article("pt-BR", "Acompanhar o pedido", "O pedido sai do armazém em dois dias. Fale com o nosso contato comercial.");
    await article("pt-BR", "Pagamento", "Pague a fatura por boleto ou cartão.");
    const cable = await article("cs", "Žlutý kabel", "Zkontrolujte, že je žlutý kabel zapojený do zásuvky.");
    const shipped = await article("cs", "Objednávka odešla", "Jakmile objednávka odešla ze skladu, pošleme e-mail s číslem zásilky.");
    await article("cs", "Platba", "Zaplaťte fakturu převodem nebo kartou.");
    const colors = await article("en", "Product colors", "Each router comes in one color. The 5 GHz band is faster.");
    await article("en", "Paying your bill", "Pay by card or bank transfer.");
    const warranty = await article("en", "Warranty", "Every product has two years of warranty.");

    expect(await found("pt-BR", "configuracao")).toEqual([settings]); // singular, without accents
    expect(await found("pt-BR", "canais")).toEqual([settings]); // plural
    expect(await found("pt-BR", "encomenda")).toEqual([orders]); // Portugal's word for "pedido"
    expect(await found("pt-BR", "contacto comercial")).toEqual([orders]); // Portugal's spelling
    expect(await found("cs", "žlutej")).toEqual([cable]); // spoken Czech
    expect(await found("cs", "neodešla")).toEqual([shipped]); // negated
    expect(await found("en", "colour")).toEqual([colors]);
    expect(await found("en", "5ghz")).toEqual([colors]);
    expect(await found("en", "guarantee")).toEqual([warranty]); // support-lexicon.ts
  });

  it("refuses too many questions, or one too long, naming the field", async () => {
    const made = ok(await write(env.admin, { locale: "en", title: "Limits", body: "x" }), 201).json<ArticleDto>();
    const many = Array.from({ length: 31 }, (_, i) => `question ${String(i)}?`);
    expect(fieldErrors(await patch(env.admin, `/articles/${made.id}`, { questions: many }))).toEqual(["questions too_many"]);
    expect(fieldErrors(await write(env.admin, { locale: "en", title: "Long", body: "x", questions: ["ok?", "y".repeat(301)] }))).toEqual(["questions.1 too_long"]);
    expect(ok(await get(env.admin, `/articles/${made.id}`)).json<ArticleDto>().questions).toEqual([]);
  });

  it("changes nothing for a change that changes nothing, and deletes a translation, then the article with its last one", async () => {
    const made = ok(await write(env.admin, { locale: "en", title: "Short-lived", body: "x" }), 201).json<ArticleDto>();
    const cs = ok(await write(env.admin, { locale: "cs", title: "Krátký", body: "x", translationOf: made.id }), 201).json<ArticleDto>();
    ok(await patch(env.admin, `/articles/${made.id}`, { title: "Short-lived" })).json<ArticleDto>();
    expect(ok(await get(env.admin, `/articles/${made.id}/revisions`)).json<ArticleRevisionPageDto>().items).toHaveLength(1);
    expect((await env.admin.request({ method: "DELETE", url: `/api/v1/articles/${made.id}` })).statusCode).toBe(204);
    expect(ok(await get(env.admin, `/articles/${cs.id}`)).json<ArticleDto>().translations.map((t) => t.locale)).toEqual(["cs"]);
    expect((await env.admin.request({ method: "DELETE", url: `/api/v1/articles/${cs.id}` })).statusCode).toBe(204);
    expect((await get(env.admin, `/articles/${cs.id}`)).statusCode).toBe(404);
  });
});

describe("questions customers asked", () => {
  const suggestionsOf = async (client: AgentClient, id: string) =>
    ok(await get(client, `/articles/${id}/question-suggestions`)).json<ArticleQuestionSuggestionListDto>().items;

  it("offers a customer's question to the article an agent's reply linked; writers add it to the questions or dismiss it", async () => {
    const article = ok(await write(env.admin, { locale: "en", title: "Broken appliances", body: "Two years of warranty.", status: "published" }), 201).json<ArticleDto>();
    const internal = ok(await write(env.admin, { locale: "en", title: "Repair desk", body: "Internal.", status: "published", visibility: "internal" }), 201).json<ArticleDto>();
    const reply = async (id: string, body: string) => ok(await post(env.admin, `/conversations/${id}/messages`, { body }), 201);
    const asked = await newConversation(env.admin, { body: "  my kettle stopped   heating after two weeks, what now?" });
    await reply(asked.conversationId, `Sorry to hear that! See ${article.url ?? ""} — we repair or replace it.`);
    const long = await newConversation(env.admin, { inboxId: asked.inboxId, body: "A whole e-mail thread. ".repeat(20) });
    await reply(long.conversationId, `Here: ${article.url ?? ""}`);
    const toInternal = await newConversation(env.admin, { inboxId: asked.inboxId, body: "who fixes my broken toaster please" });
    await reply(toInternal.conversationId, `Internal notes: /help/x/en/${internal.slug}`);
    await expect.poll(async () => (await suggestionsOf(agent, article.id)).map((s) => [s.question, s.source, s.conversationId]), { timeout: 15_000 }).toEqual([
      ["my kettle stopped heating after two weeks, what now?", "agent_link", asked.conversationId],
    ]);
    const [suggestion] = await suggestionsOf(agent, article.id);
    if (!suggestion) throw new Error("no suggestion");
    expect((await post(agent, `/articles/${article.id}/question-suggestions/${suggestion.id}/accept`, {})).statusCode).toBe(403);
    expect((await post(other, `/articles/${article.id}/question-suggestions/${suggestion.id}/accept`, {})).statusCode).toBe(404);
    const accepted = ok(await post(supervisor, `/articles/${article.id}/question-suggestions/${suggestion.id}/accept`, {})).json<ArticleDto>();
    expect(accepted.questions).toEqual(["my kettle stopped heating after two weeks, what now?"]);
    expect(await suggestionsOf(agent, article.id)).toEqual([]);
    const [revision] = ok(await get(env.admin, `/articles/${article.id}/revisions?limit=1`)).json<ArticleRevisionPageDto>().items;
    expect(revision?.changes).toEqual({ questions: { from: [], to: ["my kettle stopped heating after two weeks, what now?"] } });
    // Asked again in another conversation: it is listed already, so not offered again; a new one is, and can be dismissed.
    const again = await newConversation(env.admin, { inboxId: asked.inboxId, body: "my kettle stopped heating after two weeks, what now?" });
    await reply(again.conversationId, article.url ?? "");
    const other1 = await newConversation(env.admin, { inboxId: asked.inboxId, body: "is a cracked blender covered too?" });
    await reply(other1.conversationId, `Yes: ${article.url ?? ""}`);
    await expect.poll(async () => (await suggestionsOf(agent, article.id)).map((s) => s.question), { timeout: 15_000 }).toEqual(["is a cracked blender covered too?"]);
    const [dismissed] = await suggestionsOf(agent, article.id);
    expect((await env.admin.request({ method: "DELETE", url: `/api/v1/articles/${article.id}/question-suggestions/${dismissed?.id ?? ""}` })).statusCode).toBe(204);
    expect(await suggestionsOf(agent, article.id)).toEqual([]);
    expect(await suggestionsOf(agent, internal.id)).toEqual([]);
  });
});

describe("who may do what", () => {
  it("lets admins and supervisors write; agents read published articles (internal ones too), never drafts", async () => {
    expect((await write(agent, { locale: "en", title: "Mine", body: "x" })).statusCode).toBe(403);
    const draft = ok(await write(supervisor, { locale: "en", title: "Unfinished policy", body: "x", visibility: "internal" }), 201).json<ArticleDto>();
    expect((await get(agent, `/articles/${draft.id}`)).statusCode).toBe(404);
    expect((await patch(agent, `/articles/${draft.id}`, { title: "Mine now" })).statusCode).toBe(403);
    ok(await patch(supervisor, `/articles/${draft.id}`, { status: "published" })).json<ArticleDto>();
    const read = ok(await get(agent, `/articles/${draft.id}`)).json<ArticleDto>();
    expect(read.editable).toBe(false);
    const listed = ok(await get(agent, "/articles?status=draft")).json<ArticlePageDto>();
    expect(listed.items).toEqual([]);
    // A draft translation of a published article: its writers see it among the translations, an agent not even its title.
    const czech = ok(await write(supervisor, { locale: "cs", title: "Nedokončená zásada", body: "x", translationOf: draft.id }), 201).json<ArticleDto>();
    expect(ok(await get(supervisor, `/articles/${draft.id}`)).json<ArticleDto>().translations.map((x) => x.id)).toContain(czech.id);
    const seen = ok(await get(agent, `/articles/${draft.id}`)).json<ArticleDto>().translations;
    expect(seen.map((x) => x.locale)).toEqual(["en"]);
    expect(JSON.stringify(ok(await get(agent, "/articles?q=policy")).json<ArticlePageDto>())).not.toContain("Nedokončená");
    expect((await post(agent, "/article-categories", { names: { en: "Mine" } })).statusCode).toBe(403);
  });

  it("keeps workspaces apart: another workspace's articles, revisions and categories are 404", async () => {
    const made = ok(await write(env.admin, { locale: "en", title: "Secret pricing", body: "Our margins.", status: "published" }), 201).json<ArticleDto>();
    const cat = ok(await post(env.admin, "/article-categories", { names: { en: "Ours" } }), 201).json<ArticleCategoryDto>();
    for (const url of [`/articles/${made.id}`, `/articles/${made.id}/revisions`, `/article-categories/${cat.id}`]) expect((await get(other, url)).statusCode).toBe(404);
    expect((await patch(other, `/articles/${made.id}`, { title: "Mine" })).statusCode).toBe(404);
    expect((await write(other, { locale: "cs", title: "Můj", body: "x", translationOf: made.id })).statusCode).toBe(422);
    const theirs = ok(await get(other, "/articles?q=margins")).json<ArticlePageDto>();
    expect(theirs.items).toEqual([]);
  });
});

describe("categories", () => {
  it("names categories per language, orders them, counts their articles and leaves articles in none when deleted", async () => {
    const a = ok(await post(env.admin, "/article-categories", { names: { en: "Billing", cs: "Platby" } }), 201).json<ArticleCategoryDto>();
    const b = ok(await post(supervisor, "/article-categories", { names: { "pt-BR": "Entrega" }, position: 0 }), 201).json<ArticleCategoryDto>();
    expect(a.slug).toBe("billing");
    expect(b.slug).toBe("entrega");
    expect(fieldErrors(await post(env.admin, "/article-categories", { names: {} }))).toEqual(["names one_name"]);
    expect(fieldErrors(await post(env.admin, "/article-categories", { names: { de: "Rechnung" } }))).toContain("names unknown_field");
    const inside = ok(await write(env.admin, { locale: "en", title: "Pay by card", body: "x", categoryId: a.id }), 201).json<ArticleDto>();
    const list = ok(await get(agent, "/article-categories")).json<{ items: ArticleCategoryDto[] }>().items;
    expect(list.find((c) => c.id === a.id)?.articleCount).toBe(1);
    const moved = ok(await patch(env.admin, `/article-categories/${a.id}`, { names: { en: "Billing and payments" } })).json<ArticleCategoryDto>();
    expect(moved.names).toEqual({ en: "Billing and payments" });
    expect((await env.admin.request({ method: "DELETE", url: `/api/v1/article-categories/${a.id}` })).statusCode).toBe(204);
    expect(ok(await get(env.admin, `/articles/${inside.id}`)).json<ArticleDto>().categoryId).toBeNull();
  });
});

describe("what's new for agents", () => {
  it("lists internal articles published or changed since the agent last looked, with an unread count", async () => {
    const before = ok(await get(agent, "/articles/whats-new")).json<WhatsNewDto>();
    const seen = ok(await post(agent, "/articles/whats-new/seen", {})).json<{ unread: number; seenAt: string }>();
    expect(seen.unread).toBe(0);
    expect(ok(await get(agent, "/articles/whats-new")).json<WhatsNewDto>().unread).toBe(0);
    expect(before.unread).toBeGreaterThan(0);
    const policy = ok(await write(env.admin, { locale: "en", title: "New refund rule", body: "Supervisors approve above $100.", visibility: "internal", status: "published" }), 201).json<ArticleDto>();
    ok(await write(env.admin, { locale: "pt-BR", title: "Nova regra de reembolso", body: "Supervisores aprovam acima de R$ 500.", status: "published", translationOf: policy.id }), 201).json<ArticleDto>();
    ok(await write(env.admin, { locale: "en", title: "Public thing", body: "x", status: "published" }), 201).json<ArticleDto>();
    const now = ok(await get(agent, "/articles/whats-new?locale=pt-BR")).json<WhatsNewDto>();
    expect(now.unread).toBe(1);
    expect(now.items[0]).toMatchObject({ articleId: policy.articleId, locale: "pt-BR", title: "Nova regra de reembolso", kind: "new", unread: true });
  });
});

describe("search in each language, and the widget's suggestions", () => {
  let seeded: AgentClient;
  let widgetToken: string;
  beforeAll(async () => {
    seeded = await newWorkspace(env.t, "Demo shop");
    await env.t.runtime.transact(systemActor(seeded.workspaceId), seedKnowledgeBase);
    const inbox = ok(await post(seeded, "/inboxes", { name: "Site chat", channel: "chat" }), 201).json<InboxDto>();
    widgetToken = inbox.chat?.widgetToken ?? "";
  });

  it.each([
    ["en", "my wifi is weak in the bedroom upstairs", "Slow internet: what to check"],
    ["pt-BR", "esqueci de pagar, vão cortar minha internet?", "Atrasou o pagamento? Entenda o que acontece"],
    ["cs", "stehuju se do jineho bytu", "Stěhování: převedení služby na novou adresu"],
    ["cs", "reklamce", "Reklamace vadného zboží"],
  ])("finds in %s: %s", async (locale, q, title) => {
    const page = ok(await get(seeded, `/articles?locale=${locale}&q=${encodeURIComponent(q)}&limit=3`)).json<ArticlePageDto>();
    expect(page.items.map((i) => i.title)).toContain(title);
    expect(page.items.every((i) => i.locale === locale)).toBe(true);
    expect(page.items[0]?.snippet.length).toBeGreaterThan(20);
  });

  it("reads what a question is about, not that the customer can't: “não consigo pagar” is about paying", async () => {
    const page = ok(await get(seeded, `/articles?locale=pt-BR&q=${encodeURIComponent("nao consigo pagar o boleto")}&limit=3`)).json<ArticlePageDto>();
    expect(page.items.map((i) => i.title)).toContain("Formas de pagamento da fatura");
    expect(page.items.map((i) => i.title)).not.toContain("Não consigo entrar na Minha conta");
  });

  it.each([
    ["en", "send my order back"],
    ["pt-BR", "senha do wifi"],
    ["cs", "zapomněl jsem heslo"],
  ])("with no language named (the agents' search), lists first the %s of a question in it: %s", async (locale, q) => {
    const first = ok(await get(seeded, `/articles?q=${encodeURIComponent(q)}&status=published&limit=2`)).json<ArticlePageDto>();
    expect(first.items.map((i) => i.locale)).toEqual([locale, locale]);
    // The next page goes on from there: the two pages are the first four rows of the same search.
    expect(first.nextCursor).not.toBeNull();
    const next = ok(await get(seeded, `/articles?q=${encodeURIComponent(q)}&status=published&limit=2&cursor=${String(first.nextCursor)}`)).json<ArticlePageDto>();
    const four = ok(await get(seeded, `/articles?q=${encodeURIComponent(q)}&status=published&limit=4`)).json<ArticlePageDto>();
    expect([...first.items, ...next.items].map((i) => i.id)).toEqual(four.items.map((i) => i.id));
  });

  it("suggests up to three public articles while the visitor types, opens one, and counts 'This answered my question'", async () => {
    const typing = await env.t.app.inject({ url: `/widget/v1/articles?widgetToken=${widgetToken}&locale=en&q=${encodeURIComponent("how do I send back an ite")}` });
    const suggestions = ok(typing).json<WidgetArticleSuggestionDto>().items;
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions[0]?.title).toBe("Returning a product and getting your money back");
    expect(suggestions[0]?.url).toMatch(/\/help\/demo-shop\/en\/returning-a-product-and-getting-your-money-back$/);
    // Internal articles are never suggested.
    const internal = ok(await env.t.app.inject({ url: `/widget/v1/articles?widgetToken=${widgetToken}&locale=en&q=refund+approvals+supervisor` })).json<WidgetArticleSuggestionDto>().items;
    expect(internal.map((i) => i.title)).not.toContain("Refund approvals: who may approve what");
    const id = suggestions[0]?.id ?? "";
    const article = ok(await env.t.app.inject({ url: `/widget/v1/articles/${id}?widgetToken=${widgetToken}` })).json<WidgetArticleDto>();
    expect(article.html).toContain("<ol>");
    const answered = await env.t.app.inject({ method: "POST", url: `/widget/v1/articles/${id}/answered`, payload: { widgetToken } });
    expect(answered.statusCode).toBe(204);
    const helpful = await env.t.app.inject({ method: "POST", url: `/widget/v1/articles/${id}/feedback`, payload: { widgetToken, helpful: true } });
    expect(helpful.statusCode).toBe(204);
    const insights = ok(await get(seeded, "/articles/insights")).json<{ totals: { selfService: number; helpful: number }; selfServiceByDay: { count: number }[] }>();
    expect(insights.totals).toMatchObject({ selfService: 1, helpful: 1 });
    expect(insights.selfServiceByDay.map((d) => d.count)).toEqual([1]);
    expect((await env.t.app.inject({ url: `/widget/v1/articles?widgetToken=nope&q=x` })).statusCode).toBe(404);
    expect((await get(agent, "/articles/insights")).statusCode).toBe(403);
  });
});

describe("pictures for articles", () => {
  it("keeps an uploaded picture under a safe name (no folders, no control or bidi characters), served to the workspace's agents as an image", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAAABJRU5ErkJggg==", "base64");
    const hostile = "../../etc/\u202Egnp.exe\u0007 logo.png";
    const res = await env.admin.request({
      method: "POST",
      url: `/api/v1/articles/images?fileName=${encodeURIComponent(hostile)}`,
      headers: { "content-type": "image/png" },
      payload: png,
    });
    expect(res.statusCode, res.body).toBe(201);
    const image = res.json<{ url: string; fileName: string }>();
    expect(["/", "\\", "\u202E", "\u0007"].filter((ch) => image.fileName.includes(ch))).toEqual([]);
    expect(image.fileName).toMatch(/logo\.png$/);
    const served = await env.admin.request({ url: image.url }); // to anyone once a public article shows it (help-center tests)
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect((await supervisor.request({ method: "POST", url: "/api/v1/articles/images?fileName=a.png", headers: { "content-type": "image/png" }, payload: png })).statusCode).toBe(201);
    expect((await agent.request({ method: "POST", url: "/api/v1/articles/images?fileName=a.png", headers: { "content-type": "image/png" }, payload: png })).statusCode).toBe(403);
  });
});
