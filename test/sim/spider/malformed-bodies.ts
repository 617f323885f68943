// Spider-shaped broken bodies for the 'wrong-types' and 'missing-fields' faults.
import { isRecord } from '../common/json-shape';

const REQUIRED_KEYS = new Set([
  'coin', 'subaccount', 'workerName', 'status', 'list', 'records', 'dayProfitList', 'hashrates', 'startTime', 'timeInterval',
  'paymentDate', 'paymentMoney', 'day', 'dayProfit', 'unpaidProfit',
]);

/** `data` arrives double-encoded (a JSON string instead of an object or list), and counts become booleans. */
export function spiderWrongTypes(body: unknown): unknown {
  if (!isRecord(body) || !('data' in body)) return body;
  return { ...body, data: typeof body.data === 'object' && body.data !== null ? JSON.stringify(body.data) : true };
}

/** Drops the fields a client needs inside `data`: names, coins, lists, chart origins, amounts... */
export function spiderMissingFields(body: unknown): unknown {
  if (!isRecord(body) || !('data' in body)) return body;
  return { ...body, data: strip(body.data) };
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !REQUIRED_KEYS.has(key)).map(([key, item]) => [key, strip(item)]));
}
