import { describe, expect, it } from "vitest";
import { attributeRows, attributesPatch } from "./attributes.js";

describe("editing a contact's custom attributes", () => {
  const stored = { plan: "basic", orders: 3, vip: false, referrer: null };

  it("sends nothing when nothing changed", () => {
    expect(attributesPatch(attributeRows(stored), stored)).toBeUndefined();
  });

  it("sends what changed, keeps numbers and yes/no as they were, and removes what was taken out or renamed", () => {
    const rows = [
      { key: "plan", value: "pro" },
      { key: "orders", value: "4" },
      { key: "vip", value: "true" },
      { key: "city ", value: "Brno" },
      { key: "", value: "left without a name" },
    ];
    expect(attributesPatch(rows, stored)).toEqual({ plan: "pro", orders: 4, vip: true, city: "Brno", referrer: null });
  });

  it("keeps a number attribute's new value as text when it no longer reads as a number", () => {
    expect(attributesPatch([{ key: "orders", value: "many" }], { orders: 3 })).toEqual({ orders: "many" });
  });
});
