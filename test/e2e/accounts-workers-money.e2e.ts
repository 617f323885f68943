import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { csvRecords } from '../support/parse-csv';
import { startServe, type RunningServe } from './headless-support';

// Issue 12 in a real browser against the built `poolwatch serve` and the SBI simulator over loopback: accounts that
// say they are broken, the worker table's state in the address, its export, and money in whole coins.
// Saving typed credentials needs a Secret Service: run under `dbus-run-session -- bash test/with-keyring.sh`.

const ACCOUNT = 'broken-farm';

function sbiAccount(sim: SbiSim) {
  return {
    id: ACCOUNT,
    pool: 'sbi',
    label: 'Broken farm',
    baseUrl: sim.url,
    // Ten minutes: after a failure the next poll is many minutes away, so "polled at once" is visible.
    pollIntervalSec: 600,
    credentials: { apiKey: { env: 'PW_E2E_KEY' }, apiSecret: { env: 'PW_E2E_SECRET' } },
  };
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('issue 12: accounts, workers and money', () => {
  let sim: SbiSim;
  let serve: RunningServe;

  test.beforeEach(async () => {
    sim = await startSbiSim({ seed: 12, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 40, deadShare: 0.2, offlineShare: 0.2 }] });
  });

  test.afterEach(async () => {
    await serve?.stop();
    await sim?.close().catch(() => undefined);
  });

  test('a broken account says so, links to its form, warns before saving a failing key, and a fixed key is polled at once', async ({ page }) => {
    serve = await startServe({ accounts: [sbiAccount(sim)] }, { PW_E2E_KEY: sim.fullKey.apiKey, PW_E2E_SECRET: 'not-the-secret' });
    await page.goto(serve.url);

    // Overview: the error card has no "0 workers… Open worker list", and links straight to the account's form.
    const card = page.getByTestId(`account-card-${ACCOUNT}`);
    await expect(page.getByTestId(`account-status-${ACCOUNT}`)).toHaveAttribute('data-status', 'auth_error');
    await expect(page.getByTestId(`account-no-data-${ACCOUNT}`)).toHaveText('No data read from this account yet.');
    await expect(card.getByRole('link', { name: /Open .* list/ })).toHaveCount(0);
    await shoot(page, 'overview-broken');
    await page.getByTestId(`account-edit-${ACCOUNT}`).click();
    await expect(page).toHaveURL(new RegExp(`#/accounts/edit/${ACCOUNT}$`));
    await expect(page.getByTestId('account-form')).toContainText('Edit “Broken farm”');

    // Accounts page: the status and the last error, with its time.
    await expect(page.getByTestId(`account-health-${ACCOUNT}`)).toHaveAttribute('data-status', 'auth_error');
    await expect(page.getByTestId(`account-error-${ACCOUNT}`)).toContainText(/Last error \(.+\): .*key/i);
    await shoot(page, 'accounts-broken');

    // A key that still fails: Save tests it first and warns; "Save anyway" saves it and says so.
    await page.getByLabel('API secret').fill('still-not-the-secret');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('save-warning')).toContainText('The connection test failed');
    await expect(page.getByTestId('accounts-notice')).toHaveCount(0);
    await shoot(page, 'save-warning');
    await page.getByTestId('save-anyway').click();
    await expect(page.getByTestId('accounts-notice')).toContainText('although its connection test failed');
    const settings = await readFile(serve.configFile, 'utf8');
    expect(settings).not.toContain('still-not-the-secret');

    // The fixed key: tested OK, saved without a warning, and polled now (not after a 10-minute wait).
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('API secret').fill(sim.fullKey.apiSecret);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('accounts-notice')).toHaveText('Saved “Broken farm”.');
    await expect(page.getByTestId(`account-health-${ACCOUNT}`)).toHaveAttribute('data-status', 'ok', { timeout: 10_000 });
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect(card.getByRole('link', { name: 'Open worker list' })).toBeVisible();
    await expect(card).toContainText('40 workers');
  });

  test('workers: worst first, filters and sort in the address, an empty state, the history link, and an export of what is shown', async ({ page }) => {
    serve = await startServe({ accounts: [sbiAccount(sim)] }, { PW_E2E_KEY: sim.fullKey.apiKey, PW_E2E_SECRET: sim.fullKey.apiSecret });
    await page.goto(serve.url);
    await page.goto(`${new URL(serve.url).origin}/#/workers/${ACCOUNT}`);
    await expect(page.getByTestId('worker-count')).toHaveAttribute('data-total', '40', { timeout: 30_000 });

    // Worst first: no healthy machine above a troubled one.
    await expect(page.getByTestId('workers-order')).toHaveText('worst first, most recent change first');
    const states = await page.getByTestId('worker-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
    expect(states[0]).not.toBe('online');
    const firstOnline = states.indexOf('online');
    expect(states.slice(0, firstOnline).every((state) => state !== 'online')).toBe(true);
    await shoot(page, 'workers');

    // Filters and sort go into the address.
    await page.getByLabel('State').selectOption('offline');
    await page.getByLabel('Filter by name').fill('r');
    await page.getByRole('columnheader', { name: /Hashrate 10m/ }).click();
    await expect(page).toHaveURL(/state=offline/);
    await expect(page).toHaveURL(/q=r/);
    await expect(page).toHaveURL(/sort=h10m/);
    const shown = Number(await page.getByTestId('worker-count').getAttribute('data-shown'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(40);

    // Export: the rows the table shows, in a file named after the account and the filters.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('workers-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^poolwatch-workers-${ACCOUNT}-offline-name-r-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines.length - 1).toBe(shown);
    expect(lines.slice(1).every((line) => line.includes(',offline,'))).toBe(true);

    // ... in the order the table shows them: under Hashrate 10m, then under Name descending (the pool lists by name).
    const tableNames = () => page.getByTestId('worker-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-worker')));
    const exportedNames = async () => {
      const next = page.waitForEvent('download');
      await page.getByTestId('workers-export').click();
      return csvRecords(await readFile((await (await next).path())!, 'utf8')).map((row) => row.worker);
    };
    const shownNames = await tableNames();
    expect(shownNames.length).toBeGreaterThan(0);
    expect(csvRecords(csv).map((row) => row.worker).slice(0, shownNames.length)).toEqual(shownNames);
    const nameHeader = page.locator('[role=columnheader][data-sort-key="name"]');
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/sort=name&dir=desc/);
    const byNameDesc = await tableNames();
    expect(byNameDesc).toEqual([...shownNames].sort((a, b) => b!.localeCompare(a!, 'en', { numeric: true, sensitivity: 'base' })));
    expect((await exportedNames()).slice(0, byNameDesc.length)).toEqual(byNameDesc);
    await page.getByRole('columnheader', { name: /Hashrate 10m/ }).click();
    await expect(page.getByRole('columnheader', { name: /Hashrate 10m/ })).toHaveAttribute('aria-sort', 'ascending');

    // The worker name is a link that looks like one and takes the keyboard; Back brings the filters back.
    const link = page.getByTestId('worker-row').first().locator('a.worker-link');
    const worker = (await link.textContent())!;
    await expect(link).toHaveCSS('text-decoration-line', 'underline');
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/charts\\?account=${ACCOUNT}&group=rigs&worker=${encodeURIComponent(worker)}`));
    await page.goBack();
    await expect(page.getByLabel('State')).toHaveValue('offline');
    await expect(page.getByLabel('Filter by name')).toHaveValue('r');
    await expect(page.getByRole('columnheader', { name: /Hashrate 10m/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByTestId('worker-count')).toHaveAttribute('data-shown', String(shown));

    // No match: an empty state whose button clears the filters.
    // Typed key by key: each keystroke updates the address, and none is lost or steals the focus.
    await page.getByLabel('Filter by name').fill('');
    await page.getByLabel('Filter by name').pressSequentially('no-such-worker-anywhere');
    await expect(page.getByLabel('Filter by name')).toHaveValue('no-such-worker-anywhere');
    await expect(page).toHaveURL(/q=no-such-worker-anywhere/);
    await expect(page.getByTestId('workers-no-match')).toContainText('No workers match these filters.');
    await shoot(page, 'workers-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('worker-count')).toHaveAttribute('data-shown', '40');
    await expect(page).not.toHaveURL(/state=|q=/);
  });

  test('money in whole coins: the Overview sums earnings per coin, and no BTC figure reads in base units', async ({ page }) => {
    serve = await startServe({ accounts: [sbiAccount(sim)] }, { PW_E2E_KEY: sim.fullKey.apiKey, PW_E2E_SECRET: sim.fullKey.apiSecret });
    await page.goto(serve.url);
    await expect(page.getByTestId(`account-status-${ACCOUNT}`)).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });

    const btc = page.getByTestId('money-BTC');
    await expect(btc).toHaveAttribute('data-unit', 'coin');
    await expect(btc.getByTestId('money-today')).toHaveText(/^≈ \d+(\.\d+)? BTC$/);
    await expect(btc.getByTestId('money-yesterday')).toHaveText(/^≈ \d+(\.\d+)? BTC$/);
    await expect(page.getByTestId('money-summary')).toContainText('≈ marks the pools’ estimates');
    await expect(page.getByTestId(`account-card-${ACCOUNT}`)).not.toContainText('base units');
    await shoot(page, 'overview-money');

    // Charts: one BTC panel in whole coins, its estimates said.
    await page.getByRole('link', { name: 'Charts', exact: true }).click();
    await page.getByRole('button', { name: '7 d' }).click();
    const panels = page.getByTestId('earnings-panel');
    await expect(panels.first()).toBeVisible({ timeout: 30_000 });
    expect(await panels.evaluateAll((all) => all.map((panel) => `${panel.getAttribute('data-coin')}|${panel.getAttribute('data-unit')}`))).toEqual(['BTC|coin']);
    await expect(panels.first()).toHaveAttribute('data-estimates', 'true');

    // The earnings CSV keeps the pool's satoshi beside the coins.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-earnings').click();
    const csv = await readFile((await (await downloading).path())!, 'utf8');
    const [header, first] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('day,account_id,coin,amount,unit,raw_amount,raw_unit,estimate');
    const [, , coin, amount, unit, rawAmount, rawUnit, estimate] = first!.split(',');
    expect([coin, unit, rawUnit, estimate]).toEqual(['BTC', 'coin', 'satoshi', 'yes']);
    expect(Math.abs(Number(amount) * 1e8 - Number(rawAmount))).toBeLessThan(1e-3);
  });
});
