import { Anchor } from "@mantine/core";
import { withLinkPieces } from "@atende/shared";

/** Plain text with its web addresses as links that open in a new tab (an article the attendant showed, a page a customer sent). */
export function TextWithLinks({ text }: { text: string }) {
  return withLinkPieces(text).map((piece, i) =>
    piece.href ? (
      <Anchor key={i} href={piece.href} target="_blank" rel="noopener noreferrer" inherit>
        {piece.text}
      </Anchor>
    ) : (
      piece.text
    ),
  );
}
