// Stratumsphere-shaped broken bodies for the 'wrong-types' and 'missing-fields' faults. Plain numbers turned
// into strings would still be valid here (the API sends numeric strings), so types are broken harder.
import { isRecord, withoutKeys } from '../common/json-shape';

const LIST_KEYS = new Set(['data', 'rentals']);
const FIGURE_KEYS = new Set(['hashrate', 'connections_count', 'totalHashrate', 'personalHashrate']);
const REQUIRED_KEYS = new Set(['data', 'id', 'name', 'title', 'hashrate', 'connections_count', 'isStable', 'rentals', 'rejectedHashesPerSeconds']);

/** Lists become JSON text, figures become objects, flags become words. */
export function stratumsphereWrongTypes(body: unknown): unknown {
  return breakTypes(body, null);
}

function breakTypes(value: unknown, key: string | null): unknown {
  if (key !== null && LIST_KEYS.has(key) && Array.isArray(value)) return JSON.stringify(value);
  if (key !== null && FIGURE_KEYS.has(key)) return { value };
  if (key === 'isStable') return 'sometimes';
  if (Array.isArray(value)) return value.map((item) => breakTypes(item, null));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, breakTypes(item, name)]));
  return value;
}

/** Drops the fields a client needs: the data, ids, names, figures, rental lists. */
export function stratumsphereMissingFields(body: unknown): unknown {
  return withoutKeys(body, REQUIRED_KEYS);
}
