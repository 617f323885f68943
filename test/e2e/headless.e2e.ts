import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startServe, type RunningServe } from './headless-support';

// The whole product in a real browser: `poolwatch serve` (built), the SBI simulator over loopback,
// Debian's Chromium, and a real keychain (npm test runs this under gnome-keyring).
test.describe('headless mode in Chromium', () => {
  let sim: SbiSim;
  let serve: RunningServe;

  test.beforeEach(async () => {
    sim = await startSbiSim({ seed: 77, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 40, deadShare: 0.1 }] });
    serve = await startServe();
  });

  test.afterEach(async () => {
    await serve?.stop();
    await sim?.close().catch(() => undefined);
  });

  test('add an SBI account, see workers, watch one go offline, then see stale data when the pool dies', async ({ page }) => {
    await page.goto(serve.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
    await expect(page.getByText('No accounts yet')).toBeVisible();

    // Add the account through the form: test first, then save (secrets go to the keychain).
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Pool').selectOption('sbi');
    await page.getByLabel('Connection').selectOption('api-key');
    await page.getByLabel('Label').fill('Rig farm');
    await page.getByLabel('Base URL').fill(sim.url);
    await page.getByLabel('Poll interval (s)').fill('10');
    await page.getByLabel('API key', { exact: true }).fill(sim.fullKey.apiKey);
    await page.getByLabel('API secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'false');
    await expect(page.getByTestId('test-result')).toContainText('HTTP 401');
    await page.getByLabel('API secret').fill(sim.fullKey.apiSecret);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('account-config-rig-farm')).toBeVisible();

    // Nothing secret reached the page, its storage, or the settings file.
    const pageText = await page.content();
    // Evaluated in the page, where the DOM's storage exists (this file is typed for Node).
    const storage = String(await page.evaluate('JSON.stringify({ ...sessionStorage, ...localStorage })'));
    const settings = await readFile(serve.configFile, 'utf8');
    for (const where of [pageText, storage, settings]) expect(where).not.toContain(sim.fullKey.apiSecret);
    expect(settings).toContain('"keychain": true');

    // Overview: the account is polled and ok.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect(page.getByTestId('account-status-rig-farm')).toHaveAttribute('data-status', 'ok');

    // Workers: every worker, filterable by name and state.
    await page.getByRole('link', { name: 'Workers', exact: true }).click();
    await page.getByLabel('Account').selectOption('rig-farm');
    await expect(page.getByTestId('worker-count')).toHaveAttribute('data-total', '40');
    const victim = sim.workerNames('rigs').find((name) => !name.startsWith('simulator'))!;
    const victimRow = page.locator(`[data-testid="worker-row"][data-worker="${victim}"]`);
    await page.getByLabel('Filter by name').fill(victim);
    await expect(victimRow).toHaveAttribute('data-state', 'online');

    // The rig stops sending shares; three minutes later (simulator time) the pool calls it OFFLINE.
    sim.stopWorker('rigs', victim);
    sim.advanceClock(3 * 60_000);
    await expect(victimRow).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });

    // The pool goes away: the last good data stays, marked stale.
    await page.screenshot({ path: test.info().outputPath('workers.png') });
    await sim.close();
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect(page.getByTestId('account-status-rig-farm')).toHaveAttribute('data-status', 'unreachable', { timeout: 30_000 });
    await expect(page.getByTestId('account-stale-rig-farm')).toBeVisible();
    await expect(page.getByTestId('account-card-rig-farm')).toContainText('40');
    await page.screenshot({ path: test.info().outputPath('overview-stale.png') });
  });

  test('the worker table stays virtualized with 30,000 workers', async ({ page }) => {
    await serve.stop();
    const big = await startSbiSim({ seed: 78, subaccounts: [{ name: 'big', coin: 'BTC', workers: 30_000, deadShare: 0.5 }] });
    try {
      serve = await startServe(
        {
          accounts: [
            {
              id: 'big',
              pool: 'sbi',
              label: 'Big farm',
              baseUrl: big.url,
              credentials: { apiKey: { env: 'PW_E2E_KEY' }, apiSecret: { env: 'PW_E2E_SECRET' } },
            },
          ],
        },
        { PW_E2E_KEY: big.fullKey.apiKey, PW_E2E_SECRET: big.fullKey.apiSecret },
      );
      await page.goto(serve.url);
      await page.getByRole('link', { name: 'Workers', exact: true }).click();
      await page.getByLabel('Account').selectOption('big');
      await expect(page.getByTestId('worker-count')).toHaveAttribute('data-total', '30000', { timeout: 30_000 });
      const rendered = await page.getByTestId('worker-row').count();
      expect(rendered).toBeGreaterThan(5);
      expect(rendered).toBeLessThan(200);
      await page.getByLabel('State').selectOption('dead');
      const shown = Number(await page.getByTestId('worker-count').getAttribute('data-shown'));
      expect(shown).toBeGreaterThan(10_000);
      expect(shown).toBeLessThan(30_000);
      await page.getByRole('columnheader', { name: /Name/ }).click();
      await expect(page.getByTestId('worker-row').first()).toHaveAttribute('data-state', 'dead');
    } finally {
      await big.close();
    }
  });

  test('the API needs the token and refuses foreign origins', async ({ request }) => {
    const base = `http://127.0.0.1:${serve.port}`;
    expect((await request.get(`${base}/api/snapshot`)).status()).toBe(401);
    const ok = await request.get(`${base}/api/snapshot`, { headers: { Authorization: `Bearer ${serve.token}` } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).schemaVersion).toBe(1);
    expect((await request.get(`${base}/`, { headers: { Origin: 'http://evil.example' } })).status()).toBe(403);
  });
});
