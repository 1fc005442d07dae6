import type { ErrorCode, FieldError } from "@atende/shared";

/** The one error class: a stable code, a message for people, and field errors for forms. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = "AppError";
  }

  static notFound(what: string): AppError {
    return new AppError("NOT_FOUND", `${what} was not found.`);
  }

  static forbidden(message = "Your role does not allow this."): AppError {
    return new AppError("FORBIDDEN", message);
  }

  /** A request that is well-formed but names something that cannot be used, such as an unknown agent. */
  /** A field refused: `code` names the reason for clients that translate it (see FieldError). */
  static invalidField(path: string, message: string, code = "invalid"): AppError {
    return new AppError("VALIDATION", `${path}: ${message}`, [{ path, message, code }]);
  }
}
