import { expect, test } from '@playwright/test';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startServe, type RunningServe } from './headless-support';

// A rig the pool reports online while it hashes nothing becomes "not hashing" after the set minutes (1 here, the
// shortest): the Overview card counts it and the Workers screen's own filter lists it.

test.describe('online, not hashing', () => {
  let sim: SbiSim;
  let serve: RunningServe;

  test.afterEach(async () => {
    await serve?.stop();
    await sim?.close();
  });

  test('the card counts the idle rig and the Workers filter "Online, not hashing" shows it alone', async ({ page }) => {
    test.setTimeout(180_000);
    sim = await startSbiSim({ seed: 5, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 8, deadShare: 0, offlineShare: 0 }] });
    const idle = sim.workerNames('rigs')[3]!;
    sim.setWorkerIdle('rigs', idle, true);
    serve = await startServe(
      {
        settings: { notHashingAfterMin: 1 },
        accounts: [
          {
            id: 'farm',
            pool: 'sbi',
            label: 'Farm',
            baseUrl: sim.url,
            pollIntervalSec: 10,
            credentials: { apiKey: { env: 'PW_E2E_KEY' }, apiSecret: { env: 'PW_E2E_SECRET' } },
          },
        ],
      },
      { PW_E2E_KEY: sim.fullKey.apiKey, PW_E2E_SECRET: sim.fullKey.apiSecret },
    );
    await page.goto(serve.url);
    // The card's line and its group's row each count it; so do the totals.
    const counts = page.getByTestId('account-card-farm').locator('[data-state="not-hashing"]');
    await expect(counts).toHaveText(['0 not hashing', '0 not hashing'], { timeout: 30_000 });
    await expect(page.getByTestId('total-not-hashing')).toHaveText('0');
    await expect(counts).toHaveText(['1 not hashing', '1 not hashing'], { timeout: 120_000 });
    await expect(page.getByTestId('total-not-hashing')).toHaveText('1');

    await page.getByRole('link', { name: 'Workers', exact: true }).click();
    await page.getByLabel('State').selectOption('not-hashing');
    await expect(page).toHaveURL(/state=not-hashing/);
    const rows = page.getByTestId('worker-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-worker', idle);
    await expect(rows.first()).toHaveAttribute('data-state', 'online');
    await expect(rows.first().locator('.state-pill')).toHaveText('not hashing');
  });
});
