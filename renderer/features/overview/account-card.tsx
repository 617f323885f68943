import type { UnreadableAccount } from '../../../shared/contract';
import { POOLS, poolHas, type AccountSummary } from '../../../shared/model';
import { unitSystemFor } from '../../../shared/units';
import { discoverAttributeColumns } from '../../components/attributes';
import { HashrateWindowsList } from '../../components/hashrate-windows';
import { STALE_MEANING } from '../../components/state-terms';
import { AccountStatusBadge } from '../../components/status-badge';
import { WorkerCountsLine } from '../../components/worker-counts-line';
import { routeHref } from '../../state/route';
import { useAppSettings } from '../../state/settings-store';
import type { AccountBadge } from './account-attention';
import { capitalize, countText, termsFor } from '../pool-terms';
import { cardMessage } from './card-message';
import { GroupsTable } from './groups-table';
import { PoolActionsSection } from './pool-actions-section';
import { BalancesTable, PayoutsTable, RevenueTable } from './money-tables';
import { RETIRED_MEANING, retiredCountText } from './retired-counts';
import { pollScheduleText, staleMarkerText } from './staleness';
import { UnreadableNotice } from './unreadable-account';

/** From this many pool-specific group columns on, a card spans the whole row of the overview grid. */
const WIDE_CARD_ATTRIBUTES = 4;

export function AccountCard({
  account,
  nowMs,
  paused,
  unreadable = null,
  badge,
  retired,
}: {
  account: AccountSummary;
  nowMs: number;
  paused: boolean;
  /** How many of its workers are retired (long dead, never alerting), as the Alerts screen lists them. */
  retired?: number | undefined;
  /** The badge with the account's firing alerts counted in; without it, the API status alone. */
  badge?: AccountBadge;
  /** Set when the account's latest data could not be read: `account` is then the last good summary. */
  unreadable?: UnreadableAccount | null;
}) {
  const terms = termsFor(account.pool);
  const { units } = useAppSettings();
  const retiredText = retiredCountText(retired);
  // A groups table with many pool columns (Stratumsphere schedulers) gets the whole row rather than being cut off.
  const wide = discoverAttributeColumns(account.groups).length >= WIDE_CARD_ATTRIBUTES;
  return (
    // The id and tabIndex let "Needs attention" bring the card into view and focus it.
    <article className={`card account-card${wide ? ' wide' : ''}`} id={accountCardId(account.id)} tabIndex={-1} data-testid={`account-card-${account.id}`}>
      <header className="account-card-header">
        <div>
          <h2>{account.label}</h2>
          <p className="muted">
            {POOLS[account.pool].name}
            {account.poolAccountName !== null && ` · ${account.poolAccountName}`}
            {' · '}
            {pollScheduleText(account.lastPollAt, account.nextPollAt, paused, nowMs)}
          </p>
        </div>
        <AccountStatusBadge accountId={account.id} status={account.status} {...(badge ? { override: badge } : {})} />
      </header>

      {unreadable !== null && <UnreadableNotice notice={unreadable} hasLastGood />}
      {account.stale && (
        <p className="stale-marker" data-testid={`account-stale-${account.id}`} title={STALE_MEANING}>
          {staleMarkerText(account.lastGoodAt, nowMs)}
        </p>
      )}
      {cardMessage(account) !== null && <p className="account-message">{cardMessage(account)}</p>}
      {needsEditing(account) && (
        <p>
          <a href={routeHref({ screen: 'accounts', adding: false, editId: account.id })} data-testid={`account-edit-${account.id}`}>
            Edit “{account.label}”: key and settings
          </a>
        </p>
      )}
      {account.limitations.length > 0 && (
        <ul className="limitations" aria-label="Limitations">
          {account.limitations.map((limitation) => (
            <li key={limitation}>{limitation}</li>
          ))}
        </ul>
      )}

      <section className="card-section">
        <h3>Hashrate</h3>
        <HashrateWindowsList hashrate={account.hashrate} system={unitSystemFor(account.pool, units)} />
      </section>

      <section className="card-section">
        <h3>{capitalize(terms.worker.many)}</h3>
        {account.lastGoodAt === null ? (
          // Nothing was ever read: "0 workers" would be a figure PoolWatch does not have.
          <p className="muted" data-testid={`account-no-data-${account.id}`}>
            {account.status === 'pending' ? 'Waiting for the first poll.' : 'No data read from this account yet.'}
          </p>
        ) : (
          <>
            <p>
              <span className="worker-total">{countText(account.workers.total, terms.worker)}</span>
              {': '}
              <WorkerCountsLine counts={account.workers} />{' '}
              <a href={routeHref({ screen: 'workers', accountId: account.id })}>Open {terms.worker.one} list</a>
            </p>
            {retiredText !== null && (
              <p data-testid={`account-retired-${account.id}`}>
                <span className="count" title={RETIRED_MEANING}>
                  {retiredText}
                </span>{' '}
                <span className="muted">(long dead: they never alert)</span>{' '}
                <a href={routeHref({ screen: 'alerts', view: 'list' })}>See them in Alerts</a>
              </p>
            )}
          </>
        )}
      </section>

      {account.groups.length > 0 && <GroupsTable account={account} />}
      {account.balances.length > 0 && <BalancesTable account={account} />}
      {account.revenue.length > 0 && <RevenueTable account={account} />}
      {account.payouts.length > 0 && <PayoutsTable account={account} />}
      {account.stratumServers.length > 0 && <StratumServers account={account} />}
      {poolHas(account.pool, 'poolActions') && <PoolActionsSection account={account} />}
    </article>
  );
}

/** The key was rejected, the pool cannot be read, or the key may not read everything: the fix is in the account's form. */
function needsEditing(account: AccountSummary): boolean {
  return account.status === 'auth_error' || account.status === 'error' || account.status === 'unreachable' || account.status === 'permission_limited';
}

/** The DOM id of an account's card on the overview. */
export function accountCardId(accountId: string): string {
  return `account-card-${accountId}`;
}

/** Where miners point their rigs, so the card answers "what was that pool address again?". */
function StratumServers({ account }: { account: AccountSummary }) {
  return (
    <section className="card-section">
      <h3>Stratum servers</h3>
      <ul className="stratum-list">
        {account.stratumServers.map((server) => (
          <li key={server.name}>
            <span>
              {server.name}
              {server.coins.length > 0 && <span className="muted"> ({server.coins.join(', ')})</span>}
            </span>
            {server.urls.map((url) => (
              <code key={url}>{url}</code>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
