import { randomBytes } from 'node:crypto';
import { formatNtfy } from '../ntfy-format';
import { checkPostUrl, invalid } from '../post-url';
import type { HttpChannelKind } from './channel-kind';

const NTFY_TOPIC = /^[A-Za-z0-9_-]{1,64}$/;
const HEADER_TOKEN = /^[\x21-\x7e]{1,512}$/;

/** An ntfy topic on ntfy.sh or a self-hosted server; the topic (and an access token) are the secrets. */
export const ntfyChannel: HttpChannelKind = {
  kind: 'ntfy',
  serviceName: 'The ntfy server',
  addressSetting: 'server',
  validators: {
    server: (value) => {
      const url = checkPostUrl(value, 'ntfy server URL');
      if (url.search || url.hash) invalid('The ntfy server URL is only the server address (e.g. https://ntfy.sh), without ? or #.');
      return value.replace(/\/+$/, '');
    },
    topic: (value) => {
      if (!NTFY_TOPIC.test(value)) invalid('The ntfy topic is 1 to 64 letters, digits, "-" or "_".');
      return value;
    },
    accessToken: (value) => {
      if (!HEADER_TOKEN.test(value)) invalid('The ntfy access token must be printable characters without spaces (tk_…).');
      return value;
    },
  },
  // The topic the phone's buttons post to: 128 random bits, so nobody finds it by guessing.
  generatedSecrets: { replyTopic: () => `pw-reply-${randomBytes(16).toString('base64url')}` },
  actionButtons: true,
  request: (values, notification, context) => {
    const accessToken = values.accessToken || null;
    // The Actions header's short form cannot carry a comma or semicolon: such a token gets no buttons rather than broken ones.
    const buttons = context.buttons ?? null;
    const canReply = Boolean(values.replyTopic) && !/[,;]/.test(accessToken ?? '');
    const reply = canReply && buttons ? { replyTopic: values.replyTopic ?? '', buttons } : null;
    return formatNtfy((values.server ?? '').replace(/\/+$/, ''), values.topic ?? '', accessToken, notification, reply);
  },
  describeRefusal: (status, said) => {
    if (status === 401 || status === 403) return `The ntfy server rejected the token (HTTP ${status}): the topic is reserved or needs a valid access token.${said}`;
    if (status === 404) return `The ntfy server answered HTTP 404: the server URL was not found; check it.${said}`;
    return null;
  },
};
