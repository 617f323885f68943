import { randomBytes } from 'node:crypto';
import type { Notification } from '../notification-format';
import type { SnoozeTarget } from '../snoozes';

/** What a button on a phone notification does. */
export const PHONE_ACTIONS = ['snooze-1h', 'snooze-8h', 'mute-worker'] as const;
export type PhoneAction = (typeof PHONE_ACTIONS)[number];

export const PHONE_ACTION_LABELS: Readonly<Record<PhoneAction, string>> = {
  'snooze-1h': 'Snooze 1 h',
  'snooze-8h': 'Snooze 8 h',
  'mute-worker': 'Mute worker',
};

/** The buttons one message carries: its own token and the actions it offers. */
export interface ActionButtons {
  token: string;
  actions: PhoneAction[];
}

/** A button is honoured this long after its message was sent; an older one is answered as expired. */
export const ACTION_TOKEN_TTL_MS = 7 * 24 * 3_600_000;
/** Tokens kept at most (oldest forgotten first), so a flood of notifications cannot grow memory without end. */
export const MAX_ACTION_TOKENS = 10_000;

interface IssuedToken {
  channelId: string;
  notificationId: string;
  alertKeys: string[];
  workers: SnoozeTarget[];
  expiresAtMs: number;
}

/** The workers a notification is about (for "Mute worker"), as snooze targets. */
function workerTargets(notification: Notification): SnoozeTarget[] {
  const seen = new Map<string, SnoozeTarget>();
  for (const item of notification.items) {
    const { accountId, group, worker } = item.scope;
    if (worker === null || group === null || !accountId) continue;
    seen.set(JSON.stringify([accountId, group, worker]), { accountId, group, worker });
  }
  return [...seen.values()];
}

function isPhoneAction(value: string): value is PhoneAction {
  return (PHONE_ACTIONS as readonly string[]).includes(value);
}

/** What pressing a button led to, worded for the phone. */
export type ActionResult = { ok: true; reply: string } | { ok: false; reply: string };

/**
 * One unguessable token per sent message (144 random bits), mapped here to the alerts it may snooze. A press names
 * the token, never an alert: someone who learns the reply topic can neither guess a token nor snooze other alerts,
 * and a token works only on the channel it was sent through. Tokens live in memory: a restart retires them.
 */
export class ActionTokens {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly byNotification = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  /** The buttons for one notification on one channel (the same token on a retry), or null when it has nothing to snooze. */
  buttonsFor(channelId: string, notification: Notification): ActionButtons | null {
    if (!notification.actions.includes('snooze-1h') || notification.alertKeys.length === 0) return null;
    const workers = workerTargets(notification);
    const actions: PhoneAction[] = ['snooze-1h', 'snooze-8h', ...(workers.length > 0 ? (['mute-worker'] as const) : [])];
    const id = `${channelId}\u0000${notification.id}`;
    const known = this.byNotification.get(id);
    if (known && this.tokens.has(known)) return { token: known, actions };
    this.prune();
    const token = randomBytes(18).toString('base64url');
    this.tokens.set(token, { channelId, notificationId: notification.id, alertKeys: [...notification.alertKeys], workers, expiresAtMs: this.now() + ACTION_TOKEN_TTL_MS });
    this.byNotification.set(id, token);
    return { token, actions };
  }

  /**
   * Applies a press: `snooze` is the alert service's. Unknown, expired or foreign tokens and unknown actions change
   * nothing; the reply says so without repeating what was sent.
   */
  press(channelId: string, action: string, token: string, snooze: (target: SnoozeTarget, minutes: number | null) => void): ActionResult {
    const issued = this.tokens.get(token);
    if (!issued || issued.channelId !== channelId) return { ok: false, reply: 'This button is not known to PoolWatch (sent before a restart, or not by this PoolWatch); nothing was changed.' };
    if (issued.expiresAtMs <= this.now()) return { ok: false, reply: 'This button has expired; snooze the alert in PoolWatch instead.' };
    if (!isPhoneAction(action)) return { ok: false, reply: 'PoolWatch does not know this button; nothing was changed.' };
    if (action === 'mute-worker') {
      if (issued.workers.length === 0) return { ok: false, reply: 'This notification names no worker to mute.' };
      for (const target of issued.workers) snooze(target, null);
      const names = issued.workers.map((target) => target.worker).join(', ');
      return { ok: true, reply: `Muted ${issued.workers.length === 1 ? 'worker' : 'workers'} ${names} until resumed in PoolWatch.` };
    }
    const minutes = action === 'snooze-1h' ? 60 : 480;
    for (const key of issued.alertKeys) snooze({ key }, minutes);
    const count = issued.alertKeys.length;
    return { ok: true, reply: `Snoozed ${count} ${count === 1 ? 'alert' : 'alerts'} for ${minutes / 60} h.` };
  }

  private prune(): void {
    const now = this.now();
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAtMs > now && this.tokens.size < MAX_ACTION_TOKENS) break;
      this.tokens.delete(token);
      this.byNotification.delete(`${issued.channelId}\u0000${issued.notificationId}`);
    }
  }
}

/** How a press travels: "<action>:<token>" (Telegram's callback_data, at most 64 bytes; ntfy's message body). */
export function encodePress(action: PhoneAction, token: string): string {
  return `${action}:${token}`;
}

/** The action and token of a press, or null for anything else (a malformed or foreign message). */
export function decodePress(text: string): { action: string; token: string } | null {
  const match = /^\s*([a-z0-9-]{1,20}):([A-Za-z0-9_-]{16,64})\s*$/.exec(text);
  return match ? { action: match[1] as string, token: match[2] as string } : null;
}
