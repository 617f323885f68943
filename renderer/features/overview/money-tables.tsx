import type { AccountSummary, RawAmount } from '../../../shared/model';
import { formatAmount, formatDateTime } from '../../components/format-amount';
import { capitalize, termsFor } from '../pool-terms';
import { balanceExtras, formatSatoshi, sortRevenue } from './money-rows';
import { recentPayouts } from './overview-totals';

const PAYOUTS_SHOWN = 5;

/** Coin and group side by side: Spider keeps one balance per coin and subaccount. */
export function BalancesTable({ account }: { account: AccountSummary }) {
  const extras = balanceExtras(account.balances);
  const groupTitle = capitalize(termsFor(account.pool).group.one);
  return (
    <section className="card-section">
      <h3>Balances</h3>
      <table className="compact-table">
        <thead>
          <tr>
            <th scope="col">Coin</th>
            <th scope="col">{groupTitle}</th>
            <th scope="col">Unpaid</th>
            {extras.valueSatoshi && <th scope="col">Value</th>}
            {extras.totalEarned && <th scope="col">Total earned</th>}
          </tr>
        </thead>
        <tbody>
          {account.balances.map((balance, index) => (
            <tr key={`${balance.coin}-${balance.group ?? ''}-${index}`}>
              <td>{balance.coin}</td>
              <td>{balance.group ?? '—'}</td>
              <td className="number" title={rawTitle(balance.raw)}>
                {formatAmount(balance.unpaid, balance.unit, balance.coin)}
              </td>
              {extras.valueSatoshi && <td className="number">{formatSatoshi(balance.valueSatoshi)}</td>}
              {extras.totalEarned && (
                <td className="number">{balance.totalEarned == null ? '—' : formatAmount(balance.totalEarned, balance.unit, balance.coin)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The pool's own figures of a day's earnings (SBI's revenue estimates, Spider's yesterday and today's estimate). */
export function RevenueTable({ account }: { account: AccountSummary }) {
  const groupTitle = capitalize(termsFor(account.pool).group.one);
  const estimates = account.revenue.some((estimate) => estimate.estimate === true);
  return (
    <section className="card-section">
      <h3>Earnings per day{estimates && <span className="muted heading-note"> (≈ the pool’s estimate)</span>}</h3>
      <table className="compact-table">
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col">Coin</th>
            <th scope="col">{groupTitle}</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {sortRevenue(account.revenue).map((estimate, index) => (
            <tr key={`${estimate.day}-${estimate.coin}-${estimate.group ?? ''}-${index}`}>
              <td>{estimate.day}</td>
              <td>{estimate.coin}</td>
              <td>{estimate.group ?? '—'}</td>
              <td className="number" title={rawTitle(estimate.raw)} data-estimate={String(estimate.estimate === true)}>
                {estimate.estimate === true && '≈ '}
                {formatAmount(estimate.amount, estimate.unit, estimate.coin)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function PayoutsTable({ account }: { account: AccountSummary }) {
  const groupTitle = capitalize(termsFor(account.pool).group.one);
  return (
    <section className="card-section">
      <h3>Recent payouts</h3>
      <table className="compact-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">{groupTitle}</th>
          </tr>
        </thead>
        <tbody>
          {recentPayouts(account.payouts, PAYOUTS_SHOWN).map((payout) => (
            <tr key={payout.id}>
              <td>{formatDateTime(payout.at)}</td>
              <td className="number" title={rawTitle(payout.raw)}>
                {formatAmount(payout.amount, payout.unit, payout.coin)}
              </td>
              <td>{payout.status}</td>
              <td>{payout.group ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The pool's own figure behind a converted amount, for the tooltip: "448,685 satoshi as the pool reports it". */
function rawTitle(raw: RawAmount | null | undefined): string | undefined {
  return raw ? `${raw.amount.toLocaleString('en-US', { maximumFractionDigits: 8 })} ${raw.unit} as the pool reports it` : undefined;
}
