import { Anchor, Text } from "@mantine/core";
import { withLinkPieces } from "@atende/shared";

/**
 * A plain-text message as written (its line breaks kept, long words wrapped), with its web addresses
 * as links that open in a new tab (an article the attendant showed, a page a customer sent).
 */
export function TextWithLinks({ text, lang }: { text: string; lang?: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} lang={lang}>
      {withLinkPieces(text).map((piece, i) =>
        piece.href ? (
          <Anchor key={i} href={piece.href} target="_blank" rel="noopener noreferrer" inherit>
            {piece.text}
          </Anchor>
        ) : (
          piece.text
        ),
      )}
    </Text>
  );
}
