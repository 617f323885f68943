import type { ChannelKind } from '../../../../shared/contract';
import type { ChannelKindDescriptor } from './channel-kind';
import { discordChannel } from './discord';
import { ntfyChannel } from './ntfy';
import { slackChannel } from './slack';
import { telegramChannel } from './telegram';
import { webhookChannel } from './webhook';

export type { ChannelKindDescriptor, RequestContext } from './channel-kind';

/** Every channel kind's descriptor; the Record type makes a kind added to the contract without one a compile error. */
export const CHANNEL_KIND_DESCRIPTORS: Readonly<Record<ChannelKind, ChannelKindDescriptor>> = {
  webhook: webhookChannel,
  discord: discordChannel,
  slack: slackChannel,
  telegram: telegramChannel,
  ntfy: ntfyChannel,
};

export function channelKind(kind: ChannelKind): ChannelKindDescriptor {
  return CHANNEL_KIND_DESCRIPTORS[kind];
}
