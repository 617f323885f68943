/** Remembers slow-changing answers per key for a while; one cache per adapter instance, i.e. per account. */
export class TtlCache<T> {
  private readonly entries = new Map<string, { atMs: number; value: T }>();

  constructor(private readonly ttlMs: number) {}

  /** The cached value while fresh; a clock that went backwards counts as stale. */
  get(key: string, nowMs: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs < entry.atMs || nowMs - entry.atMs >= this.ttlMs) return undefined;
    return entry.value;
  }

  set(key: string, value: T, nowMs: number): void {
    this.entries.set(key, { atMs: nowMs, value });
  }

  /** Values stored within maxAgeMs, fresh or not, for data worth showing a while longer (worker charts). */
  recent(nowMs: number, maxAgeMs: number): T[] {
    const kept: T[] = [];
    for (const [key, entry] of this.entries) {
      if (nowMs < entry.atMs || nowMs - entry.atMs > maxAgeMs) this.entries.delete(key);
      else kept.push(entry.value);
    }
    return kept;
  }

  /** Returns the cached value, or loads, stores and returns a new one; a failed load stores nothing. */
  async getOrLoad(key: string, nowMs: number, load: () => Promise<T | null>): Promise<T | null> {
    const cached = this.get(key, nowMs);
    if (cached !== undefined) return cached;
    const value = await load();
    if (value !== null) this.set(key, value, nowMs);
    return value;
  }
}
