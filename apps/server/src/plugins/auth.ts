import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../lib/app-error.js";
import { digest } from "../lib/secret-token.js";
import type { TtlCache } from "../lib/ttl-cache.js";
import type { Actor, Runtime } from "../core/context.js";
import { authenticateApiToken, authenticateSession, type Authenticated } from "../modules/auth/service.js";

export const SESSION_COOKIE = "atende_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Identity = Authenticated & { via: "session" | "token" };

declare module "fastify" {
  interface FastifyInstance {
    runtime: Runtime;
    /** Who a credential belongs to, for a few seconds; cleared when credentials or agents change. */
    authCache: TtlCache<Identity>;
  }
  interface FastifyRequest {
    auth: Identity | null;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

/** How long a resolved credential is trusted before it is looked up again (revocation is immediate on this node). */
export const AUTH_CACHE_TTL_MS = 5000;

/** Who is asking: the session cookie or the Bearer token, or nobody. */
export async function identify(app: FastifyInstance, request: FastifyRequest): Promise<Identity | null> {
  const token = bearer(request);
  const cookie = token ? undefined : request.cookies[SESSION_COOKIE];
  const secret = token ?? cookie;
  if (!secret) return null;
  const key = digest(secret);
  const cached = app.authCache.get(key);
  if (cached) return cached;
  // A revocation committed while this looked the credential up clears the cache after: what this read is not kept.
  const readAt = app.authCache.generation;
  const found = token
    ? await authenticateApiToken(app.runtime.db, token)
    : await authenticateSession(app.runtime.db, secret);
  if (!found) return null;
  const identity: Identity = { ...found, via: token ? "token" : "session" };
  app.authCache.set(key, identity, readAt);
  return identity;
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
