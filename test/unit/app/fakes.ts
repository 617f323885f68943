import { REQUEST_CHANNELS, type RequestChannel, type RequestHandlers } from '../../../shared/contract';
import type { UiEvent, MonitorService } from '../../../main/base/ui-events';
import { NO_HASHRATE, NO_WORKERS, type AccountSummary, type Worker } from '../../../shared/model';

export function makeSummary(overrides: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id: 'acc-1',
    pool: 'sbi',
    label: 'batchtest',
    status: 'ok',
    message: null,
    limitations: [],
    stale: false,
    lastGoodAt: '2025-01-01T00:00:00.000Z',
    lastPollAt: '2025-01-01T00:00:00.000Z',
    nextPollAt: null,
    poolAccountName: null,
    hashrate: NO_HASHRATE,
    workers: NO_WORKERS,
    groups: [],
    balances: [],
    payouts: [],
    revenue: [],
    stratumServers: [],
    ...overrides,
  };
}

export function makeWorker(name: string, state: Worker['state'], group = 'main'): Worker {
  return { name, group, state, hashrate: NO_HASHRATE, lastShareAt: null, rejectRate: null };
}

/** An MonitorService that records requests and lets the test push events. */
export class FakeEngine implements MonitorService {
  readonly calls: Array<{ channel: RequestChannel; request: unknown }> = [];
  readonly pausedCalls: boolean[] = [];
  accounts: AccountSummary[] = [];
  paused = false;
  respond: (channel: RequestChannel, request: unknown) => unknown = () => ({});
  private readonly listeners = new Set<(event: UiEvent) => void>();

  /** A table whose every handler records the request and answers with `respond` (unchecked: tests choose the answers). */
  readonly requests = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      async (request: unknown) => {
        this.calls.push({ channel, request });
        return this.respond(channel, request);
      },
    ]),
  ) as unknown as RequestHandlers;

  subscribe(listener: (event: UiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  emit(event: UiEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  summaries(): AccountSummary[] {
    return this.accounts;
  }

  isPaused(): boolean {
    return this.paused;
  }

  setPaused(paused: boolean): void {
    this.pausedCalls.push(paused);
    this.paused = paused;
    this.emit({ channel: 'state:paused', payload: { paused } });
  }
}
