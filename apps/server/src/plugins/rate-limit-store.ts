import { createRequire } from "node:module";
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Redis } from "ioredis";

type Done = Parameters<FastifyRateLimitStore["incr"]>[1];
type RouteParams = Parameters<FastifyRateLimitStore["child"]>[0];
type StoreClass<A extends unknown[]> = new (...args: A) => FastifyRateLimitStore;
/** What the plugin gives a store: its options, with the two its own stores read. */
type Params = FastifyRateLimitOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean };

// The plugin's own stores, which it does not export by name: Redis, and in-process.
const require = createRequire(import.meta.url);
const RedisStore = require("@fastify/rate-limit/store/RedisStore.js") as StoreClass<[boolean, boolean, Redis, string]>; // its CommonJS export
const LocalStore = require("@fastify/rate-limit/store/LocalStore.js") as StoreClass<[boolean, boolean]>; // its CommonJS export

/**
 * A rate-limit store that counts in Redis (shared by every node) and, while Redis is away, in this
 * process, so that a Redis outage never turns sign-in or the widget into errors; it says so once
 * per outage.
 */
export function resilientRateLimitStore(redis: Redis, nameSpace: string, onFallback: () => void): FastifyRateLimitStoreCtor {
  let away = false;
  const noteAway = () => {
    if (!away) onFallback();
    away = true;
  };
  redis.on("ready", () => {
    away = false;
  });
  class ResilientStore implements FastifyRateLimitStore {
    private readonly shared: FastifyRateLimitStore;
    private readonly local: FastifyRateLimitStore;
    constructor(params: Params, children?: { shared: FastifyRateLimitStore; local: FastifyRateLimitStore }) {
      const [continueExceeding, exponentialBackoff] = [params.continueExceeding ?? false, params.exponentialBackoff ?? false];
      this.shared = children?.shared ?? new RedisStore(continueExceeding, exponentialBackoff, redis, nameSpace);
      this.local = children?.local ?? new LocalStore(continueExceeding, exponentialBackoff);
    }
    incr(key: string, done: Done, timeWindow: number, max: number): void {
      if (redis.status !== "ready") {
        noteAway();
        this.local.incr(key, done, timeWindow, max);
        return;
      }
      this.shared.incr(
        key,
        (err, result) => {
          if (!err) {
            done(null, result);
            return;
          }
          noteAway();
          this.local.incr(key, done, timeWindow, max);
        },
        timeWindow,
        max,
      );
    }
    child(routeOptions: RouteParams): FastifyRateLimitStore {
      return new ResilientStore({}, { shared: this.shared.child(routeOptions), local: this.local.child(routeOptions) });
    }
  }
  return ResilientStore;
}
