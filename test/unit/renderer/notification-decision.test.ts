import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  browserNotificationOffer,
  MAX_BODY_CHARS,
  notificationBody,
  planBrowserNotification,
  type NotifyContext,
} from '../../../renderer/features/alerts/notification-decision';
import { makeNotification } from './alert-fixtures';

const HEADLESS: NotifyContext = { transport: 'websocket', permission: 'granted', alreadyShown: new Set() };

describe('browserNotificationOffer', () => {
  it('offers nothing in Electron, whose main process notifies natively', () => {
    for (const permission of ['default', 'granted', 'denied', 'unsupported'] as const) {
      assert.equal(browserNotificationOffer('electron', permission), 'none');
    }
  });

  it('asks while the browser has not been asked, else reports the answer', () => {
    assert.equal(browserNotificationOffer('websocket', 'default'), 'ask');
    assert.equal(browserNotificationOffer('websocket', 'granted'), 'granted');
    assert.equal(browserNotificationOffer('websocket', 'denied'), 'denied');
    assert.equal(browserNotificationOffer('websocket', 'unsupported'), 'unsupported');
  });
});

describe('planBrowserNotification', () => {
  it('shows the title and body, tagged with the notification id', () => {
    assert.deepEqual(planBrowserNotification(makeNotification({ id: 'n1' }), HEADLESS), {
      title: 'Worker offline',
      options: { body: 'rig-1 in Main', tag: 'n1' },
    });
  });

  it('shows nothing without permission, in Electron, or twice for one id', () => {
    const notification = makeNotification({ id: 'n1' });
    assert.equal(planBrowserNotification(notification, { ...HEADLESS, permission: 'default' }), null);
    assert.equal(planBrowserNotification(notification, { ...HEADLESS, permission: 'denied' }), null);
    assert.equal(planBrowserNotification(notification, { ...HEADLESS, permission: 'unsupported' }), null);
    assert.equal(planBrowserNotification(notification, { ...HEADLESS, transport: 'electron' }), null);
    assert.equal(planBrowserNotification(notification, { ...HEADLESS, alreadyShown: new Set(['n1']) }), null);
  });

  it('falls back to a title of its own when the engine sent none', () => {
    assert.equal(planBrowserNotification(makeNotification({ id: 'n1', title: ' ' }), HEADLESS)?.title, 'PoolWatch alert');
  });
});

describe('notificationBody', () => {
  it('lists item messages when the body is empty, up to five and a count', () => {
    const item = makeNotification({ id: 'x' }).items[0];
    assert.ok(item);
    const items = Array.from({ length: 7 }, (_, index) => ({ ...item, message: `rig-${index} offline` }));
    assert.equal(notificationBody({ body: '', items }), 'rig-0 offline\nrig-1 offline\nrig-2 offline\nrig-3 offline\nrig-4 offline\nand 2 more');
  });

  it('cuts a long body at a word and marks the cut', () => {
    const body = notificationBody({ body: 'word '.repeat(100), items: [] });
    assert.ok(body.length <= MAX_BODY_CHARS);
    assert.ok(body.endsWith('word…'));
  });
});
