// SBI-shaped broken bodies for the 'wrong-types' and 'missing-fields' faults.
import { isRecord, withoutKeys } from '../common/json-shape';

const HASHRATE_KEYS = new Set(['hashrate', 'hashrates']);
const REQUIRED_KEYS = new Set([
  'content', 'totalElements', 'totalPages', 'hashrate', 'hashrates', 'subaccounts', 'workerStatus', 'numOfWorkers',
  'totalWorkers', 'estimatedRevenues', 'status', 'state', 'lastShareTime', 'amount', 'netOwed', 'name',
]);

/** Hashrate arrays become strings, times become epoch seconds, every other number a string. */
export function sbiWrongTypes(body: unknown): unknown {
  return breakTypes(body, null);
}

function breakTypes(value: unknown, key: string | null): unknown {
  if (key !== null && HASHRATE_KEYS.has(key)) {
    if (Array.isArray(value)) return JSON.stringify(value);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([name, series]) => [name, JSON.stringify(series)]));
  }
  if (key === 'lastShareTime' && typeof value === 'string') return Math.floor(Date.parse(value) / 1000);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => breakTypes(item, null));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, breakTypes(item, name)]));
  return value;
}

/** Drops the fields a client needs: content, totals, hashrates, states, names... */
export function sbiMissingFields(body: unknown): unknown {
  return withoutKeys(body, REQUIRED_KEYS);
}
