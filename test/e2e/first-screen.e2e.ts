import { expect, test } from '@playwright/test';
import { startSbiSim } from '../sim/sbi';
import { startStratumsphereSim } from '../sim/stratumsphere';
import { startWebMinePoolSim } from '../sim/webminepool';
import { startServe } from './headless-support';

/** Tomorrow (UTC): a key expiring then is less than a day away, which the key-expiry rule calls critical. */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

// The Overview as a new user meets it: problems first (a failing account and a firing alert, one click from their
// form and alert), cards worst first, hashrate per algorithm with one pool account counted once, and SBI's actions
// offered to the key that may make changes only.
test('the first screen puts problems first and totals per algorithm', async ({ page }) => {
  test.setTimeout(150_000);
  const sbi = await startSbiSim({
    seed: 808,
    subaccounts: [
      { name: 'rigs', coin: 'BTC', workers: 16, deadShare: 0.25, offlineShare: 0 },
      { name: 'ethrigs', coin: 'ETH', workers: 4, deadShare: 0, offlineShare: 0 },
    ],
  });
  const readOnly = sbi.addKey({ permissions: ['READ'] });
  const stratumsphere = await startStratumsphereSim({ seed: 808 });
  const webminepool = await startWebMinePoolSim({ seed: 808 });
  const sbiAccount = (id: string, label: string, key: string, extra: Record<string, unknown> = {}) => ({
    id,
    pool: 'sbi',
    label,
    baseUrl: sbi.url,
    pollIntervalSec: 10,
    credentials: { apiKey: { env: `${key}_KEY` }, apiSecret: { env: `${key}_SECRET` } },
    ...extra,
  });
  const serve = await startServe(
    {
      accounts: [
        { id: 'alpha', pool: 'stratumsphere', label: 'Alpha rentals', baseUrl: stratumsphere.url, pollIntervalSec: 10, credentials: { apiKey: { env: 'PW_FS_SS' } } },
        sbiAccount('farm', 'Farm', 'PW_FS_FULL', { keyExpiresOn: tomorrow() }),
        sbiAccount('ro', 'Read-only key', 'PW_FS_RO'),
        sbiAccount('broken', 'Broken key', 'PW_FS_BAD'),
        { id: 'web', pool: 'webminepool', label: 'Web site', baseUrl: webminepool.url, pollIntervalSec: 10, credentials: { secretKey: { env: 'PW_FS_WMP' } } },
      ],
    },
    {
      PW_FS_FULL_KEY: sbi.fullKey.apiKey,
      PW_FS_FULL_SECRET: sbi.fullKey.apiSecret,
      PW_FS_RO_KEY: readOnly.apiKey,
      PW_FS_RO_SECRET: readOnly.apiSecret,
      PW_FS_BAD_KEY: 'not-a-key-of-this-pool',
      PW_FS_BAD_SECRET: 'not-its-secret-either',
      PW_FS_SS: stratumsphere.apiKey,
      PW_FS_WMP: webminepool.secretKey,
    },
  );
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(serve.url);

    // Problems first: the failing account at once, the key-expiry alert once it held for two polls.
    const attention = page.getByTestId('needs-attention');
    await expect(attention.locator('[data-kind="failing"]')).toContainText('Broken key');
    const alertItem = attention.locator('[data-kind="alert"]').filter({ hasText: 'API key expiring' });
    await expect(alertItem).toBeVisible({ timeout: 45_000 });
    await expect(alertItem).toHaveAttribute('data-severity', 'critical');
    await expect(page.getByTestId('failing-count')).toHaveText('1 of 5 accounts failing');

    // The badge counts the firing alert: the pool answers, but Farm is not a green "ok".
    await expect(page.getByTestId('account-status-farm')).toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('account-status-farm')).toHaveAttribute('data-tone', 'problem');
    await expect(page.getByTestId('account-status-farm')).toHaveText('1 critical alert firing');

    // Worst first, not by name: the failing account and Farm (critical alert) before the limited key, healthy ones last.
    const RANK: Record<string, number> = { problem: 0, warning: 1, unknown: 2, ok: 3 };
    const order = async () =>
      page.locator('[data-testid^="account-card-"]').evaluateAll((cards) =>
        cards.map((card) => ({ id: card.getAttribute('data-testid')!.replace('account-card-', ''), tone: card.querySelector('[data-tone]')?.getAttribute('data-tone') ?? '' })),
      );
    await expect.poll(async () => (await order()).slice(0, 2).map((card) => card.id).sort()).toEqual(['broken', 'farm']);
    const cards = await order();
    const ranks = cards.map((card) => RANK[card.tone] ?? 9);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const at = (id: string) => cards.findIndex((card) => card.id === id);
    expect(at('broken')).toBeLessThan(at('farm')); // same tone: by label
    if (cards[at('alpha')]?.tone === 'ok') expect(at('alpha')).toBeGreaterThan(at('ro')); // "Alpha" would lead a list by name

    // Hashrate per algorithm, never one sum; the read-only key's view of Farm's subaccounts is counted once.
    for (const algorithm of ['sha256', 'scrypt', 'x11', 'ethash', 'web']) await expect(page.getByTestId(`total-hashrate-${algorithm}`)).toBeVisible();
    await expect(page.getByTestId('totals-notes')).toContainText('Read-only key reads the same pool account as Farm: counted once.');
    await expect(page.getByTestId('totals-notes')).toContainText('Not in the totals (no data yet): Broken key.');
    await expect(page.getByText('Total hashrate')).toHaveCount(0);

    // SBI actions: offered to the full key only, each behind a confirmation that says what will change.
    await expect(page.getByTestId('pool-actions-farm')).toBeVisible();
    await expect(page.getByTestId('pool-actions-ro')).toHaveCount(0);
    await page.getByTestId('pool-action-group-rigs').getByRole('button', { name: /Clear inactive workers \(4\)/ }).click();
    await page.getByTestId('pool-actions-farm').screenshot({ path: test.info().outputPath('pool-actions-confirm-1280.png') });
    await expect(page.getByTestId('pool-action-confirm')).toContainText('Removes the 4 inactive (dead) workers of rigs');
    await page.screenshot({ path: test.info().outputPath('first-screen-1280.png'), fullPage: true });
    await page.getByRole('button', { name: 'Yes, send to the pool' }).click();
    await expect(page.getByTestId('pool-action-result')).toHaveText('SBI Crypto Pool cleared the inactive workers of rigs (HTTP 204).');
    // The next poll shows the pool without them.
    await expect(page.getByTestId('pool-action-group-rigs').getByRole('button', { name: 'Clear inactive workers (0)' })).toBeDisabled();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: test.info().outputPath('first-screen-390.png'), fullPage: true });
    // Evaluated in the page, where the DOM exists (this file is typed for Node).
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: test.info().outputPath('first-screen-390-top.png') });
    await page.getByTestId('pool-actions-farm').screenshot({ path: test.info().outputPath('pool-actions-390.png') });
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // One click to the alert: the Alerts screen with that alert brought into view.
    await alertItem.getByRole('link', { name: 'Open alert' }).click();
    await expect(page).toHaveURL(/#\/alerts\?alert=/);
    const focused = page.locator('[data-testid="active-alert"][data-focused="true"]');
    await expect(focused).toHaveAttribute('data-rule', 'key-expiry');
    await expect(focused).toBeInViewport();
    // The action is in the alert history as an event.
    await expect(page.locator('[data-testid="alert-history-row"][data-rule="pool-action"]').first()).toContainText('Clear inactive workers of rigs');

    // One click to the failing account's form.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByTestId('attention-edit-broken').click();
    await expect(page).toHaveURL(/#\/accounts\/edit\/broken$/);
    await expect(page.getByLabel('Label')).toHaveValue('Broken key');
  } finally {
    await serve.stop();
    await Promise.all([sbi.close(), stratumsphere.close(), webminepool.close()]);
  }
});
