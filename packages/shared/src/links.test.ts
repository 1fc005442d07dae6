import { describe, expect, it } from "vitest";
import { withLinkPieces } from "./links.js";

describe("a message's addresses", () => {
  it("are links: full ones, and the help center's own paths", () => {
    expect(withLinkPieces("More in “Wi-Fi”: /help/shop/en/wifi\n\nDid this solve it?")).toEqual([
      { text: "More in “Wi-Fi”: " },
      { text: "/help/shop/en/wifi", href: "/help/shop/en/wifi" },
      { text: "\n\nDid this solve it?" },
    ]);
    expect(withLinkPieces("see https://example.com/a?b=1.")).toEqual([{ text: "see " }, { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" }, { text: "." }]);
    expect(withLinkPieces("(/help/x/pt-BR/y)")).toEqual([{ text: "(" }, { text: "/help/x/pt-BR/y", href: "/help/x/pt-BR/y" }, { text: ")" }]);
  });
  it("are not paths elsewhere in a word, other schemes or plain text", () => {
    expect(withLinkPieces("a/help/b and javascript:alert(1) and /etc/help/x")).toEqual([{ text: "a/help/b and javascript:alert(1) and /etc/help/x" }]);
    expect(withLinkPieces("")).toEqual([]);
  });
});
