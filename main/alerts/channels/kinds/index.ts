import type { ChannelKind } from '../../../../shared/contract';
import type { ChannelKindDescriptor } from './channel-kind';
import { discordChannel } from './discord';
import { emailChannel } from './email';
import { ntfyChannel } from './ntfy';
import { slackChannel } from './slack';
import { telegramChannel } from './telegram';
import { webhookChannel } from './webhook';

export type { ChannelKindDescriptor, DeliveryContext, DirectChannelKind, HttpChannelKind, RequestContext } from './channel-kind';

/** Every channel kind's descriptor; the Record type makes a kind added to the contract without one a compile error. */
export const CHANNEL_KIND_DESCRIPTORS: Readonly<Record<ChannelKind, ChannelKindDescriptor>> = {
  webhook: webhookChannel,
  discord: discordChannel,
  slack: slackChannel,
  telegram: telegramChannel,
  ntfy: ntfyChannel,
  email: emailChannel,
};

export function channelKind(kind: ChannelKind): ChannelKindDescriptor {
  return CHANNEL_KIND_DESCRIPTORS[kind];
}
