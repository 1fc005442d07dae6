import { describe, expect, it } from "vitest";
import type { ArticleTranslationRefDto } from "@atende/shared";
import { articleLinkText, insertAtCaret, localeOf, translationToLink } from "./article-link.js";

const ref = (id: string, locale: ArticleTranslationRefDto["locale"], status: ArticleTranslationRefDto["status"] = "published"): ArticleTranslationRefDto => ({
  id,
  locale,
  status,
  title: id,
  slug: id,
});

describe("the article link an agent inserts", () => {
  const translations = [ref("en", "en"), ref("pt", "pt-BR"), ref("cs", "cs", "draft")];

  it("reads a browser's language tag as one of ours", () => {
    expect([localeOf("pt-PT"), localeOf("cs-CZ"), localeOf("en_GB"), localeOf("de-DE"), localeOf(null)]).toEqual(["pt-BR", "cs", "en", null, null]);
  });

  it("links the conversation's language, else the agent's, never a draft, else the translation found", () => {
    expect(translationToLink(translations[0] ?? ref("x", "en"), translations, ["pt-BR", "en"]).id).toBe("pt");
    expect(translationToLink(translations[1] ?? ref("x", "en"), translations, [null, "en"]).id).toBe("en");
    expect(translationToLink(translations[1] ?? ref("x", "en"), translations, ["cs", "cs"]).id).toBe("pt"); // the Czech one is a draft
  });

  it("writes the title and an absolute address", () => {
    expect(articleLinkText("Reset a password", "/help/loja/en/reset-a-password", "https://atende.example")).toBe(
      "Reset a password: https://atende.example/help/loja/en/reset-a-password",
    );
    expect(articleLinkText("Troca", "https://help.loja.example/help/loja/pt-BR/troca", "https://atende.example")).toBe("Troca: https://help.loja.example/help/loja/pt-BR/troca");
  });

  it("puts the link at the caret, apart from the words around it", () => {
    expect(insertAtCaret("", 0, "A: u")).toEqual({ text: "A: u", caret: 4 });
    expect(insertAtCaret("See", 3, "A: u")).toEqual({ text: "See A: u", caret: 8 });
    expect(insertAtCaret("See .", 4, "A: u")).toEqual({ text: "See A: u .", caret: 9 });
    expect(insertAtCaret("Hi\n", 3, "A: u")).toEqual({ text: "Hi\nA: u", caret: 7 });
  });
});
