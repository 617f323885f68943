import type { AlertNotificationView } from '../../../shared/contract';
import type { Transport } from '../../state/connection-store';

/** Notification.permission, or 'unsupported' where the browser has no Notification API (or blocks it here). */
export type BrowserPermission = 'unsupported' | 'default' | 'granted' | 'denied';

/** What the Alerts header offers about browser notifications. */
export type BrowserNotificationOffer =
  /** Electron shows native notifications from the main process: nothing to offer. */
  | 'none'
  | 'unsupported'
  | 'ask'
  | 'granted'
  | 'denied';

export function browserNotificationOffer(transport: Transport, permission: BrowserPermission): BrowserNotificationOffer {
  if (transport === 'electron') return 'none';
  if (permission === 'default') return 'ask';
  return permission;
}

export interface BrowserNotificationPlan {
  title: string;
  options: { body: string; tag: string };
}

/** Browsers cut long bodies anyway; cutting here keeps the cut at a word and marks it. */
export const MAX_BODY_CHARS = 300;
/** Names listed when a grouped notification comes without a body. */
const MAX_ITEMS_LISTED = 5;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** The body to show: the engine's own text, else the messages of the items behind it. */
export function notificationBody(notification: Pick<AlertNotificationView, 'body' | 'items'>): string {
  const body = notification.body.trim();
  if (body !== '') return truncate(body, MAX_BODY_CHARS);
  const messages = notification.items.map((item) => item.message);
  const listed = messages.slice(0, MAX_ITEMS_LISTED).join('\n');
  const more = messages.length - MAX_ITEMS_LISTED;
  return truncate(more > 0 ? `${listed}\nand ${more} more` : listed, MAX_BODY_CHARS);
}

export interface NotifyContext {
  transport: Transport;
  permission: BrowserPermission;
  /** Ids already shown: an event seen twice (a reconnect, a second subscription) must not ring twice. */
  alreadyShown: ReadonlySet<string>;
}

/** The browser notification to show for an engine notification, or null when none should be shown. */
export function planBrowserNotification(notification: AlertNotificationView, context: NotifyContext): BrowserNotificationPlan | null {
  if (context.transport !== 'websocket' || context.permission !== 'granted') return null;
  if (context.alreadyShown.has(notification.id)) return null;
  const title = notification.title.trim() === '' ? 'PoolWatch alert' : notification.title;
  // The tag makes a repeat of the same notification replace the old one instead of stacking.
  return { title, options: { body: notificationBody(notification), tag: notification.id } };
}
