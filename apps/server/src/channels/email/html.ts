import { decodeHTML } from "entities";
import sanitizeHtml from "sanitize-html";

/** A `cid:` URL's Content-ID (RFC 2392: case-insensitive scheme, percent-encoded), or null. */
function contentIdOf(src: string | undefined): string | null {
  if (!src || !/^cid:/i.test(src)) return null;
  try {
    return decodeURIComponent(src.slice(4));
  } catch {
    return src.slice(4);
  }
}

/** What an agent's browser may show of a customer's HTML mail; `inline` collects the Content-IDs its images use. */
const options = (inline: Set<string>): sanitizeHtml.IOptions => ({
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    "img",
    "font",
    "center",
    "span",
    "u",
    "s",
    "del",
    "ins",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    img: ["alt", "title", "width", "height", "data-remote-src", "data-cid"],
    font: ["color", "size", "face"],
    "*": ["style", "align", "dir", "lang"],
  },
  allowedStyles: {
    "*": {
      color: [/^[#\w(),.\s%]+$/],
      "background-color": [/^[#\w(),.\s%]+$/],
      "text-align": [/^(left|right|center|justify)$/],
      "font-weight": [/^\w+$/],
      "font-style": [/^\w+$/],
      "text-decoration": [/^[\w\s]+$/],
    },
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  transformTags: {
    // Nothing loads from the network until the agent agrees: remote images keep their address aside,
    // inline images (cid:) are named for the attachment that will stand in for them.
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      const contentId = contentIdOf(src);
      if (contentId !== null) {
        inline.add(contentId);
        return { tagName, attribs: { ...rest, "data-cid": contentId } };
      }
      if (src && /^https?:/i.test(src)) return { tagName, attribs: { ...rest, "data-remote-src": src } };
      return { tagName, attribs: rest };
    },
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } }),
  },
  exclusiveFilter: (frame) => frame.tag === "img" && /^(1|0)$/.test(frame.attribs.width ?? "") && /^(1|0)$/.test(frame.attribs.height ?? ""),
});

/**
 * Sanitizes the HTML of a received e-mail: no scripts, forms, frames, event handlers or styles that
 * reach out; remote images and tracking pixels do not load (a 1×1 image is dropped), links open
 * apart from the app. Returns the Content-IDs of the inline images it shows.
 */
export function sanitizeEmailHtml(html: string): { html: string; inlineIds: Set<string> } {
  const inlineIds = new Set<string>();
  return { html: sanitizeHtml(html, options(inlineIds)), inlineIds };
}

/** Elements that never close, so they add no depth. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** A tag: its name, then what follows up to `>` (never another `<`, so each character is read once). */
const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:[^\w:<>-][^<>]*)?)>/g;

/**
 * How deep an HTML body nests, by a linear scan of its tags (no DOM): a body nested deeper than any
 * mail a person writes is hostile, and sanitizing or converting it would take seconds.
 */
export function htmlDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, closing, name = "", rest = ""] of html.matchAll(TAG)) {
    if (VOID.has(name.toLowerCase()) || rest.endsWith("/")) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * The text of an HTML body without reading it as a DOM: scripts and styles removed, tags removed,
 * entities decoded, spaces folded. Linear in the body: each character is read a bounded number of times.
 */
export function htmlPlainText(html: string): string {
  return decodeHTML(withoutScripts(html).replace(/<[^<>]*>/g, " ")).replace(/\s+/g, " ").trim();
}

const OPENING = /<(script|style)\b/gi;
const CLOSING = { script: /<\/script\s*>/gi, style: /<\/style\s*>/gi };

/** The HTML without its `<script>` and `<style>` elements (an unclosed one runs to the end). */
function withoutScripts(html: string): string {
  const kept: string[] = [];
  let from = 0;
  OPENING.lastIndex = 0;
  for (let open = OPENING.exec(html); open; open = OPENING.exec(html)) {
    kept.push(html.slice(from, open.index), " ");
    const closing = CLOSING[(open[1] ?? "script").toLowerCase() as keyof typeof CLOSING];
    closing.lastIndex = OPENING.lastIndex;
    from = closing.exec(html) ? closing.lastIndex : html.length;
    OPENING.lastIndex = from;
  }
  kept.push(html.slice(from));
  return kept.join("");
}
