import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { startSbiSim } from '../sim/sbi';
import { csvRecords } from '../support/parse-csv';
import { startServe } from './headless-support';

const CLI = join(__dirname, '..', '..', 'dist', 'main', 'cli.js');

async function pointsOf(chart: Locator): Promise<number> {
  return Number(await chart.getAttribute('data-points'));
}

test('charts render history from the simulator, ranges switch, and the CSV export matches the history', async ({ page }) => {
  const sim = await startSbiSim({
    seed: 606,
    subaccounts: [
      { name: 'rigs', coin: 'BTC', workers: 15, deadShare: 0, offlineShare: 0 },
      { name: 'backup', coin: 'BTC', workers: 5, deadShare: 0, offlineShare: 0 },
    ],
  });
  const observer = sim.observerKeys.find((key) => key.subaccount === 'backup')!;
  const env = { PW_E2E_CH_KEY: sim.fullKey.apiKey, PW_E2E_CH_SECRET: sim.fullKey.apiSecret, PW_E2E_CH_OBS: observer.key };
  const serve = await startServe(
    {
      accounts: [
        { id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, pollIntervalSec: 10, credentials: { apiKey: { env: 'PW_E2E_CH_KEY' }, apiSecret: { env: 'PW_E2E_CH_SECRET' } } },
        // The observer reads the pool's last day of hourly hashrate: the charts are not empty on first run.
        { id: 'watch', pool: 'sbi', label: 'Backup watch', baseUrl: sim.url, pollIntervalSec: 10, credentials: { observerKey: { env: 'PW_E2E_CH_OBS' } } },
      ],
    },
    env,
  );
  // What each poll of "farm" saw, read independently of the history: the snapshot API's time and hashrate of the
  // latest poll, sampled more often than the account polls.
  const seen = new Map<string, number>();
  const sampler = setInterval(() => {
    void fetch(`http://127.0.0.1:${serve.port}/api/snapshot`, { headers: { Authorization: `Bearer ${serve.token}` } })
      .then((response) => response.json() as Promise<{ accounts: Array<{ id: string; lastGoodAt: string | null; hashrate: { h10m: number | null } }> }>)
      .then(({ accounts }) => {
        const farm = accounts.find((account) => account.id === 'farm');
        if (farm?.lastGoodAt && farm.hashrate.h10m !== null) seen.set(farm.lastGoodAt, farm.hashrate.h10m);
      })
      .catch(() => undefined);
  }, 500);
  try {
    await page.goto(serve.url);
    await expect(page.getByTestId('account-status-farm')).toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('account-status-watch')).toHaveAttribute('data-status', 'ok');

    await page.getByRole('link', { name: 'Charts', exact: true }).click();
    const hashrate = page.getByTestId('chart-hashrate');
    const states = page.getByTestId('chart-worker-states');

    // 24 h (the default) over the fleet: only the observer has backfilled hours, so the total starts where both
    // accounts have data (our first polls), and the chart says so instead of drawing one account alone.
    await expect(hashrate).toHaveAttribute('data-status', 'ready');
    await expect(hashrate).toHaveAttribute('data-range', '24h');
    await expect.poll(() => pointsOf(hashrate)).toBeGreaterThan(0);
    await expect(hashrate.getByTestId('history-start')).toHaveText(/recording since \d{2}:\d{2}/);
    await expect(hashrate.locator('svg.recharts-surface')).toBeVisible();

    // The observer's own chart keeps the pool's backfilled hours.
    await page.locator('#charts-account').selectOption('watch');
    await expect(hashrate).toHaveAttribute('data-status', 'ready');
    await expect.poll(() => pointsOf(hashrate)).toBeGreaterThan(10);

    // Drag across the plot to zoom in; "Reset zoom" goes back to the range.
    const plot = await hashrate.locator('svg.recharts-surface').boundingBox();
    if (plot === null) throw new Error('the hashrate plot has no box');
    await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height / 2);
    await page.mouse.down();
    await page.mouse.move(plot.x + plot.width * 0.5, plot.y + plot.height / 2, { steps: 8 });
    await page.mouse.move(plot.x + plot.width * 0.7, plot.y + plot.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect(hashrate).toHaveAttribute('data-zoomed', 'true');
    await expect(hashrate).toHaveAttribute('data-status', 'ready');
    await page.getByTestId('reset-zoom').click();
    await expect(hashrate).toHaveAttribute('data-zoomed', 'false');

    await page.getByTestId('range-7d').click();
    await expect(hashrate).toHaveAttribute('data-range', '7d');
    await expect(hashrate).toHaveAttribute('data-status', 'ready');
    await expect(hashrate).toHaveAttribute('data-resolution', 'hour');
    await expect.poll(() => pointsOf(hashrate)).toBeGreaterThan(10);

    for (const [range, resolution] of [['30d', 'hour'], ['1y', 'day']] as const) {
      await page.getByTestId(`range-${range}`).click();
      await expect(hashrate).toHaveAttribute('data-range', range);
      await expect(hashrate).toHaveAttribute('data-status', 'ready');
      await expect(hashrate).toHaveAttribute('data-resolution', resolution);
      await expect.poll(() => pointsOf(hashrate)).toBeGreaterThan(0);
    }

    await page.getByTestId('range-1h').click();
    await expect(hashrate).toHaveAttribute('data-range', '1h');
    await expect(hashrate).toHaveAttribute('data-status', 'ready');
    await expect(states).toHaveAttribute('data-range', '1h');
    await expect.poll(() => pointsOf(states)).toBeGreaterThan(0);
    // The label names what the points are (our polls, with any backfilled hour among them), not "hourly figures".
    await expect(hashrate.locator('.chart-heading p')).toHaveText(/^poll samples[ ;]/);

    // One account, from its own polls only: raw samples.
    await page.locator('#charts-account').selectOption('farm');
    await expect(hashrate).toHaveAttribute('data-resolution', 'raw');
    await expect.poll(async () => {
      await page.getByTestId('range-24h').click();
      await page.getByTestId('range-1h').click();
      return pointsOf(hashrate);
    }, { timeout: 45_000 }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: test.info().outputPath('charts.png'), fullPage: true });

    await expect.poll(() => seen.size, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-hashrate').click()]);
    expect(download.suggestedFilename()).toMatch(/^poolwatch-hashrate-farm-\d{4}-\d{2}-\d{2}\.csv$/);
    const downloaded = await readFile(await download.path(), 'utf8');
    expect(downloaded.startsWith('\uFEFFtime,account_id,group,worker,hashrate_hps,resolution\r\n')).toBe(true);
    const exported = csvRecords(downloaded);
    expect(exported.length).toBeGreaterThanOrEqual(2);
    expect(new Set(exported.map((row) => row.account_id))).toEqual(new Set(['farm']));

    // Each exported row is what that poll saw, as the snapshot API reported it at the time.
    const matched = exported.filter((row) => seen.has(row.time!));
    expect(matched.length, `polls sampled: ${[...seen.keys()].join(', ')}`).toBeGreaterThanOrEqual(2);
    for (const row of matched) expect(Number(row.hashrate_hps), `row at ${row.time}`).toBe(Math.round(seen.get(row.time!)!));
    const [first, last] = [exported[0]!.time!, exported.at(-1)!.time!];
    const sampledInside = [...seen.keys()].filter((at) => at >= first && at <= last);
    expect(sampledInside.filter((at) => !exported.some((row) => row.time === at)), 'polls missing from the export').toEqual([]);

    // The same history read by the CLI from the database file `serve` writes: every exported row is in it.
    const from = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const cliCsv = execFileSync(process.execPath, [CLI, 'export', 'hashrate', '--config', serve.configFile, '--account', 'farm', '--from', from], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    const stored = new Map(csvRecords(cliCsv).map((row) => [row.time, row.hashrate_hps]));
    for (const row of exported) expect(stored.get(row.time), `row at ${row.time}`).toBe(row.hashrate_hps);

    // A worker recorded for minutes only: on 24 h its chart starts where its history does and says since when.
    await page.getByTestId('range-24h').click();
    await page.locator('#charts-group').selectOption('rigs');
    const workerName = await page.locator('datalist option').first().getAttribute('value');
    if (workerName === null) throw new Error('no worker to pick');
    await page.locator('#charts-worker').fill(workerName);
    await page.locator('#charts-worker').press('Enter');
    await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('worker')).toBe(workerName);
    await expect(hashrate).toHaveAttribute('data-status', 'ready');
    await expect.poll(() => pointsOf(hashrate)).toBeGreaterThan(0);
    await expect(hashrate.getByTestId('history-start')).toHaveText(/recording since \d{2}:\d{2}/);
  } finally {
    clearInterval(sampler);
    await serve.stop();
    await sim.close();
  }
});
