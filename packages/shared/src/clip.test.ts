import { describe, expect, it } from "vitest";
import { clip } from "./clip.js";

describe("clip", () => {
  it("keeps a text that fits, and cuts a longer one at max", () => {
    expect(clip("abc", 3)).toBe("abc");
    expect(clip("abcdef", 3)).toBe("abc");
  });

  it("never leaves half of an emoji", () => {
    const text = `${"a".repeat(4)}😀😀`;
    expect(clip(text, 5)).toBe("aaaa"); // 😀 is two units: the fifth is its first half
    expect(clip(text, 6)).toBe("aaaa😀");
    for (let max = 0; max <= text.length; max++) expect(clip(text, max).isWellFormed()).toBe(true);
  });
});
