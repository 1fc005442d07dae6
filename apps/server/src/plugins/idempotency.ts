import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { idempotencyKeys } from "../db/schema/index.js";
import { AppError } from "../lib/app-error.js";
import type { Ctx } from "../modules/context.js";

export type Outcome<T> = { status: number; body: T; replayed: boolean };

function keyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers["idempotency-key"];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw AppError.invalidField("headers.idempotency-key", "must be 1 to 255 visible ASCII characters");
  }
  return key;
}

function fingerprint(request: FastifyRequest): string {
  const route = `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)}`;
  return createHash("sha256").update(route).update(JSON.stringify(request.body ?? null)).digest("hex");
}

/**
 * Runs a create at most once per `Idempotency-Key`, inside the caller's transaction: a retry gets the
 * first outcome back; the same key with a different request is a CONFLICT. Two concurrent requests
 * with one key wait on the key's row, so only one of them creates.
 */
export async function idempotent<T>(
  ctx: Ctx,
  request: FastifyRequest,
  status: number,
  create: () => Promise<T>,
): Promise<Outcome<T>> {
  const key = keyOf(request);
  if (key === undefined) return { status, body: await create(), replayed: false };
  const print = fingerprint(request);
  const ws = ctx.actor.workspaceId;
  const claimed = await ctx.tx
    .insert(idempotencyKeys)
    .values({ workspaceId: ws, key, fingerprint: print, statusCode: 0, response: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [previous] = await ctx.tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, ws), eq(idempotencyKeys.key, key)));
    if (!previous) throw new AppError("CONFLICT", "This Idempotency-Key is in use by a request still running; retry.");
    if (previous.fingerprint !== print) {
      throw new AppError("CONFLICT", "This Idempotency-Key was already used for a different request.", [
        { path: "headers.idempotency-key", message: "was used for a different request" },
      ]);
    }
    return { status: previous.statusCode, body: previous.response as T, replayed: true }; // stored by us from T below
  }
  const body = await create();
  await ctx.tx
    .update(idempotencyKeys)
    .set({ statusCode: status, response: body })
    .where(and(eq(idempotencyKeys.workspaceId, ws), eq(idempotencyKeys.key, key)));
  return { status, body, replayed: false };
}
