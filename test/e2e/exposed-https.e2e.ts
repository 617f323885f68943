import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startServe, type RunningServe } from './headless-support';

// `serve --host 0.0.0.0 --tls-cert --tls-key` in a real browser: the printed address logs the browser in (session
// cookie), the UI's files load only with it, and the WebSocket runs over wss.
test.describe('serve beyond loopback over HTTPS, in Chromium', () => {
  let sim: SbiSim;
  let serve: RunningServe;

  test.beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-e2e-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    sim = await startSbiSim({ seed: 31, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 12 }] });
    const config = {
      accounts: [{ id: 'farm', pool: 'sbi', label: 'Remote farm', baseUrl: sim.url, credentials: { apiKey: { env: 'E2E_K' }, apiSecret: { env: 'E2E_S' } } }],
    };
    serve = await startServe(config, { E2E_K: sim.fullKey.apiKey, E2E_S: sim.fullKey.apiSecret }, { args: ['--host', '0.0.0.0', '--tls-cert', cert, '--tls-key', key] });
  });

  test.afterEach(async () => {
    await serve?.stop();
    await sim?.close().catch(() => undefined);
  });

  test('the printed address opens the UI over HTTPS; without it the page is refused', async ({ browser }) => {
    // The certificate is self-signed for 127.0.0.1; the machine's name in the printed address may not resolve here.
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const origin = `https://127.0.0.1:${serve.port}`;
    const refused = await page.goto(`${origin}/`);
    expect(refused?.status()).toBe(401);

    await page.goto(`${origin}/?token=${serve.token}`);
    await expect(page).toHaveURL(`${origin}/`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
    await expect(page.getByText('Remote farm').first()).toBeVisible();
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name.startsWith('poolwatch_session_'))).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    await context.close();
  });
});
