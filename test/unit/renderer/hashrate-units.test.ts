import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHashrate } from '../../../shared/units';
import { unitSystemNote, unitSystemOf, unitSystemsByAccount } from '../../../renderer/components/hashrate-units';
import { fleetTotalUnitNote } from '../../../renderer/features/overview/overview-totals';
import { scopeUnitSystem } from '../../../renderer/features/charts/chart-scope';
import { buildWorkerRows } from '../../../renderer/features/workers/worker-rows';
import { workerMapFrom } from '../../../renderer/state/workers-reducers';
import { makeSummary, makeWorker } from './fixtures';

const accounts = [
  makeSummary({ id: 'farm', pool: 'sbi' }),
  makeSummary({ id: 'rentals', pool: 'stratumsphere' }),
  makeSummary({ id: 'site', pool: 'webminepool' }),
];

describe('unit system per row', () => {
  it('picks each row\'s own pool: 1024-based for Stratumsphere, SI for the others', () => {
    const systems = unitSystemsByAccount(accounts);
    const rows = buildWorkerRows([
      { accountId: 'farm', workers: workerMapFrom([makeWorker({ name: 'rig', hashrate: { h10m: 2048, h1h: null, h24h: null } })]) },
      { accountId: 'rentals', workers: workerMapFrom([makeWorker({ name: 'rig', hashrate: { h10m: 2048, h1h: null, h24h: null } })]) },
    ]);
    const shown = rows.map((row) => formatHashrate(row.worker.hashrate.h10m, unitSystemOf(row.accountId, systems)));
    assert.deepEqual(shown, ['2.05 KH/s', '2.00 KH/s']);
  });

  it('uses SI for an account it does not know (yet)', () => {
    assert.equal(unitSystemOf('gone', unitSystemsByAccount(accounts)), 'si');
    assert.equal(unitSystemOf('site', unitSystemsByAccount(accounts)), 'si');
  });

  it('explains 1024-based figures only', () => {
    assert.match(unitSystemNote('binary') ?? '', /1024/);
    assert.equal(unitSystemNote('si'), null);
  });
});

describe('fleet total unit note', () => {
  it('says the total is SI when a Stratumsphere account is present', () => {
    assert.match(fleetTotalUnitNote(accounts) ?? '', /SI units/);
  });

  it('says nothing when every account is SI already', () => {
    assert.equal(fleetTotalUnitNote(accounts.filter((account) => account.pool !== 'stratumsphere')), null);
    assert.equal(fleetTotalUnitNote([]), null);
  });
});

describe('the units setting', () => {
  it('"si" shows Stratumsphere in SI units too, and the fleet total needs no note then', () => {
    const systems = unitSystemsByAccount(accounts, 'si');
    assert.equal(unitSystemOf('rentals', systems), 'si');
    assert.equal(formatHashrate(2048e3, unitSystemOf('rentals', systems)), '2.05 MH/s');
    assert.equal(fleetTotalUnitNote(accounts, 'si'), null);
  });

  it('"pool" (the default) keeps Stratumsphere 1024-based', () => {
    assert.equal(unitSystemOf('rentals', unitSystemsByAccount(accounts, 'pool')), 'binary');
    assert.equal(unitSystemOf('rentals', unitSystemsByAccount(accounts)), 'binary');
    assert.equal(scopeUnitSystem({ accountId: 'rentals', group: null, worker: null }, accounts, 'si'), 'si');
    assert.equal(scopeUnitSystem({ accountId: 'rentals', group: null, worker: null }, accounts), 'binary');
  });
});
