import type { Severity, WorkerState } from '../../../shared/model';

// SVG presentation attributes cannot read CSS variables, so these mirror the tones in styles.css.
export const CHART_COLORS = {
  accent: '#2f5fb3',
  accentSoft: '#b9cbee',
  grid: '#e4e7eb',
  axis: '#5c6670',
  zoom: '#2f5fb3',
  paid: '#1a7f37',
} as const;

/** Stacked worker states in the same order and tones as the state pills. */
export const WORKER_STATE_COLORS: Record<WorkerState, string> = {
  online: '#1a7f37',
  offline: '#d29922',
  dead: '#c62828',
  unknown: '#8c959f',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  info: '#5c6670',
  warning: '#d29922',
  critical: '#c62828',
};
