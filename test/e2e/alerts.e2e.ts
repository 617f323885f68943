import { expect, test } from '@playwright/test';
import { startSbiSim } from '../sim/sbi';
import { startServe } from './headless-support';

// Records every Notification the page creates, keeping the real one (runs in the page before its scripts).
const RECORD_NOTIFICATIONS = `
  window.__shownNotifications = [];
  const RealNotification = window.Notification;
  window.Notification = class extends RealNotification {
    constructor(title, options) {
      super(title, options);
      window.__shownNotifications.push({ title, body: (options && options.body) || '' });
    }
  };
`;

test('configure a rule in the UI, trigger it with the simulator, see it in history, as a browser notification and as a chart marker', async ({ page, context }) => {
  const sim = await startSbiSim({ seed: 505, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 20, deadShare: 0, offlineShare: 0 }] });
  const serve = await startServe(
    {
      accounts: [
        {
          id: 'farm',
          pool: 'sbi',
          label: 'Farm',
          baseUrl: sim.url,
          pollIntervalSec: 10,
          credentials: { apiKey: { env: 'PW_E2E_ALERT_KEY' }, apiSecret: { env: 'PW_E2E_ALERT_SECRET' } },
        },
      ],
    },
    { PW_E2E_ALERT_KEY: sim.fullKey.apiKey, PW_E2E_ALERT_SECRET: sim.fullKey.apiSecret },
  );
  try {
    await context.grantPermissions(['notifications'], { origin: `http://127.0.0.1:${serve.port}` });
    await page.addInitScript(RECORD_NOTIFICATIONS);
    await page.goto(serve.url);
    await expect(page.getByTestId('account-status-farm')).toHaveAttribute('data-status', 'ok');

    // Alert as soon as a worker is seen offline once (the default waits a minute).
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('link', { name: 'Rules and quiet hours' }).click();
    await page.getByTestId('alert-defaults').getByLabel('Alert after (min)').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('alert-settings-saved')).toBeVisible();

    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    // Permission was granted to this origin above, so the page offers no button and says notifications are on.
    await expect(page.getByTestId('browser-notifications-status')).toHaveAttribute('data-permission', 'granted');

    // Let the engine see every worker online (its baseline), then a rig stops sending shares.
    await page.waitForTimeout(21_000);
    const rig = sim.workerNames('rigs')[3]!;
    sim.stopWorker('rigs', rig);
    sim.advanceClock(3 * 60_000);

    const historyRow = page.locator('[data-testid="alert-history-row"][data-rule="worker-offline"][data-to="firing"]');
    await expect(historyRow).toBeVisible({ timeout: 30_000 });
    await expect(historyRow).toContainText(rig);
    await expect(page.locator('[data-testid="active-alert"][data-rule="worker-offline"]')).toHaveAttribute('data-state', 'firing');
    await expect(page.getByTestId('alerts-badge')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('recent-notification').first()).toBeVisible();
    await expect
      .poll(async () => JSON.stringify(await page.evaluate('window.__shownNotifications')))
      .toContain(rig);
    await page.screenshot({ path: test.info().outputPath('alerts.png'), fullPage: true });

    // The alert is drawn as a marker on the account's hashrate chart, with its message beside it.
    await page.getByRole('link', { name: 'Charts', exact: true }).click();
    await page.locator('#charts-account').selectOption('farm');
    await page.getByTestId('range-1h').click();
    await expect(page.getByTestId('chart-hashrate')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('alert-marker').first()).toBeVisible();
    await expect(page.getByTestId('alert-marker-item').filter({ hasText: rig }).first()).toBeVisible();

    // The same history over the API.
    const response = await page.request.get(`http://127.0.0.1:${serve.port}/api/alerts`, { headers: { Authorization: `Bearer ${serve.token}` } });
    const document = (await response.json()) as { alerts: Array<{ rule: string; to: string | null; scope: { worker: string | null } }> };
    expect(document.alerts.some((alert) => alert.rule === 'worker-offline' && alert.to === 'firing' && alert.scope.worker === rig)).toBe(true);
  } finally {
    await serve.stop();
    await sim.close();
  }
});
