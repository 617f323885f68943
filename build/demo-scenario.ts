// What happens in `npm run demo` after the start: a rig goes offline long enough for the pool to say so and for
// PoolWatch to alert, then comes back; payouts move along; WebMinePool users come and go.
import type { Clock } from '../main/base/clock';
import type { SbiSim } from '../test/sim/sbi';
import type { WmpSim } from '../test/sim/webminepool';

/** The SBI subaccount whose rigs the scenario stops (all online at the simulator's start). */
export const DEMO_SUBACCOUNT = 'usonly';
/** The first rig stops this long after the start: every account has been polled and has seen it online. */
export const RIG_STOP_AFTER_MS = 45_000;
/**
 * How long a rig stays off: SBI calls a worker OFFLINE after 2 minutes without a share, and the offline alert fires
 * after the condition held for DEMO_ALERTS' 15 s (one more demo poll); 3 minutes leave room for both.
 */
export const RIG_DOWN_MS = 3 * 60_000;
/** The demo's alert holds: 15 s (its SBI poll interval) instead of the default minute, so the story fits in 5 minutes. */
export const DEMO_ALERTS = { defaults: { forMinutes: 0.25, recoveryMinutes: 0.25 } };
/** A rig stops every this often (the next rig each time). */
export const RIG_CYCLE_MS = 6 * 60_000;
/** Payouts advance and WebMinePool users come and go at this pace. */
export const CHURN_EVERY_MS = 45_000;

export interface DemoSims {
  sbi: Pick<SbiSim, 'workerNames' | 'stopWorker' | 'startWorker' | 'advancePayouts'>;
  webminepool: Pick<WmpSim, 'userNames' | 'stopUser' | 'startUser'>;
}

/** Starts the scenario on `clock`; returns the function that stops it (a stopped rig is started again). */
export function startDemoScenario(sims: DemoSims, clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>, say: (line: string) => void = () => {}): () => void {
  const timers = new Set<unknown>();
  let stopped = false;
  let down: string | null = null;
  const later = (ms: number, run: () => void): void => {
    const handle = clock.setTimeout(() => {
      timers.delete(handle);
      if (!stopped) run();
    }, ms);
    timers.add(handle);
  };

  const rigs = sims.sbi.workerNames(DEMO_SUBACCOUNT);
  const rigCycle = (index: number): void => {
    const rig = rigs[index % Math.max(1, rigs.length)];
    if (rig !== undefined) {
      sims.sbi.stopWorker(DEMO_SUBACCOUNT, rig);
      down = rig;
      say(`demo: ${rig} (${DEMO_SUBACCOUNT}) stops for ${RIG_DOWN_MS / 60_000} min: the pool calls it OFFLINE after 2 min, then PoolWatch alerts`);
      later(RIG_DOWN_MS, () => {
        sims.sbi.startWorker(DEMO_SUBACCOUNT, rig);
        down = null;
        say(`demo: ${rig} (${DEMO_SUBACCOUNT}) is back`);
      });
    }
    later(RIG_CYCLE_MS, () => rigCycle(index + 1));
  };
  later(RIG_STOP_AFTER_MS, () => rigCycle(0));

  let churn = 0;
  const churnStep = (): void => {
    churn += 1;
    if (churn % 5 === 0) sims.sbi.advancePayouts();
    const users = sims.webminepool.userNames();
    const user = users[churn % Math.max(1, users.length)];
    if (user !== undefined && churn % 3 === 0) sims.webminepool.stopUser(user);
    if (user !== undefined && churn % 3 === 1) sims.webminepool.startUser(user);
    later(CHURN_EVERY_MS, churnStep);
  };
  later(CHURN_EVERY_MS, churnStep);

  return () => {
    stopped = true;
    for (const handle of timers) clock.clearTimeout(handle);
    timers.clear();
    if (down !== null) sims.sbi.startWorker(DEMO_SUBACCOUNT, down);
  };
}
