// Whole coins with the pool's own figure beside them, through the history database and the CSV export;
// and the rows an earlier PoolWatch stored in SBI base units, converted once when the database is opened.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { buildExport } from '../../../main/history/export-csv';
import { openHistoryStores } from '../../../main/store/history-stores';
import { MIGRATIONS } from '../../../main/store/migrations';
import { parseCsv } from '../../support/parse-csv';
import { DAY, MINUTE, T0, fleet, iso, pollOf, tempDbFile } from '../../support/sample-fixtures';

const YESTERDAY = iso(T0 - DAY).slice(0, 10);

/** CSV rows as objects keyed by the header. */
function csvRecords(csv: string): Array<Record<string, string>> {
  const [header = [], ...rows] = parseCsv(csv).filter((row) => row.some((field) => field !== ''));
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/** A database as PoolWatch with schema 2 left it: SBI revenue and v1 payouts in base units, a Spider day in coins. */
function versionTwoDatabase(file: string): void {
  const db = new Database(file);
  db.exec(MIGRATIONS[0]!);
  db.exec(MIGRATIONS[1]!);
  db.pragma('user_version = 2');
  db.prepare("INSERT INTO hist_account (id, account_key, label) VALUES (1, 'sbi-farm', 'SBI farm'), (2, 'spider', 'Spider')").run();
  const earning = db.prepare('INSERT INTO earning_day (account_id, day, coin, group_name, amount, unit, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)');
  earning.run(1, YESTERDAY, 'BTC', 'rigs', 448685, 'base-unit', T0);
  earning.run(1, YESTERDAY, 'ETH', 'eth1', 301979, 'base-unit', T0);
  earning.run(2, YESTERDAY, 'BTC', 'main (BTC)', 0.001, 'coin', T0);
  db.prepare(
    `INSERT INTO payout (account_id, payout_id, at_ms, first_seen_ms, coin, amount, unit, status, tx_id, group_name, updated_ms)
     VALUES (1, 'v1-earning', ?, ?, 'BSV', 1208, 'base-unit', 'confirmed', NULL, 'usonly', ?)`,
  ).run(T0 - DAY, T0 - DAY, T0);
  db.close();
}

describe('earnings in whole coins with the raw figure kept', () => {
  it('converts the Bitcoin family\'s stored satoshi once at open, keeping the raw figure; other units stay', async () => {
    const file = await tempDbFile();
    versionTwoDatabase(file);
    const stores = openHistoryStores(file);
    try {
      const { days, payouts } = stores.samples.earnings(undefined, T0 - 2 * DAY, T0 + DAY);
      assert.deepEqual(
        days.map((row) => [row.accountId, row.coin, row.amount, row.unit, row.rawAmount, row.rawUnit, row.estimate]),
        [
          ['sbi-farm', 'BTC', 0.00448685, 'coin', 448685, 'satoshi', true],
          ['sbi-farm', 'ETH', 301979, 'base-unit', null, null, true],
          ['spider', 'BTC', 0.001, 'coin', null, null, false],
        ],
      );
      assert.deepEqual(
        payouts.map((row) => [row.id, row.coin, row.amount, row.unit, row.rawAmount, row.rawUnit]),
        [['v1-earning', 'BSV', 0.00001208, 'coin', 1208, 'satoshi']],
      );
    } finally {
      stores.close();
    }
  });

  it('records converted amounts with their raw figure and the estimate flag, and exports both beside each other', async () => {
    const stores = openHistoryStores(await tempDbFile());
    try {
      stores.samples.recordPoll(
        pollOf('farm', T0 + MINUTE, fleet('rigs', 2, 1e12), {
          revenue: [
            { day: YESTERDAY, coin: 'BTC', amount: 0.00448685, unit: 'coin', raw: { amount: 448685, unit: 'satoshi' }, group: 'rigs', estimate: true },
            { day: iso(T0).slice(0, 10), coin: 'BTC', amount: 0.001, unit: 'coin', group: 'rigs', estimate: true },
          ],
          payouts: [
            { id: 'p1', coin: 'BTC', amount: 0.01, unit: 'coin', raw: { amount: 1e6, unit: 'satoshi' }, status: 'confirmed', txId: 'tx', at: iso(T0 - DAY), group: 'rigs' },
          ],
        }),
      );
      const sources = { store: stores.samples, summaries: () => [], workersOf: () => [] };
      const earnings = csvRecords(buildExport(sources, { kind: 'earnings', scope: {}, fromMs: T0 - 2 * DAY, toMs: T0 + DAY }, T0).csv);
      // Today's estimate is not a day's earnings yet: only yesterday is recorded.
      assert.deepEqual(earnings, [
        { day: YESTERDAY, account_id: 'farm', coin: 'BTC', amount: '0.00448685', unit: 'coin', raw_amount: '448685', raw_unit: 'satoshi', estimate: 'yes' },
      ]);
      const payouts = csvRecords(buildExport(sources, { kind: 'payouts', scope: {}, fromMs: T0 - 2 * DAY, toMs: T0 + DAY }, T0).csv);
      assert.deepEqual(
        payouts.map((row) => [row.payout_id, row.amount, row.unit, row.raw_amount, row.raw_unit]),
        [['p1', '0.01', 'coin', '1000000', 'satoshi']],
      );
    } finally {
      stores.close();
    }
  });
});
