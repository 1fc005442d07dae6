/**
 * A plain-text message's web addresses, to show as links: `http(s)://…`, and the help center's own
 * addresses from `/help/` on, which a server with no public address set (`ATENDE_PUBLIC_URL`) writes
 * (the widget and the web app are served by that server, so they lead there). Punctuation that
 * ends a sentence is not part of an address.
 */
const LINK = /((?:https?:\/\/|(?<![^\s(])\/help\/)[^\s<>"]+[^\s<>".,;:!?)])/u;

/** A piece of a message's text: words, or an address to link (`href`). */
export type TextPiece = { text: string; href?: string };

/** A message's text in pieces, its addresses apart (see LINK), in order; joined, the pieces are the text. */
export function withLinkPieces(text: string): TextPiece[] {
  return text
    .split(LINK)
    .filter((part) => part !== "")
    .map((part) => (/^(?:https?:\/\/|\/help\/)/u.test(part) ? { text: part, href: part } : { text: part }));
}
