import { expect, test, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startServe, type RunningServe } from './headless-support';

// Nothing the page receives or is pointed at may blank it: `poolwatch serve` (built) in Debian's Chromium,
// with its WebSocket routed through the test so one account's data can be made unreadable on the wire.

const SCREENSHOTS = join(__dirname, '..', '..', '.tmp', 'screenshots');

/** Errors thrown in the page and not caught: each one would have unmounted the UI before the fix. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

// Evaluated in the page (this file is typed for Node): the page's widths, and the innermost elements sticking out.
const MEASURE_WIDTH = `(() => {
  const client = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > client + 0.5 && el.children.length === 0)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' "' + (el.textContent || '').slice(0, 30) + '"');
  return { scroll: document.documentElement.scrollWidth, client, out };
})()`;

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const widths = (await page.evaluate(MEASURE_WIDTH)) as { scroll: number; client: number; out: string[] };
  expect(widths.scroll, `page is ${widths.scroll}px wide in a ${widths.client}px window: ${widths.out.join(', ')}`).toBeLessThanOrEqual(widths.client);
}

test.describe('a malformed address', () => {
  let serve: RunningServe;
  test.beforeEach(async () => {
    serve = await startServe();
  });
  test.afterEach(async () => {
    await serve?.stop();
  });

  test('#/workers/% shows "page not found" inside the app, on navigation and on a fresh load', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto(serve.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');

    await page.goto(`http://127.0.0.1:${serve.port}/#/workers/%`);
    await expect(page.getByTestId('not-found')).toContainText('not valid URL encoding');
    await expect(page.getByRole('link', { name: 'Overview', exact: true })).toBeVisible();

    // A fresh load of the same address (the token is kept for the tab) starts the app, then says the same.
    await page.reload();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
    await expect(page.getByTestId('not-found')).toContainText('“%”');
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoHorizontalOverflow(page);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'not-found-360.png'), fullPage: true });

    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await expect(page.getByText('No accounts yet')).toBeVisible();
    expect(errors).toEqual([]);
  });
});

// A fault injected into the page's runtime: while the flag is set, formatting a number throws, as a bug in
// a screen's rendering would. Only the screen being drawn fails; the header is drawn without it.
const RENDER_FAULT = `(() => {
  const original = Number.prototype.toLocaleString;
  Number.prototype.toLocaleString = function (...args) {
    if (window.__poolwatchRenderFault === true) throw new Error('injected render failure');
    return original.apply(this, args);
  };
})()`;

test.describe('a screen that fails to render', () => {
  let serve: RunningServe;
  test.beforeEach(async () => {
    serve = await startServe();
  });
  test.afterEach(async () => {
    await serve?.stop();
  });

  test('shows an error panel with a way back inside the app; the other screens keep working', async ({ page }) => {
    await page.addInitScript(RENDER_FAULT);
    await page.goto(serve.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');

    await page.evaluate('window.__poolwatchRenderFault = true');
    await page.getByRole('link', { name: 'Workers', exact: true }).click();
    const panel = page.getByTestId('screen-error');
    await expect(panel).toContainText('Workers could not be shown');
    await expect(panel).toContainText('injected render failure');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');

    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await expect(page.getByText('No accounts yet')).toBeVisible();

    // Back on the failing screen, once the fault is gone "Try again" draws it.
    await page.getByRole('link', { name: 'Workers', exact: true }).click();
    await expect(panel).toBeVisible();
    await page.evaluate('window.__poolwatchRenderFault = false');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('worker-count')).toHaveAttribute('data-total', '0');
  });
});

test.describe('one account sending numbers JSON cannot hold', () => {
  let sim: SbiSim;
  let serve: RunningServe;

  test.beforeEach(async () => {
    sim = await startSbiSim({ seed: 5, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 6 }] });
    const account = (id: string, label: string) => ({
      id,
      pool: 'sbi',
      label,
      baseUrl: sim.url,
      pollIntervalSec: 10,
      credentials: { apiKey: { env: 'E2E_SBI_KEY' }, apiSecret: { env: 'E2E_SBI_SECRET' } },
    });
    serve = await startServe(
      { accounts: [account('farm-a', 'Farm A'), account('farm-b', 'Farm B with a rather long label that has to wrap'), account('farm-c', 'Farm C')] },
      { E2E_SBI_KEY: sim.fullKey.apiKey, E2E_SBI_SECRET: sim.fullKey.apiSecret },
    );
  });

  test.afterEach(async () => {
    await serve?.stop();
    await sim?.close().catch(() => undefined);
  });

  test('the other accounts render, the broken one gets an error card naming it and the field, and it recovers', async ({ page }) => {
    const errors = collectPageErrors(page);
    let corrupting = true;
    // Every summary of farm-b the server sends (in the state and in pushed events) gets a hashrate of 1e309
    // (Infinity once parsed) and 1e20 online workers, as a pool's out-of-range numbers would arrive.
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => ws.send(typeof message === 'string' && corrupting ? corruptAccount(message, 'farm-b') : message));
      ws.onMessage((message) => server.send(message));
    });

    await page.goto(serve.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
    await expect(page.getByTestId('account-status-farm-a')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
    await expect(page.getByTestId('account-status-farm-c')).toHaveAttribute('data-status', 'ok');
    const notice = page.getByTestId('account-unreadable-farm-b');
    await expect(notice).toContainText('PoolWatch received data it could not read for Farm B with a rather long label that has to wrap: hashrate.h10m');
    await expect(notice).toContainText('workers.online');
    await expect(page.getByTestId('account-card-farm-a')).toContainText('6 workers');

    await mkdir(SCREENSHOTS, { recursive: true });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoHorizontalOverflow(page);
      await page.getByTestId('account-card-farm-b').screenshot({ path: join(SCREENSHOTS, `unreadable-card-${width}.png`) });
      await page.screenshot({ path: join(SCREENSHOTS, `overview-unreadable-${width}.png`), fullPage: true });
    }

    // The workers screen of that account says the same, and lists its workers (they read fine).
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`http://127.0.0.1:${serve.port}/#/workers/farm-b`);
    await expect(page.getByTestId('workers-unreadable')).toContainText('could not read for Farm B');
    await expect(page.getByTestId('worker-count')).toHaveAttribute('data-total', '6');
    await page.getByRole('link', { name: 'Overview', exact: true }).click();

    // Once the numbers read again (the next poll, within 10 s), the card is whole again.
    corrupting = false;
    await expect(page.getByTestId('account-status-farm-b')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
    await expect(notice).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

/** The frame with account `id`'s summary given unreadable numbers; other frames unchanged. */
function corruptAccount(message: string, id: string): string {
  const frame = JSON.parse(message) as {
    type?: string;
    channel?: string;
    payload?: unknown;
    result?: { value?: { accounts?: unknown } };
  };
  const summaries: unknown[] =
    frame.type === 'event' && frame.channel === 'state:account'
      ? [frame.payload]
      : frame.type === 'response' && Array.isArray(frame.result?.value?.accounts)
        ? frame.result.value.accounts
        : [];
  const target = summaries.find((summary) => (summary as { id?: unknown } | null)?.id === id) as
    | { hashrate: Record<string, unknown>; workers: Record<string, unknown> }
    | undefined;
  if (target === undefined) return message;
  target.hashrate.h10m = '__INF__';
  target.workers.online = 1e20;
  return JSON.stringify(frame).replaceAll('"__INF__"', '1e309');
}
