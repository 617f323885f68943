// Breaks in a chart's line or area where nothing was recorded (the app was off, the pool down): recharts draws no
// line across a datum whose values are null, so one is put in each gap.

/** Points further apart than this many times the usual spacing have a gap between them. */
const GAP_FACTOR = 3;

function medianSpacing(data: ReadonlyArray<{ atMs: number }>): number | null {
  if (data.length < 3) return null;
  const spacings = data.slice(1).map((datum, i) => datum.atMs - data[i]!.atMs).sort((a, b) => a - b);
  return spacings[Math.floor(spacings.length / 2)]!;
}

/**
 * The data with `gapAt(t)` wherever two points are much further apart than usual, and `isolate(point)` for a point
 * with a gap (or an end) on both sides, which a line cannot show.
 */
export function withGaps<T extends { atMs: number }, G>(data: readonly T[], gapAt: (atMs: number) => G, isolate: (datum: T) => T = (datum) => datum): Array<T | G> {
  if (data.length === 1) return [isolate(data[0]!)];
  const usual = medianSpacing(data);
  if (usual === null || usual <= 0) return [...data];
  const gapBefore = (i: number) => i === 0 || data[i]!.atMs - data[i - 1]!.atMs > GAP_FACTOR * usual;
  const gapAfter = (i: number) => i === data.length - 1 || gapBefore(i + 1);
  const out: Array<T | G> = [];
  data.forEach((datum, i) => {
    if (i > 0 && gapBefore(i)) out.push(gapAt((data[i - 1]!.atMs + datum.atMs) / 2));
    out.push(gapBefore(i) && gapAfter(i) ? isolate(datum) : datum);
  });
  return out;
}
