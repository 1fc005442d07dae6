import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleCategoryDto, ArticleDto, KnowledgeBaseInsightsDto } from "@atende/shared";
import { systemActor } from "../../../core/context.js";
import { rowsOf } from "../../../db/rows.js";
import { newWorkspace, useSignedInAdmin, type AgentClient } from "../../../test/test-app.js";
import { seedKnowledgeBase } from "../demo-seed.js";
import { ARTICLE_SEARCHES_PER_MINUTE } from "../rate-limits.js";
import { SEARCH_GAPS_MAX } from "../stats.js";

const env = useSignedInAdmin();
let shop: AgentClient; // a workspace with the demo knowledge base and a chat inbox
let ids: Map<string, string>;
let base: string;

beforeAll(async () => {
  shop = await newWorkspace(env.t, "Fibra Loja");
  ids = await env.t.runtime.transact(systemActor(shop.workspaceId), seedKnowledgeBase);
  await shop.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Site chat", channel: "chat" } });
  await shop.request({ method: "PATCH", url: "/api/v1/workspace", payload: { brandColor: "#FFD500", defaultLocale: "en" } });
  base = "/help/fibra-loja";
});

const fetchPage = (url: string, headers: Record<string, string> = {}) => env.t.app.inject({ url, headers });
const links = (html: string, rel: string) => [...html.matchAll(new RegExp(`<link rel="${rel}"[^>]*>`, "g"))].map((m) => m[0]);

