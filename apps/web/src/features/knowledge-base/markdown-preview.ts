// The editor's preview while the writer types, rendered in the browser (loaded with the editor, never
// on the first screen). It follows the server's renderer (modules/knowledge-base/markdown.ts):
// Markdown with raw HTML, then only what the help center keeps. What is saved is shown as the server
// rendered it.
import DOMPurify from "dompurify";
import MarkdownIt from "markdown-it";

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

const ARTICLE_HTML = {
  ALLOWED_TAGS: [
    "p", "br", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "kbd", "code", "pre", "blockquote", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "details", "summary", "figure", "figcaption",
  ],
  ALLOWED_ATTR: ["href", "title", "src", "alt", "width", "height", "start", "colspan", "rowspan", "style"],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Web, mail and phone addresses, and this server's paths; never javascript:, data: or another scheme.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

// A table cell keeps only its alignment (what Markdown's `:--:` writes); other styles go.
DOMPurify.addHook("uponSanitizeAttribute", (node, data) => {
  if (data.attrName !== "style") return;
  const align = /text-align:\s*(left|right|center)/.exec(data.attrValue)?.[1];
  data.attrValue = align && (node.nodeName === "TH" || node.nodeName === "TD") ? `text-align:${align}` : "";
  if (!data.attrValue) data.keepAttr = false;
});
// Links open outside the app, without handing it to the page they open.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.nodeName === "A" && node.hasAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow");
  }
});

/** An article's Markdown as safe HTML, as the help center will show it. */
export function renderArticlePreview(body: string): string {
  return DOMPurify.sanitize(markdown.render(body), ARTICLE_HTML);
}
