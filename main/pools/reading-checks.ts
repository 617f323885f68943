// The last gate between a pool and the rest of PoolWatch: no Infinity, NaN or absurd number leaves an adapter
// (JSON would turn Infinity into null, and the UI's schema would refuse the whole state for every account).
import type { HashrateWindows, Worker, WorkerCounts } from '../../shared/model';
import type { PoolReading } from './adapter';
import { PoolError } from '../base/pool-error';

/** Above any real fleet: the whole Bitcoin network runs at about 1e21 H/s. */
export const MAX_HASHRATE_HPS = 1e24;
/** Above any real account's worker count. */
export const MAX_WORKER_COUNT = 10_000_000;
/** Above any real amount, even in a coin's base unit (all bitcoin in satoshi is 2.1e15). */
export const MAX_AMOUNT = 1e18;

const WINDOWS = ['h10m', 'h1h', 'h24h'] as const;
const COUNTS = ['online', 'offline', 'dead', 'unknown', 'total'] as const;

function saneHashrate(value: number | null): boolean {
  return value === null || (Number.isFinite(value) && value >= 0 && value <= MAX_HASHRATE_HPS);
}

/** One kind of value dropped as unknown: the first occurrence named, the rest counted. */
class DroppedValues {
  private first: string | null = null;
  private count = 0;
  constructor(private readonly sentence: (first: string, more: string) => string) {}

  add(where: string): void {
    this.count += 1;
    this.first ??= where;
  }

  notice(): string | null {
    if (this.first === null) return null;
    const more = this.count > 1 ? `, and ${(this.count - 1).toLocaleString('en-US')} more like it` : '';
    return this.sentence(this.first, more);
  }
}

function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function checkHashrate(windows: HashrateWindows, path: string, dropped: DroppedValues, owner: string): HashrateWindows {
  if (WINDOWS.every((window) => saneHashrate(windows[window]))) return windows;
  const result = { ...windows };
  for (const window of WINDOWS) {
    if (saneHashrate(windows[window])) continue;
    dropped.add(`${owner} (${path}.${window}): ${shown(windows[window])} H/s`);
    result[window] = null;
  }
  return result;
}

function checkCounts(counts: WorkerCounts, path: string, poolName: string, owner: string): void {
  for (const field of COUNTS) {
    const value = counts[field];
    if (Number.isSafeInteger(value) && value >= 0 && value <= MAX_WORKER_COUNT) continue;
    throw new PoolError(
      'bad_response',
      `${poolName} returned an impossible worker count for ${owner} (${path}.${field}): ${shown(value)}. PoolWatch keeps the last good data and retries at the next poll.`,
    );
  }
}

function checkAmount(value: number | null | undefined, path: string, poolName: string, what: string): void {
  if (value === null || value === undefined || (Number.isFinite(value) && Math.abs(value) <= MAX_AMOUNT)) return;
  throw new PoolError(
    'bad_response',
    `${poolName} returned an impossible amount for ${what} (${path}): ${shown(value)}. PoolWatch keeps the last good data and retries at the next poll.`,
  );
}

function saneAttributes(attributes: Worker['attributes']): boolean {
  if (attributes === undefined) return true;
  for (const name in attributes) {
    const value = attributes[name];
    if (typeof value === 'number' && !(Number.isFinite(value) && Math.abs(value) <= MAX_AMOUNT)) return false;
  }
  return true;
}

/** The usual worker, checked without building the strings that would name a bad value. */
function saneWorker(worker: Worker): boolean {
  const { hashrate, rejectRate } = worker;
  return (
    saneHashrate(hashrate.h10m) &&
    saneHashrate(hashrate.h1h) &&
    saneHashrate(hashrate.h24h) &&
    (rejectRate === null || (Number.isFinite(rejectRate) && rejectRate >= 0 && rejectRate <= 1)) &&
    saneAttributes(worker.attributes)
  );
}

