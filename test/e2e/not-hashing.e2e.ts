import { expect, test } from '@playwright/test';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startServe, type RunningServe } from './headless-support';

/** WCAG contrast of two computed `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string): number => {
    const [r, g, bl] = (/rgba?\((\d+), (\d+), (\d+)/.exec(rgb) ?? []).slice(1).map((value) => {
      const channel = Number(value) / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

// A rig the pool reports online while it hashes nothing becomes "not hashing" after the set minutes (1 here, the
// shortest): the Overview card counts it and the Workers screen's own filter lists it. Rigs silent for days are
// retired (they never alert): the card counts them too, legibly at 360 px in the dark theme.

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
    const gone = sim.workerNames('rigs').slice(5, 8);
    for (const name of gone) sim.setWorkerLastShare('rigs', name, Date.now() - 3 * 86_400_000);
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

    // The retired rigs: counted on the card as on the Alerts screen, on a phone in the dark theme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.evaluate('window.location.hash = "#/overview"');
    const retired = page.getByTestId('account-retired-farm');
    await expect(retired).toHaveText('3 retired (long dead: they never alert) See them in Alerts');
    const card = await page.getByTestId('account-card-farm').boundingBox();
    const line = await retired.boundingBox();
    expect(line!.x + line!.width).toBeLessThanOrEqual(card!.x + card!.width);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    // Dark theme: the count and its note read at least 4.5:1 against the card (evaluated in the page, which has a DOM).
    for (const part of ['.count', '.muted']) {
      const [fore, back] = (await page.evaluate(
        `(() => { const el = document.querySelector('[data-testid="account-retired-farm"] ${part}'); return [getComputedStyle(el).color, getComputedStyle(el.closest('.card')).backgroundColor]; })()`,
      )) as [string, string];
      expect(contrast(fore, back), `${part}: ${fore} on ${back}`).toBeGreaterThanOrEqual(4.5);
    }
    await retired.screenshot({ path: test.info().outputPath('retired-count-360-dark.png') });
    await retired.getByRole('link', { name: 'See them in Alerts' }).click();
    await expect(page.getByTestId('retired-row')).toHaveAttribute('data-count', '3');
  });
});
