// Sorting of flat JSON rows by any of their keys, with nulls last ascending (first descending)
// and optional ranks for enum-like fields such as state.

export type Row = Record<string, unknown>;

export interface RowSort {
  field: string;
  ascending: boolean;
  /** enum fields ordered by declaration rather than by text */
  ranks?: Record<string, readonly string[]>;
  /** applied on ties, always in its own fixed direction */
  tieBreak: { field: string; ascending: boolean };
}

export function sortRows<T extends Row>(rows: T[], sort: RowSort): T[] {
  const compareField = (a: T, b: T, field: string, ascending: boolean): number => {
    const order = sort.ranks?.[field];
    const left = order ? order.indexOf(String(a[field])) : a[field];
    const right = order ? order.indexOf(String(b[field])) : b[field];
    const result = compareValues(left, right);
    return ascending ? result : -result;
  };
  return [...rows].sort(
    (a, b) => compareField(a, b, sort.field, sort.ascending) || compareField(a, b, sort.tieBreak.field, sort.tieBreak.ascending),
  );
}

function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
