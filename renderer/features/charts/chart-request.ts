import type { ChartScope } from '../../state/route';
import { windowIso, type RangeId, type TimeWindow } from './chart-range';
import { historyScope } from './chart-scope';

/** Everything one load of the charts depends on; answers carry the request they answered. */
export interface ChartRequest {
  scope: ChartScope;
  timeWindow: TimeWindow;
  range: RangeId;
  zoomed: boolean;
  /** About two per pixel of the chart's width. */
  maxPoints: number;
}

export interface Answered<T> {
  request: ChartRequest;
  response: T;
}

/** A text that changes exactly when the request does, for effect dependencies. */
export function chartRequestKey(request: ChartRequest): string {
  const { scope, timeWindow, maxPoints } = request;
  return JSON.stringify([scope.accountId, scope.group, scope.worker, timeWindow.fromMs, timeWindow.toMs, maxPoints]);
}

/** The body of history:hashrate and history:worker-states for a request. */
export function seriesRequest(request: ChartRequest) {
  return {
    scope: historyScope(request.scope),
    range: { ...windowIso(request.timeWindow), maxPoints: request.maxPoints },
  };
}
