// Injectable clock with an offset so tests can move simulated time without sleeping.

export interface SimClock {
  now(): number;
  advance(ms: number): void;
  offsetMs(): number;
}

export function createSimClock(base: () => number = Date.now): SimClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => {
      if (!Number.isFinite(ms)) throw new Error('advanceClock needs a finite number of milliseconds');
      offset += ms;
    },
    offsetMs: () => offset,
  };
}
