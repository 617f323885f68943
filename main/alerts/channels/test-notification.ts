import type { Notification } from '../notification-format';

/** What "Send test" posts: shaped like a real warning, so the person sees how alerts will look there. */
export function testNotification(label: string, atMs: number): Notification {
  return {
    id: `test-${atMs}`,
    atMs,
    kind: 'event',
    title: 'PoolWatch test message',
    body: `The channel "${label}" works: PoolWatch alerts will arrive here.`,
    severity: 'warning',
    urgent: false,
    accountId: null,
    alertKeys: [],
    items: [],
    actions: [],
  };
}
