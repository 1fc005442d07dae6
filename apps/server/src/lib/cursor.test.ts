import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("cursors", () => {
  const Shape = z.tuple([z.iso.datetime(), z.uuid()]);
  it("round-trips a position", () => {
    const position = ["2026-11-22T07:00:00.000Z", "01a20000-0000-7000-8000-000000000000"] as const;
    expect(decodeCursor(encodeCursor(position), Shape)).toEqual(position);
  });
  it("refuses tampered cursors as a validation error on cursor", () => {
    expect(() => decodeCursor("bm9wZQ", Shape)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(["x", 1]), Shape)).toThrow(/cursor/);
  });
});
