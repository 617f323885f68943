import { useCallback, useEffect, useState } from 'react';
import type { ChannelView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { BackToAlerts } from './back-to-alerts';
import { ChannelForm } from './channel-form';
import { ChannelList } from './channel-list';

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

export function ChannelsScreen() {
  const api = useApi();
  const [channels, setChannels] = useState<readonly ChannelView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const list = await api.channels.list();
      setChannels([...list].sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id)));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const existing = editing?.kind === 'edit' ? (channels?.find((channel) => channel.id === editing.id) ?? null) : null;
  const formOpen = editing?.kind === 'new' || existing !== null;

  return (
    <section aria-labelledby="channels-title">
      <BackToAlerts />
      <div className="screen-heading">
        <h1 id="channels-title" className="screen-title">
          Notification channels
        </h1>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setNotice(null);
            setEditing({ kind: 'new' });
          }}
        >
          Add channel
        </button>
      </div>
      <p className="muted channels-intro">Alerts are also sent to these services, besides the desktop or browser notification.</p>

      {notice !== null && (
        <p className="banner tone-ok" role="status" data-testid="channels-notice">
          {notice}
        </p>
      )}
      {loadError !== null && (
        <p className="banner tone-problem" role="alert">
          Could not list the channels: {loadError}
        </p>
      )}

      {formOpen && (
        <ChannelForm
          // A new key gives each channel (and each new one) a fresh form, so nothing typed carries over.
          key={existing?.id ?? 'new'}
          existing={existing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setNotice(`Saved “${saved.label}”.`);
            setEditing(null);
            void reload();
          }}
        />
      )}

      {channels !== null && channels.length === 0 && !formOpen && (
        <p className="empty-state">No channels yet. Use “Add channel” to send alerts to a webhook, Discord, Slack, Telegram or ntfy.</p>
      )}
      {channels !== null && (
        <ChannelList
          channels={channels}
          onEdit={(id) => {
            setNotice(null);
            setEditing({ kind: 'edit', id });
          }}
          onRemoved={(channel) => {
            setNotice(`Removed “${channel.label}”.`);
            if (editing?.kind === 'edit' && editing.id === channel.id) setEditing(null);
            void reload();
          }}
        />
      )}
    </section>
  );
}
