import { CHANNEL_FIELDS, ContractError, type ChannelKind } from '../../../shared/contract';

/** Loopback hosts may use plain http: a local relay or a test receiver never leaves the machine. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

const TELEGRAM_TOKEN = /^\d{3,20}:[A-Za-z0-9_-]{20,100}$/;
const TELEGRAM_CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;
const NTFY_TOPIC = /^[A-Za-z0-9_-]{1,64}$/;
const HEADER_TOKEN = /^[\x21-\x7e]{1,512}$/;

function invalid(message: string): never {
  throw new ContractError('invalid_request', message);
}

/** Checks a URL a notification is posted to; the message never repeats the URL, which may hold a token. */
export function checkPostUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid(`The ${what} is not a valid URL; paste the whole address, starting with https://.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(`The ${what} must start with https://.`);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    invalid(`The ${what} must use https:// (plain http is allowed only for 127.0.0.1 and localhost).`);
  }
  if (url.username || url.password) invalid(`The ${what} must not contain a user name or password.`);
  return url;
}

/** Checks one field of a channel and returns it normalized; messages name the field, never its value. */
export function validateChannelField(kind: ChannelKind, field: string, raw: string): string {
  const value = raw.trim();
  switch (`${kind}.${field}`) {
    case 'webhook.url':
      checkPostUrl(value, 'webhook URL');
      return value;
    case 'slack.url':
      checkPostUrl(value, 'Slack webhook URL');
      return value;
    case 'discord.url': {
      const url = checkPostUrl(value, 'Discord webhook URL');
      if (!/^\/api(\/v\d+)?\/webhooks\/[^/]+\/[^/]+/.test(url.pathname)) {
        invalid('This is not a Discord webhook URL: it looks like https://discord.com/api/webhooks/<id>/<token> (Server Settings → Integrations → Webhooks).');
      }
      return value;
    }
    case 'telegram.botToken':
      if (!TELEGRAM_TOKEN.test(value)) invalid('The bot token should look like 123456789:AAF… exactly as @BotFather gave it.');
      return value;
    case 'telegram.chatId':
      if (!TELEGRAM_CHAT_ID.test(value)) {
        invalid('The chat id is a number (e.g. 123456789, or -100… for groups and channels) or a public channel\'s @username.');
      }
      return value;
    case 'ntfy.server': {
      const url = checkPostUrl(value, 'ntfy server URL');
      if (url.search || url.hash) invalid('The ntfy server URL is only the server address (e.g. https://ntfy.sh), without ? or #.');
      return value.replace(/\/+$/, '');
    }
    case 'ntfy.topic':
      if (!NTFY_TOPIC.test(value)) invalid('The ntfy topic is 1 to 64 letters, digits, "-" or "_".');
      return value;
    case 'ntfy.accessToken':
      if (!HEADER_TOKEN.test(value)) invalid('The ntfy access token must be printable characters without spaces (tk_…).');
      return value;
    default:
      return invalid(`A ${kind} channel has no field "${field}".`);
  }
}

/** The field's label for messages ("Bot token"). */
export function fieldLabel(kind: ChannelKind, field: string): string {
  return CHANNEL_FIELDS[kind].find((candidate) => candidate.name === field)?.label ?? field;
}
