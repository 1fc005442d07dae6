import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CursorTime, decodeCursor, encodeCursor } from "./cursor.js";

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
  it("takes a time only as toISOString writes it, never one PostgreSQL would refuse", () => {
    expect(CursorTime.safeParse(new Date(0).toISOString()).success).toBe(true);
    for (const forged of ["2024-02-30T00:00:00.000Z", "0000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "2024-01-01T00:00:00Z", "2024-13-01T00:00:00.000Z", "infinity"]) {
      expect(CursorTime.safeParse(forged).success, forged).toBe(false);
    }
  });
});
