import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { EarningsHistory } from '../../../shared/contract';
import { formatAmount } from '../../components/format-amount';
import { CHART_COLORS } from './chart-colors';
import { ChartMessage, chartMessageKind } from './chart-message';
import type { Answered, ChartRequest } from './chart-request';
import { utcDayFormatter } from './chart-time';
import { earningsPanels, panelTitle, type EarningsDay, type EarningsPanel } from './earnings-series';
import { plotWidthOf, pointBudget } from './point-budget';
import type { RequestView } from './use-history-request';

const PANEL_HEIGHT_PX = 200;

interface EarningsChartProps {
  view: RequestView<Answered<EarningsHistory>> & { retry(): void };
  request: ChartRequest;
  widthPx: number;
  /** Earnings are kept per account: a group or worker scope still shows its account's. */
  wholeAccountNote: boolean;
}

export function EarningsChart({ view, request, widthPx, wholeAccountNote }: EarningsChartProps) {
  const answer = view.data;
  const panels = useMemo(
    () => (answer === null ? [] : earningsPanels(answer.response, answer.request.timeWindow, pointBudget(plotWidthOf(widthPx)))),
    [answer, widthPx],
  );
  const points = panels.reduce((sum, panel) => sum + panel.days.length, 0);
  const messageKind = chartMessageKind(view, panels.length === 0);
  return (
    <section
      className="card chart-card"
      aria-labelledby="chart-earnings-title"
      data-testid="chart-earnings"
      data-points={points}
      data-resolution="day"
      data-range={answer?.request.range ?? request.range}
      data-zoomed={String(answer?.request.zoomed ?? request.zoomed)}
      data-status={view.status}
      aria-busy={view.status === 'loading'}
    >
      <header className="chart-heading">
        <h2 id="chart-earnings-title">Earnings and payouts</h2>
        <p className="muted">
          Per UTC day, one chart per coin{wholeAccountNote && '; for the whole account (pools report earnings per account)'}
        </p>
      </header>
      {messageKind !== null ? (
        <ChartMessage
          kind={messageKind}
          error={view.error}
          onRetry={view.retry}
          emptyText="No earnings or payouts recorded in this range — PoolWatch records from the first poll; pools with their own history fill charts on first run."
        />
      ) : (
        panels.map((panel) => <EarningsPanelChart key={panel.key} panel={panel} widthPx={widthPx} />)
      )}
    </section>
  );
}

function EarningsPanelChart({ panel, widthPx }: { panel: EarningsPanel; widthPx: number }) {
  const dayText = useMemo(() => utcDayFormatter(), []);
  const amount = (value: number) => formatAmount(value, panel.unit, panel.coin);
  const title = panelTitle(panel);
  return (
    <figure
      className="earnings-panel"
      data-testid="earnings-panel"
      data-coin={panel.coin}
      data-unit={panel.unit}
      data-points={panel.days.length}
      data-estimates={String(panel.hasEstimates)}
    >
      <figcaption className="earnings-caption">
        <strong>{title}</strong>
        <span className="muted">
          earned {panel.hasEstimates && '≈ '}
          {amount(panel.totalEarned)} · paid {amount(panel.totalPaid)} in {panel.payoutCount.toLocaleString('en-US')}{' '}
          {panel.payoutCount === 1 ? 'payout' : 'payouts'}
          {panel.hasEstimates && ' · some days are the pool’s estimates (≈ in the tooltip)'}
        </span>
      </figcaption>
      <BarChart width={widthPx} height={PANEL_HEIGHT_PX} data={panel.days} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="day" tickFormatter={dayText} minTickGap={24} />
        <YAxis width={84} tickFormatter={(value: number) => value.toLocaleString('en-US', { maximumSignificantDigits: 4 })} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(label) => (typeof label === 'string' ? `${dayText(label)} (UTC day)` : label)}
          formatter={(value, name, item) => {
            const estimated = name === 'Earned' && (item.payload as EarningsDay | undefined)?.estimate === true;
            return [typeof value === 'number' ? `${estimated ? '≈ ' : ''}${amount(value)}` : value, estimated ? 'Earned (pool’s estimate)' : name];
          }}
        />
        <Legend />
        <Bar dataKey="earned" name="Earned" fill={CHART_COLORS.accent} isAnimationActive={false} />
        <Bar dataKey="paid" name="Paid out" fill={CHART_COLORS.paid} isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
