// Downsampling for charts: bounded output that keeps the global extremes visible. Pure: no DOM or node imports.

export interface XYPoint {
  x: number;
  y: number;
}

/** One time bucket of a series: the lowest, average and highest value seen in it. */
export interface RangePoint {
  at: number;
  min: number;
  avg: number;
  max: number;
}

function indexOfExtreme(points: readonly XYPoint[], better: (a: number, b: number) => boolean): number {
  let best = 0;
  for (let i = 1; i < points.length; i += 1) if (better(points[i]!.y, points[best]!.y)) best = i;
  return best;
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013) over points sorted by x: returns at most maxPoints of the
 * input points, the first and the last always. One bucket slot is kept spare so the global minimum and maximum
 * are always among the output (for maxPoints >= 4) even when they fall in the same bucket.
 */
export function lttb<T extends XYPoint>(points: readonly T[], maxPoints: number): T[] {
  const limit = Math.floor(maxPoints);
  if (points.length <= limit) return [...points];
  // Too few slots for the first, the last and both extremes: keep the ends only.
  if (limit < 4) return [points[0]!, points[points.length - 1]!].slice(0, Math.max(0, limit));

  const minIndex = indexOfExtreme(points, (a, b) => a < b);
  const maxIndex = indexOfExtreme(points, (a, b) => a > b);
  const last = points.length - 1;
  const bucketCount = limit - 3;
  const bucketSize = (points.length - 2) / bucketCount;
  const out: T[] = [points[0]!];
  let previous = 0;
  for (let bucket = 0; bucket < bucketCount; bucket += 1) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.min(Math.floor((bucket + 1) * bucketSize) + 1, last);
    const forced = [minIndex, maxIndex].filter((index) => index >= start && index < end).sort((a, b) => a - b);
    if (forced.length > 0) {
      for (const index of forced) out.push(points[index]!);
      previous = forced[forced.length - 1]!;
      continue;
    }
    // The next bucket's average is the third corner of the triangle.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i += 1) {
      avgX += points[i]!.x;
      avgY += points[i]!.y;
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const a = points[previous]!;
    let bestArea = -1;
    let bestIndex = start;
    for (let i = start; i < end; i += 1) {
      const p = points[i]!;
      const area = Math.abs((a.x - avgX) * (p.y - a.y) - (a.x - p.x) * (avgY - a.y));
      if (area > bestArea) {
        bestArea = area;
        bestIndex = i;
      }
    }
    out.push(points[bestIndex]!);
    previous = bestIndex;
  }
  out.push(points[last]!);
  return out;
}

/**
 * Merges min/avg/max buckets sorted by time into at most maxPoints equal-width time buckets: min of the mins,
 * max of the maxes (so a one-poll drop or spike stays visible), mean of the averages; `at` is the first merged time.
 */
export function downsampleMinMax(points: readonly RangePoint[], maxPoints: number): RangePoint[] {
  const limit = Math.max(1, Math.floor(maxPoints));
  if (points.length <= limit) return points.map((p) => ({ ...p }));
  const first = points[0]!.at;
  const width = (points[points.length - 1]!.at - first) / limit;
  const out: RangePoint[] = [];
  let current: RangePoint | null = null;
  let slot = -1;
  let sum = 0;
  let count = 0;
  const flush = () => {
    if (current) out.push({ ...current, avg: sum / count });
  };
  for (const point of points) {
    const index = width > 0 ? Math.min(limit - 1, Math.floor((point.at - first) / width)) : 0;
    if (current === null || index !== slot) {
      flush();
      current = { at: point.at, min: point.min, avg: 0, max: point.max };
      slot = index;
      sum = 0;
      count = 0;
    }
    current.min = Math.min(current.min, point.min);
    current.max = Math.max(current.max, point.max);
    sum += point.avg;
    count += 1;
  }
  flush();
  return out;
}
