import { describe, expect, it } from "vitest";
import { describeActivity } from "./activity.js";

describe("describeActivity", () => {
  it("names who did what", () => {
    expect(describeActivity({ action: "status", from: "open", to: "resolved", actorName: "Ana" })).toBe(
      "Ana changed the status from open to resolved",
    );
    expect(describeActivity({ action: "assignee", from: null, to: "Petr", actorName: "Ana" })).toBe(
      "Ana assigned the conversation to Petr",
    );
    expect(describeActivity({ action: "assignee", from: "Petr", to: null, actorName: "Ana" })).toBe("Ana unassigned Petr");
    expect(describeActivity({ action: "tags", from: null, to: "vip", actorName: "Ana" })).toBe(
      "Ana changed the tags from [] to [vip]",
    );
  });
});
