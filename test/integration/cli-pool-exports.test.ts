import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../main/cli/cli';
import { csvRecords } from '../support/parse-csv';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startSpiderSim, type SpiderSim } from '../sim/spider';
import { startStratumsphereSim, type StratumsphereSim } from '../sim/stratumsphere';

// `poolwatch export` on a machine where serve and the desktop app never ran: no history.sqlite yet. Payouts and
// earnings (and hashrate, where the pool keeps its own) come from one poll, and stderr says so.

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('poolwatch export with no history yet', () => {
  let sbi: SbiSim;
  let spider: SpiderSim;
  let stratumsphere: StratumsphereSim;

  before(async () => {
    [sbi, spider, stratumsphere] = await Promise.all([
      startSbiSim({ seed: 12, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 6 }] }),
      startSpiderSim({ seed: 12 }),
      startStratumsphereSim({ seed: 12 }),
    ]);
    Object.assign(process.env, {
      PW_POOLX_SBI_KEY: sbi.fullKey.apiKey,
      PW_POOLX_SBI_SECRET: sbi.fullKey.apiSecret,
      PW_POOLX_SPIDER_ACCESS: spider.fullKey.accessKey,
      PW_POOLX_SPIDER_PRIVATE: spider.fullKey.privateKey,
      PW_POOLX_SS: stratumsphere.apiKey,
    });
  });
  after(async () => {
    await Promise.all([sbi.close(), spider.close(), stratumsphere.close()]);
  });

  const sbiAccount = () => ({ id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sbi.url, credentials: { apiKey: { env: 'PW_POOLX_SBI_KEY' }, apiSecret: { env: 'PW_POOLX_SBI_SECRET' } } });
  const spiderAccount = () => ({ id: 'spider', pool: 'spider', label: 'Spider', baseUrl: spider.url, credentials: { accessKey: { env: 'PW_POOLX_SPIDER_ACCESS' }, privateKey: { env: 'PW_POOLX_SPIDER_PRIVATE' } } });
  const ssAccount = () => ({ id: 'ss', pool: 'stratumsphere', label: 'SS', baseUrl: stratumsphere.url, credentials: { apiKey: { env: 'PW_POOLX_SS' } } });
  const brokenAccount = () => ({ id: 'broken', pool: 'sbi', label: 'Broken', baseUrl: sbi.url, credentials: { apiKey: { env: 'PW_POOLX_UNSET' }, apiSecret: { env: 'PW_POOLX_UNSET' } } });

  /** A config in a folder of its own, so no history.sqlite is beside it. */
  async function freshConfig(accounts: unknown[]): Promise<string> {
    const file = join(await mkdtemp(join(tmpdir(), 'pw-cli-poolx-')), 'config.json');
    await writeFile(file, JSON.stringify({ accounts }));
    return file;
  }

  it('export payouts prints the payouts the pools report, saying on stderr that they come from the pool', async () => {
    const file = await freshConfig([sbiAccount(), spiderAccount()]);
    const polled = captureIo();
    assert.equal(await runCli(['poll', '--config', file, '--json'], polled.io), 0, polled.err.join('\n'));
    const snapshot = JSON.parse(polled.out.join('\n')) as { accounts: Array<{ id: string; payouts: Array<{ id: string }> }> };
    const reported = snapshot.accounts.flatMap((account) => account.payouts.map((payout) => `${account.id}/${payout.id}`));
    assert.ok(reported.length > 10, 'the simulators report payouts');

    const { io, out, err } = captureIo();
    assert.equal(await runCli(['export', 'payouts', '--config', file], io), 0, err.join('\n'));
    assert.match(err.join('\n'), /no history at .*history\.sqlite yet.*straight from the pool/);
    const rows = csvRecords(out.join('\n'));
    assert.deepEqual(rows.map((row) => `${row.account_id}/${row.payout_id}`).sort(), [...reported].sort());
    assert.ok(rows.every((row) => Number(row.amount) > 0 && (row.unit === 'coin' || row.unit === 'base-unit')));
  });

  it('export earnings prints the finished days the pool reports; --account reads only that one', async () => {
    const file = await freshConfig([sbiAccount(), spiderAccount()]);
    const { io, out, err } = captureIo();
    assert.equal(await runCli(['export', 'earnings', '--config', file, '--account', 'spider'], io), 0, err.join('\n'));
    assert.match(err.join('\n'), /straight from the pool/);
    const rows = csvRecords(out.join('\n'));
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(rows.length > 0, 'Spider reports daily earnings');
    assert.ok(rows.every((row) => row.account_id === 'spider' && /^\d{4}-\d{2}-\d{2}$/.test(row.day!) && row.day! < today && Number.isFinite(Number(row.amount))));

    const emptyData = await mkdtemp(join(tmpdir(), 'pw-cli-poolx-data-'));
    const viaData = captureIo();
    assert.equal(await runCli(['export', 'earnings', '--config', file, '--account', 'spider', '--data', emptyData], viaData.io), 0, viaData.err.join('\n'));
    assert.match(viaData.err.join('\n'), new RegExp(`no history at ${emptyData}.*straight from the pool`));
    assert.deepEqual(csvRecords(viaData.out.join('\n')), rows, 'a --data folder without history.sqlite reads the pool the same way');
  });

  it('an account that could not be read is named and the export exits 2, the others still printed', async () => {
    const file = await freshConfig([sbiAccount(), brokenAccount()]);
    const { io, out, err } = captureIo();
    assert.equal(await runCli(['export', 'payouts', '--config', file], io), 2);
    assert.match(err.join('\n'), /account broken could not be read \(error\): .*PW_POOLX_UNSET/);
    const rows = csvRecords(out.join('\n'));
    assert.ok(rows.length > 0 && rows.every((row) => row.account_id === 'farm'));
  });

  it('export hashrate uses the pool\'s own history where it keeps one, and refuses where none does', async () => {
    const withHistory = await freshConfig([spiderAccount(), ssAccount()]);
    const read = captureIo();
    assert.equal(await runCli(['export', 'hashrate', '--config', withHistory], read.io), 0, read.err.join('\n'));
    assert.match(read.err.join('\n'), /straight from the pool/);
    assert.match(read.err.join('\n'), /account ss .*keeps no hashrate history/);
    const rows = csvRecords(read.out.join('\n'));
    assert.ok(rows.length > 0 && rows.every((row) => row.account_id === 'spider' && Number(row.hashrate_hps) >= 0));

    const without = await freshConfig([ssAccount()]);
    const refused = captureIo();
    assert.equal(await runCli(['export', 'hashrate', '--config', without], refused.io), 1);
    assert.match(refused.err.join('\n'), /There is no history at .*history\.sqlite/);
    assert.deepEqual(refused.out, [], 'nothing printed');
  });

  it('a history file that cannot be read is still refused, not replaced by the pool', async () => {
    const file = await freshConfig([sbiAccount()]);
    await writeFile(join(file, '..', 'history.sqlite'), 'not a database');
    const { io, out, err } = captureIo();
    assert.equal(await runCli(['export', 'payouts', '--config', file], io), 1);
    assert.match(err.join('\n'), /cannot be read/);
    assert.deepEqual(out, []);
  });
});
