import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ChannelDraft, ChannelRoutes } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { notificationForChannel } from '../../main/alerts/channel-routing';
import { alertKey, type RuleId } from '../../main/alerts/alert-types';
import { buildNotification, type NotificationItem } from '../../main/alerts/notification-format';
import { SettingsStore } from '../../main/store/settings-store';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const AT = Date.UTC(2026, 10, 21, 12, 0, 0);
const LABELS: Record<string, string> = { acme: 'ACME rigs', zeta: 'Zeta hosting', own: 'Own farm' };

function item(ruleId: RuleId, accountId: string, group: string | null, worker: string | null): NotificationItem {
  const scope = { accountId, accountLabel: LABELS[accountId] ?? accountId, group, worker };
  return { key: alertKey(ruleId, scope), ruleId, scope, pool: 'sbi', ref: null, change: 'firing', atMs: AT, message: `${worker ?? group ?? accountId}: ${ruleId}`, severity: 'critical', urgent: false };
}

const routes = (partial: Partial<ChannelRoutes>): ChannelRoutes => ({ accounts: [], groups: [], rules: [], ...partial });

describe('channel routing: which alerts a channel gets', () => {
  const mixed = buildNotification('n-mixed', AT, 'digest', [
    item('worker-offline', 'acme', 'main', 'rig-01'),
    item('worker-offline', 'zeta', 'main', 'z-01'),
    item('source-failing', 'own', null, null),
    item('key-rejected', 'zeta', null, null),
    item('worker-dead', 'zeta', 'backup', 'z-09'),
  ]);

  it('without routes a channel gets the notification as it is', () => {
    assert.equal(notificationForChannel(mixed, undefined), mixed);
    assert.equal(notificationForChannel(mixed, routes({})), mixed);
  });

  it("a customer's account route keeps only that account's items, and title and body name no other account", () => {
    const routed = notificationForChannel(mixed, routes({ accounts: ['acme'] }));
    assert.ok(routed);
    assert.deepEqual(routed.items.map((entry) => entry.scope.accountId), ['acme']);
    assert.deepEqual(routed.alertKeys, [mixed.items[0]?.key]);
    assert.equal(routed.accountId, 'acme');
    assert.doesNotMatch(`${routed.title}\n${routed.body}`, /Zeta|Own farm/);
    assert.match(`${routed.title}\n${routed.body}`, /ACME rigs/);
    assert.equal(routed.id, 'n-mixed');
  });

  it("a group route keeps that group's items and its account's key and pool problems, not other groups'", () => {
    const routed = notificationForChannel(mixed, routes({ groups: [{ accountId: 'zeta', group: 'main' }] }));
    assert.deepEqual(routed?.items.map((entry) => `${entry.ruleId}:${entry.scope.worker ?? ''}`), ['worker-offline:z-01', 'key-rejected:']);
  });

  it('a rule route narrows further, and nothing left means no notification', () => {
    assert.deepEqual(notificationForChannel(mixed, routes({ rules: ['worker-dead'] }))?.items.map((entry) => entry.scope.worker), ['z-09']);
    assert.equal(notificationForChannel(mixed, routes({ accounts: ['acme'], rules: ['worker-dead'] })), null);
    assert.equal(notificationForChannel(mixed, routes({ accounts: ['nobody'] })), null);
  });
});

describe('channel routing: delivery to a real webhook receiver', () => {
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.answer([]);
  });

  async function setup() {
    const settings = new SettingsStore(
      memoryConfig({
        accounts: ['acme', 'zeta', 'own'].map((id) => ({ id, pool: 'sbi' as const, label: LABELS[id] ?? id, credentials: { observerKey: { env: 'K' } } })),
      }),
    );
    await settings.load();
    const service = new ChannelService({ settings, secrets: memorySecrets(), logger: captureLogger(), clock: new FakeClock(), env: {}, sleep: async () => {} });
    const add = (path: string, extra: Partial<ChannelDraft>) =>
      service.save({ kind: 'webhook', label: path.slice(1), enabled: true, minSeverity: 'info', settings: {}, ...extra }, { url: `${receiver.url}${path}` });
    return { service, add };
  }

  it("a customer's channel gets only that customer's account; the owner's channel gets everything", async () => {
    const { service, add } = await setup();
    const saved = await add('/acme', { routes: routes({ accounts: ['acme'] }) });
    assert.deepEqual(saved.routes, routes({ accounts: ['acme'] }), 'the routes are kept and shown');
    await add('/owner', {});
    service.dispatch(buildNotification('n-1', AT, 'alert', [item('worker-offline', 'zeta', 'main', 'z-01')]));
    service.dispatch(buildNotification('n-2', AT, 'alert', [item('worker-offline', 'acme', 'main', 'rig-01')]));
    service.dispatch(buildNotification('n-3', AT, 'digest', [item('source-failing', 'own', null, null), item('worker-dead', 'acme', 'main', 'rig-02')]));
    await service.idle();
    const bodies = (path: string) => receiver.requestsTo(path).map((request) => request.body);
    assert.equal(bodies('/acme').length, 2);
    for (const body of bodies('/acme')) assert.doesNotMatch(body, /Zeta|Own farm|z-01/);
    assert.match(bodies('/acme')[1] ?? '', /rig-02/);
    assert.equal(bodies('/owner').length, 3);
  });

  it('a route naming an account the config does not have is refused on save, naming it', async () => {
    const { add } = await setup();
    await assert.rejects(add('/typo', { routes: routes({ accounts: ['acme', 'acmee'] }) }), /limited to account "acmee", which is not configured/);
    await assert.rejects(add('/typo', { routes: routes({ groups: [{ accountId: 'nope', group: 'main' }] }) }), /account "nope"/);
  });
});
