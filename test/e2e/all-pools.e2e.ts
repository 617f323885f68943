import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { startSbiSim } from '../sim/sbi';
import { startSpiderSim } from '../sim/spider';
import { startStratumsphereSim } from '../sim/stratumsphere';
import { startWebMinePoolSim } from '../sim/webminepool';
import { startServe } from './headless-support';

interface PoolCase {
  pool: string;
  mode: string;
  label: string;
  id: string;
  url: string;
  fields: Record<string, string>;
  /** Values that must never reach the page or the settings file. */
  secrets: string[];
}

async function addAccount(page: Page, account: PoolCase): Promise<void> {
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Pool').selectOption(account.pool);
  await page.getByLabel('Connection').selectOption(account.mode);
  await page.getByLabel('Label').fill(account.label);
  await page.getByLabel('Base URL').fill(account.url);
  for (const [label, value] of Object.entries(account.fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId(`account-config-${account.id}`)).toBeVisible();
}

// One account of each pool, added through the UI of `poolwatch serve` in Chromium, each against its simulator.
test('adds one account of every pool through the UI and shows them all polled', async ({ page }) => {
  const [sbi, spider, webminepool, stratumsphere] = await Promise.all([
    startSbiSim({ seed: 101, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 12 }] }),
    startSpiderSim({ seed: 101 }),
    startWebMinePoolSim({ seed: 101 }),
    startStratumsphereSim({ seed: 101 }),
  ]);
  const serve = await startServe();
  try {
    const accounts: PoolCase[] = [
      {
        pool: 'sbi', mode: 'api-key', label: 'SBI farm', id: 'sbi-farm', url: sbi.url,
        fields: { 'API key': sbi.fullKey.apiKey, 'API secret': sbi.fullKey.apiSecret },
        secrets: [sbi.fullKey.apiSecret],
      },
      {
        pool: 'spider', mode: 'signed', label: 'Spider farm', id: 'spider-farm', url: spider.url,
        fields: { 'Access key': spider.fullKey.accessKey, 'Private key': spider.fullKey.privateKey },
        secrets: [spider.fullKey.privateKey, spider.fullKey.accessKey],
      },
      {
        pool: 'webminepool', mode: 'secret', label: 'Web site', id: 'web-site', url: webminepool.url,
        fields: { 'Secret key': webminepool.secretKey },
        secrets: [webminepool.secretKey],
      },
      {
        pool: 'stratumsphere', mode: 'api-key', label: 'Rentals', id: 'rentals', url: stratumsphere.url,
        fields: { 'API key': stratumsphere.apiKey },
        secrets: [stratumsphere.apiKey],
      },
    ];
    await page.goto(serve.url);
    for (const account of accounts) await addAccount(page, account);

    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    for (const account of accounts) {
      await expect(page.getByTestId(`account-status-${account.id}`)).toHaveAttribute('data-status', 'ok');
    }
    // Stratumsphere shows its own 1024-based units; each pool uses its own words for workers.
    await expect(page.getByTestId('account-card-rentals')).toContainText('rentals');
    await expect(page.getByTestId('account-card-web-site')).toContainText('users');
    // Pool-specific views: Stratumsphere schedulers with type, algorithm and location; Spider subaccounts one per
    // coin with payout addresses; WebMinePool sites with the value of hashes in satoshi.
    const rentals = page.getByTestId('account-card-rentals');
    for (const text of ['Schedulers', 'Type', 'Algorithm', 'Location', 'SHA256']) await expect(rentals).toContainText(text);
    const spiderCard = page.getByTestId('account-card-spider-farm');
    for (const text of ['Subaccounts', 'one per coin', 'Payout address', '(LTC)']) await expect(spiderCard).toContainText(text);
    const site = page.getByTestId('account-card-web-site');
    for (const text of ['Sites', 'Satoshi per', 'WMC', 'HASHES']) await expect(site).toContainText(text);
    // Rentals are what a Stratumsphere miner watches: their connections and stability are columns of the list.
    await rentals.getByRole('link', { name: 'Open rental list' }).click();
    await expect(page.getByRole('columnheader', { name: /Connections/i })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: /Stable/i })).toBeVisible();
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.screenshot({ path: test.info().outputPath('all-pools-overview.png'), fullPage: true });

    const settings = await readFile(serve.configFile, 'utf8');
    const pageText = await page.content();
    for (const secret of accounts.flatMap((account) => account.secrets)) {
      expect(settings).not.toContain(secret);
      expect(pageText).not.toContain(secret);
    }
    for (const line of serve.output) for (const secret of accounts.flatMap((account) => account.secrets)) expect(line).not.toContain(secret);

    // The snapshot API covers every pool with the same fields, hashrates in H/s.
    const response = await page.request.get(`http://127.0.0.1:${serve.port}/api/snapshot`, { headers: { Authorization: `Bearer ${serve.token}` } });
    const snapshot = (await response.json()) as { accounts: Array<{ pool: string; status: string; workers: { total: number } }> };
    expect(snapshot.accounts.map((account) => account.pool).sort()).toEqual(['sbi', 'spider', 'stratumsphere', 'webminepool']);
    for (const account of snapshot.accounts) {
      expect(account.status).toBe('ok');
      expect(account.workers.total).toBeGreaterThan(0);
    }
  } finally {
    await serve.stop();
    await Promise.all([sbi.close(), spider.close(), webminepool.close(), stratumsphere.close()]);
  }
});
