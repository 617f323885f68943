import type { Notification, NotificationItem } from '../../../../main/alerts/notification-format';

/** A notification as the alert engine would produce one, with overrides. */
export function makeNotification(overrides: Partial<Notification> = {}): Notification {
  const item: NotificationItem = {
    key: 'worker-offline\u0000farm\u0000main\u0000rig-01',
    ruleId: 'worker-offline',
    scope: { accountId: 'farm', accountLabel: 'Main farm', group: 'main', worker: 'rig-01' },
    pool: 'sbi',
    ref: null,
    change: 'firing',
    atMs: Date.UTC(2026, 10, 21, 12, 0, 0),
    message: 'rig-01 has sent no shares for 15 min.',
    severity: 'warning',
    urgent: false,
  };
  return {
    id: 'n-1',
    atMs: Date.UTC(2026, 10, 21, 12, 0, 0),
    kind: 'alert',
    title: 'Worker offline in Main farm',
    body: 'rig-01 has sent no shares for 15 min.',
    severity: 'warning',
    urgent: false,
    accountId: 'farm',
    alertKeys: [item.key],
    items: [item],
    actions: ['snooze-1h', 'open'],
    ...overrides,
  };
}
