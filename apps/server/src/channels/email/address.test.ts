import { describe, expect, it } from "vitest";
import { referencedIds } from "./address.js";

describe("referencedIds", () => {
  it("takes In-Reply-To first, then References from the newest, without brackets or repeats", () => {
    expect(referencedIds("<c@x>", ["<a@x> <b@x>", "<c@x>"])).toEqual(["c@x", "b@x", "a@x"]);
    expect(referencedIds(undefined, undefined)).toEqual([]);
  });
});
