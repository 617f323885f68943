// A pool that echoes the whole request (URL, headers, body: every credential) in a long error must leak no piece of
// any secret: the text is redacted first and cut after. Real engine, real simulators, real loopback HTTP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOL_IDS, secretFragmentsIn, startPoolHarness } from '../support/pool-harness';

/** Paddings that move the echoed credentials across the point where a quote is cut. */
const PADDINGS = Array.from({ length: 60 }, (_, index) => index * 4);

for (const pool of POOL_IDS) {
  describe(`${pool}: an error echoing the request`, () => {
    for (const status of [400, 401]) {
      it(`HTTP ${status}: no 6-character piece of a secret in the message, the summary or the log`, async () => {
        const harness = await startPoolHarness(pool);
        try {
          const messages: string[] = [];
          for (const padding of PADDINGS) {
            harness.sim.faults.clear();
            harness.sim.faults.add({ fault: { kind: 'echo', status, padding } });
            const account = await harness.poll();
            messages.push(account.message ?? '');
            const leaked = secretFragmentsIn(`${JSON.stringify(account)}\n${harness.logger.lines.join('\n')}`, harness.secrets);
            assert.deepEqual(leaked, [], `padding ${padding}: ${account.message}`);
          }
          assert.ok(messages.some((message) => message.includes('Bad request ...')), `the pool's words reach the account: ${messages[0]}`);
        } finally {
          await harness.close();
        }
      });
    }
  });
}
