import type { AccountSummary } from '../../../shared/model';
import { formatAmount, formatDateTime } from '../../components/format-amount';
import { moneySummary, type CoinMoney, type DayFigure } from './money-summary';

/** Earnings of today and yesterday, unpaid balance and the next payout, per coin over every account. */
export function MoneySummaryCard({ accounts, nowMs }: { accounts: readonly AccountSummary[]; nowMs: number }) {
  const coins = moneySummary(accounts, nowMs);
  if (coins.length === 0) return null;
  const estimates = coins.some((coin) => coin.today?.estimate === true || coin.yesterday?.estimate === true || coin.next?.kind === 'expected');
  return (
    <section className="card money-summary" aria-labelledby="money-summary-title" data-testid="money-summary">
      <h2 id="money-summary-title">Earnings, all accounts</h2>
      <div className="table-scroll">
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">Coin</th>
              <th scope="col">Today (UTC)</th>
              <th scope="col">Yesterday (UTC)</th>
              <th scope="col">Unpaid</th>
              <th scope="col">Next payout</th>
            </tr>
          </thead>
          <tbody>
            {coins.map((coin) => (
              <tr key={`${coin.coin}|${coin.unit}`} data-testid={`money-${coin.coin}`} data-unit={coin.unit}>
                <th scope="row">{coin.coin}</th>
                <td className="number" data-testid="money-today">
                  {dayText(coin.today, coin)}
                </td>
                <td className="number" data-testid="money-yesterday">
                  {dayText(coin.yesterday, coin)}
                </td>
                <td className="number" data-testid="money-unpaid">
                  {coin.unpaid === null ? '—' : formatAmount(coin.unpaid, coin.unit, coin.coin)}
                </td>
                <td data-testid="money-next">{nextText(coin)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {estimates && <p className="hint">≈ marks the pools’ estimates (today’s earnings so far, SBI’s revenue) and payouts expected from an account’s usual payout rhythm.</p>}
    </section>
  );
}

function dayText(figure: DayFigure | null, coin: CoinMoney): string {
  if (figure === null) return '—';
  return `${figure.estimate ? '≈ ' : ''}${formatAmount(figure.amount, coin.unit, coin.coin)}`;
}

function nextText(coin: CoinMoney): string {
  const next = coin.next;
  if (next === null) return '—';
  if (next.kind === 'pending') {
    return `${formatAmount(next.amount, coin.unit, coin.coin)} under way${next.at === null ? '' : ` (${formatDateTime(next.at)})`}`;
  }
  return `≈ ${formatDateTime(new Date(next.atMs).toISOString())} (${next.accountLabel}’s usual rhythm)`;
}
