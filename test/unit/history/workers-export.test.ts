import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExportRequestSchema } from '../../../shared/contract';
import { buildExport, exportFilename } from '../../../main/history/export-csv';
import type { SampleStore } from '../../../main/store/sample-store';
import { parseCsv } from '../../support/parse-csv';
import { makeSummary, makeWorker } from '../renderer/fixtures';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const accounts = [makeSummary({ id: 'farm', label: 'Farm' }), makeSummary({ id: 'lab', label: 'Lab' })];
const workers: Record<string, ReturnType<typeof makeWorker>[]> = {
  farm: [
    makeWorker({ name: 'rig-01', group: 'rigs', state: 'online' }),
    makeWorker({ name: 'RIG-02', group: 'rigs', state: 'offline' }),
    makeWorker({ name: 'fan-03', group: 'rigs', state: 'offline' }),
  ],
  lab: [makeWorker({ name: 'rig-09', group: 'bench', state: 'offline' })],
};
// Workers exports read the live lists only; the store is never asked.
const sources = { store: {} as SampleStore, summaries: () => accounts, workersOf: (id: string) => workers[id] ?? [] };
const workerNames = (csv: string) => parseCsv(csv).slice(1).filter((row) => row.length > 1).map((row) => row[4]);

describe('the workers export from the Workers screen', () => {
  it('holds the rows the table shows: the same state and name filters, over one account or all', () => {
    const all = buildExport(sources, { kind: 'workers', scope: {}, filter: { state: 'offline', name: ' rig' }, fromMs: 0, toMs: NOW }, NOW);
    assert.deepEqual(workerNames(all.csv), ['RIG-02', 'rig-09']);
    assert.equal(all.filename, 'poolwatch-workers-all-offline-name-rig-2026-11-21.csv');
    const farm = buildExport(sources, { kind: 'workers', scope: { accountId: 'farm' }, filter: { name: 'RIG' }, fromMs: 0, toMs: NOW }, NOW);
    // In the table's default order, worst first (workers-export-order.test.ts checks every sort).
    assert.deepEqual(workerNames(farm.csv), ['RIG-02', 'rig-01']);
    assert.equal(farm.filename, 'poolwatch-workers-farm-name-RIG-2026-11-21.csv');
  });

  it('names a file after its scope, down to the worker', () => {
    assert.equal(exportFilename('hashrate', { accountId: 'farm', group: 'rigs', worker: 'rig 07/a' }, undefined, NOW), 'poolwatch-hashrate-farm-rigs-rig-07-a-2026-11-21.csv');
    assert.equal(exportFilename('earnings', {}, undefined, NOW), 'poolwatch-earnings-all-2026-11-21.csv');
  });

  it('accepts the filters for the workers export only', () => {
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', state: 'dead', name: 'x' }).success, true);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'hashrate', state: 'dead' }).success, false);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', state: 'sleeping' }).success, false);
  });
});
