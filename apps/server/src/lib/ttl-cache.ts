/** A small in-memory cache whose entries expire after `ttlMs`; the oldest entry goes first when full. */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private clears = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Changes with every `clear`: read it before looking a value up, and give it to `set`. */
  get generation(): number {
    return this.clears;
  }

  /** Keeps `value`, unless the cache was cleared since it was read (`readAt`, a `generation`): then it may be stale. */
  set(key: string, value: V, readAt = this.clears): void {
    if (readAt !== this.clears) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.clears++;
  }
}
