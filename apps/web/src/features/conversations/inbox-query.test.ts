import { describe, expect, it } from "vitest";
import { builtInViewOf, isBare, plainViewNear, plainViewOf, plainViewParams, plainViewQuery } from "./inbox-query.js";

const INBOX = "0190a000-0000-7000-8000-000000000001";

describe("the inbox's address", () => {
  it("reads a plain view and writes it back the same, defaults left out", () => {
    const params = new URLSearchParams({ view: "mine", inbox: INBOX, tag: "vip", priority: "urgent", sort: "waiting" });
    const plain = plainViewOf(params);
    expect(plain).toEqual({ view: "mine", sort: "waiting", filters: { inboxId: INBOX, tag: "vip", priority: "urgent" } });
    expect(plainViewParams(plain).toString()).toBe(`view=mine&inbox=${INBOX}&tag=vip&priority=urgent&sort=waiting`);
    expect(plainViewParams(plainViewOf(new URLSearchParams())).toString()).toBe("view=all");
  });

  it("ignores what it does not know: a view, an order or a priority of nobody's", () => {
    expect(plainViewOf(new URLSearchParams({ view: "everything", sort: "random", priority: "asap" }))).toEqual({ view: "all", sort: "newest", filters: {} });
  });

  it("lists a plain view as its built-in view's query narrowed by the filters", () => {
    expect(plainViewQuery({ view: "unassigned", filters: { tag: "vip" }, sort: "oldest" })).toEqual({ status: "open", assigneeId: "none", tag: "vip", sort: "oldest" });
  });

  it("says whether there is anything to save: filters or an order of its own", () => {
    expect(isBare({ view: "pending", filters: {}, sort: "newest" })).toBe(true);
    expect(isBare({ view: "pending", filters: {}, sort: "priority" })).toBe(false);
    expect(isBare({ view: "all", filters: { priority: "high" }, sort: "newest" })).toBe(false);
  });
});

describe("a saved view's filters as a plain view", () => {
  it("finds the built-in view of the same status and assignee", () => {
    expect(builtInViewOf({ status: "open", assigneeId: "me" })).toBe("mine");
    expect(builtInViewOf({ status: "open" })).toBe("all");
    expect(builtInViewOf({ status: "resolved" })).toBe("resolved");
    expect(builtInViewOf({ status: "all" })).toBeNull();
    expect(builtInViewOf({ status: "open", assigneeId: INBOX })).toBeNull();
  });

  it("keeps the filters and order, falling back to All when no built-in view matches", () => {
    expect(plainViewNear({ status: "pending", tag: "vip", sort: "waiting" })).toEqual({ view: "pending", filters: { tag: "vip" }, sort: "waiting" });
    expect(plainViewNear({ status: "all", inboxId: INBOX, sort: "newest" })).toEqual({ view: "all", filters: { inboxId: INBOX }, sort: "newest" });
  });
});
