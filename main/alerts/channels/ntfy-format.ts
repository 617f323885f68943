import type { Notification } from '../notification-format';
import type { OutgoingRequest } from './destination';
import { cutText } from '../../../shared/units';
import { truncateUtf8 } from './text-fit';
import { PHONE_ACTION_LABELS, encodePress, type ActionButtons } from './phone-actions';

/** ntfy turns a larger body into an attachment; stay under its 4096-byte message limit. */
export const NTFY_BODY_LIMIT_BYTES = 4096;
const NTFY_TITLE_LIMIT = 250;

/** urgent or critical -> high (phones override "do not disturb" only at max, which PoolWatch leaves to the user). */
export function ntfyPriority(notification: Pick<Notification, 'severity' | 'urgent'>): 'high' | 'default' | 'low' {
  if (notification.urgent || notification.severity === 'critical') return 'high';
  return notification.severity === 'warning' ? 'default' : 'low';
}

/** Tags that match emoji short codes show as emoji in the ntfy apps. */
export function ntfyTags(notification: Pick<Notification, 'severity' | 'kind'>): string {
  const emoji =
    notification.kind === 'resolved'
      ? 'white_check_mark'
      : { critical: 'rotating_light', warning: 'warning', info: 'information_source' }[notification.severity];
  return `${emoji},poolwatch`;
}

/** A header value: control characters removed, non-ASCII sent as an RFC 2047 encoded word (which ntfy decodes). */
export function encodeHeaderValue(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  return `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}

/** Where the phone's buttons post to: the channel's private reply topic on the same server. */
export interface NtfyReplyTarget {
  replyTopic: string;
  buttons: ActionButtons;
}

/**
 * ntfy's "Actions" header: one http action per button, POSTing "<action>:<token>" to the reply topic (the values
 * hold no comma or semicolon, so the short form needs no quoting). The access token, where there is one, goes with
 * it so a protected reply topic accepts the press.
 */
export function ntfyActionsHeader(server: string, accessToken: string | null, reply: NtfyReplyTarget): string {
  const url = `${server}/${encodeURIComponent(reply.replyTopic)}`;
  const auth = accessToken ? `, headers.Authorization=Bearer ${accessToken}` : '';
  return reply.buttons.actions
    .map((action) => `http, ${PHONE_ACTION_LABELS[action]}, ${url}, method=POST${auth}, body=${encodePress(action, reply.buttons.token)}, clear=true`)
    .join('; ');
}

export function formatNtfy(server: string, topic: string, accessToken: string | null, notification: Notification, reply: NtfyReplyTarget | null = null): OutgoingRequest {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'User-Agent': 'PoolWatch',
    Title: encodeHeaderValue(cutText(notification.title, NTFY_TITLE_LIMIT)),
    Priority: ntfyPriority(notification),
    Tags: ntfyTags(notification),
  };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (reply) headers.Actions = ntfyActionsHeader(server, accessToken, reply);
  const body = notification.body || notification.title;
  return { url: `${server}/${encodeURIComponent(topic)}`, headers, body: truncateUtf8(body, NTFY_BODY_LIMIT_BYTES) };
}
