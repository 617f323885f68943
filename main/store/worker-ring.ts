import type { StateCode, WorkerRawRow } from './sample-types';

// One worker's raw rows in memory, oldest first, in typed arrays (21 bytes a row instead of an object's ~60):
// 30,000 workers with two days of keepalive rows stay in tens of megabytes. Full at `cap` rows: the oldest goes.

const NO_REJECT = -1;

export class WorkerRing {
  private at = new Float64Array(4);
  private hps = new Float64Array(4);
  private state = new Uint8Array(4);
  private reject = new Int32Array(4);
  private start = 0;
  private count = 0;

  constructor(private readonly cap: number) {}

  get length(): number {
    return this.count;
  }

  private index(i: number): number {
    return (this.start + i) % this.at.length;
  }

  private grow(): void {
    const size = Math.min(this.cap, this.at.length * 2);
    const copy = <T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T => {
      for (let i = 0; i < this.count; i += 1) to[i] = from[this.index(i)]!;
      return to;
    };
    this.at = copy(this.at, new Float64Array(size));
    this.hps = copy(this.hps, new Float64Array(size));
    this.state = copy(this.state, new Uint8Array(size));
    this.reject = copy(this.reject, new Int32Array(size));
    this.start = 0;
  }

  /** Appends a row (rows come in time order); returns how many old rows were dropped to make room. */
  push(row: WorkerRawRow): number {
    let dropped = 0;
    if (this.count === this.at.length) {
      if (this.at.length < this.cap) this.grow();
      else {
        this.start = this.index(1);
        this.count -= 1;
        dropped = 1;
      }
    }
    const i = this.index(this.count);
    this.at[i] = row.at;
    this.hps[i] = row.hps ?? Number.NaN;
    this.state[i] = row.state;
    this.reject[i] = row.rejectPpm ?? NO_REJECT;
    this.count += 1;
    return dropped;
  }

  /** Drops rows older than `ms`; returns how many. */
  dropBefore(ms: number): number {
    let dropped = 0;
    while (this.count > 0 && this.at[this.start]! < ms) {
      this.start = this.index(1);
      this.count -= 1;
      dropped += 1;
    }
    return dropped;
  }

  /** Rows with fromMs <= at < toMs, oldest first. */
  range(fromMs: number, toMs: number): WorkerRawRow[] {
    const out: WorkerRawRow[] = [];
    for (let k = 0; k < this.count; k += 1) {
      const i = this.index(k);
      const at = this.at[i]!;
      if (at < fromMs) continue;
      if (at >= toMs) break;
      const hps = this.hps[i]!;
      const reject = this.reject[i]!;
      out.push({ at, hps: Number.isNaN(hps) ? null : hps, state: this.state[i] as StateCode, rejectPpm: reject === NO_REJECT ? null : reject });
    }
    return out;
  }
}
