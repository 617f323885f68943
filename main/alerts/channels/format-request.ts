import type { Notification } from '../notification-format';
import type { Destination, OutgoingRequest } from './destination';
import { formatDiscord } from './discord-format';
import { formatNtfy } from './ntfy-format';
import { formatSlack } from './slack-format';
import { formatTelegram } from './telegram-format';
import { formatWebhook } from './webhook-format';

/** The one POST that delivers a notification to a destination. */
export function formatRequest(destination: Destination, notification: Notification): OutgoingRequest {
  switch (destination.kind) {
    case 'webhook':
      return formatWebhook(destination.url, notification);
    case 'discord':
      return formatDiscord(destination.url, notification);
    case 'slack':
      return formatSlack(destination.url, notification);
    case 'telegram':
      return formatTelegram(destination.apiBase, destination.botToken, destination.chatId, notification);
    case 'ntfy':
      return formatNtfy(destination.server, destination.topic, destination.accessToken, notification);
  }
}
