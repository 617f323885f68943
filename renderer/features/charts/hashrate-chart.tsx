import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { HashrateHistory } from '../../../shared/contract';
import type { UnitSystem } from '../../../shared/units';
import { unitSystemNote } from '../../components/hashrate-units';
import { AlertMarkerShape, type LineShapeProps } from './alert-marker-shape';
import { markerTitle, type AlertMarker } from './alert-markers';
import { CHART_COLORS } from './chart-colors';
import { ChartMessage, chartMessageKind } from './chart-message';
import { zoomWindow, type TimeWindow } from './chart-range';
import type { Answered, ChartRequest } from './chart-request';
import { axisTimeFormatter, levelsText } from './chart-time';
import { axisTickText, hashrateChartData, type AxisUnit, type HashrateChartData } from './hashrate-series';
import { HashrateTooltip, isHashrateDatum } from './hashrate-tooltip';
import { historyStartMs, recordingSinceText, shownDomain } from './history-start';
import { plotWidthOf, pointBudget } from './point-budget';
import { tooltipDatum } from './tooltip-datum';
import type { RequestView } from './use-history-request';

export const CHART_HEIGHT_PX = 280;
const Y_AXIS_WIDTH_PX = 84;

interface HashrateChartProps {
  view: RequestView<Answered<HashrateHistory>> & { retry(): void };
  /** What the range buttons and zoom ask for now (the answer may still be for an earlier one). */
  request: ChartRequest;
  system: UnitSystem;
  widthPx: number;
  markers: readonly AlertMarker[];
  timeText(ms: number): string;
  onZoom(timeWindow: TimeWindow): void;
}

interface Drag {
  startMs: number;
  endMs: number | null;
}

function numericLabel(label: unknown): number | null {
  return typeof label === 'number' && Number.isFinite(label) ? label : null;
}

export function HashrateChart({ view, request, system, widthPx, markers, timeText, onZoom }: HashrateChartProps) {
  const answer = view.data;
  const timeWindow = answer?.request.timeWindow ?? request.timeWindow;
  const { data, axis } = useMemo(
    () => hashrateChartData(answer?.response.points ?? [], system, pointBudget(plotWidthOf(widthPx))),
    [answer, system, widthPx],
  );
  const messageKind = chartMessageKind(view, data.length === 0);
  // Where the scope's history begins inside the window: the plot starts just before it instead of a mostly empty range.
  const startMs = historyStartMs(data, timeWindow);
  const since = startMs === null ? null : recordingSinceText(startMs, timeWindow.toMs);
  const domain = useMemo(() => shownDomain(timeWindow, startMs), [timeWindow, startMs]);
  return (
    <section
      className="card chart-card"
      aria-labelledby="chart-hashrate-title"
      data-testid="chart-hashrate"
      data-points={data.length}
      data-resolution={answer?.response.resolution ?? ''}
      data-range={answer?.request.range ?? request.range}
      data-zoomed={String(answer?.request.zoomed ?? request.zoomed)}
      data-status={view.status}
      aria-busy={view.status === 'loading'}
    >
      <header className="chart-heading">
        <h2 id="chart-hashrate-title">Hashrate</h2>
        <p className="muted">
          {answer !== null && `${levelsText(answer.response)}; `}average with min–max band
          {unitSystemNote(system) !== null && ` · ${unitSystemNote(system)}`}
          {since !== null && <span data-testid="history-start"> · {since}</span>}
        </p>
      </header>
      {messageKind !== null ? (
        <ChartMessage kind={messageKind} error={view.error} onRetry={view.retry} />
      ) : (
        <HashratePlot
          data={data}
          axisUnit={axis}
          system={system}
          widthPx={widthPx}
          timeWindow={domain}
          start={startMs === null || since === null ? null : { atMs: startMs, text: since }}
          markers={markers}
          timeText={timeText}
          onZoom={onZoom}
        />
      )}
      <p className="hint">Drag across the chart to zoom in.</p>
    </section>
  );
}

