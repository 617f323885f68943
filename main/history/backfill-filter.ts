import type { HashrateSeries } from '../../shared/model';

/** What identifies one version of a pool's history series: its place, resolution, time span and figures. */
function fingerprint(series: HashrateSeries): string {
  let sum = 0;
  for (const point of series.points) sum += point.hps;
  return [series.group, series.worker ?? '', series.resolution, series.points.length, series.points[0]?.at ?? '', series.points.at(-1)?.at ?? '', sum].join('\u0000');
}

/**
 * Remembers, per account, the pool history series last merged, so a series the adapter hands over again from its
 * cache (Spider re-sends its charts every poll for 30 min) is not planned and inserted again inside every poll.
 */
export function newBackfill() {
  const merged = new Map<string, Set<string>>();
  return {
    /** The series not merged yet (undefined when none), and the call that remembers them once they are written. */
    select(accountId: string, series: readonly HashrateSeries[] | undefined): { unmerged: HashrateSeries[] | undefined; written(): void } {
      if (series === undefined || series.length === 0) return { unmerged: undefined, written: () => {} };
      const known = merged.get(accountId) ?? new Set<string>();
      const prints = series.map(fingerprint);
      const unmerged = series.filter((_, i) => !known.has(prints[i]!));
      return { unmerged: unmerged.length > 0 ? unmerged : undefined, written: () => merged.set(accountId, new Set(prints)) };
    },
  };
}
