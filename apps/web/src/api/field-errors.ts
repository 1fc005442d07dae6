import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { ApiError } from "./client.js";

/** Puts the server's field errors beside their inputs; true when there were some (the rest is shown as a message). */
export function showFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  for (const field of error.fields) form.setError(field.path as Path<T>, { message: field.message }); // paths are the body's own field names
  return true;
}
