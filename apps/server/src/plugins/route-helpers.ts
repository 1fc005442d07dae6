import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { Id, Problem } from "@atende/shared";
import type { Ctx } from "../modules/context.js";
import { actorOf } from "./auth.js";
import { idempotent } from "./idempotency.js";

/** Runs a service call as the signed-in agent: a write in one transaction, a read (GET) without one. */
export function withCtx<T>(request: FastifyRequest, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { runtime } = request.server;
  return request.method === "GET" || request.method === "HEAD"
    ? runtime.read(actorOf(request), work)
    : runtime.transact(actorOf(request), work);
}

/**
 * A create honouring `Idempotency-Key`: replies 201 (or the first outcome, on a retry). A create
 * that writes with one statement (`oneStatement`) runs without a transaction when no key is given.
 */
export async function createIdempotently<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  create: (ctx: Ctx) => Promise<T>,
  opts: { oneStatement?: boolean } = {},
): Promise<T> {
  const { runtime } = request.server;
  if (opts.oneStatement && request.headers["idempotency-key"] === undefined) {
    const body = await runtime.inOneStatement(actorOf(request), create);
    void reply.code(201);
    return body;
  }
  const outcome = await runtime.transact(actorOf(request), (ctx) => idempotent(ctx, request, 201, () => create(ctx)));
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
