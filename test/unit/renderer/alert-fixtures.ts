import type { ActiveAlertView, AlertHistoryEntry, AlertNotificationView, ChannelView } from '../../../shared/contract';

const SCOPE = { accountId: 'acc-1', accountLabel: 'Main', group: 'rack-a', worker: 'rig-1' };

export function makeActiveAlert(overrides: Partial<ActiveAlertView> & Pick<ActiveAlertView, 'key'>): ActiveAlertView {
  return {
    ruleId: 'worker-offline',
    scope: SCOPE,
    ref: null,
    state: 'firing',
    since: '2025-01-01T10:00:00.000Z',
    firedAt: '2025-01-01T10:02:00.000Z',
    message: 'rig-1 is offline',
    severity: 'warning',
    urgent: false,
    snoozed: false,
    ...overrides,
  };
}

export function makeHistoryEntry(overrides: Partial<AlertHistoryEntry> & Pick<AlertHistoryEntry, 'id'>): AlertHistoryEntry {
  return {
    kind: 'transition',
    at: '2025-01-01T10:00:00.000Z',
    key: `key-${overrides.id}`,
    ruleId: 'worker-offline',
    scope: SCOPE,
    ref: null,
    from: 'pending',
    to: 'firing',
    message: 'rig-1 is offline',
    severity: 'warning',
    urgent: false,
    ...overrides,
  };
}

export function makeNotification(overrides: Partial<AlertNotificationView> & Pick<AlertNotificationView, 'id'>): AlertNotificationView {
  return {
    at: '2025-01-01T10:02:00.000Z',
    kind: 'alert',
    title: 'Worker offline',
    body: 'rig-1 in Main',
    severity: 'warning',
    urgent: false,
    accountId: 'acc-1',
    alertKeys: ['k1'],
    items: [{ ruleId: 'worker-offline', scope: SCOPE, message: 'rig-1 is offline' }],
    ...overrides,
  };
}

export function makeChannel(overrides: Partial<ChannelView> & Pick<ChannelView, 'id'>): ChannelView {
  return {
    kind: 'telegram',
    label: 'Phone',
    enabled: true,
    minSeverity: 'warning',
    settings: { chatId: '12345' },
    secrets: [{ field: 'botToken', hasSecret: true }],
    ...overrides,
  };
}
