import { expect, test, type Page } from '@playwright/test';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startServe, type RunningServe } from './headless-support';

// 100,000 workers in one table: the DOM holds at most 60 rows wherever the table is scrolled, even in a window
// taller than most screens, and the rows shown are the ones at that place in the list.

const WORKERS = 100_000;
const MAX_ROWS_IN_DOM = 60;

async function scrollTableTo(page: Page, fraction: number): Promise<void> {
  await page.evaluate(`(() => { const s = document.querySelector('.worker-scroll'); s.scrollTop = (s.scrollHeight - s.clientHeight) * ${fraction}; })()`);
}

test.describe('the worker table with 100,000 workers', () => {
  let sim: SbiSim;
  let serve: RunningServe;

  test.beforeEach(async () => {
    sim = await startSbiSim({ seed: 79, subaccounts: [{ name: 'huge', coin: 'BTC', workers: WORKERS }] });
    serve = await startServe(
      { accounts: [{ id: 'huge', pool: 'sbi', label: 'Huge farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_E2E_KEY' }, apiSecret: { env: 'PW_E2E_SECRET' } } }] },
      { PW_E2E_KEY: sim.fullKey.apiKey, PW_E2E_SECRET: sim.fullKey.apiSecret },
    );
  });

  test.afterEach(async () => {
    await serve?.stop();
    await sim?.close();
  });

  test('keeps at most 60 rows in the DOM at the top, middle and bottom, in a 2,000 px tall window', async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1920, height: 2000 });
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Workers', exact: true }).click();
    await page.getByLabel('Account').selectOption('huge');
    await expect(page.getByTestId('worker-count')).toHaveAttribute('data-total', String(WORKERS), { timeout: 180_000 });
    const rows = page.getByTestId('worker-row');
    for (const fraction of [0, 0.5, 1]) {
      await scrollTableTo(page, fraction);
      // The rows at that place are drawn (aria-rowindex counts the header as row 1).
      await expect
        .poll(async () => Number(await rows.last().getAttribute('aria-rowindex')), { message: `rows at ${fraction} of the list` })
        .toBeGreaterThanOrEqual(Math.floor(fraction * WORKERS));
      const count = await rows.count();
      console.log(`${count} worker rows in the DOM at ${fraction * 100} % of the list`);
      expect(count, `rows in the DOM at ${fraction} of the list`).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
      expect(count).toBeGreaterThan(20);
    }
  });
});
