// Stratumsphere's API keywords (help center, "API Keywords"): case-sensitive, so 'sha256' or 'Miners' are refused.

export const ALGORITHMS = ['SHA256', 'X11', 'scrypt', 'ethash'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export const LOCATIONS = ['us-central', 'europe'] as const;
export type Location = (typeof LOCATIONS)[number];

/** miners = Miner-to-Miner, threshold = Hashrate Threshold. */
export const SCHEDULER_TYPES = ['miners', 'threshold'] as const;
export type SchedulerType = (typeof SCHEDULER_TYPES)[number];

/** Plausible H/s one rental receives, per algorithm: an order of a few machines' worth. */
export const RENTAL_HPS: Record<Algorithm, { min: number; max: number }> = {
  SHA256: { min: 40e12, max: 250e12 },
  X11: { min: 5e9, max: 60e9 },
  scrypt: { min: 0.5e9, max: 9e9 },
  ethash: { min: 100e6, max: 900e6 },
};

export function isKeyword<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
