import type { HashrateHps } from '../../shared/model';
import { runSteps } from '../base/steps';
import { HOUR_MS } from '../base/time';

/** Hourly buckets of the trailing average: 24 of them make the 24 h window. */
export const HISTORY_HOURS = 24;
/** Less history than this is no baseline: the pool's own 24 h figure stands in. */
export const MIN_HISTORY_MS = HOUR_MS;
const SEEN_ONLINE = 1;
/** Keys resolved per step of slotsInSteps: about 15 ms when every one is new. */
const KEYS_PER_STEP = 25_000;

/**
 * What the alert core remembers per worker of one account, in flat typed arrays indexed by slot:
 * 24 hourly hashrate sums (Float32) and sample counts (Uint16), the first sample time (Float64),
 * the hour last seen (Int32) and a flag byte = 157 bytes per worker, plus the Map entry and its key
 * (about 100 bytes for typical names): roughly 250 bytes, 7.5 MB for 30,000 workers.
 */
export class WorkerMemory {
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private capacity = 0;
  private sums = new Float32Array(0);
  private counts = new Uint16Array(0);
  private firstSampleMs = new Float64Array(0);
  private lastSeenHour = new Int32Array(0);
  private flags = new Uint8Array(0);
  /** Which absolute hour each ring position holds; the same for every worker of the account. */
  private readonly bucketHour = new Int32Array(HISTORY_HOURS).fill(-1);
  private lastSweepHour = -1;
  /** The list slotsOf resolved last, and its slots: the next poll's list is mostly the same keys in the same places. */
  private lastKeys: readonly string[] = [];
  private lastSlots = new Int32Array(0);

  get size(): number {
    return this.slotOf.size;
  }

  /**
   * The slot of every key of a poll's worker list (slots[i] for keys[i]), made where missing. A key found where it
   * was in the last list resolved needs no hashing: 100,000 workers cost a string comparison each.
   */
  slotsOf(keys: readonly string[]): Int32Array {
    return runSteps(this.slotsInSteps(keys));
  }

  /** slotsOf, pausing (yield) after every `perStep` keys: the first poll of 100,000 workers makes every slot. */
  *slotsInSteps(keys: readonly string[], perStep = KEYS_PER_STEP): Generator<void, Int32Array, void> {
    const slots = new Int32Array(keys.length);
    const { lastKeys, lastSlots } = this;
    for (let index = 0; index < keys.length; index += 1) {
      if (index > 0 && index % perStep === 0) yield;
      const key = keys[index]!;
      slots[index] = index < lastKeys.length && lastKeys[index] === key ? lastSlots[index]! : this.slotFor(key);
    }
    this.lastKeys = keys;
    this.lastSlots = slots;
    return slots;
  }

  /** Records that the worker was listed at atMs, and whether it was online. */
  touch(key: string, atMs: number, online: boolean): void {
    this.touchSlot(this.slotFor(key), atMs, online);
  }

  touchSlot(slot: number, atMs: number, online: boolean): void {
    this.lastSeenHour[slot] = Math.floor(atMs / HOUR_MS);
    if (online) this.flags[slot] = (this.flags[slot] ?? 0) | SEEN_ONLINE;
  }

  wasSeenOnline(key: string): boolean {
    const slot = this.slotOf.get(key);
    return slot !== undefined && this.slotSeenOnline(slot);
  }

  slotSeenOnline(slot: number): boolean {
    return ((this.flags[slot] ?? 0) & SEEN_ONLINE) !== 0;
  }

  addSample(key: string, atMs: number, hps: HashrateHps): void {
    this.addSampleToSlot(this.slotFor(key), atMs, hps);
  }