interface HashratePlotProps {
  data: HashrateChartData['data'];
  axisUnit: AxisUnit;
  system: UnitSystem;
  widthPx: number;
  /** The x-axis domain: the window the data answers, cut to where its history begins. */
  timeWindow: TimeWindow;
  /** Where history begins inside the window, marked on the plot. */
  start: { atMs: number; text: string } | null;
  markers: readonly AlertMarker[];
  timeText(ms: number): string;
  onZoom(timeWindow: TimeWindow): void;
}

function HashratePlot({ data, axisUnit, system, widthPx, timeWindow, start, markers, timeText, onZoom }: HashratePlotProps) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const tickText = useMemo(() => axisTimeFormatter(timeWindow.toMs - timeWindow.fromMs), [timeWindow]);
  const finishDrag = () => {
    const zoomed = drag === null ? null : zoomWindow(drag.startMs, drag.endMs, timeWindow);
    setDrag(null);
    if (zoomed !== null) onZoom(zoomed);
  };
  return (
    <div className="chart-plot zoomable">
      <ComposedChart
        width={widthPx}
        height={CHART_HEIGHT_PX}
        data={data}
        margin={{ top: 12, right: 16, bottom: 4, left: 0 }}
        onMouseDown={(state) => {
          const startMs = numericLabel(state.activeLabel);
          setDrag(startMs === null ? null : { startMs, endMs: null });
        }}
        onMouseMove={(state) => {
          const endMs = numericLabel(state.activeLabel);
          if (drag !== null && endMs !== null && endMs !== drag.endMs) setDrag({ ...drag, endMs });
        }}
        onMouseUp={finishDrag}
        onMouseLeave={() => setDrag(null)}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey="atMs"
          type="number"
          scale="time"
          domain={[timeWindow.fromMs, timeWindow.toMs]}
          allowDataOverflow
          tickFormatter={tickText}
          stroke={CHART_COLORS.axis}
          minTickGap={24}
        />
        <YAxis width={Y_AXIS_WIDTH_PX} tickFormatter={(value: number) => axisTickText(value, axisUnit)} stroke={CHART_COLORS.axis} />
        <Tooltip
          isAnimationActive={false}
          content={({ payload }) => <HashrateTooltip datum={tooltipDatum(payload, isHashrateDatum)} system={system} timeText={timeText} />}
        />
        <Area dataKey="band" name="Min–max" stroke="none" fill={CHART_COLORS.accentSoft} fillOpacity={0.6} isAnimationActive={false} activeDot={false} />
        <Line dataKey="avg" name="Average" stroke={CHART_COLORS.accent} strokeWidth={1.5} dot={IsolatedDot} isAnimationActive={false} />
        {start !== null && (
          <ReferenceLine x={start.atMs} stroke={CHART_COLORS.axis} strokeDasharray="3 3" label={{ value: start.text, position: 'insideTopLeft', fill: CHART_COLORS.axis, fontSize: 11 }} />
        )}
        {markers.map((marker) => (
          <ReferenceLine
            key={marker.key}
            x={marker.atMs}
            shape={(line: LineShapeProps) => <AlertMarkerShape line={line} marker={marker} title={markerTitle(marker, timeText)} />}
          />
        ))}
        {drag !== null && drag.endMs !== null && (
          <ReferenceArea x1={drag.startMs} x2={drag.endMs} fill={CHART_COLORS.zoom} fillOpacity={0.12} stroke={CHART_COLORS.zoom} strokeOpacity={0.4} />
        )}
      </ComposedChart>
    </div>
  );
}

/** A dot only where the line cannot show the point: alone between gaps (e.g. the first polls after a long pause). */
function IsolatedDot({ cx, cy, payload, index }: DotItemDotProps) {
  if (typeof cx !== 'number' || typeof cy !== 'number' || !(payload as { isolated?: boolean }).isolated) return <g key={index} />;
  return <circle key={index} cx={cx} cy={cy} r={2.5} fill={CHART_COLORS.accent} data-testid="isolated-point" />;
}
