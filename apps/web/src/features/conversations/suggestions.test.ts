import { describe, expect, it } from "vitest";
import { matches, replaceTrigger, triggerAt } from "./suggestions.js";

describe("composer suggestions", () => {
  it("finds a / or @ word ending at the caret, at the start or after a space only", () => {
    expect(triggerAt("/ref", 4)).toEqual({ kind: "canned", query: "ref", start: 0, end: 4 });
    expect(triggerAt("Olá @Luc", 8)).toEqual({ kind: "mention", query: "Luc", start: 4, end: 8 });
    expect(triggerAt("a/b", 3)).toBeNull(); // a path, not a trigger
    expect(triggerAt("mail@example", 12)).toBeNull(); // an address, not a mention
    expect(triggerAt("/ref later", 10)).toBeNull(); // the caret has moved on
  });

  it("replaces the trigger and puts the caret after what was inserted", () => {
    const trigger = triggerAt("Hi /ref there", 7);
    expect(trigger && replaceTrigger("Hi /ref there", trigger, "Your refund is on its way.")).toEqual({
      text: "Hi Your refund is on its way. there",
      caret: 29,
    });
  });

  it("matches ignoring case and accents", () => {
    expect(matches("Lucie Dvořáková", "dvora")).toBe(true);
    expect(matches("Lucie", "x")).toBe(false);
  });
});
