import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApi } from '../../api/api-context';
import { appStores, useAccountsStore, useWorkersStore } from '../../state/app-stores';
import { ensureWorkersLoaded } from '../../state/loaders';
import type { ChartScope } from '../../state/route';
import { navigate } from '../../state/use-route';
import { useAppSettings } from '../../state/settings-store';
import { termsFor } from '../pool-terms';
import { AlertMarkerList } from './alert-marker-list';
import { alertFirings, alertMarkers } from './alert-markers';
import { DEFAULT_RANGE, rangeWindow, type RangeId, type TimeWindow } from './chart-range';
import type { ChartRequest } from './chart-request';
import { scopeUnitSystem } from './chart-scope';
import { tooltipTimeFormatter, userTimeZone } from './chart-time';
import { EarningsChart } from './earnings-chart';
import { ExportButtons } from './export-buttons';
import { HashrateChart } from './hashrate-chart';
import { maxPointsForWidth, plotWidthOf } from './point-budget';
import { RangeBar } from './range-bar';
import { ScopePickers } from './scope-pickers';
import { useAlertHistoryForChart, useEarningsHistory, useHashrateHistory, useWorkerStatesHistory } from './use-chart-history';
import { useElementWidth } from './use-element-width';
import { WorkerStatesChart } from './worker-states-chart';

/** Horizontal padding plus border of a .card (styles.css): the plot is this much narrower than the column. */
const CARD_INSET_PX = 34;
/** New polls move "now" forward at most this often, so a fleet of accounts polling in turn does not reload constantly. */
const REFRESH_MIN_MS = 30_000;

export function ChartsScreen({ scope }: { scope: ChartScope }) {
  const api = useApi();
  const accounts = useAccountsStore(useShallow((state) => state.ids.flatMap((id) => state.byId[id] ?? [])));
  const workers = useWorkersStore((state) => (scope.accountId === null ? undefined : state.byAccount[scope.accountId]?.workers));
  const lastData = useAccountsStore((state) => latestGoodPoll(Object.values(state.byId), scope.accountId));

  const [range, setRange] = useState<RangeId>(DEFAULT_RANGE);
  const [zoom, setZoom] = useState<TimeWindow | null>(null);
  const [anchorMs, setAnchorMs] = useState(() => Date.now());
  const bodyRef = useRef<HTMLDivElement>(null);
  const plotWidth = Math.max(0, useElementWidth(bodyRef) - CARD_INSET_PX);

  useEffect(() => {
    if (scope.accountId !== null) ensureWorkersLoaded(api, appStores.workers, scope.accountId);
  }, [api, scope.accountId]);

  useEffect(() => {
    const nowMs = Date.now();
    setAnchorMs((current) => (nowMs - current >= REFRESH_MIN_MS ? nowMs : current));
  }, [lastData]);

  const timeWindow = zoom ?? rangeWindow(range, anchorMs);
  // Rebuilt each render: the loaders key on its contents, not on its identity.
  const request: ChartRequest | null =
    plotWidth === 0 ? null : { scope, timeWindow, range, zoomed: zoom !== null, maxPoints: maxPointsForWidth(plotWidthOf(plotWidth)) };

  const hashrate = useHashrateHistory(request);
  const states = useWorkerStatesHistory(request);
  const earnings = useEarningsHistory(request);
  const alerts = useAlertHistoryForChart(request);

  const timeText = useMemo(() => tooltipTimeFormatter(), []);
  const system = scopeUnitSystem(scope, accounts, useAppSettings().units);
  const pool = accounts.find((account) => account.id === scope.accountId)?.pool ?? null;
  const { accountId, group, worker } = scope;
  const markers = useMemo(() => {
    const answer = alerts.data;
    if (answer === null) return [];
    const shown = answer.request.timeWindow;
    return alertMarkers(alertFirings(answer.response, { accountId, group, worker }, shown), shown, plotWidth);
  }, [alerts.data, accountId, group, worker, plotWidth]);

  return (
    <section aria-labelledby="charts-title" className="charts-screen">
      <h1 id="charts-title" className="screen-title">
        Charts
      </h1>
      <ScopePickers accounts={accounts} scope={scope} workers={workers} onScope={(next) => navigate({ screen: 'charts', scope: next })} />
      <RangeBar
        range={range}
        zoomed={zoom !== null}
        timeZone={userTimeZone()}
        onRange={(next) => {
          setRange(next);
          setZoom(null);
          setAnchorMs(Date.now());
        }}
        onResetZoom={() => {
          setZoom(null);
          setAnchorMs(Date.now());
        }}
      />
      <ExportButtons scope={scope} timeWindow={timeWindow} />
      <div ref={bodyRef} className="charts-body">
        {request !== null && (
          <>
            <HashrateChart view={hashrate} request={request} system={system} widthPx={plotWidth} markers={markers} timeText={timeText} onZoom={setZoom} />
            <AlertMarkerList markers={markers} timeText={timeText} error={alerts.status === 'error' ? alerts.error : null} />
            <WorkerStatesChart view={states} request={request} widthPx={plotWidth} workersNoun={termsFor(pool).worker.many} timeText={timeText} />
            <EarningsChart view={earnings} request={request} widthPx={plotWidth} wholeAccountNote={scope.group !== null} />
          </>
        )}
      </div>
    </section>
  );
}

/** The newest lastGoodAt of the account (or of any account for the fleet): a change means new data to chart. */
function latestGoodPoll(accounts: readonly { id: string; lastGoodAt: string | null }[], accountId: string | null): string | null {
  let latest: string | null = null;
  for (const account of accounts) {
    if (accountId !== null && account.id !== accountId) continue;
    if (account.lastGoodAt !== null && (latest === null || account.lastGoodAt > latest)) latest = account.lastGoodAt;
  }
  return latest;
}
