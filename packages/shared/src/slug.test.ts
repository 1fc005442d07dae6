import { describe, expect, it } from "vitest";
import { slugify } from "./slug.js";

describe("slugify", () => {
  it.each([
    ["Loja Açaí & Cia", "loja-acai-cia"],
    ["Obchod Příliš Žluťoučký", "obchod-prilis-zlutoucky"],
    ["  --- ", "workspace"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name, "workspace")).toBe(slug);
  });

  it("cuts a long text at the limit without a trailing hyphen", () => {
    expect(slugify("Změna tarifu a poplatky", "x", 13)).toBe("zmena-tarifu");
  });
});
