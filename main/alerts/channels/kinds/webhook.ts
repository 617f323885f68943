import { checkPostUrl } from '../post-url';
import { formatWebhook } from '../webhook-format';
import { webhookUrlRefusal, type HttpChannelKind } from './channel-kind';

/** A generic JSON POST to any URL (scripts, home automation). */
export const webhookChannel: HttpChannelKind = {
  kind: 'webhook',
  serviceName: 'The webhook',
  validators: {
    url: (value) => {
      checkPostUrl(value, 'webhook URL');
      return value;
    },
  },
  request: (values, notification) => formatWebhook(values.url ?? '', notification),
  describeRefusal: (status, said) => webhookUrlRefusal('The webhook', status, said),
};
