/** About two points per pixel: more cannot be seen, fewer starts to lose spikes. */
export const POINTS_PER_PX = 2;

/** The history contract's bounds for maxPoints. */
const MIN_POINTS = 10;
const MAX_POINTS = 10_000;

/** Widths are rounded down to this step before asking, so resizing the app window does not refetch on every pixel. */
const WIDTH_STEP_PX = 50;

function clampPoints(points: number): number {
  return Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.floor(points)));
}

/** Every chart's y-axis (84 px) plus its right margin (16 px): the x-axis draws on the rest of its width. */
export const PLOT_INSET_PX = 100;

/** The width the x-axis draws on in a chart `chartWidthPx` wide: the width the point budget is counted on. */
export function plotWidthOf(chartWidthPx: number): number {
  return Math.max(0, chartWidthPx - PLOT_INSET_PX);
}

/** The most points a plot this wide may be handed. */
export function pointBudget(widthPx: number): number {
  return clampPoints(Number.isFinite(widthPx) ? widthPx * POINTS_PER_PX : 0);
}

/** maxPoints to ask the engine for: the budget of the width rounded down to a step, so it never exceeds pointBudget. */
export function maxPointsForWidth(widthPx: number): number {
  const stepped = Math.floor(Math.max(0, widthPx) / WIDTH_STEP_PX) * WIDTH_STEP_PX;
  return Math.min(pointBudget(widthPx), clampPoints(stepped * POINTS_PER_PX));
}

/**
 * Merges consecutive points into at most `maxPoints` buckets of (nearly) equal size; a series within
 * the budget comes back as it is. The client-side guard for whatever the engine sends.
 */
export function bucketSeries<T>(points: readonly T[], maxPoints: number, merge: (bucket: readonly T[]) => T): readonly T[] {
  const budget = Math.max(1, Math.floor(maxPoints));
  if (points.length <= budget) return points;
  const merged: T[] = [];
  for (let index = 0; index < budget; index += 1) {
    const start = Math.floor((index * points.length) / budget);
    const end = Math.floor(((index + 1) * points.length) / budget);
    merged.push(merge(points.slice(start, end)));
  }
  return merged;
}

/**
 * `build(budget)` bounded to `maxPoints` items in all: a chart's own additions (a break in the line per gap) count
 * too, so the series is bucketed tighter until they fit.
 */
export function withinBudget<T>(maxPoints: number, build: (budget: number) => readonly T[]): readonly T[] {
  let budget = Math.max(1, Math.floor(maxPoints));
  for (;;) {
    const built = build(budget);
    if (built.length <= maxPoints || budget === 1) return built;
    budget = Math.max(1, budget - (built.length - Math.floor(maxPoints)));
  }
}
