import type { AlertScope, RuleId, Severity } from '../alert-types';
import type { Notification, NotificationKind } from '../notification-format';
import { JSON_HEADERS, type OutgoingRequest } from './destination';

/** Items sent per webhook call: a night of flapping workers must not become a multi-megabyte POST. */
export const MAX_WEBHOOK_ITEMS = 1000;

/** The generic webhook's JSON body: a stable shape for scripts and home automation. */
export interface WebhookPayload {
  id: string;
  at: string;
  kind: NotificationKind;
  title: string;
  body: string;
  severity: Severity;
  urgent: boolean;
  accountId: string | null;
  items: Array<{ ruleId: RuleId; scope: AlertScope; message: string }>;
  /** Present only when items were cut at MAX_WEBHOOK_ITEMS. */
  itemsOmitted?: number;
}

export function webhookPayload(notification: Notification): WebhookPayload {
  const items = notification.items.slice(0, MAX_WEBHOOK_ITEMS).map((item) => ({ ruleId: item.ruleId, scope: item.scope, message: item.message }));
  const omitted = notification.items.length - items.length;
  return {
    id: notification.id,
    at: new Date(notification.atMs).toISOString(),
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    severity: notification.severity,
    urgent: notification.urgent,
    accountId: notification.accountId,
    items,
    ...(omitted > 0 ? { itemsOmitted: omitted } : {}),
  };
}

export function formatWebhook(url: string, notification: Notification): OutgoingRequest {
  return { url, headers: { ...JSON_HEADERS }, body: JSON.stringify(webhookPayload(notification)) };
}
