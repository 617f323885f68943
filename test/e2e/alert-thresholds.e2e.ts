import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startSbiSim } from '../sim/sbi';
import { startServe } from './headless-support';

test('edit a rule threshold, the balance threshold and a per-group and per-worker override in the UI, and see them saved', async ({ page }) => {
  const sim = await startSbiSim({ seed: 606, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 4, deadShare: 0, offlineShare: 0 }] });
  const serve = await startServe(
    {
      accounts: [
        {
          id: 'farm',
          pool: 'sbi',
          label: 'Farm',
          baseUrl: sim.url,
          pollIntervalSec: 30,
          credentials: { apiKey: { env: 'PW_E2E_THRESHOLD_KEY' }, apiSecret: { env: 'PW_E2E_THRESHOLD_SECRET' } },
        },
      ],
    },
    { PW_E2E_THRESHOLD_KEY: sim.fullKey.apiKey, PW_E2E_THRESHOLD_SECRET: sim.fullKey.apiSecret },
  );
  try {
    await page.goto(serve.url);
    await expect(page.getByTestId('account-status-farm')).toHaveAttribute('data-status', 'ok');
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('link', { name: 'Rules and quiet hours' }).click();

    const defaults = page.getByTestId('alert-defaults');
    await defaults.getByLabel('Payout stuck after (hours)').fill('12');
    await defaults.getByLabel('Balance thresholds').fill('BTC 0.5, LTC 2');

    // A group override for the account's subaccount (offered from the pool's groups), then a worker inside it.
    const overrides = page.getByTestId('alert-account-overrides');
    await expect(overrides).toHaveAttribute('data-account-id', 'farm');
    await overrides.getByTestId('alert-add-group-override').click();
    const group = overrides.getByTestId('alert-group-override');
    await group.getByLabel('Group name').fill('rigs');
    await group.locator('#alert-group-0-totalHashrateFloorHps').fill('2e14');
    await group.locator('#alert-group-0-payoutStuckHours').fill('0');
    await group.getByRole('button', { name: 'Add worker override' }).click();
    const worker = group.getByTestId('alert-worker-override');
    await worker.getByLabel('Worker name').fill('rig-01');
    await worker.getByLabel('Alerts').selectOption('off');

    // A value out of range is named with its account, group and field, and nothing is saved.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('alert-settings-errors')).toContainText('Farm › group rigs: Payout stuck after (hours): Enter a number above 0');
    await group.locator('#alert-group-0-payoutStuckHours').fill('6');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('alert-settings-saved')).toBeVisible();

    const config = JSON.parse(await readFile(serve.configFile, 'utf8')) as { alerts: Record<string, unknown> & { accounts: Record<string, unknown> } };
    expect(config.alerts.defaults).toMatchObject({ payoutStuckHours: 12, balanceThresholds: { BTC: { amount: 0.5, unit: 'coin' }, LTC: { amount: 2, unit: 'coin' } } });
    expect(config.alerts.accounts.farm).toEqual({
      groups: { rigs: { totalHashrateFloorHps: 2e14, payoutStuckHours: 6, workers: { 'rig-01': { enabled: false } } } },
    });

    // After a reload the screen shows what was saved.
    await page.reload();
    await expect(page.getByTestId('alert-defaults').getByLabel('Payout stuck after (hours)')).toHaveValue('12');
    await expect(page.getByTestId('alert-defaults').getByLabel('Balance thresholds')).toHaveValue('BTC 0.5, LTC 2');
    const saved = page.getByTestId('alert-group-override');
    await expect(saved).toHaveCount(1);
    await saved.locator('summary').click();
    await expect(saved.getByLabel('Group name')).toHaveValue('rigs');
    await expect(saved.locator('#alert-group-0-totalHashrateFloorHps')).toHaveValue('200000000000000');
    await expect(saved.getByTestId('alert-worker-override').getByLabel('Worker name')).toHaveValue('rig-01');
    await page.screenshot({ path: test.info().outputPath('alert-thresholds.png'), fullPage: true });
  } finally {
    await serve.stop();
    await sim.close();
  }
});