function checkWorker(worker: Worker, index: number, hashrates: DroppedValues, others: DroppedValues): Worker {
  if (saneWorker(worker)) return worker;
  const owner = `worker ${worker.name}`;
  const path = `workers[${index}]`;
  const hashrate = checkHashrate(worker.hashrate, `${path}.hashrate`, hashrates, owner);
  let rejectRate = worker.rejectRate;
  if (rejectRate !== null && !(Number.isFinite(rejectRate) && rejectRate >= 0 && rejectRate <= 1)) {
    others.add(`${owner} (${path}.rejectRate): ${shown(rejectRate)}`);
    rejectRate = null;
  }
  let attributes = worker.attributes;
  for (const [name, value] of Object.entries(worker.attributes ?? {})) {
    if (typeof value !== 'number' || (Number.isFinite(value) && Math.abs(value) <= MAX_AMOUNT)) continue;
    others.add(`${owner} (${path}.attributes.${name}): ${shown(value)}`);
    attributes = { ...attributes, [name]: null };
  }
  if (hashrate === worker.hashrate && rejectRate === worker.rejectRate && attributes === worker.attributes) return worker;
  return { ...worker, hashrate, rejectRate, ...(attributes ? { attributes } : {}) };
}

/**
 * Checks every number of a reading. A bad hashrate, reject rate or figure of one worker or group becomes unknown
 * (null) and a notice names it; an impossible worker count or amount refuses the whole answer (PoolError naming
 * the field), since a wrong total or balance would mislead more than the last good data.
 */
export function checkReading(reading: PoolReading, poolName: string): PoolReading {
  const hashrates = new DroppedValues((first, more) => `${poolName} returned an impossible hashrate for ${first}${more}; shown as unknown.`);
  const others = new DroppedValues((first, more) => `${poolName} returned an impossible value for ${first}${more}; shown as unknown.`);
  const points = new DroppedValues((first, more) => `${poolName} returned an impossible hashrate in its history for ${first}${more}; that point is left out.`);

  reading.groups.forEach((group, index) => checkCounts(group.workers, `groups[${index}].workers`, poolName, `group ${group.name}`));
  reading.balances.forEach((balance, index) => {
    checkAmount(balance.unpaid, `balances[${index}].unpaid`, poolName, `the ${balance.coin} balance`);
    checkAmount(balance.totalEarned, `balances[${index}].totalEarned`, poolName, `the ${balance.coin} balance`);
    checkAmount(balance.valueSatoshi, `balances[${index}].valueSatoshi`, poolName, `the ${balance.coin} balance`);
  });
  reading.payouts.forEach((payout, index) => checkAmount(payout.amount, `payouts[${index}].amount`, poolName, `payout ${payout.id}`));
  reading.revenue.forEach((entry, index) => checkAmount(entry.amount, `revenue[${index}].amount`, poolName, `the ${entry.coin} revenue of ${entry.day}`));
  reading.dailyEarnings?.forEach((entry, index) => checkAmount(entry.amount, `dailyEarnings[${index}].amount`, poolName, `the ${entry.coin} earnings of ${entry.day}`));

  const hashrate = checkHashrate(reading.hashrate, 'hashrate', hashrates, 'the account');
  const groups = reading.groups.map((group, index) => {
    const checked = checkHashrate(group.hashrate, `groups[${index}].hashrate`, hashrates, `group ${group.name}`);
    return checked === group.hashrate ? group : { ...group, hashrate: checked };
  });
  // Almost always every worker is sane: no copy of a 100,000-worker list then.
  const workers = reading.workers.every(saneWorker) ? reading.workers : reading.workers.map((worker, index) => checkWorker(worker, index, hashrates, others));
  const history = reading.history?.map((series, seriesIndex) => {
    const kept = series.points.filter((point, pointIndex) => {
      if (saneHashrate(point.hps)) return true;
      points.add(`${series.worker ?? series.group} (history[${seriesIndex}].points[${pointIndex}]): ${shown(point.hps)} H/s`);
      return false;
    });
    return kept.length === series.points.length ? series : { ...series, points: kept };
  });

  const notices = [hashrates, others, points].map((dropped) => dropped.notice()).filter((notice): notice is string => notice !== null);
  if (notices.length === 0) return reading;
  return {
    ...reading,
    hashrate,
    groups,
    workers,
    ...(history ? { history } : {}),
    notices: [...(reading.notices ?? []), ...notices],
  };
}
