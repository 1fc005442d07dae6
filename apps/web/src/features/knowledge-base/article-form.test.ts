import { describe, expect, it } from "vitest";
import { ARTICLE_QUESTION_MAX, ARTICLE_QUESTIONS_MAX, type ArticleDto } from "@atende/shared";
import { ArticleForm, changesOf, formValuesOf, questionsProblem } from "./article-form.js";

const saved: ArticleDto = {
  id: "00000000-0000-4000-8000-000000000001",
  articleId: "00000000-0000-4000-8000-000000000002",
  locale: "en",
  title: "Returns",
  slug: "returns",
  body: "Within 30 days.",
  questions: ["Can I return an order?", "How long do I have?"],
  html: "<p>Within 30 days.</p>",
  status: "published",
  visibility: "public",
  categoryId: null,
  position: 0,
  author: null,
  updatedBy: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  publishedAt: "2026-01-01T00:00:00.000Z",
  translations: [],
  url: null,
  stats: { views: 0, helpful: 0, notHelpful: 0, selfService: 0 },
  editable: true,
};

describe("the questions in the article editor", () => {
  it("shows them one a line, and saves none when they are as they were", () => {
    const input = formValuesOf(saved);
    expect(input.questions).toBe("Can I return an order?\nHow long do I have?");
    expect(changesOf(saved, ArticleForm.parse(input))).toEqual({});
  });

  it("sends the lines as a list when they change: trimmed, blank lines and repeats left out", () => {
    const values = ArticleForm.parse({ ...formValuesOf(saved), questions: "  Can I return an order? \r\n\n\nCan I return an order?\nIs shipping back free?\n" });
    expect(changesOf(saved, values)).toEqual({ questions: ["Can I return an order?", "Is shipping back free?"] });
    expect(changesOf(saved, ArticleForm.parse({ ...formValuesOf(saved), questions: "" }))).toEqual({ questions: [] });
  });

  it("refuses too many questions, or one too long, naming which", () => {
    const tooMany = ArticleForm.safeParse({ ...formValuesOf(saved), questions: Array.from({ length: ARTICLE_QUESTIONS_MAX + 1 }, (_, i) => `Question ${String(i)}?`).join("\n") });
    expect(tooMany.error?.issues.map((i) => [i.path.join("."), i.code])).toEqual([["questions", "too_big"]]);
    const tooLong = ArticleForm.safeParse({ ...formValuesOf(saved), questions: `Short?\n\n${"x".repeat(ARTICLE_QUESTION_MAX + 1)}` });
    expect(tooLong.error?.issues.map((i) => i.path.join("."))).toEqual(["questions.1"]); // the second question (the blank line is none)
  });

  it("finds the problem to show from the form's errors: the list's own, else the first question's with its number", () => {
    expect(questionsProblem(undefined)).toBeUndefined();
    expect(questionsProblem({ type: "too_many", message: "is too many (at most 30)" })).toEqual({ code: "too_many", message: "is too many (at most 30)" });
    const errors: unknown[] = [];
    errors[3] = { type: "too_long", message: "must be at most 300 characters" };
    expect(questionsProblem(errors)).toEqual({ code: "too_long", message: "must be at most 300 characters", number: 4 });
    expect(questionsProblem({ 2: { message: "must be valid Unicode" } })).toEqual({ code: "", message: "must be valid Unicode", number: 3 });
  });
});
