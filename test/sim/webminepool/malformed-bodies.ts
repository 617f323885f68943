// WebMinePool-shaped broken bodies for the 'wrong-types' and 'missing-fields' faults.
// Numbers sent as strings are a shape the live service has, so 'wrong-types' breaks types the way PHP does:
// a failed lookup's `false` where a number or a list belongs.
import { isRecord } from '../common/json-shape';

const ENVELOPE_KEYS = new Set(['success', 'status', 'message', 'error']);

/** Every data field (numbers, lists, objects) becomes false; the envelope flags stay. */
export function wmpWrongTypes(body: unknown): unknown {
  if (!isRecord(body)) return false;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, ENVELOPE_KEYS.has(key) ? value : false]));
}

/** Only the envelope is left: {"success": true} with no balance, hashes, users or satoshi. */
export function wmpMissingFields(body: unknown): unknown {
  if (!isRecord(body)) return {};
  return Object.fromEntries(Object.entries(body).filter(([key]) => ENVELOPE_KEYS.has(key)));
}
