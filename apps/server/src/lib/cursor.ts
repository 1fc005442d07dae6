import { z } from "zod";
import { text } from "@atende/shared";
import { AppError } from "./app-error.js";

/** Encodes a position in a list as an opaque string. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

const CursorValues = z.array(z.union([text(100), z.number()])).max(4);

/**
 * A time in a cursor, exactly as `Date.toISOString()` wrote it. A cursor's values reach SQL as
 * parameters, so a time PostgreSQL would refuse (30 February, year 0, a six-digit year) must be
 * refused here, naming `cursor`, or it surfaces as a 500.
 */
export const CursorTime = z
  .string()
  .regex(/^(?!0000)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  .refine((s) => {
    const at = new Date(s);
    return !Number.isNaN(at.getTime()) && at.toISOString() === s;
  });

/** A row id in a cursor (compared with a uuid column, so anything else would be a database error). */
export const CursorId = z.uuid();

/**
 * Decodes a cursor made by {@link encodeCursor}; a tampered one is a validation error on `cursor`.
 * `shape` must describe each value as tightly as the query that uses it (see {@link CursorTime},
 * {@link CursorId}): a bare `z.string()` lets a forged value through to the database.
 */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  try {
    const values = CursorValues.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return shape.parse(values);
  } catch {
    throw AppError.invalidField("cursor", "is not a cursor this list gave out");
  }
}
