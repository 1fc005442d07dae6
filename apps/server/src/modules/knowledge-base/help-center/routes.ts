import type {} from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LOCALES, text, type Locale } from "@atende/shared";
import { TtlCache } from "../../../lib/ttl-cache.js";
import { sendStoredFile } from "../../attachments/serve.js";
import { findArticleImage } from "../images.js";
import { htmlOf } from "../service.js";
import { recordFeedback, recordSearchGap, type ViewCounter } from "../stats.js";
import { excerpt } from "../markdown.js";
import { helpText } from "./i18n.js";
import { createPageCache, rendered, sendPage, type RenderedPage } from "./page-cache.js";
import { categoryBySlug, findArticlePage, findHelpWorkspace, type ArticlePage, helpCategories, helpSearch, listedArticles, sitemapEntries, type HelpWorkspace, type ListedArticle } from "./reads.js";
import {
  articleMain,
  categoryMain,
  contactMain,
  HELP_CENTER_SCRIPT,
  homeMain,
  notFoundMain,
  page,
  searchMain,
  sitemap,
  stillNeedHelp,
  type Alternate,
  type Link,
  type PageShell,
} from "./render.js";
import type { CategoryRow } from "../presenter.js";

const HTML = "text/html; charset=utf-8";
const isLocale = (s: string): s is Locale => (LOCALES as readonly string[]).includes(s);
const SearchText = text(200);

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

/**
 * The public help center: `/help/<workspace>` (to the visitor's language), `/help/<workspace>/<locale>`
 * (home, or search with `?q=`), `/c/<category>`, `/<article slug>` (and its feedback form), `/contact`,
 * `sitemap.xml`, article images, and `/robots.txt`. Pages are rendered once and kept compressed
 * until their workspace's articles change.
 */
