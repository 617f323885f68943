import { countWorkers, sumHashrates, type Group, type HashrateWindows, type Worker, type WorkerState } from '../../../shared/model';
import type { RentalFigures, SchedulerInfo } from './endpoints';

// Stratumsphere -> shared model. A scheduler is a Group; each of its rentals is a Worker, because a rental is
// what a hashrate buyer watches: is hash arriving, how much is rejected, is it stable.

/** Hashrates are raw H/s already (NOTES.md); negative or missing figures mean "not reported". */
export function toHps(value: number | null): number | null {
  return value === null || !Number.isFinite(value) || value < 0 ? null : value;
}

/** A rental with live connections is online; none is offline; the pool not saying is unknown. */
export function rentalState(connections: number | null): WorkerState {
  if (connections === null) return 'unknown';
  return connections > 0 ? 'online' : 'offline';
}

/** rejected / (accepted + rejected), 0..1; null when either is unknown or no work arrived at all. */
export function rejectRate(acceptedHps: number | null, rejectedHps: number | null): number | null {
  const accepted = toHps(acceptedHps);
  const rejected = toHps(rejectedHps);
  if (accepted === null || rejected === null || accepted + rejected <= 0) return null;
  return Math.min(1, rejected / (accepted + rejected));
}

/** Unique and stable names: a label used more than once gets the id appended to every use, not just the later ones. */
export function uniqueNames<T>(items: readonly T[], label: (item: T) => string | null, id: (item: T) => string, fallback: (id: string) => string): string[] {
  const labels = items.map((item) => label(item) ?? fallback(id(item)));
  const uses = new Map<string, number>();
  for (const text of labels) uses.set(text, (uses.get(text) ?? 0) + 1);
  return labels.map((text, index) => ((uses.get(text) ?? 0) > 1 ? `${text} #${id(items[index] as T)}` : text));
}

export function rentalToWorker(rentalId: string, figures: RentalFigures, name: string, group: string): Worker {
  const rejectedHps = toHps(figures.rejectedHps);
  return {
    name,
    group,
    state: rentalState(figures.connections),
    hashrate: { h10m: toHps(figures.hashrateHps), h1h: null, h24h: toHps(figures.averageHps) },
    lastShareAt: null,
    rejectRate: rejectRate(figures.acceptedHps ?? figures.hashrateHps, rejectedHps),
    attributes: { rentalId, connections: figures.connections, stable: figures.stable, rejectedHps },
  };
}

/**
 * A scheduler as a group. Its own hashrate fields win; where it has none, its rentals' sum stands in.
 * `unreadRentals` are rentals it lists that this poll did not read (the per-poll cap): they count as unknown.
 */
export function schedulerToGroup(scheduler: SchedulerInfo, name: string, rentals: readonly Worker[], unreadRentals: number): Group {
  const counts = countWorkers(rentals);
  const summed = sumHashrates(rentals.map((worker) => worker.hashrate));
  const hashrate: HashrateWindows = {
    h10m: toHps(scheduler.hashrate.totalHps) ?? summed.h10m,
    h1h: summed.h1h,
    h24h: toHps(scheduler.hashrate.averageHps) ?? summed.h24h,
  };
  const attributes: Record<string, string> = { schedulerId: scheduler.id };
  if (scheduler.type !== null) attributes.type = scheduler.type;
  if (scheduler.algorithm !== null) attributes.algorithm = scheduler.algorithm;
  if (scheduler.location !== null) attributes.location = scheduler.location;
  // Stratumsphere alerts on the share of rentals with problems, so the unstable count travels with the group.
  attributes.unstableRentals = String(rentals.filter((worker) => worker.attributes?.stable === false).length);
  return {
    name,
    coin: null,
    hashrate,
    workers: { ...counts, unknown: counts.unknown + unreadRentals, total: counts.total + unreadRentals },
    attributes,
    identity: `stratumsphere:scheduler:${scheduler.id}`,
  };
}
