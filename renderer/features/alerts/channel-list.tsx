import { useState } from 'react';
import type { ChannelView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { CHANNEL_KIND_LABELS, channelFieldSummary, SEVERITY_OPTIONS } from './channel-form-model';

interface ChannelListProps {
  channels: readonly ChannelView[];
  onEdit(id: string): void;
  onRemoved(channel: ChannelView): void;
}

export function ChannelList({ channels, onEdit, onRemoved }: ChannelListProps) {
  return (
    <ul className="account-list" aria-label="Notification channels">
      {channels.map((channel) => (
        <ChannelListItem key={channel.id} channel={channel} onEdit={() => onEdit(channel.id)} onRemoved={() => onRemoved(channel)} />
      ))}
    </ul>
  );
}

function ChannelListItem({ channel, onEdit, onRemoved }: { channel: ChannelView; onEdit(): void; onRemoved(): void }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const severity = SEVERITY_OPTIONS.find((option) => option.value === channel.minSeverity)?.label ?? channel.minSeverity;

  async function remove() {
    setRemoving(true);
    setError(null);
    try {
      await api.channels.remove({ id: channel.id });
      onRemoved();
    } catch (caught) {
      setError(errorMessage(caught));
      setRemoving(false);
      setConfirming(false);
    }
  }

  return (
    <li className="card account-item" data-testid="channel-row" data-id={channel.id} data-kind={channel.kind} data-enabled={String(channel.enabled)}>
      <div className="account-item-main">
        <h2>
          {channel.label}{' '}
          {!channel.enabled && <span className="badge tone-unknown">off</span>}
        </h2>
        <p className="muted">
          {CHANNEL_KIND_LABELS[channel.kind]} · minimum severity {severity} · id <code>{channel.id}</code>
        </p>
        <ul className="credential-list">
          {channelFieldSummary(channel).map((fact) => (
            <li key={fact.label}>
              {fact.label}: <span className={fact.missing ? 'tone-text-problem' : undefined}>{fact.text}</span>
            </li>
          ))}
        </ul>
        {error !== null && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="account-item-actions">
        {confirming ? (
          <div className="confirm" role="group" aria-label={`Confirm removing ${channel.label}`}>
            <span>Remove “{channel.label}” and its stored secrets?</span>
            <button type="button" className="danger" onClick={() => void remove()} disabled={removing}>
              Yes, remove
            </button>
            <button type="button" className="quiet" onClick={() => setConfirming(false)} disabled={removing}>
              Cancel
            </button>
          </div>
        ) : (
          <>
            <button type="button" onClick={onEdit}>
              Edit
            </button>
            <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
              Remove
            </button>
          </>
        )}
      </div>
    </li>
  );
}