  addSampleToSlot(slot: number, atMs: number, hps: HashrateHps): void {
    if (!Number.isFinite(hps) || hps < 0) return;
    const hour = Math.floor(atMs / HOUR_MS);
    const bucket = hour % HISTORY_HOURS;
    const held = this.bucketHour[bucket] ?? -1;
    if (hour < held) return; // older than the window (clock went back): ignore
    if (hour > held) this.resetBucket(bucket, hour);
    const index = slot * HISTORY_HOURS + bucket;
    this.sums[index] = (this.sums[index] ?? 0) + hps;
    this.counts[index] = Math.min(0xffff, (this.counts[index] ?? 0) + 1);
    if (Number.isNaN(this.firstSampleMs[slot])) this.firstSampleMs[slot] = atMs;
  }

  /** The worker's mean hashrate over the trailing 24 h, or null without an hour of history. */
  average(key: string, atMs: number): HashrateHps | null {
    const slot = this.slotOf.get(key);
    return slot === undefined ? null : this.slotAverage(slot, atMs);
  }

  slotAverage(slot: number, atMs: number): HashrateHps | null {
    const first = this.firstSampleMs[slot] ?? Number.NaN;
    if (Number.isNaN(first) || atMs - first < MIN_HISTORY_MS) return null;
    const hour = Math.floor(atMs / HOUR_MS);
    let sum = 0;
    let count = 0;
    for (let bucket = 0; bucket < HISTORY_HOURS; bucket += 1) {
      const held = this.bucketHour[bucket] ?? -1;
      if (held > hour - HISTORY_HOURS && held <= hour) {
        sum += this.sums[slot * HISTORY_HOURS + bucket] ?? 0;
        count += this.counts[slot * HISTORY_HOURS + bucket] ?? 0;
      }
    }
    return count === 0 ? null : sum / count;
  }

  /** Forgets workers not listed for a whole window; runs at most once an hour. */
  sweep(atMs: number): void {
    const hour = Math.floor(atMs / HOUR_MS);
    if (hour === this.lastSweepHour) return;
    this.lastSweepHour = hour;
    let freed = false;
    for (const [key, slot] of this.slotOf) {
      if ((this.lastSeenHour[slot] ?? 0) <= hour - HISTORY_HOURS) {
        this.slotOf.delete(key);
        this.clearSlot(slot);
        this.freeSlots.push(slot);
        freed = true;
      }
    }
    // A freed slot may be handed to another worker: the last list's slots can no longer be trusted by position.
    if (freed) this.lastKeys = [];
  }

  private resetBucket(bucket: number, hour: number): void {
    this.bucketHour[bucket] = hour;
    for (let slot = 0; slot < this.capacity; slot += 1) {
      this.sums[slot * HISTORY_HOURS + bucket] = 0;
      this.counts[slot * HISTORY_HOURS + bucket] = 0;
    }
  }

  private slotFor(key: string): number {
    const existing = this.slotOf.get(key);
    if (existing !== undefined) return existing;
    const slot = this.freeSlots.pop() ?? this.grow();
    this.slotOf.set(key, slot);
    return slot;
  }

  private grow(): number {
    const slot = this.capacity;
    if (slot >= this.flags.length) {
      const next = Math.max(64, this.flags.length * 2);
      this.sums = copyInto(new Float32Array(next * HISTORY_HOURS), this.sums);
      this.counts = copyInto(new Uint16Array(next * HISTORY_HOURS), this.counts);
      this.firstSampleMs = copyInto(new Float64Array(next).fill(Number.NaN), this.firstSampleMs);
      this.lastSeenHour = copyInto(new Int32Array(next), this.lastSeenHour);
      this.flags = copyInto(new Uint8Array(next), this.flags);
    }
    this.capacity += 1;
    return slot;
  }

  private clearSlot(slot: number): void {
    this.sums.fill(0, slot * HISTORY_HOURS, (slot + 1) * HISTORY_HOURS);
    this.counts.fill(0, slot * HISTORY_HOURS, (slot + 1) * HISTORY_HOURS);
    this.firstSampleMs[slot] = Number.NaN;
    this.lastSeenHour[slot] = 0;
    this.flags[slot] = 0;
  }
}

function copyInto<T extends Float32Array | Uint16Array | Float64Array | Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
