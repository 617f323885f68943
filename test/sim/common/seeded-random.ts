// Deterministic pseudo-random numbers for simulator data (never for secrets).

export interface SeededRandom {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [minInclusive, maxExclusive) */
  int(minInclusive: number, maxExclusive: number): number;
  /** float in [min, max) */
  between(min: number, max: number): number;
  hex(length: number): string;
  /** RFC 4122 version-4 shaped UUID built from this stream */
  uuid(): string;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast, good enough for fixtures */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (minInclusive: number, maxExclusive: number): number =>
    minInclusive + Math.floor(next() * (maxExclusive - minInclusive));
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length) out += Math.floor(next() * 16).toString(16);
    return out;
  };
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    hex,
    uuid: () => {
      const h = hex(32);
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length)] as T;
    },
  };
}

/** Stateless hash of two integers to [0, 1): per-worker values that change per time bucket. */
export function unitHash(a: number, b: number): number {
  let h = Math.imul((a ^ 0x9e3779b9) | 0, 0x85ebca6b) ^ Math.imul((b + 0x7f4a7c15) | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** FNV-1a of a string, as an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
