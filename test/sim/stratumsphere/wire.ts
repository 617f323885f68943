// What the simulated API sends: scheduler list items and rental details, with the quirks public client code
// shows (NOTES.md): some calls wrapped in {success, data}, others flat; some numbers as strings.
import { formatIsoZulu, MS_PER_MINUTE } from '../common/iso-time';
import { averageHps, figureBucket, rentalFigures, type RentalRecord } from './rentals';
import type { SchedulerRecord, StratumsphereWorld } from './world';

export function envelope(data: unknown): { success: true; data: unknown } {
  return { success: true, data };
}

function rentalsOf(world: StratumsphereWorld, scheduler: SchedulerRecord): RentalRecord[] {
  return scheduler.rentalIds.flatMap((id) => {
    const rental = world.rentals.get(id);
    return rental ? [rental] : [];
  });
}

/** One item of GET v1/schedulers. Miner-to-Miner schedulers list rental ids; threshold ones list {id, title} with string ids. */
export function schedulerJson(world: StratumsphereWorld, scheduler: SchedulerRecord, nowMs: number): Record<string, unknown> {
  const rentals = rentalsOf(world, scheduler);
  const figures = rentals.map((rental) => rentalFigures(rental, nowMs));
  const rentedHps = figures.reduce((sum, entry) => sum + entry.hashrateHps, 0);
  const rejectedHps = figures.reduce((sum, entry) => sum + entry.rejectedHps, 0);
  const personalHps = scheduler.personalBaseHps * (1 + 0.03 * Math.sin((2 * Math.PI * figureBucket(nowMs)) / (41 * MS_PER_MINUTE) + (scheduler.seed % 7)));
  const body: Record<string, unknown> = {
    id: scheduler.id,
    name: scheduler.name,
    type: scheduler.type,
    algorithm: scheduler.algorithm,
    location: scheduler.location,
    personalHashrate: Math.round(personalHps),
    rentedHashrate: String(Math.round(rentedHps)),
    totalHashrate: Math.round(personalHps + rentedHps),
    averageHashrate: Math.round(scheduler.personalBaseHps + rentals.reduce((sum, rental) => sum + averageHps(rental), 0)),
    rejectedHashrate: String(Math.round(rejectedHps)),
    rentals: scheduler.type === 'miners' ? rentals.map((rental) => rental.id) : rentals.map((rental) => ({ id: String(rental.id), title: rental.title })),
  };
  if (scheduler.thresholdHps !== null) body.threshold = scheduler.thresholdHps;
  return body;
}

/** GET v1/scheduler-rental/{id}: connections_count always as a string, rejected H/s as a string on odd ids. */
export function rentalJson(rental: RentalRecord, nowMs: number): Record<string, unknown> {
  const figures = rentalFigures(rental, nowMs);
  const rejected = Math.round(figures.rejectedHps);
  return {
    id: rental.id,
    scheduler_id: rental.schedulerId,
    title: rental.title,
    host: rental.host,
    user: rental.user,
    password: rental.password,
    workerNumberMaintained: rental.workerNumberMaintained,
    isPersonal: rental.isPersonal,
    isStable: figures.stable,
    hashrate: Math.round(figures.hashrateHps),
    rejectedHashesPerSeconds: rental.id % 2 === 1 ? String(rejected) : rejected,
    connections_count: String(figures.connections),
    created_at: formatIsoZulu(rental.createdAtMs),
  };
}
