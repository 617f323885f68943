import type { ChannelRoutes } from '../../shared/contract';
import { partsOfKey, type RuleId } from './alert-types';
import { buildNotification, type Notification } from './notification-format';

/**
 * Account-wide alerts a group-limited channel still gets: when the key is rejected or the pool is down, every
 * group of the account is unwatched, and the channel's reader needs to know.
 */
const ACCOUNT_WIDE_FOR_GROUPS: ReadonlySet<string> = new Set<RuleId>(['key-rejected', 'permission-lost', 'key-expiry', 'source-failing', 'data-stale']);

/** Whether the routes limit anything (a channel without them gets every alert of its minimum severity). */
export function hasRoutes(routes: ChannelRoutes | undefined): routes is ChannelRoutes {
  return routes !== undefined && (routes.accounts.length > 0 || routes.groups.length > 0 || routes.rules.length > 0);
}

/** Whether the channel's accounts and groups cover this account and group (no account or group limit: every one). */
export function routesCoverScope(routes: ChannelRoutes, accountId: string, group: string | null, ruleId: string): boolean {
  if (routes.accounts.length === 0 && routes.groups.length === 0) return true;
  if (routes.accounts.includes(accountId)) return true;
  return routes.groups.some(
    (route) => route.accountId === accountId && (route.group === group || (group === null && ACCOUNT_WIDE_FOR_GROUPS.has(ruleId))),
  );
}

/** Whether an alert of this rule, account and group goes to a channel with these routes. */
export function routesAllow(routes: ChannelRoutes, ruleId: string, accountId: string, group: string | null): boolean {
  if (routes.rules.length > 0 && !(routes.rules as readonly string[]).includes(ruleId)) return false;
  return routesCoverScope(routes, accountId, group, ruleId);
}

/**
 * The part of a notification a channel may receive: all of it without routes, only the items its routes allow
 * otherwise (title and body written again from them, so a customer's channel never names another account), or
 * null when nothing is left.
 */
export function notificationForChannel(notification: Notification, routes: ChannelRoutes | undefined): Notification | null {
  if (!hasRoutes(routes)) return notification;
  const items = notification.items.filter((item) => routesAllow(routes, item.ruleId, item.scope.accountId, item.scope.group));
  if (items.length === 0) return null;
  if (items.length === notification.items.length) return notification;
  const itemKeys = new Set(items.map((item) => item.key));
  const droppedKeys = new Set(notification.items.filter((item) => !itemKeys.has(item.key)).map((item) => item.key));
  // Keys folded under a kept item (workers under a fleet alert) stay, for snooze, where the channel covers their scope.
  const covered = notification.alertKeys.filter((key) => !itemKeys.has(key) && !droppedKeys.has(key) && routesCoverKey(routes, key));
  const rebuilt = buildNotification(notification.id, notification.atMs, notification.kind, items, covered);
  return { ...rebuilt, actions: notification.actions };
}

function routesCoverKey(routes: ChannelRoutes, key: string): boolean {
  const parts = partsOfKey(key);
  return routesCoverScope(routes, parts.accountId, parts.group, parts.ruleId);
}
