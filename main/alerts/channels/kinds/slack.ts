import { checkPostUrl } from '../post-url';
import { formatSlack } from '../slack-format';
import { webhookUrlRefusal, type HttpChannelKind } from './channel-kind';

/** A Slack incoming webhook. */
export const slackChannel: HttpChannelKind = {
  kind: 'slack',
  serviceName: 'Slack',
  validators: {
    url: (value) => {
      checkPostUrl(value, 'Slack webhook URL');
      return value;
    },
  },
  request: (values, notification) => formatSlack(values.url ?? '', notification),
  describeRefusal: (status, said) => webhookUrlRefusal('Slack', status, said),
};
