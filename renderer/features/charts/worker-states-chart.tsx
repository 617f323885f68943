import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { WORKER_STATES, type WorkerState } from '../../../shared/model';
import type { ResponseOf } from '../../../shared/contract';
import { CHART_COLORS, WORKER_STATE_COLORS } from './chart-colors';
import { ChartMessage, chartMessageKind } from './chart-message';
import type { Answered, ChartRequest } from './chart-request';
import { axisTimeFormatter, levelsText } from './chart-time';
import { historyStartMs, shownDomain } from './history-start';
import { plotWidthOf, pointBudget } from './point-budget';
import type { RequestView } from './use-history-request';
import { workerStatesChartData } from './worker-states-series';
import { capitalize } from '../pool-terms';

const HEIGHT_PX = 220;

interface WorkerStatesChartProps {
  view: RequestView<Answered<ResponseOf<'history:worker-states'>>> & { retry(): void };
  request: ChartRequest;
  widthPx: number;
  /** "workers", "rentals", "users": what the pool calls them. */
  workersNoun: string;
  timeText(ms: number): string;
}

export function WorkerStatesChart({ view, request, widthPx, workersNoun, timeText }: WorkerStatesChartProps) {
  const answer = view.data;
  const answered = answer?.request.timeWindow ?? request.timeWindow;
  const data = useMemo(() => workerStatesChartData(answer?.response.points ?? [], pointBudget(plotWidthOf(widthPx))), [answer, widthPx]);
  // Cut to where the history begins, as the hashrate chart above is.
  const timeWindow = useMemo(() => shownDomain(answered, historyStartMs(data, answered)), [answered, data]);
  const tickText = useMemo(() => axisTimeFormatter(timeWindow.toMs - timeWindow.fromMs), [timeWindow]);
  const messageKind = chartMessageKind(view, data.length === 0);
  return (
    <section
      className="card chart-card"
      aria-labelledby="chart-worker-states-title"
      data-testid="chart-worker-states"
      data-points={data.length}
      data-resolution={answer?.response.resolution ?? ''}
      data-range={answer?.request.range ?? request.range}
      data-zoomed={String(answer?.request.zoomed ?? request.zoomed)}
      data-status={view.status}
      aria-busy={view.status === 'loading'}
    >
      <header className="chart-heading">
        <h2 id="chart-worker-states-title">{capitalize(workersNoun)} by state</h2>
        {answer !== null && <p className="muted">{levelsText(answer.response)}; the worst moment of each span</p>}
      </header>
      {messageKind !== null ? (
        <ChartMessage kind={messageKind} error={view.error} onRetry={view.retry} />
      ) : (
        <div className="chart-plot">
          <AreaChart width={widthPx} height={HEIGHT_PX} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
            <XAxis dataKey="atMs" type="number" scale="time" domain={[timeWindow.fromMs, timeWindow.toMs]} allowDataOverflow tickFormatter={tickText} minTickGap={24} />
            <YAxis width={84} allowDecimals={false} />
            <Tooltip isAnimationActive={false} labelFormatter={(label) => (typeof label === 'number' ? timeText(label) : label)} />
            <Legend />
            {WORKER_STATES.map((state: WorkerState) => (
              <Area
                key={state}
                dataKey={state}
                name={capitalize(state)}
                stackId="states"
                type="stepAfter"
                stroke={WORKER_STATE_COLORS[state]}
                fill={WORKER_STATE_COLORS[state]}
                fillOpacity={0.55}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </div>
      )}
    </section>
  );
}
