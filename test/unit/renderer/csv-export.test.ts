import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvFilename, exportRequest } from '../../../renderer/features/charts/csv-export';
import { ExportRequestSchema } from '../../../shared/contract/history-schemas';
import { FLEET_SCOPE } from '../../../renderer/state/route';

const WINDOW = { fromMs: Date.parse('2025-03-01T00:00:00.000Z'), toMs: Date.parse('2025-03-02T00:00:00.000Z') };
const NOW = Date.parse('2025-03-02T10:00:00.000Z');

describe('export requests', () => {
  it('asks for the window only for hashrate, and for the scope’s account', () => {
    const scope = { accountId: 'acc-1', group: 'rack-a', worker: 'rig-1' };
    assert.deepEqual(exportRequest('workers', scope, WINDOW), { kind: 'workers', accountId: 'acc-1' });
    assert.deepEqual(exportRequest('payouts', scope, WINDOW), { kind: 'payouts', accountId: 'acc-1' });
    assert.deepEqual(exportRequest('hashrate', scope, WINDOW), {
      kind: 'hashrate',
      accountId: 'acc-1',
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-02T00:00:00.000Z',
    });
    assert.deepEqual(exportRequest('workers', FLEET_SCOPE, WINDOW), { kind: 'workers' });
    for (const kind of ['workers', 'hashrate', 'payouts'] as const) {
      assert.equal(ExportRequestSchema.safeParse(exportRequest(kind, FLEET_SCOPE, WINDOW)).success, true);
    }
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
