import { POOLS, type AccountSummary } from '../../../shared/model';
import { formatHashrate } from '../../../shared/units';
import { formatAmount, formatDateTime } from '../../components/format-amount';
import { HashrateWindowsList } from '../../components/hashrate-windows';
import { AccountStatusBadge } from '../../components/status-badge';
import { WorkerCountsLine } from '../../components/worker-counts-line';
import { routeHref } from '../../state/route';
import { currentHashrateHps, recentPayouts } from './overview-totals';
import { pollScheduleText, staleMarkerText } from './staleness';

const PAYOUTS_SHOWN = 5;

export function AccountCard({ account, nowMs, paused }: { account: AccountSummary; nowMs: number; paused: boolean }) {
  return (
    <article className="card account-card" data-testid={`account-card-${account.id}`}>
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
        <AccountStatusBadge accountId={account.id} status={account.status} />
      </header>

      {account.stale && (
        <p className="stale-marker" data-testid={`account-stale-${account.id}`}>
          {staleMarkerText(account.lastGoodAt, nowMs)}
        </p>
      )}
      {account.message !== null && <p className="account-message">{account.message}</p>}
      {account.limitations.length > 0 && (
        <ul className="limitations" aria-label="Limitations">
          {account.limitations.map((limitation) => (
            <li key={limitation}>{limitation}</li>
          ))}
        </ul>
      )}

      <section className="card-section">
        <h3>Hashrate</h3>
        <HashrateWindowsList hashrate={account.hashrate} />
      </section>

      <section className="card-section">
        <h3>Workers</h3>
        <p>
          <WorkerCountsLine counts={account.workers} /> <a href={routeHref({ screen: 'workers', accountId: account.id })}>Open worker list</a>
        </p>
      </section>

      {account.groups.length > 0 && <GroupsTable account={account} />}
      {account.balances.length > 0 && <BalancesTable account={account} />}
      {account.payouts.length > 0 && <PayoutsTable account={account} />}
      {account.stratumServers.length > 0 && <StratumServers account={account} />}
    </article>
  );
}

function GroupsTable({ account }: { account: AccountSummary }) {
  return (
    <section className="card-section">
      <h3>Groups</h3>
      <table className="compact-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Coin</th>
            <th scope="col">Hashrate</th>
            <th scope="col">Workers</th>
          </tr>
        </thead>
        <tbody>
          {account.groups.map((group) => (
            <tr key={group.name}>
              <td>{group.name}</td>
              <td>{group.coin ?? '—'}</td>
              <td>{formatHashrate(currentHashrateHps(group.hashrate))}</td>
              <td>
                <WorkerCountsLine counts={group.workers} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function BalancesTable({ account }: { account: AccountSummary }) {
  return (
    <section className="card-section">
      <h3>Balances</h3>
      <table className="compact-table">
        <thead>
          <tr>
            <th scope="col">Coin</th>
            <th scope="col">Unpaid</th>
            <th scope="col">Group</th>
          </tr>
        </thead>
        <tbody>
          {account.balances.map((balance, index) => (
            <tr key={`${balance.coin}-${balance.group ?? ''}-${index}`}>
              <td>{balance.coin}</td>
              <td className="number">{formatAmount(balance.unpaid, balance.unit, balance.coin)}</td>
              <td>{balance.group ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PayoutsTable({ account }: { account: AccountSummary }) {
  return (
    <section className="card-section">
      <h3>Recent payouts</h3>
      <table className="compact-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">Group</th>
          </tr>
        </thead>
        <tbody>
          {recentPayouts(account.payouts, PAYOUTS_SHOWN).map((payout) => (
            <tr key={payout.id}>
              <td>{formatDateTime(payout.at)}</td>
              <td className="number">{formatAmount(payout.amount, payout.unit, payout.coin)}</td>
              <td>{payout.status}</td>
              <td>{payout.group ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
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
