import type { PoolId } from '../model/account';
import { POOL_FEATURES } from '../model/pool-features';
import type { HashrateHps } from '../model/hashrate';

/** 'si' steps by 1000 (most pools); 'binary' steps by 1024 (Stratumsphere's own display). */
export type UnitSystem = 'si' | 'binary';

const PREFIXES = ['', 'K', 'M', 'G', 'T', 'P', 'E'] as const;

/** Splits a H/s value into a scaled number and its unit, e.g. 2.99e16 -> { value: 29.9, unit: 'PH/s' }. */
export function scaleHashrate(hps: HashrateHps, system: UnitSystem = 'si'): { value: number; unit: string } {
  const step = system === 'binary' ? 1024 : 1000;
  let value = hps;
  let index = 0;
  while (Math.abs(value) >= step && index < PREFIXES.length - 1) {
    value /= step;
    index += 1;
  }
  return { value, unit: `${PREFIXES[index]}H/s` };
}

/** Formats a H/s value for people: three significant digits, or an em dash when unknown. */
export function formatHashrate(hps: HashrateHps | null, system: UnitSystem = 'si'): string {
  if (hps === null || !Number.isFinite(hps)) return '—';
  const { value, unit } = scaleHashrate(hps, system);
  const digits = value === 0 ? 0 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export const MHS_TO_HPS = 1e6;

/** Converts a MH/s figure (SBI reports these) to H/s. */
export function mhsToHps(mhs: number): HashrateHps {
  return mhs * MHS_TO_HPS;
}

/** The user's choice of units (Settings): each pool's own, or SI everywhere. Spelled as UNIT_CHOICES in shared/contract. */
export type UnitPreference = 'pool' | 'si';

/**
 * Pools whose own pages count 1 KH/s as 1024 H/s (Stratumsphere) have their accounts shown the way their users know
 * them, unless the user asked for SI units everywhere.
 */
export function unitSystemFor(pool: PoolId, preference: UnitPreference = 'pool'): UnitSystem {
  return preference === 'pool' && POOL_FEATURES[pool].binaryHashrateUnits ? 'binary' : 'si';
}
