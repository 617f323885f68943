import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { startDemoFleet, type DemoFleet } from './demo-fleet';
import { startServe, type RunningServe } from './headless-support';

// Every screen at phone widths (no sideways page scroll, the header folds into a menu), the dark theme, and the
// Settings screen's theme switch, against `poolwatch serve` with one account of every pool.
const SCREENS = [
  '#/overview',
  '#/workers',
  '#/workers/rentals',
  '#/workers/web-site',
  '#/charts',
  '#/charts?account=rentals',
  '#/accounts',
  '#/accounts/new',
  '#/alerts',
  '#/alerts/settings',
  '#/alerts/channels',
  '#/settings',
  '#/workers/%',
];

let fleet: DemoFleet;
let serve: RunningServe;

test.beforeAll(async () => {
  fleet = await startDemoFleet();
  serve = await startServe(fleet.config, fleet.env);
});

test.afterAll(async () => {
  await serve?.stop();
  await fleet?.close();
});

async function openPolled(page: Page): Promise<void> {
  await page.goto(serve.url);
  for (const id of fleet.accountIds) await expect(page.getByTestId(`account-status-${id}`)).toHaveAttribute('data-status', 'ok');
}

/** Opens a screen by its address, as a bookmark or a typed URL would. */
async function openScreen(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

async function pageOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return (await page.evaluate('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })')) as {
    scrollWidth: number;
    innerWidth: number;
  };
}

/** The body's background luminance (0 black .. 1 white) from its computed rgb(); a transparent body has none. */
async function bodyLuminance(page: Page): Promise<number> {
  const color = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
  const match = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(color);
  expect(match, `body background ${color} is an opaque colour`).not.toBeNull();
  const [r, g, b] = match!.slice(1).map(Number);
  return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
}

for (const width of [360, 390, 420]) {
  test(`at ${width} px no screen scrolls sideways and the header is a menu`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openPolled(page);
    const tooWide: string[] = [];
    for (const hash of SCREENS) {
      await openScreen(page, hash);
      await expect(page.locator('.app-main h1').first()).toBeVisible();
      // Charts and tables draw after their data arrives: measure once the screen has settled.
      await page.waitForTimeout(400);
      const { scrollWidth, innerWidth } = await pageOverflow(page);
      if (scrollWidth > innerWidth) tooWide.push(`${hash} is ${scrollWidth} px wide`);
    }
    expect(tooWide, `screens wider than the ${width} px window`).toEqual([]);
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    // The menu opens from the keyboard, lists every screen, and closes when one is chosen.
    await expect(page.getByRole('link', { name: 'Accounts', exact: true })).toBeHidden();
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['Overview', 'Workers', 'Charts', 'Accounts', 'Alerts', 'Settings']) {
      await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('button', { name: /Pause polling/ })).toBeVisible();
    expect((await pageOverflow(page)).scrollWidth).toBeLessThanOrEqual(width);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await menu.click();
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await expect(page).toHaveURL(/#\/accounts$/);
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    // The worker table scrolls inside its own box, not the page.
    await openScreen(page, '#/workers/rentals');
    const table = page.getByRole('table', { name: 'Rentals' });
    await expect(table.getByRole('row').nth(2)).toBeVisible();
    const box = await table.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
  });
}

test('at 1280 px the header is a row of tabs, worker headings do not overlap, and cards cut nothing off', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPolled(page);

  // Each pool card's groups table fits its card: Spider's payout addresses and WebMinePool's satoshi columns show whole.
  for (const id of ['spider-farm', 'web-site', 'rentals']) {
    const scroller = page.getByTestId(`account-card-${id}`).locator('.table-scroll').first();
    const fit = await scroller.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(fit.scrollWidth, `${id}'s groups table is wider than its card`).toBeLessThanOrEqual(fit.clientWidth);
  }

  for (const hash of ['#/workers/rentals', '#/workers']) {
    await openScreen(page, hash);
    const headers = page.locator('.worker-header [role="columnheader"]');
    await expect(headers.first()).toBeVisible();
    // A heading's text never reaches into the next column.
    const spans = await headers.evaluateAll((cells) =>
      cells.map((cell) => {
        const label = cell.querySelector('button') ?? cell;
        const range = cell.ownerDocument.createRange();
        range.selectNodeContents(label);
        return { text: label.textContent ?? '', right: range.getBoundingClientRect().right, cellRight: cell.getBoundingClientRect().right };
      }),
    );
    for (const span of spans) expect(span.right, `${hash}: "${span.text}"`).toBeLessThanOrEqual(span.cellRight + 0.5);
    expect((await pageOverflow(page)).scrollWidth).toBeLessThanOrEqual(1280);
  }
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toBeVisible();
});

test('the page follows a dark system theme', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  try {
    await openPolled(page);
    expect(await bodyLuminance(page)).toBeLessThan(0.15);
  } finally {
    await context.close();
  }
});

test('the Settings switch changes the theme, and it stays after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openPolled(page);
  expect(await bodyLuminance(page)).toBeGreaterThan(0.85);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  // Desktop-only settings are shown, disabled, with the reason.
  await expect(page.getByLabel('Start at login')).toBeDisabled();
  await expect(page.getByTestId('desktop-only-reason')).toContainText('Desktop app only');

  await page.getByLabel('Default poll interval (seconds)').fill('5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Enter whole seconds from 10 to 3600.')).toBeVisible();
  await page.getByLabel('Default poll interval (seconds)').fill('120');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await bodyLuminance(page)).toBeLessThan(0.15);

  const saved = JSON.parse(await readFile(serve.configFile, 'utf8')) as { settings?: Record<string, unknown> };
  expect(saved.settings).toMatchObject({ theme: 'dark', pollIntervalSec: 120 });

  await page.reload();
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  expect(await bodyLuminance(page)).toBeLessThan(0.15);
  // The token is kept for the session only; a reload reconnects with it.
  await page.getByLabel('Theme').selectOption('system');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await bodyLuminance(page)).toBeGreaterThan(0.85);
});
