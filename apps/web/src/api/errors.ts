import { notifications } from "@mantine/notifications";
import type { FieldError } from "@atende/shared";
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

/** Says what went wrong in a red notice, in the agent's language. */
export function showError(error: unknown): void {
  notifications.show({ color: "red", message: describeError(error) });
}
