import { describe, expect, it } from "vitest";
import { detectLocale, unaccent, words } from "./language.js";

describe("the customer's language", () => {
  it("is told from letters and common words, else the fallback", () => {
    expect(detectLocale("minha internet não funciona", "en")).toBe("pt-BR");
    expect(detectLocale("nejde mi internet, co mám dělat?", "en")).toBe("cs");
    expect(detectLocale("my internet is down", "cs")).toBe("en");
    expect(detectLocale("4521", "pt-BR")).toBe("pt-BR");
  });
});

describe("words", () => {
  it("are lower case letters and digits, accents kept until unaccented", () => {
    expect(words("Stěhování: 2 pokoje, Wi-Fi!")).toEqual(["stěhování", "2", "pokoje", "wi", "fi"]);
    expect(unaccent("Stěhování não")).toBe("Stehovani nao");
  });
});
