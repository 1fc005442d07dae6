import { escapeText } from "entities";
import sanitizeHtml from "sanitize-html";

/**
 * What an agent's formatted e-mail may hold, as the web app's editor makes it: paragraphs, bold,
 * italics, underline, strike, lists, quotes, code, headings and links (web and mail addresses only).
 * Anything else (scripts, styles, images, frames, event handlers) is dropped, whatever sent it.
 */
const COMPOSED: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h1", "h2", "h3", "h4", "hr"],
  allowedAttributes: { a: ["href"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } }),
  },
};

/** An agent's formatted e-mail made safe to store, show and send. */
export function sanitizeComposedHtml(html: string): string {
  return sanitizeHtml(html, COMPOSED).trim();
}

/** Plain text as HTML paragraphs, line breaks kept: a signature or a quote beside formatted text. */
export function textAsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeText(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
