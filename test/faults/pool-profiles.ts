// What the fault suite needs to know about each pool: where a figure sits in its answers (to break it) and how to
// change its worker list between two pages of one poll.
import type { SbiSim } from '../sim/sbi';
import type { SpiderSim } from '../sim/spider';
import type { StratumsphereSim } from '../sim/stratumsphere';
import type { WmpSim } from '../sim/webminepool';
import type { PoolHarness, PoolId } from '../support/pool-harness';

export interface NumberPatch {
  pathPrefix: string;
  /** A regular expression whose first group is kept; the rest of the match becomes the impossible literal. */
  pattern: string;
  /** What the pool sends: JSON literal 1e309 (Infinity when parsed), a string "1e309", or a finite absurd number. */
  literals: string[];
}

/** Workers that must be listed, and workers that must be gone, once the poll after the change is done. */
export interface ListChange {
  added: string[];
  removed: string[];
}

export interface PoolProfile {
  /** A hashrate-like figure of every worker in the answer that lists workers. */
  workerFigure: NumberPatch;
  /** Arranges for workers to be added and removed while the poll pages through the list (at its second request). */
  changeWhilePaging(harness: PoolHarness): ListChange;
  /** Revokes (or resets) the account's key at the pool, which answers 401 from then on. */
  revokeKey(harness: PoolHarness): void;
}

/** Runs `change` once, when the listing endpoint is asked for the second time in a poll. */
function onSecondRequest(harness: PoolHarness, pathPrefix: string, change: () => void): void {
  let calls = 0;
  harness.sim.faults.add({
    pathPrefix,
    remaining: 2,
    fault: {
      kind: 'hook',
      run: () => {
        calls += 1;
        if (calls === 2) change();
      },
    },
  });
}

const sbi: PoolProfile = {
  workerFigure: { pathPrefix: '/api/external/v1/workers', pattern: '("hashrates":\\[)[^,\\]]+', literals: ['1e309', '"1e309"', '1e308', '-1e309'] },
  changeWhilePaging(harness) {
    const sim = harness.sim as unknown as SbiSim;
    const names = sim.workerNames('rigs');
    // Names sorting first shift every later page: the next page repeats workers the last one had.
    const added = ['aaa-new-1', 'aaa-new-2', 'aaa-new-3'];
    const removed = [names[names.length - 1]!, names[names.length - 2]!];
    onSecondRequest(harness, '/api/external/v1/workers', () => {
      for (const name of added) sim.addWorker('rigs', name);
      for (const name of removed) sim.removeWorker('rigs', name);
    });
    return { added, removed };
  },
  revokeKey(harness) {
    const sim = harness.sim as unknown as SbiSim;
    sim.revokeKey(sim.fullKey.apiKey);
  },
};

const spider: PoolProfile = {
  workerFigure: {
    pathPrefix: '/v2/worker/getSubaccountWorkerDetailInfo',
    pattern: '("realtimeHashrate":)"?[^,}"]*"?',
    // a negative figure means "not reported" to the mapping, so only too-large ones are impossible here
    literals: ['1e309', '"1e309"', '"1e30"', '1e300'],
  },
  changeWhilePaging(harness) {
    const sim = harness.sim as unknown as SpiderSim;
    const names = sim.workerNames('mainfarm', 'btc');
    const added = ['aaa-new-1', 'aaa-new-2'];
    const removed = [names[names.length - 1]!];
    onSecondRequest(harness, '/v2/worker/getSubaccountWorkerDetailInfo', () => {
      for (const name of added) sim.addWorker('mainfarm', 'btc', name);
      for (const name of removed) sim.removeWorker('mainfarm', 'btc', name);
    });
    return { added, removed };
  },
  revokeKey(harness) {
    const sim = harness.sim as unknown as SpiderSim;
    sim.revokeKey(sim.fullKey.accessKey);
  },
};

const stratumsphere: PoolProfile = {
  workerFigure: { pathPrefix: '/v1/scheduler-rental/', pattern: '("hashrate":)[^,}]+', literals: ['1e309', '"1e309"', '1e30', '"1e300"'] },
  changeWhilePaging(harness) {
    const sim = harness.sim as unknown as StratumsphereSim;
    const [first] = sim.state();
    const gone = first!.rentals[first!.rentals.length - 1]!;
    // After the scheduler list, while the rentals are read one by one: one rental is deleted, one is new.
    onSecondRequest(harness, '/v1/', () => {
      sim.removeRental(gone.id);
      sim.addRental(first!.id, 'late-rental');
    });
    return { added: ['late-rental'], removed: [gone.title] };
  },
  revokeKey(harness) {
    (harness.sim as unknown as StratumsphereSim).resetKey();
  },
};

const webminepool: PoolProfile = {
  workerFigure: { pathPrefix: '/users', pattern: '("hashes":)[^,}]+', literals: ['1e309', '"1e309"', '1e300', '-1e309'] },
  changeWhilePaging(harness) {
    const sim = harness.sim as unknown as WmpSim;
    // The user list is one answer: the change lands between the balance and the user list of one poll.
    const removed = [sim.userNames()[0]!];
    const added = ['zoe-new'];
    onSecondRequest(harness, '/', () => {
      for (const name of removed) sim.deleteUser(name);
      sim.addUser({ name: added[0]!, hps: 1000 });
    });
    // a user the pool stops listing stays, as dead, for 30 days: nothing is expected gone
    return { added, removed: [] };
  },
  revokeKey(harness) {
    const sim = harness.sim as unknown as WmpSim;
    sim.revokeKey(sim.secretKey);
  },
};

export const POOL_PROFILES: Readonly<Record<PoolId, PoolProfile>> = { sbi, spider, stratumsphere, webminepool };
