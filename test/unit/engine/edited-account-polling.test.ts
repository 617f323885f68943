// A key fixed in the account form is polled at once: saving resets the backoff of the broken key it replaces.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AccountEditor } from '../../../main/engine/account-editor';
import { Engine } from '../../../main/engine/engine';
import { MAX_BACKOFF_MS } from '../../../main/engine/polling-policy';
import { startSbiSim } from '../../sim/sbi';
import { captureLogger } from '../../support/capture-logger';
import { FakeClock } from '../../support/fake-clock';
import { memoryConfig } from '../../support/memory-config';
import { memorySecrets } from '../../support/memory-secrets';
import { FAST_HTTP } from '../../support/pool-harness';
import { waitFor } from '../../support/wait-for';

describe('saving an account with a fixed key', () => {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
  const simReady = startSbiSim({ now: () => clock.now(), seed: 3, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 20 }] });
  after(async () => (await simReady).close());

  it('polls the account at once, not after the backoff the broken key had built up', async () => {
    const sim = await simReady;
    const account = {
      id: 'farm',
      pool: 'sbi' as const,
      label: 'Farm',
      baseUrl: sim.url,
      pollIntervalSec: 60,
      credentials: { apiKey: { keychain: true as const }, apiSecret: { keychain: true as const } },
    };
    const secrets = memorySecrets({ 'farm/apiKey': sim.fullKey.apiKey, 'farm/apiSecret': 'not-the-secret-0000' });
    const engine = new Engine({ config: memoryConfig({ accounts: [account] }), secrets, logger: captureLogger(), httpLimits: FAST_HTTP, clock });
    const editor = new AccountEditor(engine);
    await engine.start();
    try {
      // Fail until the wait between polls has grown to the 15-minute cap.
      for (let polls = 0; polls < 6; polls += 1) {
        await engine.pollAll();
        await clock.advance(0);
      }
      const broken = engine.summaries()[0]!;
      assert.equal(broken.status, 'auth_error');
      const waitMs = Date.parse(broken.nextPollAt!) - clock.now();
      assert.ok(waitMs > MAX_BACKOFF_MS / 2, `the broken key backs off (next poll in ${waitMs} ms)`);

      await editor.handle('accounts:save', {
        account: { id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, mode: 'api-key' },
        secrets: { apiSecret: sim.fullKey.apiSecret },
      });
      // No fake time passes: the saved account is polled now, over real HTTP, not after a timer.
      await waitFor(() => engine.summaries()[0]!.status === 'ok', 5_000, 'the edited account polled ok');
      const fixed = engine.summaries()[0]!;
      assert.equal(fixed.stale, false);
      assert.equal(fixed.workers.total, 20);
      const nextMs = Date.parse(fixed.nextPollAt!) - clock.now();
      assert.ok(nextMs <= 66_000, `the next poll is one interval away, not a backoff (${nextMs} ms)`);
    } finally {
      engine.stop();
    }
  });

  it('drops the replaced runner\'s aborted poll: no error lands over the saved account', async () => {
    const sim = await simReady;
    const account = {
      id: 'slow',
      pool: 'sbi' as const,
      label: 'Slow',
      baseUrl: sim.url,
      pollIntervalSec: 60,
      credentials: { apiKey: { keychain: true as const }, apiSecret: { keychain: true as const } },
    };
    const secrets = memorySecrets({ 'slow/apiKey': sim.fullKey.apiKey, 'slow/apiSecret': sim.fullKey.apiSecret });
    const engine = new Engine({ config: memoryConfig({ accounts: [account] }), secrets, logger: captureLogger(), httpLimits: FAST_HTTP, clock });
    const editor = new AccountEditor(engine);
    await engine.start();
    const seen: string[] = [];
    engine.subscribe((event) => {
      if (event.channel === 'state:account' && event.payload.id === 'slow') seen.push(event.payload.status);
    });
    try {
      sim.faults.add({ fault: { kind: 'latency', ms: 600 }, remaining: 1 });
      const inFlight = engine.pollAll();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await editor.handle('accounts:save', { account: { id: 'slow', pool: 'sbi', label: 'Slow again', baseUrl: sim.url, mode: 'api-key' }, secrets: {} });
      await inFlight;
      await waitFor(() => seen.includes('ok'), 5_000, 'the saved account polled ok');
      await new Promise((resolve) => setTimeout(resolve, 700));
      assert.deepEqual(seen.filter((status) => status !== 'pending' && status !== 'ok'), [], `statuses published: ${seen.join(', ')}`);
      assert.equal(engine.summaries()[0]!.status, 'ok');
    } finally {
      engine.stop();
      sim.faults.clear();
    }
  });
});
