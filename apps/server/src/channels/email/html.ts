import sanitizeHtml from "sanitize-html";

/** What an agent's browser may show of a customer's HTML mail. */
const OPTIONS: sanitizeHtml.IOptions = {
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
      if (src?.startsWith("cid:")) return { tagName, attribs: { ...rest, "data-cid": src.slice(4) } };
      if (src && /^https?:/i.test(src)) return { tagName, attribs: { ...rest, "data-remote-src": src } };
      return { tagName, attribs: rest };
    },
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } }),
  },
  exclusiveFilter: (frame) => frame.tag === "img" && /^(1|0)$/.test(frame.attribs.width ?? "") && /^(1|0)$/.test(frame.attribs.height ?? ""),
};

/**
 * Sanitizes the HTML of a received e-mail: no scripts, forms, frames, event handlers or styles that
 * reach out; remote images and tracking pixels do not load (a 1×1 image is dropped), links open
 * apart from the app.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
