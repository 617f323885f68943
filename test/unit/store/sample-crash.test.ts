import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openHistoryStores, openMemoryHistoryStores } from '../../../main/store/history-stores';
import { CRASH_POLL_MS, CRASH_WORKERS, crashPoll, crashPollAt } from '../../support/crash-polls';
import { DAY, HOUR, T0, tempDbFile } from '../../support/sample-fixtures';

const WRITER = join(__dirname, '..', '..', 'support', 'sample-crash-writer.ts');

/** Runs the writer from poll `start` and SIGKILLs it as soon as it has reported `polls` committed polls. */
async function writeUntilKilled(file: string, start: number, polls: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const committed: number[] = [];
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    committed.push(...lines.map(Number));
    if (committed.length >= polls) child.kill('SIGKILL');
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  assert.equal(signal, 'SIGKILL', `the writer was killed, not ended (${code}): ${stderr}`);
  return committed;
}

/** Poll numbers stored in the database, each with how many worker rows it has. */
function storedPolls(file: string): Map<number, number> {
  const db = new Database(file, { readonly: true });
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const account = db.prepare('SELECT s.id FROM hist_series s JOIN hist_account a ON a.id = s.account_id WHERE s.is_group = 0').pluck().get();
  const times = db.prepare('SELECT at_ms FROM series_sample WHERE series_id = ? ORDER BY at_ms').pluck().all(account) as number[];
  const workerRows = db.prepare('SELECT COUNT(*) FROM worker_sample WHERE at_ms = ?').pluck();
  const polls = new Map(times.map((at) => [(at - T0) / CRASH_POLL_MS, workerRows.get(at) as number]));
  db.close();
  return polls;
}

describe('sample store: a writer killed mid-write', () => {
  it('leaves a sound database holding every poll it reported, each whole, and carries on after each crash', async () => {
    const file = await tempDbFile();
    let next = 0;
    const reported: number[] = [];
    for (const polls of [12, 25, 40]) {
      // The child may have committed one more poll than it could report before the kill: it starts after that.
      reported.push(...(await writeUntilKilled(file, next, polls)));
      const stored = storedPolls(file);
      for (const n of reported) assert.equal(stored.get(n), CRASH_WORKERS, `poll ${n} was reported as committed`);
      assert.ok(stored.size === reported.length || stored.size === reported.length + 1, `${stored.size} polls stored, ${reported.length} reported`);
      for (const [n, rows] of stored) assert.equal(rows, CRASH_WORKERS, `poll ${n} is whole`);
      next = Math.max(...stored.keys()) + 1;
      for (let n = reported.length; n < next; n += 1) reported.push(n);
    }

    // Maintenance picks up wherever a killed pass stopped; the hourly view matches one derived from scratch.
    const stores = openHistoryStores(file);
    const end = crashPollAt(next);
    stores.samples.runMaintenance(end + HOUR);
    // Never rolled up, so every level is derived from the raw rows.
    const scratch = openMemoryHistoryStores();
    const reference = scratch.samples;
    for (let n = 0; n < next; n += 1) reference.recordPoll(crashPoll(n));
    const view = (store: typeof reference) => store.hashrate({ accountId: 'farm' }, end - 3 * DAY, end, 500);
    assert.deepEqual(view(stores.samples), view(reference));
    assert.ok(view(reference).points.length >= 5);
    stores.close();
    scratch.close();
  });
});
