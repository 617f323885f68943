import { expect, test } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { startServe, type RunningServe } from './headless-support';

// Issue 12 on a plain server: `poolwatch serve` with no Secret Service at all (no session bus, no display). An SBI
// account and a webhook channel are added through the UI, the forms saying first where their secrets will go; the
// account is polled; the secrets sit encrypted in the data folder's secrets file and nowhere in clear; and a second
// tab opened at #/overview without the token is signed in by the cookie the first one got.
test.describe('serve on a machine without a keychain', () => {
  let sim: SbiSim;
  let receiver: WebhookReceiver;
  let serve: RunningServe;

  test.beforeAll(async () => {
    sim = await startSbiSim({ seed: 91, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 12 }] });
    receiver = await startWebhookReceiver();
    serve = await startServe({ accounts: [] }, {}, { unset: ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'POOLWATCH_SECRETS_KEY', 'POOLWATCH_SECRET_STORE'] });
  });
  test.afterAll(async () => {
    await serve?.stop();
    await receiver?.close().catch(() => undefined);
    await sim?.close().catch(() => undefined);
  });

  test('adds an account and a channel, keeps their secrets encrypted, and a second tab opens signed in', async ({ page }) => {
    const secretsFile = join(serve.dataDir, 'secrets.enc');
    expect(serve.output.join('')).toContain(`Secrets: the encrypted file ${secretsFile}`);
    const hookToken = 'hook-NOKEYCHAIN-4c7e19b2d0';

    await page.goto(serve.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');

    // The account: the form says where the secrets will go before Save.
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByTestId('secret-store-note')).toHaveText(
      `This machine has no system keychain in use: secrets you type here are saved encrypted in ${secretsFile}, never in the config file.`,
    );
    await page.getByLabel('Pool').selectOption('sbi');
    await page.getByLabel('Connection').selectOption('api-key');
    await page.getByLabel('Label').fill('Rig box');
    await page.getByLabel('Base URL').fill(sim.url);
    await page.getByLabel('Poll interval (s)').fill('10');
    await page.getByLabel('API key', { exact: true }).fill(sim.fullKey.apiKey);
    await page.getByLabel('API secret').fill(sim.fullKey.apiSecret);
    await page.getByRole('button', { name: 'Save' }).click();
    const accountRow = page.getByTestId('account-config-rig-box');
    await expect(accountRow).toContainText('API secret: stored in secrets file');

    // The channel: the same note, then saved.
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('link', { name: 'Notification channels' }).click();
    await page.getByRole('button', { name: 'Add channel' }).click();
    const form = page.getByTestId('channel-form');
    await expect(form.getByTestId('secret-store-note')).toContainText(`saved encrypted in ${secretsFile}`);
    await form.getByLabel('Type').selectOption('webhook');
    await form.getByLabel('Label').fill('Ops hook');
    await form.getByLabel('Webhook URL').fill(`${receiver.url}/hooks/${hookToken}`);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[data-testid="channel-row"][data-id="ops-hook"]')).toContainText('Webhook URL: stored in secrets file');

    // The account is polled with the secrets read back from the file.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect(page.getByTestId('account-status-rig-box')).toHaveAttribute('data-status', 'ok');

    // The secrets file holds both records, sealed; no file of the data folder holds a secret in clear.
    const sealed = JSON.parse(await readFile(secretsFile, 'utf8')) as { secrets: Record<string, unknown> };
    expect(Object.keys(sealed.secrets).sort()).toEqual(['channel-ops-hook/url', 'rig-box/apiKey', 'rig-box/apiSecret']);
    const names = await readdir(serve.dataDir);
    expect(names).toEqual(expect.arrayContaining(['config.json', 'secrets.enc', 'secrets.key', 'history.sqlite']));
    for (const name of names) {
      const bytes = await readFile(join(serve.dataDir, name));
      for (const secret of [sim.fullKey.apiSecret, sim.fullKey.apiKey, hookToken]) expect(bytes.includes(secret), `${name} holds a secret`).toBe(false);
    }
    const config = await readFile(serve.configFile, 'utf8');
    expect(config).toContain('"keychain": true');
    for (const where of [await page.content(), serve.output.join('')]) {
      expect(where).not.toContain(sim.fullKey.apiSecret);
      expect(where).not.toContain(hookToken);
    }

    // A second tab, as from a bookmark: no token in the address, signed in all the same.
    const second = await page.context().newPage();
    await second.goto(`http://127.0.0.1:${serve.port}/#/overview`);
    await expect(second.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
    await expect(second.getByTestId('account-status-rig-box')).toHaveAttribute('data-status', 'ok');
    await expect(second.getByTestId('no-token')).toHaveCount(0);
    // The cookie is HttpOnly: the page's script cannot read it.
    expect(await second.evaluate('document.cookie')).toBe('');
    // A browser that never opened the link (a fresh context) still needs it.
    const stranger = await (await page.context().browser()!.newContext()).newPage();
    await stranger.goto(`http://127.0.0.1:${serve.port}/#/overview`);
    await expect(stranger.getByTestId('no-token')).toBeVisible();
    await stranger.context().close();
  });
});
