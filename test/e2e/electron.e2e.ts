import { test, expect, _electron, type ElectronApplication } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedElectron } from '../../build/electron-binary';

const MAIN_SCRIPT = join(__dirname, '..', '..', 'dist', 'main', 'electron-main.js');
const SKIP_PREFIX = 'Electron binary not installed';
const SKIP_SUFFIX = 'the desktop shell is exercised by the GitHub Actions workflow';

/** One account whose credentials come from the environment (no keychain needed) and whose pool never answers. */
const E2E_CONFIG = {
  accounts: [
    {
      id: 'e2e-sbi',
      pool: 'sbi',
      label: 'E2E farm',
      baseUrl: 'http://127.0.0.1:9',
      pollIntervalSec: 3600,
      credentials: { apiKey: { env: 'POOLWATCH_E2E_API_KEY' }, apiSecret: { env: 'POOLWATCH_E2E_API_SECRET' } },
    },
  ],
};

function childEnv(userData: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return { ...env, POOLWATCH_USER_DATA: userData, POOLWATCH_E2E_API_KEY: 'e2e-key', POOLWATCH_E2E_API_SECRET: 'e2e-secret' };
}

test.describe('desktop shell (Electron)', () => {
  test('opens the window and renders the Overview through the preload bridge', async ({}, testInfo) => {
    const electron = installedElectron();
    if (!('path' in electron)) {
      const reason = `${SKIP_PREFIX} (${electron.reason}); ${SKIP_SUFFIX}`;
      console.log(reason);
      test.skip(true, reason);
      return;
    }
    const executablePath = electron.path;

    const userData = await mkdtemp(join(tmpdir(), 'poolwatch-e2e-'));
    await writeFile(join(userData, 'config.json'), JSON.stringify(E2E_CONFIG, null, 2));
    let app: ElectronApplication | null = null;
    try {
      app = await _electron.launch({ executablePath, args: [MAIN_SCRIPT], env: childEnv(userData) });
      await app.context().tracing.start({ screenshots: true, snapshots: true });
      const window = await app.firstWindow();
      try {
        await expect(window.getByRole('heading', { name: 'Overview' })).toBeVisible();
        // Served from the app's own scheme, never file://.
        expect(window.url()).toMatch(/^app:\/\/poolwatch\/index\.html(#.*)?$/);
        // The account list arrived over IPC, so the sender check accepted the real window.
        await expect(window.getByText('E2E farm')).toBeVisible();
        // Every permission check and request is denied (main/app/permission-policy.ts).
        expect(await window.evaluate('Notification.permission')).toBe('denied');
        expect(await window.evaluate('Notification.requestPermission()')).toBe('denied');
        const exposure = await window.evaluate(() => {
          const scope = globalThis as Record<string, unknown>;
          return { bridge: typeof scope['poolwatch'], require: typeof scope['require'], process: typeof scope['process'] };
        });
        expect(exposure).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
        // History is on disk (SQLite built for Electron by build/electron-sqlite.mjs), not in memory.
        await expect(window.getByRole('link', { name: 'Charts', exact: true })).toBeVisible();
        expect(existsSync(join(userData, 'history.sqlite'))).toBe(true);
        await expect(window.getByTestId('history-problem')).toHaveCount(0);
      } catch (error) {
        await window.screenshot({ path: testInfo.outputPath('failure.png') }).catch(() => undefined);
        await app.context().tracing.stop({ path: testInfo.outputPath('trace.zip') });
        throw error;
      }
    } finally {
      await app?.close();
      await rm(userData, { recursive: true, force: true });
    }
  });
});
