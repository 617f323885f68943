import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvFilename, exportRequest } from '../../../renderer/features/charts/csv-export';
import { ExportRequestSchema } from '../../../shared/contract/history-schemas';
import { FLEET_SCOPE } from '../../../renderer/state/route';

const WINDOW = { fromMs: Date.parse('2025-03-01T00:00:00.000Z'), toMs: Date.parse('2025-03-02T00:00:00.000Z') };
const NOW = Date.parse('2025-03-02T10:00:00.000Z');

describe('export requests', () => {
  it('asks for the scope on screen, and for the window except for the current workers', () => {
    const scope = { accountId: 'acc-1', group: 'rack-a', worker: 'rig-1' };
    const where = { accountId: 'acc-1', group: 'rack-a', worker: 'rig-1' };
    const window = { from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T00:00:00.000Z' };
    assert.deepEqual(exportRequest('workers', scope, WINDOW), { kind: 'workers', ...where });
    assert.deepEqual(exportRequest('payouts', scope, WINDOW), { kind: 'payouts', ...where, ...window });
    assert.deepEqual(exportRequest('hashrate', scope, WINDOW), { kind: 'hashrate', ...where, ...window });
    assert.deepEqual(exportRequest('earnings', { accountId: 'acc-1', group: null, worker: null }, WINDOW), { kind: 'earnings', accountId: 'acc-1', ...window });
    assert.deepEqual(exportRequest('workers', FLEET_SCOPE, WINDOW), { kind: 'workers' });
    for (const kind of ['workers', 'hashrate', 'payouts', 'earnings'] as const) {
      assert.equal(ExportRequestSchema.safeParse(exportRequest(kind, FLEET_SCOPE, WINDOW)).success, true);
      assert.equal(ExportRequestSchema.safeParse(exportRequest(kind, scope, WINDOW)).success, true);
    }
  });

  it('refuses a group without its account', () => {
    assert.equal(ExportRequestSchema.safeParse({ kind: 'hashrate', group: 'rack-a' }).success, false);
  });
});

describe('CSV file names', () => {
  it('keeps a safe name from the engine', () => {
    assert.equal(csvFilename('poolwatch-workers-acc-1-2025-03-02.csv', 'workers', 'acc-1', NOW), 'poolwatch-workers-acc-1-2025-03-02.csv');
    assert.equal(csvFilename('hashrate', 'hashrate', null, NOW), 'hashrate.csv');
  });

  it('drops paths and characters no file system takes', () => {
    assert.equal(csvFilename('../../etc/pass wd.csv', 'workers', null, NOW), 'pass-wd.csv');
    assert.equal(csvFilename('C:\\temp\\a:b*c?.CSV', 'workers', null, NOW), 'a-b-c.csv');
  });

  it('falls back to poolwatch-<kind>-<account>-<day>.csv', () => {
    assert.equal(csvFilename('', 'payouts', 'my acct/1', NOW), 'poolwatch-payouts-my-acct-1-2025-03-02.csv');
    assert.equal(csvFilename('...', 'hashrate', null, NOW), 'poolwatch-hashrate-all-2025-03-02.csv');
    assert.equal(csvFilename('.csv', 'workers', null, NOW), 'poolwatch-workers-all-2025-03-02.csv');
  });
});
