import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { startSmtpReceiver } from '../support/smtp-receiver';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { startServe } from './headless-support';

// The notification channels screen of `poolwatch serve` in Chromium: add, test, edit (keeping the stored URL) and remove
// a webhook channel, whose URL goes to the keychain and never back to the page or the config file.
test('adds, tests, edits and removes a webhook channel through the UI', async ({ page }) => {
  const receiver = await startWebhookReceiver();
  const serve = await startServe();
  const hookUrl = `${receiver.url}/hooks/ops-7f3a9c2e5d`;
  try {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('link', { name: 'Notification channels' }).click();
    await page.getByRole('button', { name: 'Add channel' }).click();
    const form = page.getByTestId('channel-form');
    await form.getByLabel('Type').selectOption('webhook');
    await form.getByLabel('Label').fill('Ops hook');
    // The form says what is missing before anything is sent.
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('Enter the Webhook URL.')).toBeVisible();
    await form.getByLabel('Webhook URL').fill(hookUrl);
    await form.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByTestId('channel-test-result')).toHaveAttribute('data-ok', 'true');
    await receiver.waitForRequests(1, { path: '/hooks/ops-7f3a9c2e5d' });
    await form.getByRole('button', { name: 'Save' }).click();

    const row = page.locator('[data-testid="channel-row"][data-id="ops-hook"]');
    await expect(row).toContainText('Webhook URL: stored in keychain');
    await expect(page.getByTestId('channels-notice')).toHaveText('Saved “Ops hook”.');

    // Editing without retyping keeps the stored URL.
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByTestId('channel-secret-hint-url')).toHaveText('stored in keychain — leave empty to keep it');
    await page.getByTestId('channel-form').getByLabel('Label').fill('Ops hook 2');
    await page.getByTestId('channel-form').getByRole('button', { name: 'Save' }).click();
    await expect(row).toContainText('Ops hook 2');
    await expect(row).toContainText('Webhook URL: stored in keychain');
    const config = JSON.parse(await readFile(serve.configFile, 'utf8')) as { channels: Array<{ id: string; secrets: unknown }> };
    expect(config.channels).toEqual([expect.objectContaining({ id: 'ops-hook', secrets: { url: { keychain: true } } })]);

    expect(await page.content()).not.toContain('ops-7f3a9c2e5d');
    expect(await readFile(serve.configFile, 'utf8')).not.toContain('ops-7f3a9c2e5d');

    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(page.getByTestId('channels-notice')).toHaveText('Removed “Ops hook 2”.');
    await expect(page.getByTestId('channel-row')).toHaveCount(0);
  } finally {
    await serve.stop();
    await receiver.close();
  }
});

// The e-mail kind, generated from its spec: a choice for security, routes to one account and a daily summary,
// a test message over plain SMTP to a real server on 127.0.0.1, and the loopback-only rule for "none".
test('adds an e-mail channel limited to one customer account, with a daily summary', async ({ page }) => {
  const smtp = await startSmtpReceiver();
  const account = (id: string, label: string) => ({ id, pool: 'sbi', label, baseUrl: 'http://127.0.0.1:1', credentials: { observerKey: { env: 'PW_E2E_UNSET' } } });
  const serve = await startServe({ accounts: [account('acme', 'ACME rigs'), account('zeta', 'Zeta hosting')] });
  try {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('link', { name: 'Notification channels' }).click();
    await page.getByRole('button', { name: 'Add channel' }).click();
    const form = page.getByTestId('channel-form');
    await form.getByLabel('Type').selectOption('email');
    await form.getByLabel('Label', { exact: true }).fill('ACME mail');
    await form.getByLabel('SMTP server').fill('smtp.example.com');
    await form.getByLabel('Security').selectOption('none');
    await form.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await form.getByLabel('From address').fill('poolwatch@example.com');
    await form.getByLabel('To (comma-separated)').fill('ops@acme.example');
    await form.getByTestId('channel-routes-accounts').getByLabel('ACME rigs').check();
    await form.getByLabel('Daily').check();

    // Unencrypted only to this machine: the engine says so, naming no value.
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('channel-save-error')).toContainText('allowed only to a server on this machine');

    await form.getByLabel('SMTP server').fill('127.0.0.1');
    await form.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByTestId('channel-test-result')).toHaveAttribute('data-ok', 'true');
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual(['ops@acme.example']);
    await form.getByRole('button', { name: 'Save' }).click();

    const row = page.locator('[data-testid="channel-row"][data-id="acme-mail"]');
    await expect(row).toContainText('Only: acme');
    await expect(row).toContainText('Summary: daily at 08:00');
    const config = JSON.parse(await readFile(serve.configFile, 'utf8')) as { channels: unknown[] };
    expect(config.channels).toEqual([
      expect.objectContaining({
        id: 'acme-mail',
        kind: 'email',
        settings: { host: '127.0.0.1', security: 'none', port: String(smtp.port), from: 'poolwatch@example.com', to: 'ops@acme.example' },
        routes: { accounts: ['acme'], groups: [], rules: [] },
        digest: expect.objectContaining({ daily: true, weekly: false, time: '08:00' }),
      }),
    ]);
  } finally {
    await serve.stop();
    await smtp.close();
  }
});
