import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChannelDraft } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { SettingsStore } from '../../main/store/settings-store';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { makeSelfSignedCert } from '../support/self-signed-cert';
import { decodeQuotedPrintable, startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver';
import { makeNotification } from '../unit/alerts/channels/make-notification';
import type { NotificationItem } from '../../main/alerts/notification-format';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import { fileConfigRepository } from '../../main/store/config-repository';
import { startSbiSim } from '../sim/sbi';

// Generated per run, like the simulators' keys: no credential is ever a fixture.
const USER = `alerts-${Math.random().toString(36).slice(2, 8)}`;
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;

function worker(name: string): NotificationItem {
  return {
    key: `worker-offline\u0000farm\u0000main\u0000${name}`,
    ruleId: 'worker-offline',
    scope: { accountId: 'farm', accountLabel: 'Main farm', group: 'main', worker: name },
    pool: 'sbi',
    ref: null,
    change: 'firing',
    atMs: Date.UTC(2026, 10, 21, 12, 0, 0),
    message: `${name} has sent no shares for 15 min.`,
    severity: 'critical',
    urgent: false,
  };
}

async function setup() {
  const config = memoryConfig({
    accounts: [{ id: 'farm', pool: 'sbi', label: 'Main farm', credentials: { apiKey: { env: 'K' }, apiSecret: { env: 'S' } } }],
  });
  const settings = new SettingsStore(config);
  await settings.load();
  const logger = captureLogger();
  const secrets = memorySecrets();
  const service = new ChannelService({ settings, secrets, logger, clock: new FakeClock(), env: {}, sleep: async () => {}, timeoutMs: 5_000 });
  return { service, logger, settings, secrets };
}

function draft(port: number, settings: Record<string, string>): ChannelDraft {
  return {
    kind: 'email',
    label: 'Mail',
    enabled: true,
    minSeverity: 'warning',
    settings: { host: '127.0.0.1', port: String(port), from: 'poolwatch@example.com', to: 'me@example.com, ops@example.org', ...settings },
  };
}

/** The decoded text of the message's part with this content type. */
function part(raw: string, type: 'text/plain' | 'text/html'): string {
  const start = raw.indexOf(`Content-Type: ${type}`);
  assert.ok(start >= 0, `no ${type} part`);
  const body = raw.slice(raw.indexOf('\r\n\r\n', start) + 4);
  return decodeQuotedPrintable(body.slice(0, body.search(/\r\n--/)));
}

describe('channels: e-mail over a real SMTP server on 127.0.0.1', () => {
  const tls = makeSelfSignedCert();
  let secured: SmtpReceiver;
  let plain: SmtpReceiver;
  before(async () => {
    secured = await startSmtpReceiver({ tls, login: { user: USER, password: PASSWORD } });
    plain = await startSmtpReceiver();
  });
  after(async () => {
    await secured.close();
    await plain.close();
  });

  it('delivers over STARTTLS with sign-in, trusting the self-signed certificate only as configured; names account, pool and workers', async () => {
    const { service, settings, logger } = await setup();
    await service.save(draft(secured.port, { security: 'starttls', tlsCa: tls.cert }), { username: USER, password: PASSWORD });
    assert.ok(!JSON.stringify(settings.current()).includes(PASSWORD), 'the password stays out of the config');
    const items = [worker('rig-01'), worker('rig-02'), worker('<b>rig&3</b>')];
    service.dispatch(makeNotification({ severity: 'critical', title: '3 workers offline in Main farm', body: 'rig-01, rig-02, <b>rig&3</b>.', items, alertKeys: items.map((item) => item.key) }));
    await service.idle();

    assert.equal(secured.mails.length, 1, logger.lines.join('\n'));
    const mail = secured.mails[0]!;
    assert.equal(mail.user, USER);
    assert.equal(mail.secure, true, 'STARTTLS was used');
    assert.deepEqual(mail.to, ['me@example.com', 'ops@example.org']);
    assert.match(mail.raw, /^Subject: \[PoolWatch\] CRITICAL: 3 workers offline in Main farm\r?$/m);
    const text = part(mail.raw, 'text/plain');
    assert.match(text, /Account: Main farm \(SBI Crypto Pool\)/);
    assert.match(text, /Workers: rig-01, rig-02, <b>rig&3<\/b>/);
    const html = part(mail.raw, 'text/html');
    assert.match(html, /Main farm \(SBI Crypto Pool\)/);
    assert.match(html, /rig-01, rig-02, &#60;b&#62;rig&#38;3&#60;\/b&#62;/);
    assert.ok(!html.includes('<b>rig'), 'names are escaped in the HTML part');
    assert.ok(!logger.lines.join('\n').includes(PASSWORD));
  });

  it('delivers over TLS from the first byte (security tls)', async () => {
    const implicit = await startSmtpReceiver({ tls, implicitTls: true, login: { user: USER, password: PASSWORD } });
    try {
      const { service } = await setup();
      const result = await service.test(draft(implicit.port, { security: 'tls', tlsCa: tls.cert }), { username: USER, password: PASSWORD });
      assert.deepEqual(result, { ok: true, message: 'The SMTP server accepted the test message.' });
      assert.equal(implicit.mails[0]?.secure, true);
      assert.equal(implicit.mails[0]?.user, USER);
    } finally {
      await implicit.close();
    }
  });

  it('refuses the self-signed certificate when it is not trusted in the channel: verification is never turned off', async () => {
    const { service } = await setup();
    const before = secured.mails.length;
    const result = await service.test(draft(secured.port, { security: 'starttls' }), { username: USER, password: PASSWORD });
    assert.equal(result.ok, false);
    assert.match(result.message, /TLS certificate was not accepted .*self-signed/i);
    assert.equal(secured.mails.length, before);
  });

  it('a wrong password is a clear channel error, with the password (echoed by the server) redacted everywhere', async () => {
    const { service, logger } = await setup();
    const wrong = `${PASSWORD}-wrong`;
    const result = await service.test(draft(secured.port, { security: 'starttls', tlsCa: tls.cert }), { username: USER, password: wrong });
    assert.equal(result.ok, false);
    assert.match(result.message, /^The SMTP server 127\.0\.0\.1:\d+ rejected the user name or password \(535\); check them/);
    assert.match(result.message, /\[redacted\]/, 'the echo is quoted, redacted');
    assert.ok(!result.message.includes(wrong) && !result.message.includes(PASSWORD));
    const plainAuth = Buffer.from(`\u0000${USER}\u0000${wrong}`).toString('base64');
    assert.ok(!result.message.includes(plainAuth.slice(0, 16)), `the AUTH PLAIN form is redacted too: ${result.message}`);

    // The same through a saved channel's background delivery: not retried, logged without the password.
    await service.save(draft(secured.port, { security: 'starttls', tlsCa: tls.cert }), { username: USER, password: wrong });
    service.dispatch(makeNotification());
    await service.idle();
    const log = logger.lines.join('\n');
    assert.match(log, /could not deliver n-1, not retrying: The SMTP server 127\.0\.0\.1:\d+ rejected the user name or password/);
    assert.ok(!log.includes(wrong) && !log.includes(PASSWORD.slice(0, 12)) && !log.includes(plainAuth.slice(0, 16)), log);
  });

  it('sends without encryption to a server on this machine (security none)', async () => {
    const { service } = await setup();
    const result = await service.test(draft(plain.port, { security: 'none' }), {});
    assert.deepEqual(result, { ok: true, message: 'The SMTP server accepted the test message.' });
    assert.equal(plain.mails.length, 1);
    assert.equal(plain.mails[0]?.secure, false);
    assert.match(part(plain.mails[0]!.raw, 'text/plain'), /The channel "Mail" works/);
  });

  it('refuses security none to any other host, on save and on a hand-edited config', async () => {
    const { service, settings, logger } = await setup();
    await assert.rejects(
      service.save({ ...draft(25, { security: 'none' }), settings: { ...draft(25, {}).settings, host: 'smtp.example.com', security: 'none' } }, {}),
      /Security "none" sends the password and the alerts unencrypted, so it is allowed only to a server on this machine/,
    );
    const saved = await service.save(draft(plain.port, { security: 'none' }), {});
    await settings.update((config) => ({
      ...config,
      channels: config.channels.map((channel) => (channel.id === saved.id ? { ...channel, settings: { ...channel.settings, host: '192.0.2.1' } } : channel)),
    }));
    const count = plain.mails.length;
    service.dispatch(makeNotification({ id: 'n-hand' }));
    await service.idle();
    assert.equal(plain.mails.length, count);
    assert.match(logger.lines.join('\n'), /could not deliver n-hand, not retrying: The channel's stored settings cannot be used \(Security "none"/);
  });

  it('validates the addresses, naming the field and never echoing the value', async () => {
    const { service } = await setup();
    await assert.rejects(service.save(draft(plain.port, { security: 'none', to: 'me@example.com, not an address' }), {}), /To address 2 is not an e-mail address/);
    await assert.rejects(service.save(draft(plain.port, { security: 'none', from: 'nobody' }), {}), /The From address is not an e-mail address/);
    await assert.rejects(service.save(draft(plain.port, { security: 'smtps' }), {}), /Security is starttls, tls or none/);
  });

  it('says what is wrong when the server offers no STARTTLS, refuses the connection, or refuses a recipient', async () => {
    const { service } = await setup();
    const noStartTls = await service.test(draft(plain.port, { security: 'starttls' }), {});
    assert.equal(noStartTls.ok, false);
    assert.match(noStartTls.message, /^The SMTP server 127\.0\.0\.1:\d+ could not start TLS \(STARTTLS\)/);

    const closed = await startSmtpReceiver();
    const closedPort = closed.port;
    await closed.close();
    const refused = await service.test(draft(closedPort, { security: 'none' }), {});
    assert.deepEqual(refused, { ok: false, message: `Could not connect to 127.0.0.1:${closedPort}: the connection was refused (is the address right and the service up?).` });

    const count = plain.mails.length;
    const bounce = await startSmtpReceiver({ rejectRecipients: true });
    try {
      const rejected = await service.test(draft(bounce.port, { security: 'none' }), {});
      assert.equal(rejected.ok, false);
      assert.match(rejected.message, /refused the sender or a recipient \(550\); check From and To\. It said: "550 No such mailbox"/);
    } finally {
      await bounce.close();
    }
    assert.equal(plain.mails.length, count);
  });

  it('end to end: workers stopping at the SBI simulator become one e-mail naming the account, its pool and the workers', async () => {
    const sim = await startSbiSim({ seed: 505, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 12, deadShare: 0, offlineShare: 0 }] });
    const dir = await mkdtemp(join(tmpdir(), 'pw-email-e2e-'));
    const configFile = join(dir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [{ id: 'farm', pool: 'sbi', label: 'Main farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_EM_KEY' }, apiSecret: { env: 'PW_EM_SECRET' } } }],
      }),
    );
    const clock = new FakeClock(Date.now());
    const { poolWatch } = createPoolWatch({
      config: fileConfigRepository(configFile),
      dataDir: null,
      secrets: memorySecrets(),
      logger: captureLogger(),
      clock,
      env: { PW_EM_KEY: sim.fullKey.apiKey, PW_EM_SECRET: sim.fullKey.apiSecret },
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
      channelOptions: { sleep: async () => {} },
    });
    const before = secured.mails.length;
    try {
      await poolWatch.engine.load();
      poolWatch.alerts.start();
      await poolWatch.handle('channels:save', {
        channel: { ...draft(secured.port, { security: 'starttls', tlsCa: tls.cert }), minSeverity: 'warning' },
        secrets: { username: USER, password: PASSWORD },
      });
      const cycle = async (): Promise<void> => {
        await clock.advance(60_000);
        sim.advanceClock(60_000);
        await poolWatch.engine.pollAll();
      };
      for (let i = 0; i < 3; i += 1) await cycle();
      const victims = sim.workerNames('rigs').slice(0, 3);
      for (const name of victims) sim.stopWorker('rigs', name);
      for (let i = 0; i < 4; i += 1) await cycle();
      await poolWatch.channels.idle();
      const mails = secured.mails.slice(before);
      assert.equal(mails.length, 1, 'one grouped e-mail');
      assert.match(mails[0]!.raw, /^Subject: \[PoolWatch\] WARNING: 3 workers offline in Main farm\r?$/m);
      const text = part(mails[0]!.raw, 'text/plain');
      assert.match(text, /Account: Main farm \(SBI Crypto Pool\)/);
      assert.match(text, new RegExp(`Workers: ${[...victims].sort().join(', ')}`));
      for (const name of victims) assert.match(part(mails[0]!.raw, 'text/html'), new RegExp(name));
    } finally {
      poolWatch.stop();
      await sim.close();
    }
  });
});
