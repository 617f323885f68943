import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_WEBHOOK_ITEMS, formatWebhook, webhookPayload } from '../../../../main/alerts/channels/webhook-format';
import { makeNotification } from './make-notification';

describe('generic webhook payload', () => {
  it('has exactly the documented fields', () => {
    const request = formatWebhook('https://example.com/hook', makeNotification({ urgent: true }));
    assert.equal(request.headers['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), {
      id: 'n-1',
      at: '2026-11-21T12:00:00.000Z',
      kind: 'alert',
      title: 'Worker offline in Main farm',
      body: 'rig-01 has sent no shares for 15 min.',
      severity: 'warning',
      urgent: true,
      accountId: 'farm',
      items: [
        {
          ruleId: 'worker-offline',
          scope: { accountId: 'farm', accountLabel: 'Main farm', group: 'main', worker: 'rig-01' },
          message: 'rig-01 has sent no shares for 15 min.',
        },
      ],
    });
  });

  it('caps items and says how many were left out', () => {
    const one = makeNotification().items[0];
    assert.ok(one);
    const payload = webhookPayload(makeNotification({ items: Array.from({ length: MAX_WEBHOOK_ITEMS + 5 }, () => one) }));
    assert.equal(payload.items.length, MAX_WEBHOOK_ITEMS);
    assert.equal(payload.itemsOmitted, 5);
  });
});
