import { workerKey, type Worker } from '../../shared/model';

/** Slots per chunk: a part of a poll (5,000 workers, in list order) rewrites two or three chunks, not the list. */
export const SLOTS_PER_CHUNK = 4096;

type Chunk = readonly (Worker | undefined)[];

/** What the versions of one list share: where each key lives. Only ever appended to. */
interface SharedSlots {
  slotOf: Map<string, number>;
  keyAt: string[];
  /** The newest version's chunks: only it may be extended, so two versions never give one slot two keys. */
  head: readonly Chunk[];
}

/** The workers of a map in its order, as an array (a copy, made once per version). */
export function workersIn(map: ReadonlyMap<string, Worker>): readonly Worker[] {
  return map instanceof WorkerMap ? map.list() : [...map.values()];
}

/**
 * One version of an account's workers, keyed by workerKey, in the order of a Map (first insertion first).
 * A poll of 100,000 workers arrives in parts of 5,000: copying a 100,000-entry Map per part cost the page 20-50 ms
 * each time, and every large copy is garbage that only a full collection frees. A new version here copies the
 * chunks of slots it changes (a part: two or three of 4,096 slots) and shares the rest and the key index with the
 * older versions, which stay exactly as they were: a key added later lies beyond their slots, a removal empties
 * a slot in the new version's copy of its chunk only. Views compare chunks by identity to find what changed.
 */
export class WorkerMap implements ReadonlyMap<string, Worker> {
  private constructor(
    private readonly shared: SharedSlots,
    /** Slots in order, SLOTS_PER_CHUNK each (the last may be shorter); an empty slot held a removed worker. */
    readonly chunks: readonly Chunk[],
    /** How many slots, empty ones included. */
    readonly slotCount: number,
    readonly size: number,
  ) {}

  static from(workers: Iterable<Worker>): WorkerMap {
    const shared: SharedSlots = { slotOf: new Map(), keyAt: [], head: [] };
    const slots: Worker[] = [];
    for (const worker of workers) {
      const key = workerKey(worker);
      const slot = shared.slotOf.get(key);
      if (slot !== undefined) {
        slots[slot] = worker;
        continue;
      }
      shared.slotOf.set(key, slots.length);
      shared.keyAt.push(key);
      slots.push(worker);
    }
    const chunks: Chunk[] = [];
    for (let start = 0; start < slots.length; start += SLOTS_PER_CHUNK) chunks.push(slots.slice(start, start + SLOTS_PER_CHUNK));
    shared.head = chunks;
    return new WorkerMap(shared, chunks, slots.length, slots.length);
  }

  /** Whether `other` numbers its slots as this one does (the same list, changed by deltas), so chunks line up. */
  sharesSlotsWith(other: WorkerMap): boolean {
    return other.shared === this.shared;
  }

  /** A new version with the workers upserted, then the named ones removed; this one does not change. */
  with(upserted: readonly Worker[], removed: readonly Pick<Worker, 'group' | 'name'>[]): WorkerMap {
    if (this.shared.head !== this.chunks) return this.rebuiltWith(upserted, removed);
    const { slotOf, keyAt } = this.shared;
    // Each key is looked up once (hashing 5,000 fresh key strings is most of what a part costs here).
    const keys = upserted.map(workerKey);
    const slots = keys.map((key) => slotOf.get(key));
    // Back after a removal: a Map would list it last, so rebuild (rare) rather than reuse its old place.
    if (slots.some((slot) => this.isEmptySlot(slot))) return this.rebuiltWith(upserted, removed);
    const chunks = this.chunks.slice() as (Worker | undefined)[][];
    const copied = new Set<number>();
    const writable = (index: number): (Worker | undefined)[] => {
      if (!copied.has(index)) {
        chunks[index] = index < chunks.length ? chunks[index]!.slice() : [];
        copied.add(index);
      }
      return chunks[index]!;
    };
    let slotCount = this.slotCount;
    let size = this.size;
    upserted.forEach((worker, index) => {
      let slot = slots[index];
      if (slot === undefined) {
        // New, or twice in this delta: the second finds the slot the first took.
        const key = keys[index]!;
        slot = slotOf.get(key);
        if (slot === undefined) {
          slot = slotCount;
          slotOf.set(key, slot);
          keyAt.push(key);
          slotCount += 1;
          size += 1;
        }
      }
      writable(Math.floor(slot / SLOTS_PER_CHUNK))[slot % SLOTS_PER_CHUNK] = worker;
    });
    for (const gone of removed) {
      const slot = slotOf.get(workerKey(gone));
      if (slot === undefined || this.slotAt(chunks, slot) === undefined) continue;
      writable(Math.floor(slot / SLOTS_PER_CHUNK))[slot % SLOTS_PER_CHUNK] = undefined;
      size -= 1;
    }
    // Mostly empty slots (many workers gone): start afresh so iterating stays proportional to the workers.
    if (slotCount > 1024 && size < slotCount / 2) return WorkerMap.from(new WorkerMap(this.shared, chunks, slotCount, size).values());
    this.shared.head = chunks;
    return new WorkerMap(this.shared, chunks, slotCount, size);
  }

  private slotAt(chunks: readonly Chunk[], slot: number): Worker | undefined {
    return chunks[Math.floor(slot / SLOTS_PER_CHUNK)]?.[slot % SLOTS_PER_CHUNK];
  }

  private isEmptySlot(slot: number | undefined): boolean {
    return slot !== undefined && this.slotAt(this.chunks, slot) === undefined;
  }

  private rebuiltWith(upserted: readonly Worker[], removed: readonly Pick<Worker, 'group' | 'name'>[]): WorkerMap {
    const map = new Map<string, Worker>(this.entries());
    for (const worker of upserted) map.set(workerKey(worker), worker);
    for (const gone of removed) map.delete(workerKey(gone));
    return WorkerMap.from(map.values());
  }

  /** The key of a slot (also of an empty one). */
  keyAt(slot: number): string {
    return this.shared.keyAt[slot]!;
  }

  get(key: string): Worker | undefined {
    const slot = this.shared.slotOf.get(key);
    return slot === undefined || slot >= this.slotCount ? undefined : this.slotAt(this.chunks, slot);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The workers in order, as an array: made once per version, for whoever needs them all at once. */
  list(): readonly Worker[] {
    this.listed ??= [...this.values()];
    return this.listed;
  }

  private listed: Worker[] | undefined;

  forEach(callback: (value: Worker, key: string, map: ReadonlyMap<string, Worker>) => void, thisArg?: unknown): void {
    for (const [key, worker] of this.entries()) callback.call(thisArg, worker, key, this);
  }

  *entries(): MapIterator<[string, Worker]> {
    let slot = 0;
    for (const chunk of this.chunks) {
      for (const worker of chunk) {
        if (worker !== undefined) yield [this.shared.keyAt[slot]!, worker];
        slot += 1;
      }
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<Worker> {
    for (const chunk of this.chunks) for (const worker of chunk) if (worker !== undefined) yield worker;
  }

  [Symbol.iterator](): MapIterator<[string, Worker]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'WorkerMap';
  }
}
