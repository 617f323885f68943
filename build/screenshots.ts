// Regenerates docs/screenshots/: Overview, Workers and Charts at 1280 and 390 px, light and dark, against
// `poolwatch serve` and the pool simulators (one account of each pool). Run `npm run build` first, then
// `node --import tsx build/screenshots.ts`. Not part of the test suite: it writes into docs/.
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startDemoFleet } from '../test/e2e/demo-fleet';
import { startServe } from '../test/e2e/headless-support';

const outDir = resolve(__dirname, '..', 'docs', 'screenshots');
const SCREENS = [
  { name: 'overview', hash: '#/overview' },
  { name: 'workers', hash: '#/workers' },
  { name: 'charts', hash: '#/charts' },
];
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
/** Long enough for a few polls, so the charts draw lines rather than dots. */
const WARM_UP_MS = Number(process.env.POOLWATCH_SCREENSHOT_WARMUP_MS ?? 35_000);

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const fleet = await startDemoFleet();
  const config = { accounts: fleet.config.accounts.map((account) => ({ ...(account as object), pollIntervalSec: 10 })) };
  const serve = await startServe(config, fleet.env);
  const browser = await chromium.launch({ executablePath: process.env.POOLWATCH_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await new Promise((done) => setTimeout(done, WARM_UP_MS));
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of VIEWPORTS) {
        const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(serve.url);
        for (const id of fleet.accountIds) await page.getByTestId(`account-status-${id}`).and(page.locator('[data-status="ok"]')).waitFor();
        for (const screen of SCREENS) {
          await page.evaluate(`window.location.hash = ${JSON.stringify(screen.hash)}`);
          await page.locator('.app-main h1').first().waitFor();
          await page.waitForTimeout(1_500); // charts draw after their history arrives
          const file = join(outDir, `${screen.name}-${viewport.width}-${colorScheme}.png`);
          // The charts screen is a column of charts: the whole page shows the worker states and earnings too.
          await page.screenshot({ path: file, fullPage: screen.name === 'charts' });
          console.log(file);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await serve.stop();
    await fleet.close();
  }
}

void main();
