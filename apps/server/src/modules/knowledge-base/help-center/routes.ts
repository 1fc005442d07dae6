import type {} from "@fastify/rate-limit";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Locale } from "@atende/shared";
import { TtlCache } from "../../../lib/ttl-cache.js";
import { sendStoredFile } from "../../attachments/serve.js";
import { identify } from "../../../plugins/auth.js";
import { findArticleImage, shownToAnyone } from "../images.js";
import { ARTICLE_SEARCHES_PER_MINUTE, perAddress } from "../rate-limits.js";
import { recordFeedback, recordSearchGap, type ViewCounter } from "../stats.js";
import { excerpt } from "../markdown.js";
import { helpText } from "./i18n.js";
import { createPageCache, rendered, sendPage, type RenderedPage } from "./page-cache.js";
import { createMemo, type Freshness } from "../freshness.js";
import { ArticleParams, ArticleQuery, CategoryParams, ErrorPageParams, FeedbackBody, formFields, HomeQuery, ImageParams, LocaleParams, WorkspaceParams } from "./inputs.js";
import { categoryBySlug, findArticlePage, findHelpWorkspace, type ArticlePage, type SearchResult, helpCategories, helpSearch, listedArticles, sitemapEntries, type HelpWorkspace, type ListedArticle } from "./reads.js";
import {
  articleMain,
  categoryMain,
  contactMain,
  errorMain,
  plainErrorPage,
  type ErrorKind,
  HELP_CENTER_SCRIPT,
  homeMain,
  page,
  searchMain,
  sitemap,
  stillNeedHelp,
  type Alternate,
  type Link,
  type PageShell,
} from "./render.js";

const HTML = "text/html; charset=utf-8";

/** A search of the help center (counted by its rate limit), as sent: the query is not validated yet when the limit counts. */
const isSearch = (request: FastifyRequest) => {
  const { q } = request.query as { q?: unknown }; // the raw query string's fields
  return q !== undefined && q !== "";
};

/** The language a browser asks for first among the help center's, else its default. */
export function preferredLocale(acceptLanguage: string | undefined, offered: readonly Locale[], fallback: Locale): Locale {
  const asked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((a) => a.tag !== "" && a.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of asked) {
    const match = offered.find((l) => tag === l.toLowerCase() || tag.split("-")[0] === l.split("-")[0]?.toLowerCase());
    if (match) return match;
  }
  return fallback;
}

function nameIn(names: Partial<Record<Locale, string>>, locale: Locale, fallback: Locale): string {
  return names[locale] ?? names[fallback] ?? Object.values(names)[0] ?? "";
}

const ERROR_KINDS: Record<400 | 404 | 429, ErrorKind> = { 400: "badRequest", 404: "notFound", 429: "tooManyRequests" };

/**
 * An address under /help/ the router cannot read (bad percent-encoding, a part too long): the help
 * center's plain 400 page in the language the address names, not the API's JSON. Null for others.
 */
export function helpCenterAddressError(request: FastifyRequest, reply: FastifyReply, status: number): FastifyReply | null {
  if (!request.url.startsWith("/help/")) return null;
  const [, , ws, named] = request.url.split("?")[0]?.split("/") ?? [];
  const parsed = ErrorPageParams.parse({ ws, locale: named });
  const locale = parsed.locale ?? "en";
  const home = parsed.ws === undefined ? null : `/help/${parsed.ws}/${locale}`;
  return reply.code(status).type(HTML).header("cache-control", "no-store").send(plainErrorPage(helpText(locale), locale, "badRequest", home));
}

/**
 * The public help center: `/help/<workspace>` (to the visitor's language), `/help/<workspace>/<locale>`
 * (home, or search with `?q=`), `/c/<category>`, `/<article slug>` (and its feedback form), `/contact`,
 * `sitemap.xml`, article images, and `/robots.txt`. Pages are rendered once and kept compressed
 * until their workspace's articles change.
 */
