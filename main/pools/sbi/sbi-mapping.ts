import type { z } from 'zod';
import {
  countWorkers,
  type AmountUnit,
  type Balance,
  type HashrateWindows,
  type Payout,
  type PayoutStatus,
  type RawAmount,
  type RevenueEstimate,
  type WorkerCounts,
  type WorkerFigures,
  type WorkerState,
} from '../../../shared/model';
import { mhsToHps } from '../../../shared/units';
import { isoTimeFromText } from '../../base/time';
import type { coinRef, earningV1Schema, earningV2Schema, txPayoutSchema, workerSchema } from './sbi-schemas';

function windowHps(mhs: ReadonlyArray<number | null> | null | undefined, index: number): number | null {
  const value = mhs?.[index];
  return value === undefined || value === null ? null : mhsToHps(value);
}

/** SBI sends [10m, 1h, 1d] in MH/s; PoolWatch keeps H/s. An impossible value is named by checkReading, not hidden here. */
export function toWindows(mhs: ReadonlyArray<number | null> | null | undefined): HashrateWindows {
  return { h10m: windowHps(mhs, 0), h1h: windowHps(mhs, 1), h24h: windowHps(mhs, 2) };
}

const STATE_MAP = new Map<string, WorkerState>([
  ['ONLINE', 'online'],
  ['OFFLINE', 'offline'],
  ['DEAD', 'dead'],
]);

/** ONLINE/OFFLINE/DEAD per the docs; an empty string has been seen live and means "unknown". */
export function toWorkerState(state: string | null | undefined): WorkerState {
  if (!state) return 'unknown';
  return STATE_MAP.get(state) ?? STATE_MAP.get(state.trim().toUpperCase()) ?? 'unknown';
}

/** Normalizes an ISO time with offset ("2021-09-17T10:04:49.000+00:00") to UTC ISO, or null. */
export function toIsoTime(value: string | null | undefined): string | null {
  return isoTimeFromText(value);
}

/**
 * A subaccount as the pool knows it whichever key reads it: the docs call subaccount names unique, and the
 * full key, a read-only key and an observer key all report the same name.
 */
export function subaccountIdentity(subaccountName: string): string {
  return `sbi:subaccount:${subaccountName}`;
}

export function coinCode(coin: z.infer<typeof coinRef> | null | undefined): string {
  if (!coin) return 'UNKNOWN';
  return (typeof coin === 'string' ? coin : coin.code).toUpperCase();
}

/** Fills `into` (one object reused for every worker of a poll, see workerFrom) with what the pool says of a worker. */
export function readWorkerFigures(raw: z.infer<typeof workerSchema>, fallbackGroup: string, into: WorkerFigures): WorkerFigures {
  into.name = raw.name;
  into.group = raw.subaccount ?? raw.subaccountName ?? fallbackGroup;
  into.state = toWorkerState(raw.state);
  into.h10m = windowHps(raw.hashrates, 0);
  into.h1h = windowHps(raw.hashrates, 1);
  into.h24h = windowHps(raw.hashrates, 2);
  into.lastShareAt = toIsoTime(raw.lastShareTime);
  into.rejectRate = null;
  return into;
}

/** An empty WorkerFigures to fill. */
export function blankWorkerFigures(): WorkerFigures {
  return { name: '', group: '', state: 'unknown', lastShareAt: null, rejectRate: null, h10m: null, h1h: null, h24h: null };
}

/** Worker counts from a {ONLINE|online: n, ...} map, as the account and subaccount endpoints send them. */
export function toCounts(status: Record<string, number> | null | undefined, total?: number | null): WorkerCounts {
  const get = (key: string): number => {
    const entry = Object.entries(status ?? {}).find(([name]) => name.toLowerCase() === key);
    return entry ? Math.max(0, Math.round(entry[1])) : 0;
  };
  const online = get('online');
  const offline = get('offline');
  const dead = get('dead');
  const known = online + offline + dead;
  const all = total === null || total === undefined ? known : Math.max(known, Math.round(total));
  return { online, offline, dead, unknown: all - known, total: all };
}

export { countWorkers };

const PAYOUT_STATUS_MAP: Record<string, PayoutStatus> = {
  NEW: 'new',
  PENDING: 'pending',
  POSTED: 'posted',
  CONFIRMED: 'confirmed',
  FAILED: 'failed',
};

