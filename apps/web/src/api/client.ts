import { Problem, type FieldError } from "@atende/shared";
import type { z } from "zod";
import { takeEarly } from "./early.js";

/** An error the server explained (problem+json): clients branch on `code`, show `detail`, and put `fields` beside their inputs. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: Problem["code"] | "NETWORK",
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken = "";
/** The session's CSRF token, sent with every change (the server refuses changes without it). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type Options = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Sent as JSON; a File or Blob is sent as it is, with its own type (uploads). */
  body?: unknown;
  signal?: AbortSignal;
  /** Headers of the call's own, such as the language of the page asking (Accept-Language). */
  headers?: Record<string, string>;
};

/** Calls the API and parses the answer with its shared schema: what the app holds always matches the types. */
export async function api<S extends z.ZodType>(schema: S, path: string, { method = "GET", body, signal, headers = {} }: Options = {}): Promise<z.infer<S>> {
  let res: Response;
  try {
    const raw = body instanceof Blob;
    const early = method === "GET" ? takeEarly(path) : undefined;
    res = await (early ?? fetch(`/api/v1${path}`, {
      method,
      credentials: "same-origin",
      headers: {
        ...(body === undefined ? {} : { "content-type": raw ? body.type || "application/octet-stream" : "application/json" }),
        ...(method === "GET" ? {} : { "x-csrf-token": csrfToken }),
        ...headers,
      },
      body: body === undefined ? null : raw ? body : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    }));
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, "NETWORK", "The server cannot be reached.");
  }
  if (res.status === 204) return schema.parse(null);
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const problem = Problem.safeParse(json);
    if (problem.success) throw new ApiError(res.status, problem.data.code, problem.data.detail, problem.data.errors);
    throw new ApiError(res.status, "INTERNAL", `HTTP ${String(res.status)}`);
  }
  return schema.parse(json);
}
