import { describe, expect, it } from "vitest";
import { referencedIds, splitRecipient } from "./address.js";

describe("splitRecipient", () => {
  it("separates the reply token and lower-cases the address", () => {
    expect(splitRecipient("Suporte+01a2-x@Loja.com.br")).toEqual({ address: "suporte@loja.com.br", token: "01a2-x" });
    expect(splitRecipient("podpora@obchod.cz")).toEqual({ address: "podpora@obchod.cz", token: null });
  });
});

describe("referencedIds", () => {
  it("takes In-Reply-To first, then References from the newest, without brackets or repeats", () => {
    expect(referencedIds("<c@x>", ["<a@x> <b@x>", "<c@x>"])).toEqual(["c@x", "b@x", "a@x"]);
    expect(referencedIds(undefined, undefined)).toEqual([]);
  });
});
