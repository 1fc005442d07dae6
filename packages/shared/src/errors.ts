import { z } from "zod";

/** Stable error codes: add new ones, never rename. Clients branch on these, never on messages. */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "VALIDATION",
  "BAD_REQUEST",
  "CONFLICT",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  /** A service Atende depends on (the mail server, the database) failed for now: try again later. */
  "UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What is wrong with one field: `message` in English for integrations, `code` (and `params`, such
 * as `maximum`) for clients that say it in their user's language. Codes are stable, like ERROR_CODES.
 */
export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, the body of every error response. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(ERROR_CODES),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The messages the shared schemas give of their own, by the code clients translate them by. */
const RULES = new Map<string, string>();

/** A schema's own message, known by a stable code (FieldError.code): `.regex(re, rule("colour", "must be a colour such as #1f6feb"))`. */
export function rule(code: string, message: string): string {
  RULES.set(message, code);
  return message;
}

/**
 * A zod issue as a FieldError's code and parameters, which clients word in their user's language:
 * the server's answers and the web app's own form checks say the same thing the same way.
 */
export function fieldErrorCode(issue: { code: string; message: string } & Record<string, unknown>): Pick<FieldError, "code" | "params"> {
  const { code: keyword, message } = issue;
  const ruled = RULES.get(message);
  if (ruled) return { code: ruled };
  const origin = typeof issue.origin === "string" ? issue.origin : "";
  const limit = (key: string) => (typeof issue[key] === "number" || typeof issue[key] === "bigint" ? Number(issue[key]) : undefined);
  switch (keyword) {
    case "too_small": {
      const minimum = limit("minimum") ?? 0;
      if (origin === "string") return minimum <= 1 ? { code: "required" } : { code: "too_short", params: { minimum } };
      return { code: origin === "array" || origin === "set" ? "too_few" : "too_small", params: { minimum } };
    }
    case "too_big": {
      const maximum = limit("maximum") ?? 0;
      return { code: origin === "string" ? "too_long" : origin === "array" || origin === "set" ? "too_many" : "too_big", params: { maximum } };
    }
    case "invalid_format":
      return { code: "format", params: { format: typeof issue.format === "string" ? issue.format : "" } };
    case "invalid_type":
      // zod leaves the input out of its issues; its message says when there was none.
      return message.endsWith("received undefined") ? { code: "required" } : { code: "type", params: { expected: typeof issue.expected === "string" ? issue.expected : "" } };
    case "invalid_value":
      return { code: "choice", params: { values: Array.isArray(issue.values) ? issue.values.map(String).join(", ") : "" } };
    case "unrecognized_keys":
      return { code: "unknown_field" };
    default:
      return { code: "invalid" };
  }
}
