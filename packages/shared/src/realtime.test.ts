import { describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { ClientFrame, createEventDeduper, TYPING_REPEAT_MS, typingNews, uuidv7Floor, uuidv7Time } from "./realtime.js";

describe("the realtime protocol", () => {
  it("shows an event once across a replay that overlaps what was seen, and resumes from the greatest id", () => {
    const dedupe = createEventDeduper();
    const [a, b, c] = ["0190a000-0000-7000-8000-000000000001", "0190a000-0000-7000-8000-000000000002", "0190a000-0000-7000-8000-000000000003"];
    // Committed out of id order: b arrives before a.
    expect([b, a].map((id) => dedupe.accept(id))).toEqual([true, true]);
    expect(dedupe.cursor).toBe(b);
    // The replay after a reconnection starts before the cursor: a and b again, then c.
    expect([a, b, c].map((id) => dedupe.accept(id))).toEqual([false, false, true]);
    expect(dedupe.cursor).toBe(c);
  });

  it("starts from the answer the client read its state from: what came before it is known already", () => {
    const [before, from, after] = ["0190a000-0000-7000-8000-000000000001", "0190a000-0000-7000-8000-000000000002", "0190a000-0000-7000-8000-000000000003"];
    const dedupe = createEventDeduper(5000, from);
    expect(dedupe.cursor).toBe(from);
    expect([before, after, after].map((id) => dedupe.accept(id))).toEqual([false, true, false]);
    expect(dedupe.cursor).toBe(after);
  });

  it("forgets the oldest ids beyond its capacity, never the cursor", () => {
    const dedupe = createEventDeduper(2);
    const ids = [1, 2, 3].map((n) => `0190a000-0000-7000-8000-00000000000${String(n)}`);
    for (const id of ids) dedupe.accept(id);
    expect(dedupe.accept(ids[0] ?? "")).toBe(true); // forgotten
    expect(dedupe.accept(ids[2] ?? "")).toBe(false);
    expect(dedupe.cursor).toBe(ids[2]);
  });

  it("turns a millisecond into the lowest UUIDv7 of it, and reads it back", () => {
    const now = Date.now();
    const floor = uuidv7Floor(now);
    expect(uuidv7Time(floor)).toBe(now);
    expect(uuidv7({ msecs: now }) >= floor).toBe(true);
    expect(uuidv7({ msecs: now - 1 }) < floor).toBe(true);
    expect(uuidv7Time("not-an-id")).toBeNull();
  });

  it("refuses frames it does not know, naming the problem", () => {
    expect(ClientFrame.safeParse({ type: "resume", after: null }).success).toBe(true);
    expect(ClientFrame.safeParse({ type: "shout" }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: "resume", after: 42 }).success).toBe(false);
  });
});

describe("typingNews", () => {
  const at = 1_000_000;
  it("says a start, a stop and another conversation at once, and 'still typing' at most every few seconds", () => {
    expect(typingNews(null, { typing: true }, at)).toBe(true);
    const said = { conversationId: "a", typing: true, at };
    expect(typingNews(said, { conversationId: "a", typing: true }, at + 500)).toBe(false);
    expect(typingNews(said, { conversationId: "a", typing: true }, at + TYPING_REPEAT_MS)).toBe(true);
    expect(typingNews(said, { conversationId: "a", typing: false }, at + 1)).toBe(true);
    expect(typingNews(said, { conversationId: "b", typing: true }, at + 1)).toBe(true);
    expect(typingNews({ ...said, typing: false }, { conversationId: "a", typing: false }, at + 60_000)).toBe(false);
  });
});
