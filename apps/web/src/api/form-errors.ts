// The forms' side of errors: kept apart from errors.ts so that code showing an error does not load
// the form library with it (it stays out of the first screen).
import { fieldErrorCode } from "@atende/shared";
import { toNestErrors } from "@hookform/resolvers";
import type { z } from "zod";
import type { FieldValues, Path, Resolver, UseFormReturn } from "react-hook-form";
import { ApiError } from "./client.js";
import { fieldMessage, showError } from "./errors.js";

/** Puts the server's field errors beside their inputs; true when there were some (the rest is shown as a message). */
export function showFieldErrors<T extends FieldValues>(form: Pick<UseFormReturn<T>, "setError">, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  for (const field of error.fields) form.setError(field.path as Path<T>, { message: fieldMessage(field) }); // paths are the body's own field names
  return true;
}

/** What a form shows when it could not be saved: the server's field errors beside their inputs, anything else as a message. */
export function showFormError<T extends FieldValues>(form: Pick<UseFormReturn<T>, "setError">, error: unknown): void {
  if (!showFieldErrors(form, error)) showError(error);
}

/**
 * Checks a form with its shared schema before it is sent, and words each problem as the server's
 * would be (the same codes), in the agent's language.
 */
export function schemaResolver<In extends FieldValues, Out extends FieldValues>(schema: z.ZodType<Out, In>): Resolver<In, unknown, Out> {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(values);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.join(".");
      const coded = fieldErrorCode({ ...issue });
      errors[path] ??= { type: coded.code, message: fieldMessage({ path, message: issue.message, ...coded }) };
    }
    return { values: {}, errors: toNestErrors(errors, options) };
  };
}
