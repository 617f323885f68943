import type { AccountConfigView } from '../../../shared/contract';
import { POOLS, poolHas, type AccountSummary } from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { formatDateTime } from '../../components/format-amount';
import { AccountStatusBadge } from '../../components/status-badge';
import { useNow } from '../../components/use-now';
import { useAccountsStore } from '../../state/app-stores';
import { RecordList, type RecordListEntry } from '../records/record-list';
import { secretFact, type SecretStorePlace } from '../records/secret-record-model';
import { secretState } from './account-form-model';
import { accountHealth } from './account-health';
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
  const summaries = useAccountsStore((state) => state.byId);
  const store = useAccountsStore((state) => state.secretStore);
  const nowMs = useNow(EXPIRY_REFRESH_MS);
  const entries = configs.map((config) => accountEntry(config, { summary: summaries[config.id], store, nowMs }, () => api.accounts.remove({ id: config.id })));
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

/** What the list knows besides the config: the account's last poll, where secrets go, and the time (for key expiry). */
interface EntryContext {
  summary: AccountSummary | undefined;
  store: SecretStorePlace;
  nowMs: number;
}

/** An account as the list shows it: its health, pool, connection, interval, address, key expiry, and where each credential is. */
function accountEntry(config: AccountConfigView, { summary, store, nowMs }: EntryContext, remove: () => Promise<unknown>): RecordListEntry {
  const pool = POOLS[config.pool];
  const mode = pool.modes.find((candidate) => candidate.id === config.mode);
  return {
    id: config.id,
    label: config.label,
    attributes: { 'data-testid': `account-config-${config.id}` },
    badge: summary === undefined ? undefined : <AccountStatusBadge accountId={config.id} status={summary.status} />,
    details: (
      <>
        <AccountHealthLines accountId={config.id} summary={summary} />
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
            const fact = secretFact(field, secretState(field, config), store);
            return { label: field.label, text: fact.text, tone: fact.missing ? 'problem' : 'ok' };
          }),
    remove,
  };
}

/** Whether polling works: the last error with its time when it does not, and when data last came. */
function AccountHealthLines({ accountId, summary }: { accountId: string; summary: AccountSummary | undefined }) {
  const health = accountHealth(summary);
  if (health.status === null || health.status === 'pending') {
    return <p className="account-health muted">Not polled yet.</p>;
  }
  return (
    <div className="account-health" data-testid={`account-health-${accountId}`} data-status={health.status}>
      {health.error !== null && (
        <p className="tone-text-problem" data-testid={`account-error-${accountId}`}>
          Last error{health.error.at !== null && <> ({formatDateTime(health.error.at)})</>}: {health.error.message}
        </p>
      )}
      {health.note !== null && <p className="muted">{health.note}</p>}
      <p className="muted">
        {health.error === null ? `Polled ${formatDateTime(health.lastPollAt)}` : `Last tried ${formatDateTime(health.lastPollAt)}`}
        {' · '}
        {health.lastGoodAt === null ? 'no data read from this account yet' : `last good data ${formatDateTime(health.lastGoodAt)}`}
      </p>
    </div>
  );
}

function KeyExpiryLine({ accountId, date, nowMs }: { accountId: string; date: string; nowMs: number }) {
  const { text, tone } = keyExpiryText(date, nowMs);
  return (
    <p className={tone === null ? 'muted' : `tone-text-${tone}`} data-testid={`key-expiry-${accountId}`}>
      {text}
    </p>
  );
}
