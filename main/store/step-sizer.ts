/**
 * Sizes the steps of long work so each takes about `targetMs`, whatever one item costs (a worker's rows after a long
 * day or after an hour): halves after a slow step, doubles after a quick one, between 1 and `max`.
 */
export class StepSizer {
  constructor(
    public size: number,
    private readonly max: number,
    private readonly targetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs one step and sizes the next by how long it took. */
  timed<T>(step: () => T): T {
    const started = this.now();
    const result = step();
    const tookMs = this.now() - started;
    if (tookMs > this.targetMs) this.size = Math.max(1, Math.floor(this.size / 2));
    else if (tookMs < this.targetMs / 4) this.size = Math.min(this.max, this.size * 2);
    return result;
  }
}
