import type { RequestView } from './use-history-request';

export const NO_HISTORY_TEXT =
  'No history yet — PoolWatch records from the first poll; pools with their own history fill charts on first run.';

export type ChartMessageKind = 'error' | 'loading' | 'empty';

/** Why a chart cannot draw: its request failed, nothing has arrived yet, or there is no data; null when it can. */
export function chartMessageKind(view: Pick<RequestView<unknown>, 'status'>, empty: boolean): ChartMessageKind | null {
  if (view.status === 'error') return 'error';
  if (!empty) return null;
  return view.status === 'ready' ? 'empty' : 'loading';
}

/** Stands in a chart's place while it cannot draw. */
export function ChartMessage({
  kind,
  error,
  emptyText = NO_HISTORY_TEXT,
  onRetry,
}: {
  kind: ChartMessageKind;
  error: string | null;
  emptyText?: string;
  onRetry(): void;
}) {
  switch (kind) {
    case 'error':
      return (
        <div className="chart-message tone-text-problem" role="alert">
          <p>Could not load this chart: {error}</p>
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      );
    case 'loading':
      return <p className="chart-message muted">Loading…</p>;
    case 'empty':
      return (
        <p className="chart-message muted" data-testid="chart-empty">
          {emptyText}
        </p>
      );
  }
}
