import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { Id, Problem } from "@atende/shared";
import type { Ctx } from "../modules/context.js";
import { actorOf } from "./auth.js";
import { idempotent } from "./idempotency.js";

/** Runs a service call in one transaction as the signed-in agent. */
export function inTx<T>(request: FastifyRequest, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  return request.server.runtime.transact(actorOf(request), work);
}

/** A create honouring `Idempotency-Key`: replies 201 (or the first outcome, on a retry). */
export async function createIdempotently<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  create: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const outcome = await inTx(request, (ctx) => idempotent(ctx, request, 201, () => create(ctx)));
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
