import { formatDiscord } from '../discord-format';
import { checkPostUrl, invalid } from '../post-url';
import { webhookUrlRefusal, type HttpChannelKind } from './channel-kind';

/** A Discord channel webhook (Server Settings → Integrations → Webhooks). */
export const discordChannel: HttpChannelKind = {
  kind: 'discord',
  serviceName: 'Discord',
  validators: {
    url: (value) => {
      const url = checkPostUrl(value, 'Discord webhook URL');
      if (!/^\/api(\/v\d+)?\/webhooks\/[^/]+\/[^/]+/.test(url.pathname)) {
        invalid('This is not a Discord webhook URL: it looks like https://discord.com/api/webhooks/<id>/<token> (Server Settings → Integrations → Webhooks).');
      }
      return value;
    },
  },
  request: (values, notification) => formatDiscord(values.url ?? '', notification),
  describeRefusal: (status, said) => webhookUrlRefusal('Discord', status, said),
};
