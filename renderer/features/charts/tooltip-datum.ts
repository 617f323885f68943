/** The data point under a recharts tooltip: its payload entries each carry the datum they were drawn from. */
export function tooltipDatum<T extends object>(payload: readonly { payload?: unknown }[] | undefined, isDatum: (value: object) => value is T): T | null {
  const value = payload?.[0]?.payload;
  return typeof value === 'object' && value !== null && isDatum(value) ? value : null;
}
