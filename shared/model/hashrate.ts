/** Hashrate in hashes per second. Every hashrate inside PoolWatch is H/s; units are applied only for display. */
export type HashrateHps = number;

/** Averages over the usual windows; null where the pool does not report that window. */
export interface HashrateWindows {
  h10m: HashrateHps | null;
  h1h: HashrateHps | null;
  h24h: HashrateHps | null;
}

export const NO_HASHRATE: HashrateWindows = { h10m: null, h1h: null, h24h: null };

/** Adds windows field by field; a window stays null only when every input lacks it. */
export function sumHashrates(items: readonly HashrateWindows[]): HashrateWindows {
  const add = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);
  return items.reduce<HashrateWindows>(
    (total, h) => ({ h10m: add(total.h10m, h.h10m), h1h: add(total.h1h, h.h1h), h24h: add(total.h24h, h.h24h) }),
    NO_HASHRATE,
  );
}