export function helpCenterRoutes(views: ViewCounter, freshness: Freshness): FastifyPluginAsyncZod {
  return async (app) => {
    const { runtime } = app;
    const cache = createPageCache(freshness);
    const workspacesBySlug = new TtlCache<HelpWorkspace | null>(30_000, 1000);
    freshness.onChange(() => {
      workspacesBySlug.clear();
    });
    const searches = createMemo<SearchResult[]>(freshness, 5 * 60_000, 5000);
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_request, body, done) => {
      done(null, formFields(String(body)));
    });

    const workspaceOf = async (slug: string): Promise<HelpWorkspace | null> => {
      const cached = workspacesBySlug.get(slug);
      if (cached !== undefined) return cached;
      const found = await findHelpWorkspace(runtime.db, slug); // a slug the route's schema took (bounded text)
      workspacesBySlug.set(slug, found);
      return found;
    };
    const originOf = (request: FastifyRequest) => runtime.config.publicUrl ?? `${request.protocol}://${request.host}`;

    const shell = (ws: HelpWorkspace, locale: Locale, origin: string, pathIn: (l: Locale) => string, parts: Partial<PageShell> & Pick<PageShell, "title" | "description" | "main">): string => {
      const own = pathIn(locale);
      return page({
        locale,
        text: helpText(locale),
        workspace: ws,
        origin,
        canonical: own,
        alternates: [...ws.languages.map((l) => ({ hreflang: l, href: pathIn(l) })), { hreflang: "x-default", href: `/help/${ws.slug}` }],
        languageLinks: ws.languages.map((l) => ({ locale: l, href: pathIn(l) })),
        ...parts,
      });
    };
    /**
     * A page saying the address names nothing (404), holds what no page takes (400: a bad query or
     * form), or came too often from one address (429: searches past their limit).
     */
    const errorPage = (status: 400 | 404 | 429, ws: HelpWorkspace | null, locale: Locale, origin: string): RenderedPage => {
      const text = helpText(locale);
      const kind = ERROR_KINDS[status];
      const home = ws ? `/help/${ws.slug}/${locale}` : "/";
      const body = ws
        ? shell(ws, locale, origin, (l) => `/help/${ws.slug}/${l}`, { title: text.t(kind), description: text.t(`${kind}Text`), main: errorMain(text, home, kind), noindex: true, alternates: [] })
        : plainErrorPage(text, locale, kind);
      return rendered(status, HTML, body);
    };
    const notFound = (ws: HelpWorkspace | null, locale: Locale, origin: string) => errorPage(404, ws, locale, origin);

    // Every route's address, query and form are checked by its schema; what fails is answered here,
    // as a page in the workspace's language when the address names one, instead of the API's JSON.
    app.addHook("onRoute", (route) => {
      route.attachValidation = true;
    });
    const sendErrorPage = async (request: FastifyRequest, reply: FastifyReply, status: 400 | 404 | 429, named = ErrorPageParams.parse(request.params)) => {
      const ws = named.ws === undefined ? null : await workspaceOf(named.ws);
      return sendPage(request, reply, errorPage(status, ws, named.locale ?? ws?.defaultLocale ?? "en", originOf(request)), "no-store");
    };
    app.addHook("preHandler", async (request, reply) => {
      const invalid = request.validationError;
      if (invalid) return sendErrorPage(request, reply, invalid.validationContext === "params" ? 404 : 400);
    });
    // A visitor past a rate limit, or with a body no form sends, gets the same kind of page (with the
    // limit's Retry-After); any other error is the server's to answer as it answers every other.
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error.statusCode === 429) return sendErrorPage(request, reply, 429);
      // A form the page did not send (another type, malformed, too long): what no page takes.
      if (typeof error.code === "string" && error.code.startsWith("FST_ERR_CTP_")) return sendErrorPage(request, reply, 400); // (not every error has a code)
      throw error;
    });
    // An address under /help/ that no page takes (deeper than any page, say): the help center's 404.
    app.get("/help/*", { schema: { hide: true } }, async (request, reply) => {
      const [ws, locale] = (request.params as { "*": string })["*"].split("/");
      return sendErrorPage(request, reply, 404, ErrorPageParams.parse({ ws, locale }));
    });
    /** A cached page of a workspace, rendered by `build` on a miss. */
    const cached = async (request: FastifyRequest, reply: FastifyReply, ws: HelpWorkspace, key: string, build: () => Promise<RenderedPage>) => {
      const full = cache.key(ws.id, `${originOf(request)}|${key}`);
      let found = cache.get(full);
      if (!found) {
        found = await build();
        cache.set(full, found);
      }
      return sendPage(request, reply, found);
    };
    const link = (ws: HelpWorkspace, a: ListedArticle, locale: Locale): Link => ({
      title: a.title,
      href: `/help/${ws.slug}/${locale}/${a.slug}`,
      ...(a.fallback ? { lang: a.locale } : {}),
    });
    const contactHref = (ws: HelpWorkspace, locale: Locale) => `/help/${ws.slug}/${locale}/contact`;

    app.get("/help/:ws", { schema: { hide: true, params: WorkspaceParams } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      if (!ws) return sendPage(request, reply, notFound(null, "en", originOf(request)));
      const locale = preferredLocale(request.headers["accept-language"], ws.languages, ws.defaultLocale);
      return reply.header("vary", "accept-language").header("cache-control", "no-cache").redirect(`/help/${ws.slug}/${locale}`, 302);
    });

    // Searches are limited per address as the widget's are (a home page, cached, is not counted).
    const searchLimit = perAddress(ARTICLE_SEARCHES_PER_MINUTE, isSearch);
    app.get("/help/:ws/:locale", { schema: { hide: true, params: LocaleParams, querystring: HomeQuery }, config: searchLimit }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale } = request.params;
      if (!ws) return sendPage(request, reply, notFound(ws, locale, originOf(request)));
      const text = helpText(locale);
      const origin = originOf(request);
      const home = (l: Locale) => `/help/${ws.slug}/${l}`;
      const q = request.query.q;
      if (q !== undefined && q.trim() !== "") {
        const results = await searches(ws.id, `${locale}|${q}`, () => helpSearch(runtime.db, ws, locale, q));
        if (results.length === 0) await recordSearchGap(runtime.db, ws.id, locale, q);
        const main = searchMain(text, q, results.map((r) => ({ ...r, href: `${home(locale)}/${r.slug}` })), stillNeedHelp(text, ws, contactHref(ws, locale)));
        const body = shell(ws, locale, origin, home, { title: `${text.t("resultsFor", { q })} · ${ws.name}`, description: text.t("description", { name: ws.name }), main, q, noindex: true });
        return sendPage(request, reply, rendered(200, HTML, body), "no-store");
      }
      return cached(request, reply, ws, `home|${locale}`, async () => {
        const [categories, listed] = [await helpCategories(runtime.db, ws.id), await listedArticles(runtime.db, ws, locale)];
        const cards = categories.map((c) => {
          const inside = listed.filter((a) => a.categoryId === c.id);
          return {
            name: nameIn(c.names, locale, ws.defaultLocale),
            description: nameIn(c.descriptions, locale, ws.defaultLocale),
            href: `${home(locale)}/c/${c.slug}`,
            count: inside.length,
            links: inside.slice(0, 5).map((a) => link(ws, a, locale)),
          };
        });
        const known = new Set(categories.map((c) => c.id));
        const loose = listed.filter((a) => a.categoryId === null || !known.has(a.categoryId)).map((a) => link(ws, a, locale));
        const title = text.t("titleOf", { name: ws.name });
        return rendered(200, HTML, shell(ws, locale, origin, home, { title, description: text.t("description", { name: ws.name }), main: homeMain(text, title, cards, loose) }));
      });
    });

    app.get("/help/:ws/:locale/c/:category", { schema: { hide: true, params: CategoryParams } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale, category: slug } = request.params;
      if (!ws) return sendPage(request, reply, notFound(ws, locale, originOf(request)));
      const origin = originOf(request);
      return cached(request, reply, ws, `category|${locale}|${slug}`, async () => {
        const category = await categoryBySlug(runtime.db, ws.id, slug);
        if (!category) return notFound(ws, locale, origin);
        const text = helpText(locale);
        const name = nameIn(category.names, locale, ws.defaultLocale);
        const description = nameIn(category.descriptions, locale, ws.defaultLocale);
        const links = (await listedArticles(runtime.db, ws, locale, category.id)).map((a) => link(ws, a, locale));
        const main = categoryMain(text, `/help/${ws.slug}/${locale}`, name, description, links);
        return rendered(200, HTML, shell(ws, locale, origin, (l) => `/help/${ws.slug}/${l}/c/${category.slug}`, { title: `${name} · ${text.t("titleOf", { name: ws.name })}`, description: description || name, main }));
      });
    });

    app.get("/help/:ws/:locale/contact", { schema: { hide: true, params: LocaleParams } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale } = request.params;
      if (!ws) return sendPage(request, reply, notFound(ws, locale, originOf(request)));
      const origin = originOf(request);
      return cached(request, reply, ws, `contact|${locale}`, () => {
        const text = helpText(locale);
        const main = contactMain(text, ws, `/help/${ws.slug}/${locale}`);
        return Promise.resolve(rendered(200, HTML, shell(ws, locale, origin, (l) => `/help/${ws.slug}/${l}/contact`, { title: `${text.t("contactTitle")} · ${ws.name}`, description: text.t("stillNeedHelpText"), main })));
      });
    });

    const renderArticle = async (ws: HelpWorkspace, locale: Locale, origin: string, a: ArticlePage, thanked: boolean): Promise<RenderedPage> => {
      const text = helpText(locale);
      const t = a.translation;
      const home = `/help/${ws.slug}/${locale}`;
      const pathOf = (l: Locale) => {
        const own = a.translations.find((x) => x.locale === l);
        return `/help/${ws.slug}/${l}/${own ? own.slug : t.slug}`;
      };
      const alternates: Alternate[] = a.translations.map((x) => ({ hreflang: x.locale, href: `/help/${ws.slug}/${x.locale}/${x.slug}` }));
      const first = a.translations.find((x) => x.locale === ws.defaultLocale) ?? a.translations[0];
      if (first) alternates.push({ hreflang: "x-default", href: `/help/${ws.slug}/${first.locale}/${first.slug}` });
      const category = a.categoryId ? (await helpCategories(runtime.db, ws.id)).find((c) => c.id === a.categoryId) : undefined;
      const main = articleMain(text, {
        home,
        category: category ? { name: nameIn(category.names, locale, ws.defaultLocale), href: `${home}/c/${category.slug}` } : null,
        title: t.title,
        html: t.html,
        lang: t.locale,
        fallbackFrom: t.locale === locale ? null : locale,
        updated: text.t("updated", { date: text.date(t.updatedAt, ws.timeZone) }),
        feedbackAction: `/help/${ws.slug}/${locale}/${t.slug}/feedback`,
        thanked,
        stillNeedHelp: stillNeedHelp(text, ws, contactHref(ws, locale)),
      });
      const body = page({
        locale,
        text,
        workspace: ws,
        origin,
        title: `${t.title} · ${ws.name}`,
        description: excerpt(t.plain, 155),
        canonical: `/help/${ws.slug}/${t.locale}/${t.slug}`,
        alternates,
        languageLinks: ws.languages.map((l) => ({ locale: l, href: pathOf(l) })),
        main,
        widget: true,
        noindex: thanked,
      });
      return rendered(200, HTML, body, t.id);
    };

    app.get("/help/:ws/:locale/:slug", { schema: { hide: true, params: ArticleParams, querystring: ArticleQuery } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale, slug } = request.params;
      if (!ws) return sendPage(request, reply, notFound(ws, locale, originOf(request)));
      const origin = originOf(request);
      const thanked = request.query.feedback === "thanks";
      const key = `article|${locale}|${slug}|${thanked ? "thanks" : ""}`;
      const full = cache.key(ws.id, `${origin}|${key}`);
      let found = cache.get(full);
      if (!found) {
        const article = await findArticlePage(runtime.db, ws, locale, slug);
        if (article && "redirect" in article) return reply.redirect(article.redirect, 301);
        found = article ? await renderArticle(ws, locale, origin, article, thanked) : notFound(ws, locale, origin);
        cache.set(full, found);
      }
      if (found.translationId && !thanked) views.count(ws.id, found.translationId);
      return sendPage(request, reply, found, thanked ? "no-store" : undefined);
    });

    app.post(
      "/help/:ws/:locale/:slug/feedback",
      { schema: { hide: true, params: ArticleParams, body: FeedbackBody }, config: perAddress(20) },
      async (request, reply) => {
        const ws = await workspaceOf(request.params.ws);
        const { locale, slug } = request.params;
        if (!ws) return sendPage(request, reply, notFound(ws, locale, originOf(request)));
        const article = await findArticlePage(runtime.db, ws, locale, slug);
        if (!article || "redirect" in article) return sendPage(request, reply, notFound(ws, locale, originOf(request)));
        const t = article.translation;
        await recordFeedback(runtime.db, { workspaceId: ws.id, translationId: t.id, locale: t.locale }, request.body.helpful === "yes", "help_center");
        return reply.redirect(`/help/${ws.slug}/${locale}/${t.slug}?feedback=thanks#feedback`, 303);
      },
    );

    app.get("/help/:ws/sitemap.xml", { schema: { hide: true, params: WorkspaceParams } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      if (!ws) return sendPage(request, reply, notFound(null, "en", originOf(request)));
      return cached(request, reply, ws, "sitemap", async () => {
        const rows = await sitemapEntries(runtime.db, ws.id);
        const byArticle = new Map<string, typeof rows>();
        for (const r of rows) byArticle.set(r.articleId, [...(byArticle.get(r.articleId) ?? []), r]);
        const categories = await helpCategories(runtime.db, ws.id);
        const homes = ws.languages.map((l) => ({ hreflang: l, href: `/help/${ws.slug}/${l}` }));
        const entries = [
          ...ws.languages.map((l) => ({ loc: `/help/${ws.slug}/${l}`, alternates: homes })),
          ...categories.flatMap((c) => {
            const alternates = ws.languages.map((l) => ({ hreflang: l, href: `/help/${ws.slug}/${l}/c/${c.slug}` }));
            return ws.languages.map((l) => ({ loc: `/help/${ws.slug}/${l}/c/${c.slug}`, alternates }));
          }),
          ...[...byArticle.values()].flatMap((translations) => {
            const alternates = translations.map((x) => ({ hreflang: x.locale, href: `/help/${ws.slug}/${x.locale}/${x.slug}` }));
            return translations.map((x) => ({ loc: `/help/${ws.slug}/${x.locale}/${x.slug}`, lastmod: x.updatedAt.toISOString(), alternates }));
          }),
        ];
        return rendered(200, "application/xml; charset=utf-8", sitemap(originOf(request), entries));
      });
    });

    const robots = (request: FastifyRequest, sitemaps: string[]) =>
      ["User-agent: *", "Allow: /help/", "Disallow: /app/", "Disallow: /api/", "Disallow: /widget/", ...sitemaps.map((s) => `Sitemap: ${originOf(request)}${s}`), ""].join("\n");
    app.get("/robots.txt", { schema: { hide: true } }, (request, reply) => reply.header("content-type", "text/plain; charset=utf-8").header("cache-control", "public, max-age=3600").send(robots(request, [])));
    app.get("/help/:ws/robots.txt", { schema: { hide: true, params: WorkspaceParams } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      if (!ws) return sendPage(request, reply, notFound(null, "en", originOf(request)));
      return reply.header("content-type", "text/plain; charset=utf-8").header("cache-control", "public, max-age=3600").send(robots(request, [`/help/${ws.slug}/sitemap.xml`]));
    });

    const publicImages = createMemo<boolean>(freshness, 5 * 60_000, 5000);
    /**
     * Who may see an article image: anyone while an article anyone may read shows it (kept by
     * caches for a day at most, as it may stop being shown), else a signed-in agent of its
     * workspace (revalidated on every view); nobody else learns it exists.
     */
    const imageCacheControl = async (request: FastifyRequest, workspaceId: string, id: string): Promise<string | null> => {
      if (await publicImages(workspaceId, id, () => shownToAnyone(runtime.db, workspaceId, id))) return "public, max-age=86400";
      const agent = await identify(app, request);
      return agent?.actor.workspaceId === workspaceId ? "private, no-cache" : null;
    };
    app.get("/help/:ws/files/:id/:name", { schema: { hide: true, params: ImageParams } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const image = ws ? await findArticleImage(runtime.db, ws.id, request.params.id) : undefined;
      const cacheControl = ws && image ? await imageCacheControl(request, ws.id, image.id) : null;
      if (!ws || !image || !cacheControl) return sendPage(request, reply, notFound(ws, "en", originOf(request)));
      return sendStoredFile(request, reply, runtime.files, { sha256: image.sha256, size: image.size, fileName: image.fileName, servedType: image.contentType, inline: true }, cacheControl);
    });

    app.get("/help-center.js", { schema: { hide: true } }, (_request, reply) =>
      reply.header("content-type", "text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(HELP_CENTER_SCRIPT),
    );
  };
}
