import type { Worker } from '../../../shared/model';
import { HOUR_MS } from '../../base/time';

/** The moment before which a silent worker counts as long dead, as a time and as UTC ISO text (compared as text). */
export interface LongDeadCutoff {
  ms: number;
  iso: string;
}

export function longDeadCutoff(atMs: number, longDeadHours: number): LongDeadCutoff {
  const ms = atMs - longDeadHours * HOUR_MS;
  return { ms, iso: new Date(ms).toISOString() };
}

/**
 * A worker not online whose last share is older than the cutoff: retired, not news. Adapters write UTC ISO with
 * milliseconds (24 characters, "Z"), which compare as text without parsing; anything else is parsed.
 */
export function isLongDead(worker: Worker, cutoff: LongDeadCutoff): boolean {
  const text = worker.lastShareAt;
  if (worker.state === 'online' || text === null) return false;
  if (text.length === 24 && text.endsWith('Z')) return text < cutoff.iso;
  const at = Date.parse(text);
  return Number.isFinite(at) && at < cutoff.ms;
}
