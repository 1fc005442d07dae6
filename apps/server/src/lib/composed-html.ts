import { escapeText } from "entities";
import sanitizeHtml from "sanitize-html";

/** A composed image's reference to one of the message's files, by its position: `cid:0` is the first. */
const FILE_REFERENCE = /^cid:(\d{1,2})$/i;

/**
 * What an agent's formatted e-mail may hold, as the web app's editor makes it: paragraphs, bold,
 * italics, underline, strike, lists, quotes, code, headings, links (web and mail addresses only) and
 * images among the message's own files. Anything else (scripts, styles, remote images, frames, event
 * handlers) is dropped, whatever sent it. `inline(position)` names the Content-ID of the file an
 * image shows, or null when there is no such picture (the image is dropped).
 */
const composed = (inline: (position: number) => string | null): sanitizeHtml.IOptions => ({
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h1", "h2", "h3", "h4", "hr", "img"],
  allowedAttributes: { a: ["href"], ol: ["start"], img: ["alt", "data-cid"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } }),
    img: (tagName, attribs): sanitizeHtml.Tag => {
      const position = FILE_REFERENCE.exec(attribs.src ?? "")?.[1];
      const contentId = position === undefined ? null : inline(Number(position));
      // A tag outside the allowed list is dropped; an image has no content to keep.
      if (contentId === null) return { tagName: "dropped", attribs: {} };
      return { tagName, attribs: { alt: attribs.alt ?? "", "data-cid": contentId } };
    },
  },
});

/**
 * An agent's formatted e-mail made safe to store, show and send. Its images are the message's files
 * shown inline, stored as `data-cid` like a received mail's (the sender makes them `cid:` parts).
 */
export function sanitizeComposedHtml(html: string, inline: (position: number) => string | null = () => null): string {
  return sanitizeHtml(html, composed(inline)).trim();
}

/** The stored form's inline images as a mail's own parts refer to them (`src="cid:…"`). */
export function withContentIdSources(html: string): string {
  return html.replace(/<img\b([^<>]*?)\sdata-cid="([^"<>]*)"/g, (_, before: string, cid: string) => `<img${before} src="cid:${cid}"`);
}

/** Plain text as HTML paragraphs, line breaks kept: a signature or a quote beside formatted text. */
export function textAsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeText(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
