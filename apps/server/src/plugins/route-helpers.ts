import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { Id, Problem, type AgentRole } from "@atende/shared";
import type { Ctx } from "../core/context.js";
import { requireRole } from "../modules/policy.js";
import { actorOf } from "./auth.js";
import { idempotent } from "./idempotency.js";
import { AppError } from "../lib/app-error.js";

/** Runs a service call as the signed-in agent: a write in one transaction, a read (GET) without one. */
export function withCtx<T>(request: FastifyRequest, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { runtime } = request.server;
  return request.method === "GET" || request.method === "HEAD"
    ? runtime.read(actorOf(request), work)
    : runtime.transact(actorOf(request), work);
}

/**
 * Refuses (403) what only a person signed in may do, never an API token: changing the password, or
 * making a token. A leaked token would otherwise guess the password, or leave copies of itself that
 * its revocation does not end.
 */
export function requireSession(request: FastifyRequest, what: string): void {
  if (request.auth?.credential.kind !== "session") throw AppError.forbidden(`${what} needs a signed-in session, not an API token.`);
}

type CreateOptions<T> = {
  /** A create that writes with one statement runs without a transaction when no key is given. */
  oneStatement?: boolean;
  /** The roles that may create; checked before anything, a replay included. */
  roles?: readonly AgentRole[];
  /** What a replay returns instead of the first response: a secret in it is shown once. */
  redact?: (body: T) => T;
};

/**
 * A create honouring `Idempotency-Key`: replies 201 (or, to the same credential retrying, the first
 * outcome without its secrets). Who may create is checked first, so a replay never answers someone
 * the create would refuse.
 */
export async function createIdempotently<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  create: (ctx: Ctx) => Promise<T>,
  opts: CreateOptions<T> = {},
): Promise<T> {
  const { runtime } = request.server;
  const actor = actorOf(request);
  if (opts.roles) requireRole(actor, opts.roles);
  if (opts.oneStatement && request.headers["idempotency-key"] === undefined) {
    const body = await runtime.inOneStatement(actor, create);
    void reply.code(201);
    return body;
  }
  const keyed = request.headers["idempotency-key"] !== undefined;
  const outcome = await runtime.transact(actor, (ctx) => idempotent(ctx, request, 201, () => create(ctx), opts.redact), { repeatable: keyed });
  if (outcome.replayed) void reply.header("idempotent-replayed", "true");
  void reply.code(outcome.status);
  return outcome.body;
}

export const IdParams = z.object({ id: Id });

/** The problem responses every authenticated route may give, for the OpenAPI document. */
export const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
} as const;
