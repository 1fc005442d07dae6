import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { idempotencyKeys } from "../db/schema/index.js";
import type { Executor } from "../db/client.js";
import { AppError } from "../lib/app-error.js";
import type { Ctx } from "../core/context.js";

export type Outcome<T> = { status: number; body: T; replayed: boolean };

/** How long a key is remembered: a retry comes within minutes; a day covers a client that was offline. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

function keyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers["idempotency-key"];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw AppError.invalidField("headers.idempotency-key", "must be 1 to 255 visible ASCII characters");
  }
  return key;
}

/**
 * Whose key it is: every session of one agent shares its keys (a retry may come from another tab),
 * an API token has its own. Another credential's key is simply not seen.
 */
function scopeOf(request: FastifyRequest): string {
  const auth = request.auth;
  if (!auth) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return auth.credential.kind === "token" ? `token:${auth.credential.id}` : `agent:${auth.actor.id ?? ""}`;
}

function fingerprint(request: FastifyRequest): string {
  const route = `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)}`;
  return createHash("sha256").update(route).update(JSON.stringify(request.body ?? null)).digest("hex");
}

/**
 * Runs a create at most once per `Idempotency-Key` and credential, inside the caller's transaction:
 * a retry by the same credential within a day gets the first outcome back, with `redact` applied
 * (a secret is returned once, never replayed); the same key with a different request is a CONFLICT.
 * Two concurrent requests with one key wait on the key's row, so only one of them creates. The
 * caller checks permissions before this runs, so a replay is never an answer the caller may not get.
 */
export async function idempotent<T>(
  ctx: Ctx,
  request: FastifyRequest,
  status: number,
  create: () => Promise<T>,
  redact: (body: T) => T = (body) => body,
): Promise<Outcome<T>> {
  const key = keyOf(request);
  if (key === undefined) return { status, body: await create(), replayed: false };
  const print = fingerprint(request);
  const which = and(
    eq(idempotencyKeys.workspaceId, ctx.actor.workspaceId),
    eq(idempotencyKeys.credential, scopeOf(request)),
    eq(idempotencyKeys.key, key),
  );
  const claimed = await ctx.tx
    .insert(idempotencyKeys)
    .values({ workspaceId: ctx.actor.workspaceId, credential: scopeOf(request), key, fingerprint: print, statusCode: 0, response: {} })
    .onConflictDoUpdate({
      target: [idempotencyKeys.workspaceId, idempotencyKeys.credential, idempotencyKeys.key],
      // A key past its day is free again.
      set: { fingerprint: print, statusCode: 0, response: {}, createdAt: sql`now()` },
      setWhere: lt(idempotencyKeys.createdAt, sql`now() - ${`${String(IDEMPOTENCY_TTL_MS)} milliseconds`}::interval`),
    })
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [previous] = await ctx.tx.select().from(idempotencyKeys).where(which);
    if (!previous || previous.statusCode === 0) {
      throw new AppError("CONFLICT", "This Idempotency-Key is in use by a request still running; retry.");
    }
    if (previous.fingerprint !== print) {
      throw new AppError("CONFLICT", "This Idempotency-Key was already used for a different request.", [
        { path: "headers.idempotency-key", message: "was used for a different request", code: "taken" },
      ]);
    }
    return { status: previous.statusCode, body: previous.response as T, replayed: true }; // stored by us from T below
  }
  const body = await create();
  await ctx.tx.update(idempotencyKeys).set({ statusCode: status, response: redact(body) }).where(which);
  return { status, body, replayed: false };
}

/** Forgets keys past their day (the retention sweep); returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Executor): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
