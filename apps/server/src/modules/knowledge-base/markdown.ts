import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { clip } from "@atende/shared";

/**
 * Articles' Markdown (raw HTML allowed, then sanitized): the one renderer for the help center, the
 * widget and the editor's preview, so that what an agent previews is what a customer reads.
 */
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

const ALIGNMENTS = ["align-left", "align-right", "align-center"];

/** A table cell's alignment as a class (pages allow no inline styles: CSP). */
function aligned(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { style, ...rest } = attribs;
  const align = /text-align:\s*(left|right|center)/.exec(style ?? "")?.[1];
  return { tagName, attribs: align ? { ...rest, class: `align-${align}` } : rest };
}

/**
 * What rendered Markdown may keep: text structure, tables, images and links to web, mail and
 * phone addresses (or this server's paths). Scripts, styles, frames, forms, event handlers and
 * `javascript:` links never survive, whoever wrote them.
 */
const ARTICLE_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "kbd", "code", "pre", "blockquote", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "details", "summary", "figure", "figcaption",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height", "loading"],
    ol: ["start"],
    th: ["class", "colspan", "rowspan"],
    td: ["class", "colspan", "rowspan"],
  },
  allowedClasses: { th: ALIGNMENTS, td: ALIGNMENTS },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const external = /^https?:/i.test(attribs.href ?? "");
      return { tagName, attribs: external ? { ...attribs, rel: "noopener noreferrer nofollow" } : attribs };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy" } }),
    th: aligned,
    td: aligned,
  },
};

/** An article's Markdown as safe HTML. */
export function renderMarkdown(body: string): string {
  return sanitizeHtml(markdown.render(body), ARTICLE_HTML);
}

type Token = ReturnType<typeof markdown.parse>[number];

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((child) => {
      if (child.type === "text" || child.type === "code_inline" || child.type === "image") return child.content;
      return child.type === "softbreak" || child.type === "hardbreak" ? " " : "";
    })
    .join("");
}

/**
 * An article's Markdown as plain text, one block a line: what search indexes and snippets quote.
 * Raw HTML blocks are dropped (their words are markup, not content).
 */
export function markdownText(body: string): string {
  const lines: string[] = [];
  for (const token of markdown.parse(body, {})) {
    if (token.type === "inline") lines.push(inlineText(token));
    else if (token.type === "fence" || token.type === "code_block") lines.push(token.content.trimEnd());
  }
  return lines
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

/** The first `max` characters of a text, cut at a word, with an ellipsis when cut. */
export function excerpt(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = clip(flat, max);
  const space = cut.lastIndexOf(" ");
  return `${withoutTrailingPunctuation(space > max * 0.6 ? cut.slice(0, space) : cut)}…`;
}

/** A text without the spaces and punctuation it ends with (read from the end: linear). */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && " \t\n.,;:!?-".includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}
