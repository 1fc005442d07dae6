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
  it("are not paths elsewhere in a word, other schemes, an address not finished, or plain text", () => {
    for (const text of [
      "a/help/b and javascript:alert(1) and /etc/help/x",
      "/help/ has all our articles",
      "https:// is broken",
      "/help/../api/v1/me",
      "/help/ws/%2e%2e/x",
      "/help/ws/en/a.b",
    ]) {
      expect(withLinkPieces(text)).toEqual([{ text }]);
    }
    expect(withLinkPieces("")).toEqual([]);
  });
  it("are found whatever the scheme's case, and at the start of the text", () => {
    expect(withLinkPieces("Https://example.com ok")).toEqual([{ text: "Https://example.com", href: "Https://example.com" }, { text: " ok" }]);
    expect(withLinkPieces("/help/ws\n/help/ws/cs")).toEqual([
      { text: "/help/ws", href: "/help/ws" },
      { text: "\n" },
      { text: "/help/ws/cs", href: "/help/ws/cs" },
    ]);
  });
});