export function helpCenterRoutes(views: ViewCounter) {
  return async (app: FastifyInstance) => {
    const { runtime } = app;
    const cache = createPageCache();
    const workspacesBySlug = new TtlCache<HelpWorkspace | null>(30_000, 1000);
    const stop = runtime.bus.subscribe((event) => {
      if (cache.hear(event)) workspacesBySlug.clear();
    });
    app.addHook("onClose", () => {
      stop();
    });
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    const workspaceOf = async (slug: string): Promise<HelpWorkspace | null> => {
      const cached = workspacesBySlug.get(slug);
      if (cached !== undefined) return cached;
      const found = slug.length <= 100 ? await findHelpWorkspace(runtime.db, slug) : null;
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
    const notFound = (ws: HelpWorkspace | null, locale: Locale, origin: string): RenderedPage => {
      const text = helpText(locale);
      const home = ws ? `/help/${ws.slug}/${locale}` : "/";
      const body = ws
        ? shell(ws, locale, origin, (l) => `/help/${ws.slug}/${l}`, { title: text.t("notFound"), description: text.t("notFoundText"), main: notFoundMain(text, home), noindex: true, alternates: [] })
        : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${text.t("notFound")}</title></head><body><h1>${text.t("notFound")}</h1></body></html>`;
      return rendered(404, HTML, body);
    };
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

    type WsParams = { ws: string };
    type LocaleParams = WsParams & { locale: string };

    app.get<{ Params: WsParams }>("/help/:ws", { schema: { hide: true } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      if (!ws) return sendPage(request, reply, notFound(null, "en", originOf(request)));
      const locale = preferredLocale(request.headers["accept-language"], ws.languages, ws.defaultLocale);
      return reply.header("vary", "accept-language").header("cache-control", "no-cache").redirect(`/help/${ws.slug}/${locale}`, 302);
    });

    app.get<{ Params: LocaleParams; Querystring: { q?: string } }>("/help/:ws/:locale", { schema: { hide: true } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale } = request.params;
      if (!ws || !isLocale(locale)) return sendPage(request, reply, notFound(ws, "en", originOf(request)));
      const text = helpText(locale);
      const origin = originOf(request);
      const home = (l: Locale) => `/help/${ws.slug}/${l}`;
      const q = request.query.q;
      if (q !== undefined && q.trim() !== "") {
        const parsed = SearchText.safeParse(q);
        if (!parsed.success) return sendPage(request, reply, notFound(ws, locale, origin));
        const results = await helpSearch(runtime.db, ws, locale, parsed.data);
        if (results.length === 0) await recordSearchGap(runtime.db, ws.id, locale, parsed.data);
        const main = searchMain(text, parsed.data, results.map((r) => ({ ...r, href: `${home(locale)}/${r.slug}` })), stillNeedHelp(text, ws, contactHref(ws, locale)));
        const body = shell(ws, locale, origin, home, { title: `${text.t("resultsFor", { q: parsed.data })} · ${ws.name}`, description: text.t("description", { name: ws.name }), main, q: parsed.data, noindex: true });
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

    app.get<{ Params: LocaleParams & { category: string } }>("/help/:ws/:locale/c/:category", { schema: { hide: true } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale, category: slug } = request.params;
      if (!ws || !isLocale(locale)) return sendPage(request, reply, notFound(ws, "en", originOf(request)));
      const origin = originOf(request);
      return cached(request, reply, ws, `category|${locale}|${slug}`, async () => {
        const category: CategoryRow | null = slug.length <= 120 ? await categoryBySlug(runtime.db, ws.id, slug) : null;
        if (!category) return notFound(ws, locale, origin);
        const text = helpText(locale);
        const name = nameIn(category.names, locale, ws.defaultLocale);
        const description = nameIn(category.descriptions, locale, ws.defaultLocale);
        const links = (await listedArticles(runtime.db, ws, locale, category.id)).map((a) => link(ws, a, locale));
        const main = categoryMain(text, `/help/${ws.slug}/${locale}`, name, description, links);
        return rendered(200, HTML, shell(ws, locale, origin, (l) => `/help/${ws.slug}/${l}/c/${category.slug}`, { title: `${name} · ${text.t("titleOf", { name: ws.name })}`, description: description || name, main }));
      });
    });

    app.get<{ Params: LocaleParams }>("/help/:ws/:locale/contact", { schema: { hide: true } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale } = request.params;
      if (!ws || !isLocale(locale)) return sendPage(request, reply, notFound(ws, "en", originOf(request)));
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
        html: htmlOf(t),
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

    app.get<{ Params: LocaleParams & { slug: string }; Querystring: { feedback?: string } }>("/help/:ws/:locale/:slug", { schema: { hide: true } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const { locale, slug } = request.params;
      if (!ws || !isLocale(locale)) return sendPage(request, reply, notFound(ws, "en", originOf(request)));
      const origin = originOf(request);
      const thanked = request.query.feedback === "thanks";
      const key = `article|${locale}|${slug}|${thanked ? "thanks" : ""}`;
      const full = cache.key(ws.id, `${origin}|${key}`);
      let found = cache.get(full);
      if (!found) {
        const article = slug.length <= 120 ? await findArticlePage(runtime.db, ws, locale, slug) : null;
        if (article && "redirect" in article) return reply.redirect(article.redirect, 301);
        found = article ? await renderArticle(ws, locale, origin, article, thanked) : notFound(ws, locale, origin);
        cache.set(full, found);
      }
      if (found.translationId && !thanked) views.count(ws.id, found.translationId);
      return sendPage(request, reply, found, thanked ? "no-store" : undefined);
    });

    app.post<{ Params: LocaleParams & { slug: string }; Body: Record<string, string> | undefined }>(
      "/help/:ws/:locale/:slug/feedback",
      { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
      async (request, reply) => {
        const ws = await workspaceOf(request.params.ws);
        const { locale, slug } = request.params;
        if (!ws || !isLocale(locale)) return sendPage(request, reply, notFound(ws, "en", originOf(request)));
        const article = slug.length <= 120 ? await findArticlePage(runtime.db, ws, locale, slug) : null;
        const helpful = request.body?.helpful;
        if (!article || "redirect" in article || (helpful !== "yes" && helpful !== "no")) return sendPage(request, reply, notFound(ws, locale, originOf(request)));
        const t = article.translation;
        await recordFeedback(runtime.db, { workspaceId: ws.id, translationId: t.id, locale: t.locale }, helpful === "yes", "help_center");
        return reply.redirect(`/help/${ws.slug}/${locale}/${t.slug}?feedback=thanks#feedback`, 303);
      },
    );

    app.get<{ Params: WsParams }>("/help/:ws/sitemap.xml", { schema: { hide: true } }, async (request, reply) => {
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
    app.get<{ Params: WsParams }>("/help/:ws/robots.txt", { schema: { hide: true } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      if (!ws) return sendPage(request, reply, notFound(null, "en", originOf(request)));
      return reply.header("content-type", "text/plain; charset=utf-8").header("cache-control", "public, max-age=3600").send(robots(request, [`/help/${ws.slug}/sitemap.xml`]));
    });

    app.get<{ Params: WsParams & { id: string; name: string } }>("/help/:ws/files/:id/:name", { schema: { hide: true } }, async (request, reply) => {
      const ws = await workspaceOf(request.params.ws);
      const id = request.params.id;
      const image = ws && /^[0-9a-f-]{36}$/.test(id) ? await findArticleImage(runtime.db, ws.id, id) : undefined;
      if (!ws || !image) return sendPage(request, reply, notFound(ws, "en", originOf(request)));
      return sendStoredFile(request, reply, runtime.files, { sha256: image.sha256, size: image.size, fileName: image.fileName, servedType: image.contentType, inline: true }, "public, max-age=31536000, immutable");
    });

    app.get("/help-center.js", { schema: { hide: true } }, (_request, reply) =>
      reply.header("content-type", "text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(HELP_CENTER_SCRIPT),
    );
  };
}
