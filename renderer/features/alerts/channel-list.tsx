import type { ChannelView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useAccountsStore } from '../../state/app-stores';
import { RecordList, type RecordListEntry } from '../records/record-list';
import type { SecretStorePlace } from '../records/secret-record-model';
import { CHANNEL_KIND_LABELS, channelFacts, SEVERITY_OPTIONS } from './channel-form-model';

interface ChannelListProps {
  channels: readonly ChannelView[];
  onEdit(id: string): void;
  onRemoved(channel: ChannelView): void;
}

export function ChannelList({ channels, onEdit, onRemoved }: ChannelListProps) {
  const api = useApi();
  const store = useAccountsStore((state) => state.secretStore);
  const entries = channels.map((channel) => channelEntry(channel, store, () => api.channels.remove({ id: channel.id })));
  return (
    <RecordList
      label="Notification channels"
      entries={entries}
      onEdit={onEdit}
      onRemoved={(id) => {
        const channel = channels.find((candidate) => candidate.id === id);
        if (channel !== undefined) onRemoved(channel);
      }}
    />
  );
}

/** A channel as the list shows it: kind, minimum severity, whether it is on, and its settings and secrets. */
function channelEntry(channel: ChannelView, store: SecretStorePlace, remove: () => Promise<unknown>): RecordListEntry {
  const severity = SEVERITY_OPTIONS.find((option) => option.value === channel.minSeverity)?.label ?? channel.minSeverity;
  return {
    id: channel.id,
    label: channel.label,
    attributes: { 'data-testid': 'channel-row', 'data-id': channel.id, 'data-kind': channel.kind, 'data-enabled': String(channel.enabled) },
    badge: channel.enabled ? undefined : <span className="badge tone-unknown">off</span>,
    details: (
      <p className="muted">
        {CHANNEL_KIND_LABELS[channel.kind]} · minimum severity {severity} · id <code>{channel.id}</code>
      </p>
    ),
    facts: channelFacts(channel, store),
    remove,
  };
}
