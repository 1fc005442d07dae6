import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache.js";

describe("TtlCache", () => {
  it("does not keep a value read before the cache was cleared (a credential revoked while it was looked up)", () => {
    const cache = new TtlCache<string>(60_000, 10);
    const readAt = cache.generation;
    cache.clear(); // the revocation, committed while the lookup ran
    cache.set("key", "stale", readAt);
    expect(cache.get("key")).toBeUndefined();
    cache.set("key", "fresh", cache.generation);
    expect(cache.get("key")).toBe("fresh");
  });
});
