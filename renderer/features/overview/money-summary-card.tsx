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
      {coins.map((coin) => (
        <dl key={`${coin.coin}|${coin.unit}`} className="money-coin" data-testid={`money-${coin.coin}`} data-unit={coin.unit}>
          <div className="money-figure money-coin-name">
            <dt>Coin</dt>
            <dd>{coin.coin}</dd>
          </div>
          <div className="money-figure">
            <dt>Today (UTC)</dt>
            <dd data-testid="money-today">{dayText(coin.today, coin)}</dd>
          </div>
          <div className="money-figure">
            <dt>Yesterday (UTC)</dt>
            <dd data-testid="money-yesterday">{dayText(coin.yesterday, coin)}</dd>
          </div>
          <div className="money-figure">
            <dt>Unpaid</dt>
            <dd data-testid="money-unpaid">{coin.unpaid === null ? '—' : formatAmount(coin.unpaid, coin.unit, coin.coin)}</dd>
          </div>
          <div className="money-figure">
            <dt>Next payout</dt>
            <dd data-testid="money-next">{nextText(coin)}</dd>
          </div>
        </dl>
      ))}
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
