import type { AccountConfigView } from '../../../shared/contract';
import { POOLS, poolHas } from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { useAccountsStore } from '../../state/app-stores';
import { RecordList, type RecordListEntry } from '../records/record-list';
import { secretFact, type SecretStorePlace } from '../records/secret-record-model';
import { secretState } from './account-form-model';
import { formatSubaccounts } from './subaccounts-text';

interface AccountListProps {
  configs: readonly AccountConfigView[];
  onEdit(id: string): void;
  onRemoved(config: AccountConfigView): void;
}

export function AccountList({ configs, onEdit, onRemoved }: AccountListProps) {
  const api = useApi();
  const store = useAccountsStore((state) => state.secretStore);
  const entries = configs.map((config) => accountEntry(config, store, () => api.accounts.remove({ id: config.id })));
  return (
    <RecordList
      label="Configured accounts"
      entries={entries}
      onEdit={onEdit}
      onRemoved={(id) => {
        const config = configs.find((candidate) => candidate.id === id);
        if (config !== undefined) onRemoved(config);
      }}
    />
  );
}

/** An account as the list shows it: pool, connection, interval, address, and where each credential is. */
function accountEntry(config: AccountConfigView, store: SecretStorePlace, remove: () => Promise<unknown>): RecordListEntry {
  const pool = POOLS[config.pool];
  const mode = pool.modes.find((candidate) => candidate.id === config.mode);
  return {
    id: config.id,
    label: config.label,
    attributes: { 'data-testid': `account-config-${config.id}` },
    details: (
      <>
        <p className="muted">
          {pool.name} · {mode?.label ?? config.mode} · every {config.pollIntervalSec} s · id <code>{config.id}</code>
        </p>
        {config.baseUrl !== null && <p className="muted">Base URL: {config.baseUrl}</p>}
        {poolHas(config.pool, 'subaccountSelection') && (
          <p className="muted">Subaccounts: {formatSubaccounts(config.options.subaccounts) || 'every one the key can see'}</p>
        )}
      </>
    ),
    facts:
      mode === undefined
        ? null
        : mode.fields.map((field) => {
            const fact = secretFact(field, secretState(field, config), store);
            return { label: field.label, text: fact.text, tone: fact.missing ? 'problem' : 'ok' };
          }),
    remove,
  };
}
