import { z } from "zod";
import { text } from "@atende/shared";
import { AppError } from "./app-error.js";

/** Encodes a position in a list as an opaque string. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

const CursorValues = z.array(z.union([text(100), z.number()])).max(4);

/** Decodes a cursor made by {@link encodeCursor}; a tampered one is a validation error on `cursor`. */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  try {
    const values = CursorValues.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return shape.parse(values);
  } catch {
    throw AppError.invalidField("cursor", "is not a cursor this list gave out");
  }
}
