import type { DomainEvent } from "@atende/shared";
import type { EventBus } from "../../events/bus.js";
import { TtlCache } from "../../lib/ttl-cache.js";

/** Whether an event changes what a workspace's help center or search shows. */
const changesPublicText = (event: DomainEvent) => event.type.startsWith("article") || event.type === "workspace.updated";

/**
 * What the public side keeps in memory (rendered pages, search answers) and when it goes stale: a
 * generation per workspace, moved by its article, category and workspace events as the bus brings
 * them (from any node), so a change shows at once everywhere. Entries also expire on their own,
 * for what no event announces (a new chat inbox, an e-mail address).
 */
export function createFreshness(bus: EventBus) {
  const generations = new Map<string, number>();
  const listeners: ((workspaceId: string) => void)[] = [];
  const stop = bus.subscribe((event) => {
    if (!changesPublicText(event)) return;
    generations.set(event.workspaceId, (generations.get(event.workspaceId) ?? 0) + 1);
    for (const listener of listeners) listener(event.workspaceId);
  });
  return {
    /** A cache key that changes when the workspace's public text does. */
    key: (workspaceId: string, parts: string) => `${workspaceId}:${String(generations.get(workspaceId) ?? 0)}:${parts}`,
    onChange(listener: (workspaceId: string) => void): void {
      listeners.push(listener);
    },
    stop,
  };
}
export type Freshness = ReturnType<typeof createFreshness>;

/** Answers kept per workspace generation (search results: the same question is asked again and again). */
export function createMemo<T>(freshness: Freshness, ttlMs: number, entries: number) {
  const cache = new TtlCache<T>(ttlMs, entries);
  return async (workspaceId: string, parts: string, compute: () => Promise<T>): Promise<T> => {
    const key = freshness.key(workspaceId, parts);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const value = await compute();
    cache.set(key, value);
    return value;
  };
}
