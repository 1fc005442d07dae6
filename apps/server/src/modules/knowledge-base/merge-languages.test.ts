import { describe, expect, it } from "vitest";
import { mergeLanguages, type ArticleHit } from "./search.js";

const hit = (id: string, score: number, coverage: number): ArticleHit => ({ id, score, coverage });

describe("one list of every language's hits", () => {
  it("orders by score the languages whose first hit covers at least half of the best one's", () => {
    const english = [hit("en-returns", 0.4, 1), hit("en-delivery", 0.1, 0.5)];
    const czech = [hit("cs-returns", 0.3, 0.6)];
    expect(mergeLanguages([english, czech]).map((h) => h.id)).toEqual(["en-returns", "cs-returns", "en-delivery"]);
  });

  it("puts after them a language that only shares a guessed spelling with the question, however high its scores", () => {
    const english = [hit("en-order", 0.19, 0.77), hit("en-returns", 0.18, 1)];
    const portuguese = [hit("pt-wifi", 0.21, 0.06), hit("pt-account", 0.2, 0.06)];
    expect(mergeLanguages([english, portuguese]).map((h) => h.id)).toEqual(["en-order", "en-returns", "pt-wifi", "pt-account"]);
  });

  it("judges a language by its first hit, so a longer page of the same search keeps the order of a shorter one", () => {
    const english = [hit("en-1", 0.5, 0.2), hit("en-2", 0.4, 1), hit("en-3", 0.3, 1)];
    const czech = [hit("cs-1", 0.45, 0.9), hit("cs-2", 0.35, 0.9), hit("cs-3", 0.2, 0.9)];
    const short = mergeLanguages([english.slice(0, 2), czech.slice(0, 2)]).map((h) => h.id);
    const long = mergeLanguages([english, czech]).map((h) => h.id);
    expect(long.slice(0, 2)).toEqual(short.slice(0, 2));
    expect(long).toEqual(["cs-1", "cs-2", "cs-3", "en-1", "en-2", "en-3"]);
  });

  it("gives nothing for nothing", () => {
    expect(mergeLanguages([[], []])).toEqual([]);
  });
});
