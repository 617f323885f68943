import { workerKey, type Worker } from '../../shared/model';

/** What the versions of one list share: where each key lives. Only ever appended to. */
interface SharedSlots {
  slotOf: Map<string, number>;
  keyAt: string[];
  /** The newest version's slots: only it may be extended, so two versions never give one slot two keys. */
  head: readonly (Worker | undefined)[];
}

/** The workers of a map in its order: without iterating when it is a WorkerMap. */
export function workersIn(map: ReadonlyMap<string, Worker>): readonly Worker[] {
  return map instanceof WorkerMap ? map.list() : [...map.values()];
}

/**
 * One version of an account's workers, keyed by workerKey, in the order of a Map (first insertion first).
 * A poll of 100,000 workers arrives in parts of 5,000: copying a 100,000-entry Map per part cost the page 20-50 ms
 * each time. A new version here copies an array of slots (under a millisecond) and shares the key index with
 * the older versions, which stay exactly as they were: a key added later lies beyond their slots, a removal
 * empties a slot in the new version's copy only.
 */
export class WorkerMap implements ReadonlyMap<string, Worker> {
  private constructor(
    private readonly shared: SharedSlots,
    private readonly slots: readonly (Worker | undefined)[],
    readonly size: number,
  ) {}

  static from(workers: Iterable<Worker>): WorkerMap {
    const shared: SharedSlots = { slotOf: new Map(), keyAt: [], head: [] };
    const slots: (Worker | undefined)[] = [];
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
    shared.head = slots;
    return new WorkerMap(shared, slots, slots.length);
  }

  /** A new version with the workers upserted, then the named ones removed; this one does not change. */
  with(upserted: readonly Worker[], removed: readonly Pick<Worker, 'group' | 'name'>[]): WorkerMap {
    if (this.shared.head !== this.slots) return this.rebuiltWith(upserted, removed);
    const { slotOf, keyAt } = this.shared;
    const keys = upserted.map(workerKey);
    // Back after a removal: a Map would list it last, so rebuild (rare) rather than reuse its old place.
    if (keys.some((key) => this.isEmptySlot(slotOf.get(key)))) return this.rebuiltWith(upserted, removed);
    const slots = this.slots.slice();
    let size = this.size;
    upserted.forEach((worker, index) => {
      const key = keys[index]!;
      const slot = slotOf.get(key);
      if (slot !== undefined) {
        slots[slot] = worker;
        return;
      }
      slotOf.set(key, slots.length);
      keyAt.push(key);
      slots.push(worker);
      size += 1;
    });
    for (const gone of removed) {
      const slot = slotOf.get(workerKey(gone));
      if (slot === undefined || slots[slot] === undefined) continue;
      slots[slot] = undefined;
      size -= 1;
    }
    // Mostly empty slots (many workers gone): start afresh so iterating stays proportional to the workers.
    if (slots.length > 1024 && size < slots.length / 2) return WorkerMap.from(valuesOf(slots));
    this.shared.head = slots;
    return new WorkerMap(this.shared, slots, size);
  }

  private isEmptySlot(slot: number | undefined): boolean {
    return slot !== undefined && this.slots[slot] === undefined;
  }

  private rebuiltWith(upserted: readonly Worker[], removed: readonly Pick<Worker, 'group' | 'name'>[]): WorkerMap {
    const map = new Map<string, Worker>(this.entries());
    for (const worker of upserted) map.set(workerKey(worker), worker);
    for (const gone of removed) map.delete(workerKey(gone));
    return WorkerMap.from(map.values());
  }

  get(key: string): Worker | undefined {
    const slot = this.shared.slotOf.get(key);
    return slot === undefined || slot >= this.slots.length ? undefined : this.slots[slot];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  forEach(callback: (value: Worker, key: string, map: ReadonlyMap<string, Worker>) => void, thisArg?: unknown): void {
    for (const [key, worker] of this.entries()) callback.call(thisArg, worker, key, this);
  }

  *entries(): MapIterator<[string, Worker]> {
    const { keyAt } = this.shared;
    for (let slot = 0; slot < this.slots.length; slot += 1) {
      const worker = this.slots[slot];
      if (worker !== undefined) yield [keyAt[slot]!, worker];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  /** The workers in order, as an array: the slots themselves while none is empty (no copy), else a copy once. */
  list(): readonly Worker[] {
    if (this.size === this.slots.length) return this.slots as readonly Worker[];
    this.compacted ??= this.slots.filter((worker) => worker !== undefined);
    return this.compacted;
  }

  private compacted: Worker[] | undefined;

  values(): MapIterator<Worker> {
    return valuesOf(this.slots);
  }

  [Symbol.iterator](): MapIterator<[string, Worker]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'WorkerMap';
  }
}

function* valuesOf(slots: readonly (Worker | undefined)[]): MapIterator<Worker> {
  for (const worker of slots) if (worker !== undefined) yield worker;
}
