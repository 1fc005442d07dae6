import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../lib/app-error.js";
import type { Actor, Runtime } from "../modules/context.js";
import { authenticateApiToken, authenticateSession, type Authenticated } from "../modules/auth/service.js";

export const SESSION_COOKIE = "atende_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyInstance {
    runtime: Runtime;
  }
  interface FastifyRequest {
    auth: (Authenticated & { via: "session" | "token" }) | null;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

/** Who is asking: the session cookie or the Bearer token, or nobody. */
async function identify(app: FastifyInstance, request: FastifyRequest): Promise<FastifyRequest["auth"]> {
  const token = bearer(request);
  if (token) {
    const found = await authenticateApiToken(app.runtime.db, token);
    return found ? { ...found, via: "token" } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const found = await authenticateSession(app.runtime.db, cookie);
  return found ? { ...found, via: "session" } : null;
}

/**
 * Requires a signed-in agent on every route of the context it is added to; cookie-authenticated
 * writes must also carry the session's CSRF token in `X-CSRF-Token`.
 */
export function requireAgent(app: FastifyInstance) {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request: FastifyRequest) => {
    const auth = await identify(app, request);
    if (!auth) throw new AppError("UNAUTHENTICATED", "Sign in, or send an API token as `Authorization: Bearer`.");
    if (auth.via === "session" && !SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== auth.csrfToken) {
      throw AppError.forbidden("Missing or wrong X-CSRF-Token header; take it from the sign-in response or GET /me.");
    }
    request.auth = auth;
  });
}

/** The signed-in agent of a request that passed {@link requireAgent}. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return request.auth.actor;
}
