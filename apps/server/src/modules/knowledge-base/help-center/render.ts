import { escapeAttribute, escapeText } from "entities";
import type { Locale } from "@atende/shared";
import type { HelpText } from "./i18n.js";
import type { HelpWorkspace } from "./reads.js";

/**
 * The help center's pages: plain server-rendered HTML, readable without JavaScript, a few
 * kilobytes each with their CSS inline. The only scripts are the chat widget's and the line that
 * makes "Still need help?" open it, on article pages of workspaces with a chat inbox.
 */

const h = escapeText;
const attr = escapeAttribute;

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? "#000" : "#fff";
}

const CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2128;background:#f6f8fa}
a{color:#0a4fbd}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;color:#000;padding:8px;z-index:1}
header{background:var(--brand);color:var(--on-brand);padding:16px 16px 20px}
.bar,.searchbar{max-width:960px;margin:0 auto}main,footer{max-width:992px;margin:0 auto}
.bar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between}
.brand{color:inherit;text-decoration:none;font-weight:700;font-size:1.15rem;display:flex;align-items:center;gap:10px}
.brand img{height:32px;width:auto}
.lang ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px 12px;margin:0;padding:0;font-size:.9rem}
.lang a{color:inherit}.lang [aria-current]{font-weight:700;text-decoration:none}
.searchbar{display:flex;gap:8px;margin-top:16px}
.searchbar input{flex:1;min-width:0;font:inherit;padding:10px 12px;border:1px solid #8c959f;border-radius:8px}
.searchbar button,.button{font:inherit;padding:10px 16px;border-radius:8px;border:0;background:#1c2128;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
main{padding:24px 16px}
h1{font-size:1.7rem;line-height:1.25;margin:0 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:16px;padding:0;list-style:none}
.card,.article,.panel{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:16px 20px}
.card h2{font-size:1.1rem;margin:0 0 4px}.card p{margin:0 0 8px;color:#57606a}
.card ul,.list{margin:0;padding-left:18px}
.list li{margin:6px 0}.muted{color:#57606a;font-size:.9rem}
.crumbs{font-size:.9rem;margin-bottom:12px}
.article img{max-width:100%;height:auto}
.article table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}
.article th,.article td{border:1px solid #d0d7de;padding:6px 10px;text-align:left}
.article .align-right{text-align:right}.article .align-center{text-align:center}
.article pre{background:#f6f8fa;padding:12px;overflow-x:auto;border-radius:6px}
.note{background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;padding:8px 12px}
.panel{margin-top:16px}.panel h2{font-size:1.1rem;margin:0 0 8px}
.panel form{display:flex;gap:8px}.panel form button{font:inherit;padding:8px 22px;border-radius:8px;background:#fff;color:#1c2128;border:1px solid #8c959f;cursor:pointer}
.results{list-style:none;padding:0}.results li{margin:0 0 16px}.results a{font-weight:600}
footer{padding:16px;font-size:.85rem;color:#57606a}
:focus-visible{outline:3px solid #0a4fbd;outline-offset:2px}`;

export type Alternate = { hreflang: string; href: string };

export type PageShell = {
  locale: Locale;
  text: HelpText;
  workspace: HelpWorkspace;
  /** Absolute origin of this help center's addresses (canonical, hreflang). */
  origin: string;
  title: string;
  description: string;
  /** Paths (under `origin`). */
  canonical: string;
  alternates: Alternate[];
  /** Where each language's switch leads (the same page in that language). */
  languageLinks: { locale: Locale; href: string }[];
  q?: string;
  main: string;
  /** Loads the chat widget (article pages of a workspace with chat). */
  widget?: boolean;
  noindex?: boolean;
};

/** A whole page: head (title, description, canonical, hreflang), header with search and languages, the main part. */
export function page(p: PageShell): string {
  const ws = p.workspace;
  const base = `/help/${ws.slug}/${p.locale}`;
  const logo = ws.logoUrl ? `<img src="${attr(ws.logoUrl)}" alt="">` : "";
  const alternates = p.alternates.map((a) => `<link rel="alternate" hreflang="${attr(a.hreflang)}" href="${attr(p.origin + a.href)}">`).join("");
  const languages =
    p.languageLinks.length > 1
      ? `<nav class="lang" aria-label="${attr(p.text.t("language"))}"><ul>${p.languageLinks
          .map(
            (l) =>
              `<li><a href="${attr(l.href)}" hreflang="${attr(l.locale)}" lang="${attr(l.locale)}"${l.locale === p.locale ? ' aria-current="true"' : ""}>${h(p.text.languageName(l.locale, true))}</a></li>`,
          )
          .join("")}</ul></nav>`
      : "";
  const widget = p.widget && ws.chatToken ? `<script src="/widget.js" data-inbox="${attr(ws.chatToken)}" async></script><script src="/help-center.js" async></script>` : "";
  return `<!doctype html><html lang="${attr(p.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(p.title)}</title><meta name="description" content="${attr(p.description)}">${p.noindex ? '<meta name="robots" content="noindex">' : ""}
<link rel="canonical" href="${attr(p.origin + p.canonical)}">${alternates}
<style>:root{--brand:${ws.brandColor};--on-brand:${textOn(ws.brandColor)}}${CSS}</style>${widget}</head>
<body><a class="skip" href="#main">${h(p.text.t("skip"))}</a>
<header><div class="bar"><a class="brand" href="${attr(base)}">${logo}<span>${h(p.text.t("titleOf", { name: ws.name }))}</span></a>${languages}</div>
<form class="searchbar" role="search" method="get" action="${attr(base)}"><label class="skip" for="q">${h(p.text.t("searchLabel"))}</label><input id="q" type="search" name="q" value="${attr(p.q ?? "")}" placeholder="${attr(p.text.t("searchPlaceholder"))}" maxlength="200"><button type="submit">${h(p.text.t("searchButton"))}</button></form></header>
<main id="main">${p.main}</main>
<footer>${h(p.text.t("poweredBy"))}</footer></body></html>`;
}

export type Link = { title: string; href: string; lang?: Locale };

/** A link to an article, marked with its language when it is not the page's. */
export function articleLink(l: Link, text: HelpText): string {
  const other = l.lang ? ` <span class="muted">(${h(text.t("inLanguage", { language: text.languageName(l.lang) }))})</span>` : "";
  return `<a href="${attr(l.href)}"${l.lang ? ` hreflang="${attr(l.lang)}" lang="${attr(l.lang)}"` : ""}>${h(l.title)}</a>${other}`;
}

/** The home page: every category the public may see (`helpCategories`) with its first articles, then the articles in none. */
export function homeMain(
  text: HelpText,
  heading: string,
  categories: { name: string; description: string; href: string; count: number; links: Link[] }[],
  uncategorized: Link[],
): string {
  const cards = categories
    .map(
      (c) =>
        `<li class="card"><h2><a href="${attr(c.href)}">${h(c.name)}</a></h2>${c.description ? `<p>${h(c.description)}</p>` : ""}<ul>${c.links
          .map((l) => `<li>${articleLink(l, text)}</li>`)
          .join("")}</ul>${c.count > c.links.length ? `<p><a href="${attr(c.href)}">${h(text.t("allInCategory", { category: c.name }))}</a></p>` : ""}</li>`,
    )
    .join("");
  const rest = uncategorized.length ? `<h2>${h(text.t("otherArticles"))}</h2><ul class="list">${uncategorized.map((l) => `<li>${articleLink(l, text)}</li>`).join("")}</ul>` : "";
  const empty = !cards && !rest ? `<p>${h(text.t("noArticles"))}</p>` : "";
  return `<h1>${h(heading)}</h1>${cards ? `<h2 class="skip">${h(text.t("categories"))}</h2><ul class="cards">${cards}</ul>` : ""}${rest}${empty}`;
}

export function categoryMain(text: HelpText, home: string, name: string, description: string, links: Link[]): string {
  return `<nav class="crumbs" aria-label="breadcrumb"><a href="${attr(home)}">${h(text.t("title"))}</a></nav><h1>${h(name)}</h1>${description ? `<p>${h(description)}</p>` : ""}<p class="muted">${h(text.count("articleCount", links.length))}</p>${
    links.length ? `<ul class="list">${links.map((l) => `<li>${articleLink(l, text)}</li>`).join("")}</ul>` : `<p>${h(text.t("noArticles"))}</p>`
  }`;
}

export function searchMain(text: HelpText, q: string, results: { title: string; href: string; snippet: string }[], stillNeedHelp: string): string {
  const list = results.length
    ? `<ol class="results">${results.map((r) => `<li><a href="${attr(r.href)}">${h(r.title)}</a><br><span class="muted">${h(r.snippet)}</span></li>`).join("")}</ol>`
    : `<p>${h(text.t("noResults", { q }))}</p>${stillNeedHelp}`;
  return `<h1>${h(text.t("resultsFor", { q }))}</h1>${list}`;
}

/** "Still need help?": the chat when there is one (a contact page or the e-mail without JavaScript), else the e-mail. */
export function stillNeedHelp(text: HelpText, ws: HelpWorkspace, contactHref: string): string {
  if (!ws.chatToken && !ws.email) return "";
  const href = ws.email ? `mailto:${ws.email}` : contactHref;
  const label = ws.chatToken ? text.t("chatWithUs") : text.t("writeToUs");
  return `<section class="panel" aria-labelledby="need-help"><h2 id="need-help">${h(text.t("stillNeedHelp"))}</h2><p>${h(text.t("stillNeedHelpText"))}</p><a class="button" href="${attr(href)}"${ws.chatToken ? " data-atende-chat" : ""}>${h(label)}</a></section>`;
}

export type ArticleView = {
  home: string;
  category: { name: string; href: string } | null;
  title: string;
  html: string;
  lang: Locale;
  /** The page's language when the article is shown in another (it has no translation there). */
  fallbackFrom: Locale | null;
  updated: string;
  feedbackAction: string;
  thanked: boolean;
  stillNeedHelp: string;
};

export function articleMain(text: HelpText, a: ArticleView): string {
  const crumbs = `<nav class="crumbs" aria-label="breadcrumb"><a href="${attr(a.home)}">${h(text.t("title"))}</a>${a.category ? ` › <a href="${attr(a.category.href)}">${h(a.category.name)}</a>` : ""}</nav>`;
  const note = a.fallbackFrom ? `<p class="note">${h(text.t("notTranslated", { language: text.languageName(a.lang) }))}</p>` : "";
  const feedback = a.thanked
    ? `<p role="status">${h(text.t("thanks"))}</p>`
    : `<form method="post" action="${attr(a.feedbackAction)}"><button type="submit" name="helpful" value="yes">${h(text.t("yes"))}</button><button type="submit" name="helpful" value="no">${h(text.t("no"))}</button></form>`;
  return `${crumbs}${note}<article class="article" lang="${attr(a.lang)}"><h1>${h(a.title)}</h1><p class="muted">${h(a.updated)}</p>${a.html}</article>
<section class="panel" id="feedback" aria-labelledby="helpful"><h2 id="helpful">${h(text.t("helpfulQuestion"))}</h2>${feedback}</section>${a.stillNeedHelp}`;
}

export function contactMain(text: HelpText, ws: HelpWorkspace, home: string): string {
  const lines = [
    ws.email ? `<p>${h(text.t("contactEmail", { email: ws.email })).replace(h(ws.email), `<a href="mailto:${attr(ws.email)}">${h(ws.email)}</a>`)}</p>` : "",
    ws.chatToken ? `<p>${h(text.t("contactChat"))}</p>` : "",
    !ws.email && !ws.chatToken ? `<p>${h(text.t("contactNone"))}</p>` : "",
  ];
  return `<nav class="crumbs" aria-label="breadcrumb"><a href="${attr(home)}">${h(text.t("title"))}</a></nav><h1>${h(text.t("contactTitle"))}</h1>${lines.join("")}`;
}

/** An error page's kind: nothing at this address, an address no page takes, or searches past their limit. */
export type ErrorKind = "notFound" | "badRequest" | "tooManyRequests";

/**
 * An error page for an address that names no workspace (or cannot be read): the message alone, in
 * `text`'s language, with a way to the help center's home when the address names one.
 */
export function plainErrorPage(text: HelpText, lang: string, kind: ErrorKind, home: string | null = null): string {
  return `<!doctype html><html lang="${attr(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${h(text.t(kind))}</title></head><body>${errorMain(text, home, kind)}</body></html>`;
}

/** What an error page says, with a way home when there is one. */
export function errorMain(text: HelpText, home: string | null, kind: ErrorKind): string {
  const way = home === null ? "" : `<p><a href="${attr(home)}">${h(text.t("home"))}</a></p>`;
  return `<h1>${h(text.t(kind))}</h1><p>${h(text.t(`${kind}Text`))}</p>${way}`;
}

/** The sitemap: every public article in every language, with its translations as alternates. */
export function sitemap(origin: string, entries: { loc: string; lastmod?: string; alternates: Alternate[] }[]): string {
  const urls = entries
    .map(
      (e) =>
        `<url><loc>${h(origin + e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}${e.alternates
          .map((a) => `<xhtml:link rel="alternate" hreflang="${attr(a.hreflang)}" href="${attr(origin + a.href)}"/>`)
          .join("")}</url>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls}\n</urlset>\n`;
}

/** What makes "Still need help?" open the chat widget once it has loaded (served as /help-center.js). */
export const HELP_CENTER_SCRIPT = `document.addEventListener("click",function(e){var a=e.target instanceof Element&&e.target.closest("[data-atende-chat]");var w=window.Atende;if(a&&w&&typeof w.open==="function"){e.preventDefault();w.open();}});\n`;
