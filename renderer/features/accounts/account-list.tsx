import { useState } from 'react';
import type { AccountConfigView } from '../../../shared/contract';
import { POOLS, poolHas } from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { secretState } from './account-form-model';
import { formatSubaccounts } from './subaccounts-text';

interface AccountListProps {
  configs: readonly AccountConfigView[];
  onEdit(id: string): void;
  onRemoved(config: AccountConfigView): void;
}

export function AccountList({ configs, onEdit, onRemoved }: AccountListProps) {
  return (
    <ul className="account-list" aria-label="Configured accounts">
      {configs.map((config) => (
        <AccountListItem key={config.id} config={config} onEdit={() => onEdit(config.id)} onRemoved={() => onRemoved(config)} />
      ))}
    </ul>
  );
}

function AccountListItem({ config, onEdit, onRemoved }: { config: AccountConfigView; onEdit(): void; onRemoved(): void }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pool = POOLS[config.pool];
  const mode = pool.modes.find((candidate) => candidate.id === config.mode);

  async function remove() {
    setRemoving(true);
    setError(null);
    try {
      await api.accounts.remove({ id: config.id });
      onRemoved();
    } catch (caught) {
      setError(errorMessage(caught));
      setRemoving(false);
      setConfirming(false);
    }
  }

  return (
    <li className="card account-item" data-testid={`account-config-${config.id}`}>
      <div className="account-item-main">
        <h2>{config.label}</h2>
        <p className="muted">
          {pool.name} · {mode?.label ?? config.mode} · every {config.pollIntervalSec} s · id <code>{config.id}</code>
        </p>
        {config.baseUrl !== null && <p className="muted">Base URL: {config.baseUrl}</p>}
        {poolHas(config.pool, 'subaccountSelection') && (
          <p className="muted">Subaccounts: {formatSubaccounts(config.options.subaccounts) || 'every one the key can see'}</p>
        )}
        {mode !== undefined && (
          <ul className="credential-list">
            {mode.fields.map((field) => {
              const state = secretState(field, config);
              const text =
                state.kind === 'stored'
                  ? 'stored in keychain'
                  : state.kind === 'env'
                    ? `from environment variable ${state.env}${state.present ? '' : ' (not set)'}`
                    : 'missing';
              const tone = state.kind === 'missing' || (state.kind === 'env' && !state.present) ? 'problem' : 'ok';
              return (
                <li key={field.name}>
                  {field.label}: <span className={`tone-text-${tone}`}>{text}</span>
                </li>
              );
            })}
          </ul>
        )}
        {error !== null && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="account-item-actions">
        {confirming ? (
          <div className="confirm" role="group" aria-label={`Confirm removing ${config.label}`}>
            <span>Remove “{config.label}” and its stored secrets?</span>
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