describe("the help center's pages", () => {
  it("sends a visitor to their language from Accept-Language, else the default language", async () => {
    const cs = await fetchPage(base, { "accept-language": "cs-CZ,cs;q=0.9,en;q=0.5" });
    expect(cs.statusCode).toBe(302);
    expect(cs.headers.location).toBe(`${base}/cs`);
    expect((await fetchPage(base, { "accept-language": "pt-PT,pt;q=0.9" })).headers.location).toBe(`${base}/pt-BR`);
    expect((await fetchPage(base, { "accept-language": "de-DE" })).headers.location).toBe(`${base}/en`);
    expect((await fetchPage("/help/no-such-workspace")).statusCode).toBe(404);
  });

  it("shows the home page with its categories, search, languages, hreflang alternates, in well under 50 KB, cached by ETag", async () => {
    const res = await fetchPage(`${base}/pt-BR`, { "accept-encoding": "gzip" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.rawPayload.length).toBeLessThan(50 * 1024);
    const html = gunzipSync(res.rawPayload).toString("utf8");
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain("<title>Central de ajuda Fibra Loja</title>");
    expect(html).toContain("Faturas e pagamentos");
    expect(html).toContain('href="/help/fibra-loja/pt-BR/formas-de-pagamento-da-fatura"');
    expect(html).not.toContain("Aprovação de reembolsos"); // internal
    expect(html).not.toMatch(/<script/); // no JavaScript on the home page
    expect(links(html, "alternate").length).toBe(4); // en, pt-BR, cs, x-default
    expect(html).toContain('<link rel="canonical" href="http://localhost:80/help/fibra-loja/pt-BR">');
    expect(html).toContain("--brand:#ffd500;--on-brand:#000"); // a light brand colour gets dark text
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    const again = await fetchPage(`${base}/pt-BR`, { "if-none-match": String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it("shows an article with its description, canonical and translations, 'Was this helpful?' and 'Still need help?' opening the chat", async () => {
    const res = await fetchPage(`${base}/cs/nefunguje-mi-internet`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("<title>Nefunguje mi internet · Fibra Loja</title>");
    expect(html).toMatch(/<meta name="description" content="Pokud se k internetu nepřipojí žádné zařízení:[^"]*">/);
    expect(links(html, "alternate")).toEqual([
      '<link rel="alternate" hreflang="en" href="http://localhost:80/help/fibra-loja/en/no-internet-connection-at-all">',
      '<link rel="alternate" hreflang="pt-BR" href="http://localhost:80/help/fibra-loja/pt-BR/estou-sem-internet">',
      '<link rel="alternate" hreflang="cs" href="http://localhost:80/help/fibra-loja/cs/nefunguje-mi-internet">',
      '<link rel="alternate" hreflang="x-default" href="http://localhost:80/help/fibra-loja/en/no-internet-connection-at-all">',
    ]);
    expect(html).toContain('href="/help/fibra-loja/pt-BR/estou-sem-internet" hreflang="pt-BR" lang="pt-BR">Português (Brasil)</a>');
    expect(html).toContain('<form method="post" action="/help/fibra-loja/cs/nefunguje-mi-internet/feedback">');
    expect(html).toContain("Potřebujete ještě poradit?");
    expect(html).toMatch(/<a class="button" href="\/help\/fibra-loja\/cs\/contact" data-atende-chat>Napište nám do chatu<\/a>/);
    expect(html).toMatch(/<script src="\/widget\.js" data-inbox="[\w-]+" async><\/script><script src="\/help-center\.js" async><\/script>/);
    expect((await fetchPage("/help-center.js")).body).toContain("Atende");
  });

  it("shows an article another language lacks in the default language with a line saying so, and moves a slug of another language to its translation", async () => {
    const only = await shop.request({ method: "POST", url: "/api/v1/articles", payload: { locale: "en", title: "Gift cards", body: "Gift cards never expire.", status: "published" } });
    expect(only.statusCode).toBe(201);
    const fallback = await fetchPage(`${base}/cs/gift-cards`);
    expect(fallback.statusCode).toBe(200);
    expect(fallback.body).toContain("Tento článek zatím není přeložený do češtiny, proto ho zobrazujeme v původním jazyce (Angličtina).");
    expect(fallback.body).toContain('<article class="article" lang="en">');
    expect(fallback.body).toContain('<link rel="canonical" href="http://localhost:80/help/fibra-loja/en/gift-cards">');
    const moved = await fetchPage(`${base}/cs/no-internet-connection-at-all`);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(`${base}/cs/nefunguje-mi-internet`);
  });

  it("lists a category's articles, and answers unknown pages, internal and draft articles with 404", async () => {
    const category = await fetchPage(`${base}/en/c/orders-delivery-and-returns`);
    expect(category.statusCode).toBe(200);
    expect(category.body).toContain("<h1>Orders, delivery and returns</h1>");
    expect(category.body).toContain("4 articles");
    const internal = ids.get("en:refund-approvals") ?? "";
    const slug = (await shop.request({ url: `/api/v1/articles/${internal}` })).json<ArticleDto>().slug;
    for (const url of [`${base}/en/${slug}`, `${base}/en/c/nothing`, `${base}/xx`, `${base}/en/no-such-article`]) {
      expect((await fetchPage(url)).statusCode, url).toBe(404);
    }
  });

  it("searches in the page's language, and counts searches that found nothing as content gaps", async () => {
    const found = await fetchPage(`${base}/en?q=${encodeURIComponent("parcel never arrived")}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain("Results for “parcel never arrived”");
    expect(found.body).toContain('href="/help/fibra-loja/en/delivery-times-and-tracking-your-parcel"');
    expect(found.body).toContain('<meta name="robots" content="noindex">');
    const none = await fetchPage(`${base}/en?q=${encodeURIComponent("skateboard wheels")}`);
    expect(none.body).toContain("Nothing matched “skateboard wheels”");
    const insights = (await shop.request({ url: "/api/v1/articles/insights" })).json<KnowledgeBaseInsightsDto>();
    expect(insights.gaps).toEqual([expect.objectContaining({ query: "skateboard wheels", locale: "en", count: 1 })]);
  });

  it("records 'Was this helpful?' from a plain form, then thanks the reader", async () => {
    const res = await env.t.app.inject({
      method: "POST",
      url: `${base}/en/no-internet-connection-at-all/feedback`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "helpful=no",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${base}/en/no-internet-connection-at-all?feedback=thanks#feedback`);
    const thanked = await fetchPage(`${base}/en/no-internet-connection-at-all?feedback=thanks`);
    expect(thanked.body).toContain("Thank you for telling us.");
    const article = (await shop.request({ url: `/api/v1/articles/${ids.get("en:no-connection") ?? ""}` })).json<ArticleDto>();
    expect(article.stats.notHelpful).toBe(1);
  
    // A body no page's form sends gets the help center's own page, in the reader's language, not the API's JSON.
    for (const [type, payload] of [["multipart/form-data; boundary=x", "--x\r\n\r\n--x--"], ["text/plain", "helpful=no"]]) {
      const odd = await env.t.app.inject({ method: "POST", url: `${base}/cs/nefunguje-mi-internet/feedback`, headers: { "content-type": type }, payload });
      expect(odd.statusCode).toBe(400);
      expect(odd.headers["content-type"]).toContain("text/html");
      expect(odd.body).toContain('lang="cs"');
    }
  });

  it("shows a change at once, and lists every public translation in the sitemap with its alternates", async () => {
    const id = ids.get("en:delivery") ?? "";
    await fetchPage(`${base}/en/delivery-times-and-tracking-your-parcel`);
    await shop.request({ method: "PATCH", url: `/api/v1/articles/${id}`, payload: { body: "Orders leave the same day. **Brand new text.**" } });
    expect((await fetchPage(`${base}/en/delivery-times-and-tracking-your-parcel`)).body).toContain("<strong>Brand new text.</strong>");
    const map = await fetchPage(`${base}/sitemap.xml`);
    expect(map.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(map.body).toContain("<loc>http://localhost:80/help/fibra-loja/cs/nefunguje-mi-internet</loc>");
    expect(map.body).toContain('<xhtml:link rel="alternate" hreflang="pt-BR" href="http://localhost:80/help/fibra-loja/pt-BR/estou-sem-internet"/>');
    expect(map.body).not.toContain("refund-approvals");
    expect((await fetchPage("/robots.txt")).body).toContain("Allow: /help/");
    expect((await fetchPage(`${base}/robots.txt`)).body).toContain("Sitemap: http://localhost:80/help/fibra-loja/sitemap.xml");
  });

  it("offers no \"Still need help?\" and no script to a workspace without chat or e-mail", async () => {
    const quiet = await newWorkspace(env.t, "Quiet shop");
    await quiet.request({ method: "POST", url: "/api/v1/articles", payload: { locale: "en", title: "Opening hours", body: "9 to 5.", status: "published" } });
    const page = await fetchPage("/help/quiet-shop/en/opening-hours");
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("Still need help?");
    expect(page.body).not.toContain("<script");
  });
});

describe("categories on public pages", () => {
  it("shows a category only while it holds a public, published article: else its page is 404 and the home page and sitemap leave it out", async () => {
    const category = (
      await shop.request({ method: "POST", url: "/api/v1/article-categories", payload: { names: { en: "Fraud escalation playbook" }, descriptions: { en: "Internal: how we handle chargebacks" } } })
    ).json<ArticleCategoryDto>();
    const article = async (payload: object) => (await shop.request({ method: "POST", url: "/api/v1/articles", payload: { locale: "en", body: "Steps.", categoryId: category.id, ...payload } })).json<ArticleDto>();
    await article({ title: "Chargeback script", status: "published", visibility: "internal" });
    const draft = await article({ title: "Chargeback FAQ", status: "draft" });
    const shown = async () => {
      const page = await fetchPage(`${base}/en/c/${category.slug}`);
      const home = (await fetchPage(`${base}/en`)).body;
      const map = (await fetchPage(`${base}/sitemap.xml`)).body;
      return { page: page.statusCode, leaks: [page.body, home, map].filter((body) => body.includes("Fraud escalation") || body.includes("chargebacks") || body.includes(category.slug)).length };
    };
    expect(await shown()).toEqual({ page: 404, leaks: 0 });
    await shop.request({ method: "PATCH", url: `/api/v1/articles/${draft.id}`, payload: { status: "published" } });
    expect(await shown()).toEqual({ page: 200, leaks: 3 });
  });
});

describe("long addresses the help center makes", () => {
  it("serves an article of the longest slug and a picture of the longest name, in any script", async () => {
    const slug = `${"a".repeat(59)}-${"b".repeat(60)}`; // ARTICLE_SLUG_MAX, 120
    const written = await shop.request({ method: "POST", url: "/api/v1/articles", payload: { locale: "en", title: "Long address", slug, body: "Steps.", status: "published" } });
    expect(written.statusCode, written.body).toBe(201);
    expect((await fetchPage(`${base}/en/${slug}`)).statusCode).toBe(200);
    const picture = await uploadPicture(`${"ž".repeat(196)}.png`); // 200 characters, each percent-encoded as six
    const res = await fetchPage(picture.path, { cookie: shop.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
  });
});

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** A picture uploaded for articles: its Markdown address and its path in the help center. */
async function uploadPicture(name: string): Promise<{ url: string; path: string }> {
  const res = await shop.request({ method: "POST", url: `/api/v1/articles/images?fileName=${encodeURIComponent(name)}`, headers: { "content-type": "image/png" }, payload: PNG });
  expect(res.statusCode, res.body).toBe(201);
  const { url } = res.json<{ url: string }>();
  return { url, path: new URL(url, "http://localhost").pathname };
}

describe("article pictures", () => {
  it("are shown to anyone only while an article anyone may read shows them, else only to the workspace's agents", async () => {
    const picture = await uploadPicture("router-back.png");
    const status = async (headers: Record<string, string> = {}) => {
      const res = await fetchPage(picture.path, headers);
      return { status: res.statusCode, cache: res.headers["cache-control"] };
    };
    const stranger = await newWorkspace(env.t, "Another Shop");
    const agentOnly = { status: 200, cache: "private, no-cache" };
    const nobody = { status: 404, cache: "public, max-age=0, must-revalidate" };
    // Uploaded, in no article yet: the writer sees it, a visitor and another workspace's agent do not.
    expect(await status({ cookie: shop.cookie })).toEqual(agentOnly);
    expect(await status()).toEqual(nobody);
    expect(await status({ cookie: stranger.cookie })).toEqual(nobody);
    // In a draft: still the agents'.
    const written = await shop.request({ method: "POST", url: "/api/v1/articles", payload: { locale: "en", title: "The router's back", body: `![The ports](${picture.url})`, visibility: "public" } });
    expect(written.statusCode, written.body).toBe(201);
    const article = written.json<ArticleDto>();
    expect(await status()).toEqual(nobody);
    // Published and public: anyone's, and revalidated by its hash.
    const change = (payload: object) => shop.request({ method: "PATCH", url: `/api/v1/articles/${article.id}`, payload });
    expect((await change({ status: "published" })).statusCode).toBe(200);
    const shown = await fetchPage(picture.path);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers["cache-control"]).toBe("public, max-age=86400");
    expect((await fetchPage(picture.path, { "if-none-match": String(shown.headers.etag) })).statusCode).toBe(304);
    // Made internal: the agents' again at once, whatever a visitor's browser kept.
    expect((await change({ visibility: "internal" })).statusCode).toBe(200);
    expect(await status()).toEqual(nobody);
    expect(await status({ "if-none-match": String(shown.headers.etag) })).toEqual(nobody);
    expect(await status({ cookie: shop.cookie })).toEqual(agentOnly);
  });

  it("are shown to anyone as the workspace's logo", async () => {
    const logo = await uploadPicture("logo.png");
    expect((await fetchPage(logo.path)).statusCode).toBe(404);
    expect((await shop.request({ method: "PATCH", url: "/api/v1/workspace", payload: { logoUrl: logo.url } })).statusCode).toBe(200);
    expect((await fetchPage(logo.path)).statusCode).toBe(200);
  });
});

describe("bad input to the help center", () => {
  it.each([
    { name: "a repeated search", path: "/en?q=a&q=b", status: 400 },
    { name: "a NUL in the search", path: "/en?q=a%00b", status: 400 },
    { name: "a search of 201 characters", path: `/en?q=${"x".repeat(201)}`, status: 400 },
    { name: "a repeated feedback parameter", path: "/en/no-internet-connection-at-all?feedback=thanks&feedback=thanks", status: 400 },
    { name: "an image id of 36 hyphens", path: `/files/${"-".repeat(36)}/x.png`, status: 404 },
    { name: "an image id that is no id", path: "/files/not-an-id/x.png", status: 404 },
    { name: "a NUL in an article's slug", path: "/en/a%00b", status: 404 },
    { name: "a NUL in a category's slug", path: "/en/c/a%00b", status: 404 },
    { name: "an unknown language", path: "/xx/contact", status: 404 },
    { name: "an address deeper than any page", path: "/en/c/x/y/z", status: 404 },
  ])("answers $name with a $status page, never a 500", async ({ path, status }) => {
    const res = await fetchPage(`${base}${path}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(status);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain(status === 400 ? "We could not read that address" : "We could not find that page");
    expect(res.body).toContain('href="/help/fibra-loja/en"'); // the workspace's own page, with a way home
  });

  it.each([
    { name: "a path that is not valid percent-encoding", path: "/cs/%ff%fe", status: 400, says: "Této adrese nerozumíme" },
    { name: "a part of the path longer than any slug", path: `/cs/${"a".repeat(2500)}`, status: 404, says: "Tuto stránku jsme nenašli" },
  ])("answers $name with its own page in the address's language, not the API's JSON", async ({ path, status, says }) => {
    const res = await fetchPage(`${base}${path}`);
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('<html lang="cs">');
    expect(res.body).toContain(says);
    expect(res.body).toContain('href="/help/fibra-loja/cs"'); // a way home
  });

  it("answers bad input in the page's language", async () => {
    const res = await fetchPage(`${base}/cs?q=a&q=b`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<html lang="cs">');
    expect(res.body).toContain("Této adrese nerozumíme");
  });

  it.each(["/help/a%00b", "/help/a%00b/en", "/help/a%00b/sitemap.xml", "/help/a%00b/robots.txt", "/help/a%00b/en/c/x", "/help/a%00b/files/x/y.png"])(
    "answers a NUL in the workspace's slug (%s) with a 404 page",
    async (url) => {
      const res = await fetchPage(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    },
  );

  it("refuses a 'Was this helpful?' form with a repeated or unknown answer with a 400 page, counting nothing", async () => {
    const article = () => shop.request({ url: `/api/v1/articles/${ids.get("en:no-connection") ?? ""}` }).then((r) => r.json<ArticleDto>().stats);
    const before = await article();
    for (const payload of ["helpful=yes&helpful=no", "helpful=maybe", ""]) {
      const res = await env.t.app.inject({ method: "POST", url: `${base}/en/no-internet-connection-at-all/feedback`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    }
    expect(await article()).toEqual(before);
  });
});

describe("help-center search, open to anyone", () => {
  it("limits searches per address as the widget's suggestions are, never the home page", async () => {
    const from = (remoteAddress: string, url: string) => env.t.app.inject({ url, remoteAddress });
    const search = `${base}/en?q=${encodeURIComponent("parcel never arrived")}`;
    for (let i = 0; i < ARTICLE_SEARCHES_PER_MINUTE; i++) expect((await from("203.0.113.7", search)).statusCode).toBe(200);
    const refused = await from("203.0.113.7", search);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0); // the seconds left of the limit's minute
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
    // The help center's own page, in the language searched, not the API's JSON.
    expect(refused.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(refused.body).toContain("Too many searches from here");
    const czech = await from("203.0.113.7", `${base}/cs?q=router`);
    expect(czech.statusCode).toBe(429);
    expect(czech.body).toContain("Odsud přišlo příliš mnoho hledání");
    expect((await from("203.0.113.7", `${base}/en`)).statusCode).toBe(200);
    expect((await from("203.0.113.8", search)).statusCode).toBe(200);
  });

  it("keeps at most SEARCH_GAPS_MAX recent content gaps per workspace: a new one displaces the oldest searched once, never one searched again", async () => {
    const gaps = await newWorkspace(env.t, "Gap shop");
    const db = env.t.runtime.db;
    // A gap older than the insights' longest period no longer takes a place.
    await db.execute(sql`INSERT INTO article_search_gap (workspace_id, locale, query, last_at) VALUES (${gaps.workspaceId}, 'en', 'long ago', now() - interval '400 days')`);
    // All places but one: two gaps searched once (the first the older), the others searched three times.
    await db.execute(sql`INSERT INTO article_search_gap (workspace_id, locale, query, count, last_at)
      SELECT ${gaps.workspaceId}, 'en', 'filler ' || n, CASE WHEN n <= 2 THEN 1 ELSE 3 END, now() - make_interval(mins => 3 - least(n, 3))
      FROM generate_series(1, ${SEARCH_GAPS_MAX - 1}) AS n`);
    const searchFor = (q: string) => env.t.app.inject({ url: `/help/gap-shop/en?q=${encodeURIComponent(q)}`, remoteAddress: "198.51.100.4" });
    const recorded = async () =>
      new Map(rowsOf<{ query: string; count: number }>(await db.execute(sql`SELECT query, count FROM article_search_gap WHERE workspace_id = ${gaps.workspaceId} AND count < 3`)).map((r) => [r.query, r.count]));
    for (const q of ["roller skates", "kayak paddles", "roller skates", "surfboards", "wetsuits", "long ago"]) expect((await searchFor(q)).statusCode).toBe(200);
    // Roller skates took the last place; kayak paddles and surfboards displaced the fillers searched
    // once, oldest first; wetsuits then displaced kayak paddles, never roller skates (searched again).
    expect(await recorded()).toEqual(new Map([["long ago", 2], ["roller skates", 2], ["surfboards", 1], ["wetsuits", 1]]));
    const [{ total } = { total: 0 }] = rowsOf<{ total: number }>(await db.execute(sql`SELECT count(*)::int AS total FROM article_search_gap WHERE workspace_id = ${gaps.workspaceId}`));
    expect(total).toBe(SEARCH_GAPS_MAX + 1); // the places, and the old gap searched again
    const insights = await gaps.request({ url: "/api/v1/articles/insights?days=365" });
    expect(insights.statusCode).toBe(200);
    expect(insights.json<KnowledgeBaseInsightsDto>().gaps[0]).toMatchObject({ query: expect.stringMatching(/^filler /) as unknown, count: 3 }); // the most searched first
  });
});