export function toPayoutStatus(state: string | null | undefined): PayoutStatus {
  return PAYOUT_STATUS_MAP[(state ?? '').toUpperCase()] ?? 'unknown';
}

export function earningV2ToPayout(raw: z.infer<typeof earningV2Schema>): Payout {
  return {
    id: raw.earningsId,
    coin: coinCode(raw.coin),
    amount: raw.netOwed ?? raw.grossOwed ?? 0,
    unit: 'coin',
    status: toPayoutStatus(raw.state),
    txId: raw.txId ?? null,
    at: toIsoTime(raw.paidOn) ?? toIsoTime(raw.earningsFor),
    group: raw.subaccountName ?? null,
  };
}

/**
 * SBI's v1 amounts (earnings v1, revenue) are in each coin's smallest unit: the documented samples cannot be whole
 * coins (1208 BSV for one day's earnings, 81,470 ETH of revenue). For the Bitcoin family that unit is the satoshi
 * (1e-8 coin); for ETH the docs name none (their sample is neither wei nor whole ETH), so ETH stays in base units.
 */
const V1_BASE_UNITS: Readonly<Record<string, { perCoin: number; name: string }>> = {
  BTC: { perCoin: 1e8, name: 'satoshi' },
  BCH: { perCoin: 1e8, name: 'satoshi' },
  BSV: { perCoin: 1e8, name: 'satoshi' },
};

/** A v1 amount in whole coins with the pool's figure kept beside it, or in base units where the coin's unit is unknown. */
export function v1Amount(coin: string, amount: number): { amount: number; unit: AmountUnit; raw: RawAmount | null } {
  const base = V1_BASE_UNITS[coin];
  if (base === undefined) return { amount, unit: 'base-unit', raw: null };
  return { amount: amount / base.perCoin, unit: 'coin', raw: { amount, unit: base.name } };
}

export function earningV1ToPayout(raw: z.infer<typeof earningV1Schema>): Payout {
  const coin = coinCode(raw.coin);
  return {
    id: raw.id,
    coin,
    ...v1Amount(coin, raw.amount),
    status: toPayoutStatus(raw.status),
    txId: raw.transactionId ?? null,
    at: toIsoTime(raw.created),
    group: raw.subaccountName ?? raw.subaccount?.name ?? null,
  };
}

export function txPayoutToPayout(raw: z.infer<typeof txPayoutSchema>): Payout {
  return {
    id: raw.internalTxId,
    coin: coinCode(raw.coin),
    amount: raw.amount,
    unit: 'coin',
    status: toPayoutStatus(raw.state),
    txId: raw.txId ?? null,
    at: toIsoTime(raw.paidOn),
    group: null,
  };
}

/** Unpaid = earnings not sent yet (PENDING or NEW), summed per subaccount and coin. */
export function unpaidBalances(earnings: readonly Payout[]): Balance[] {
  const totals = new Map<string, Balance>();
  for (const earning of earnings) {
    if (earning.status !== 'new' && earning.status !== 'pending') continue;
    const key = `${earning.group ?? ''}\u0000${earning.coin}\u0000${earning.unit}`;
    const balance = totals.get(key) ?? { coin: earning.coin, unpaid: 0, unit: earning.unit, group: earning.group };
    balance.unpaid += earning.amount;
    // Converted amounts keep the pool's own total beside them (all earnings of a coin share its unit).
    if (earning.raw) balance.raw = { amount: (balance.raw?.amount ?? 0) + earning.raw.amount, unit: earning.raw.unit };
    totals.set(key, balance);
  }
  return [...totals.values()];
}

/** The revenue map (v1 amounts, see V1_BASE_UNITS): SBI's estimate for yesterday and today, per subaccount. */
export function toRevenue(
  byDate: Record<string, Array<{ subaccountName?: string | null | undefined; coin: z.infer<typeof coinRef>; amount: number }>>,
): RevenueEstimate[] {
  return Object.entries(byDate)
    .flatMap(([date, rows]) =>
      rows.map((row): RevenueEstimate => {
        const coin = coinCode(row.coin);
        return {
          day: (toIsoTime(date) ?? date).slice(0, 10),
          coin,
          ...v1Amount(coin, row.amount),
          group: row.subaccountName ?? null,
          estimate: true,
        };
      }),
    )
    .sort((a, b) => a.day.localeCompare(b.day));
}
