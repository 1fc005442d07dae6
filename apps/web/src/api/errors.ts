import { notifications } from "@mantine/notifications";
import { fieldErrorCode, type FieldError } from "@atende/shared";
import { toNestErrors } from "@hookform/resolvers";
import type { z } from "zod";
import type { FieldValues, Path, Resolver, UseFormReturn } from "react-hook-form";
import { i18n } from "../i18n.js";
import { ApiError } from "./client.js";

/** A field's problem in the agent's language, from its code; the server's English only for a code this app does not know. */
export function fieldMessage(field: FieldError): string {
  const key = `fieldErrors.${field.code}`;
  return i18n.exists(key) ? i18n.t(key, field.params ?? {}) : i18n.t("fieldErrors.invalid");
}

/** What went wrong, in the agent's language: the fields' problems, else the kind of error. */
export function describeError(error: unknown): string {
  // The app's own errors are worded already; anything else unexpected is said plainly.
  if (!(error instanceof ApiError)) return error instanceof Error && error.message ? error.message : i18n.t("errors.INTERNAL");
  if (error.fields.length > 0) return error.fields.map((f) => `${f.path}: ${fieldMessage(f)}`).join("; ");
  return i18n.t(`errors.${error.code}`);
}

/** Puts the server's field errors beside their inputs; true when there were some (the rest is shown as a message). */
export function showFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  for (const field of error.fields) form.setError(field.path as Path<T>, { message: fieldMessage(field) }); // paths are the body's own field names
  return true;
}

/** Says what went wrong in a red notice, in the agent's language. */
export function showError(error: unknown): void {
  notifications.show({ color: "red", message: describeError(error) });
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
