/**
 * A plain-text message's web addresses, to show as links: `http(s)://…` (any case), and the help
 * center's own addresses (`/help/<workspace>[/<locale>[/<article>]]`, the only form the server
 * writes), which a server with no public address set (`ATENDE_PUBLIC_URL`) writes as paths: the
 * widget and the web app are served by that server, so they lead there. A path counts at the start
 * of a word or after "(", whole (no "..", no other characters). Punctuation that ends a sentence is
 * not part of an address. No lookbehind: the widget runs on older Safari too.
 */
const LINK = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])|(^|[\s(])(\/help(?:\/[A-Za-z0-9-]+){1,3})(?=$|[\s)]|[.,;:!?](?:$|[\s)]))/giu;

/** A piece of a message's text: words, or an address to link (`href`). */
export type TextPiece = { text: string; href?: string };

/** A message's text in pieces, its addresses apart (see LINK), in order; joined, the pieces are the text. */
export function withLinkPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let from = 0;
  const words = (to: number) => {
    if (to > from) pieces.push({ text: text.slice(from, to) });
  };
  for (const match of text.matchAll(LINK)) {
    const address = match[1] ?? match[3] ?? "";
    const at = match.index + (match[1] === undefined ? (match[2] ?? "").length : 0);
    words(at);
    pieces.push({ text: address, href: address });
    from = at + address.length;
  }
  words(text.length);
  return pieces;
}
