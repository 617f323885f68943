import type { Severity } from '../alert-types';
import type { Notification } from '../notification-format';
import { JSON_HEADERS, type OutgoingRequest } from './destination';
import { cutText } from '../../../shared/units';
import { fitEscaped } from './text-fit';

/** Discord's documented limits (characters). */
export const DISCORD_LIMITS = { content: 2000, title: 256, description: 4096 } as const;

/** Embed colors: red, amber, blue by severity; green for a resolution whatever its severity was. */
export const DISCORD_COLORS: Readonly<Record<Severity | 'resolved', number>> = {
  critical: 0xe74c3c,
  warning: 0xf1c40f,
  info: 0x3498db,
  resolved: 0x2ecc71,
};

export interface DiscordPayload {
  content?: string;
  embeds: Array<{ title: string; description: string; color: number; timestamp: string; footer: { text: string } }>;
  allowed_mentions: { parse: string[] };
}

/** Backslash-escapes markdown so a worker named "*rig*" or "[x](y)" shows as typed; #, - and > matter only at a line start. */
export function escapeDiscordMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, '\\$&').replace(/^([#>-])/gm, '\\$1');
}

export function discordPayload(notification: Notification): DiscordPayload {
  const color = notification.kind === 'resolved' ? DISCORD_COLORS.resolved : DISCORD_COLORS[notification.severity];
  const payload: DiscordPayload = {
    embeds: [
      {
        // Embed titles render no markdown, so they are only truncated.
        title: cutText(notification.title, DISCORD_LIMITS.title),
        description: fitEscaped(notification.body, DISCORD_LIMITS.description, escapeDiscordMarkdown),
        color,
        timestamp: new Date(notification.atMs).toISOString(),
        footer: { text: 'PoolWatch' },
      },
    ],
    // A worker or account named "@everyone" must not ping a whole server.
    allowed_mentions: { parse: [] },
  };
  if (notification.urgent) {
    payload.content = fitEscaped(`Urgent: ${notification.title}`, DISCORD_LIMITS.content, escapeDiscordMarkdown);
  }
  return payload;
}

export function formatDiscord(url: string, notification: Notification): OutgoingRequest {
  // wait=true makes Discord answer 200 with the message, so a silently dropped post shows as an error.
  const target = new URL(url);
  target.searchParams.set('wait', 'true');
  return { url: target.toString(), headers: { ...JSON_HEADERS }, body: JSON.stringify(discordPayload(notification)) };
}
