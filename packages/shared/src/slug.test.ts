import { describe, expect, it } from "vitest";
import { slugify } from "./service.js";

describe("slugify", () => {
  it.each([
    ["Loja Açaí & Cia", "loja-acai-cia"],
    ["Obchod Příliš Žluťoučký", "obchod-prilis-zlutoucky"],
    ["  --- ", "workspace"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
