import type { AccountConfigView } from '../../../shared/contract';
import { POOLS, poolHas } from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { useNow } from '../../components/use-now';
import { RecordList, type RecordListEntry } from '../records/record-list';
import { secretFact } from '../records/secret-record-model';
import { secretState } from './account-form-model';
import { keyExpiryText } from './key-expiry-text';
import { formatSubaccounts } from './subaccounts-text';

interface AccountListProps {
  configs: readonly AccountConfigView[];
  onEdit(id: string): void;
  onRemoved(config: AccountConfigView): void;
}

/** The expiry line counts days: redrawn once a minute is plenty. */
const EXPIRY_REFRESH_MS = 60_000;

export function AccountList({ configs, onEdit, onRemoved }: AccountListProps) {
  const api = useApi();
  const nowMs = useNow(EXPIRY_REFRESH_MS);
  const entries = configs.map((config) => accountEntry(config, nowMs, () => api.accounts.remove({ id: config.id })));
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
function accountEntry(config: AccountConfigView, nowMs: number, remove: () => Promise<unknown>): RecordListEntry {
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
        {config.keyExpiresOn !== null && <KeyExpiryLine accountId={config.id} date={config.keyExpiresOn} nowMs={nowMs} />}
      </>
    ),
    facts:
      mode === undefined
        ? null
        : mode.fields.map((field) => {
            const fact = secretFact(field, secretState(field, config));
            return { label: field.label, text: fact.text, tone: fact.missing ? 'problem' : 'ok' };
          }),
    remove,
  };
}

function KeyExpiryLine({ accountId, date, nowMs }: { accountId: string; date: string; nowMs: number }) {
  const { text, tone } = keyExpiryText(date, nowMs);
  return (
    <p className={tone === null ? 'muted' : `tone-text-${tone}`} data-testid={`key-expiry-${accountId}`}>
      {text}
    </p>
  );
}
