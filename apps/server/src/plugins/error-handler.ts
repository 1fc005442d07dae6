import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { fieldErrorCode, type ErrorCode, type FieldError, type Problem } from "@atende/shared";
import { AppError } from "../lib/app-error.js";
import { databaseFailure, foreignKeyViolation } from "../lib/db-errors.js";

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

export function problemOf(code: ErrorCode, detail: string, errors?: FieldError[], status: number = STATUS_BY_CODE[code]): Problem {
  return {
    type: `urn:atende:problem:${code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[code],
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, errors?: FieldError[]) {
  const body = problemOf(code, detail, errors);
  return reply.code(body.status).type("application/problem+json").serialize(body);
}

/**
 * Errors Fastify meets before any route (a path that is not valid percent-encoding, an id longer
 * than any route takes): problems like every other error, or a page where pages are served
 * (`pageAt`: the help center's, for its addresses).
 */
export function frameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  pageAt: (request: FastifyRequest, reply: FastifyReply, status: number) => FastifyReply | null = () => null,
): void {
  const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
  if (pageAt(request, reply, tooLong ? 414 : 400)) return;
  const body = problemOf("BAD_REQUEST", tooLong ? "path: a part of the path is longer than any id" : "path: is not valid percent-encoding", [{ path: "path", message: tooLong ? "is too long" : "is not a valid URL", code: tooLong ? "too_long" : "format" }], tooLong ? 414 : 400);
  void reply.code(body.status).type("application/problem+json").send(body);
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (a header byte that is not allowed,
 * headers too large, a request too slow): a problem, then the connection closes.
 */
export function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, detail] =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "The request took too long to arrive."]
      : err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "The request's headers are too large."]
        : [400, "The request is not valid HTTP (a header holds a byte it may not, or the request line is malformed)."];
  const body = JSON.stringify(problemOf("BAD_REQUEST", detail, undefined, status));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${String(status)} ${STATUS_TEXT[status] ?? "Bad Request"}\r\nContent-Type: application/problem+json\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };

/** How much of a body too large is read (and dropped) before answering, so the client can read the 413. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 30_000;

/**
 * Reads and drops what is left of a request's body, so that the answer reaches a client still
 * sending (closing with unread data resets the connection, and the client sees no 413). Past a
 * bound the connection is closed after the answer instead.
 */
function drain(request: FastifyRequest): Promise<boolean> {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    let read = 0;
    const finish = (drained: boolean) => {
      clearTimeout(timer);
      raw.off("data", count);
      raw.off("end", ended);
      raw.off("error", failed);
      resolve(drained);
    };
    const count = (chunk: Buffer) => {
      read += chunk.length;
      if (read > DRAIN_MAX_BYTES) finish(false);
    };
    const ended = () => {
      finish(true);
    };
    const failed = () => {
      finish(false);
    };
    const timer = setTimeout(failed, DRAIN_MAX_MS);
    raw.on("data", count);
    raw.once("end", ended);
    raw.once("error", failed);
    raw.resume();
  });
}

const PREFIX: Record<string, string> = { body: "", querystring: "query.", params: "params.", headers: "headers." };

function fieldErrors(err: FastifyError): FieldError[] {
  const where = PREFIX[err.validationContext ?? "body"] ?? "";
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.slice(1).replaceAll("/", ".");
    return { path: `${where}${path}`.replace(/\.$/, "") || "body", message: v.message ?? "is invalid", ...fieldErrorCode({ ...v.params, code: v.keyword, message: v.message ?? "" }) };
  });
}

/** Fastify's own errors (body parsing, limits) by code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_JSON_BODY: "BAD_REQUEST",
};

/** A column's name as the API spells its field: `team_id` is `teamId`. */
const fieldName = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A write that met a row deleted at the same moment (checked, then gone before the write): the
 * field that named it, as if it had never been there (422); a delete of a row still referred to, 409.
 */
function referenceError(err: unknown): AppError | null {
  const fk = foreignKeyViolation(err);
  if (!fk) return null;
  if (!fk.missing) return new AppError("CONFLICT", `Other records (${fk.table}) still refer to this one; try again.`);
  return AppError.invalidField(fieldName(fk.column), `no ${fk.table.replaceAll("_", " ")} with this id (it was just deleted)`, "not_found");
}

function classify(thrown: FastifyError): { code: ErrorCode; detail: string; errors?: FieldError[] } {
  const err = referenceError(thrown) ?? thrown;
  if (err instanceof AppError) return { code: err.code, detail: err.message, ...(err.errors ? { errors: err.errors } : {}) };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = fieldErrors(err);
    return { code: "VALIDATION", detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors };
  }
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    // A route that takes a body takes JSON (uploads take the file itself, with its own type).
    return {
      code: "UNSUPPORTED_MEDIA_TYPE",
      detail: "headers.content-type: send the body as JSON (Content-Type: application/json)",
      errors: [{ path: "headers.content-type", message: "must be application/json for this route", code: "format" }],
    };
  }
  const known = FASTIFY_CODES[err.code];
  if (known) return { code: known, detail: err.message };
  if (err.statusCode === 429) return { code: "RATE_LIMITED", detail: "Too many attempts; wait a minute and try again." };
  // A client's own fault first: one that hangs up mid-body is ECONNRESET too, but no database's.
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { code: "BAD_REQUEST", detail: err.message };
  if (databaseFailure(err)) return { code: "UNAVAILABLE", detail: "The database cannot take this just now; try again in a few seconds." };
  return { code: "INTERNAL", detail: "Something went wrong on our side; it has been logged." };
}

/** Every error leaves as RFC 9457 problem+json; 5xx details stay in the log, never in the response. */
export const errorHandler = fp((app: FastifyInstance) => {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const problem = classify(err);
    if (problem.code === "PAYLOAD_TOO_LARGE" && !(await drain(request))) void reply.header("connection", "close");
    if (problem.code === "INTERNAL") request.log.error({ err }, "request failed");
    if (problem.code === "UNAVAILABLE") request.log.warn({ err }, "request could not be served just now");
    if (problem.code === "RATE_LIMITED") void reply.header("retry-after", "60");
    if (problem.code === "UNAVAILABLE") void reply.header("retry-after", "5");
    return sendProblem(reply, problem.code, problem.detail, problem.errors);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, "NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0] ?? ""}.`),
  );
});
