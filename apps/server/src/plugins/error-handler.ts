import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ErrorCode, FieldError, Problem } from "@atende/shared";
import { AppError } from "../lib/app-error.js";
import { connectionFailure } from "../lib/db-errors.js";

/** The one place that maps an error code to an HTTP status. */
export const STATUS_BY_CODE = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

const TITLES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Not signed in",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  VALIDATION: "Invalid input",
  BAD_REQUEST: "Malformed request",
  CONFLICT: "Conflict",
  RATE_LIMITED: "Too many requests",
  PAYLOAD_TOO_LARGE: "Request too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  UNAVAILABLE: "Temporarily unavailable",
  INTERNAL: "Internal error",
};

export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, errors?: FieldError[]) {
  const status = STATUS_BY_CODE[code];
  const body: Problem = {
    type: `urn:atende:problem:${code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[code],
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
  return reply.code(status).type("application/problem+json").serialize(body);
}

const PREFIX: Record<string, string> = { body: "", querystring: "query.", params: "params.", headers: "headers." };

function fieldErrors(err: FastifyError): FieldError[] {
  const where = PREFIX[err.validationContext ?? "body"] ?? "";
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.slice(1).replaceAll("/", ".");
    return { path: `${where}${path}`.replace(/\.$/, "") || "body", message: v.message ?? "is invalid" };
  });
}

/** Fastify's own errors (body parsing, limits) by code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_JSON_BODY: "BAD_REQUEST",
};

function classify(err: FastifyError): { code: ErrorCode; detail: string; errors?: FieldError[] } {
  if (err instanceof AppError) return { code: err.code, detail: err.message, ...(err.errors ? { errors: err.errors } : {}) };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = fieldErrors(err);
    return { code: "VALIDATION", detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors };
  }
  const known = FASTIFY_CODES[err.code];
  if (known) return { code: known, detail: err.message };
  if (err.statusCode === 429) return { code: "RATE_LIMITED", detail: "Too many attempts; wait a minute and try again." };
  if (connectionFailure(err)) return { code: "UNAVAILABLE", detail: "The database could not be reached just now; try again in a few seconds." };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { code: "BAD_REQUEST", detail: err.message };
  return { code: "INTERNAL", detail: "Something went wrong on our side; it has been logged." };
}

/** Every error leaves as RFC 9457 problem+json; 5xx details stay in the log, never in the response. */
export const errorHandler = fp((app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const problem = classify(err);
    if (problem.code === "INTERNAL") request.log.error({ err }, "request failed");
    if (problem.code === "UNAVAILABLE") request.log.warn({ err }, "request failed on a database connection");
    if (problem.code === "RATE_LIMITED") void reply.header("retry-after", "60");
    if (problem.code === "UNAVAILABLE") void reply.header("retry-after", "5");
    return sendProblem(reply, problem.code, problem.detail, problem.errors);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, "NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0] ?? ""}.`),
  );
});
