import { safeDelayMs } from './safe-delay';

/** Time and timers, injected so schedules and backoff can be tested without sleeping. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    // Capped: Node runs a timer longer than 2^31-1 ms after 1 ms.
    const timer = setTimeout(callback, safeDelayMs(ms));
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
