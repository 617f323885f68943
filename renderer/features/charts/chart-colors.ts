import type { Severity, WorkerState } from '../../../shared/model';

// The colours live in styles.css (--chart-*, light and dark): SVG presentation attributes accept var(), so a
// theme change recolours the charts without a re-render.
export const CHART_COLORS = {
  accent: 'var(--chart-accent)',
  accentSoft: 'var(--chart-accent-soft)',
  grid: 'var(--chart-grid)',
  axis: 'var(--chart-axis)',
  zoom: 'var(--chart-accent)',
  paid: 'var(--chart-paid)',
} as const;

/** Stacked worker states in the same order and tones as the state pills. */
export const WORKER_STATE_COLORS: Record<WorkerState, string> = {
  online: 'var(--chart-online)',
  offline: 'var(--chart-offline)',
  dead: 'var(--chart-dead)',
  unknown: 'var(--chart-unknown)',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  info: 'var(--chart-info)',
  warning: 'var(--chart-offline)',
  critical: 'var(--chart-dead)',
};
