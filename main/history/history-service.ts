import { ContractError, parseIsoTime, type ExportRequest, type HistoryScope, type RequestOf, type ResponseOf } from '../../shared/contract';
import type { AccountSummary, Worker } from '../../shared/model';
import type { PollObservation } from '../base/poll-observation';
import type { Clock } from '../base/clock';
import { createUiEventBus, type UiEvent, type UiEventBus } from '../base/ui-events';
import type { Logger } from '../base/logger';
import { nextTurn } from '../base/event-bus';
import { runSteps, runStepsInTurns } from '../base/steps';
import { runMaintenanceInSlices, type SampleStore } from '../store/sample-store';
import { newBackfill } from './backfill-filter';
import { exportInSteps } from './export-csv';

/** Rollups and retention run a little after start (not during the first polls), then hourly: never in a poll. */
export const MAINTENANCE_FIRST_DELAY_MS = 2 * 60_000;
export const MAINTENANCE_INTERVAL_MS = 60 * 60_000;
/** A failing disk would otherwise log once per account per poll. */
const WRITE_ERROR_LOG_INTERVAL_MS = 10 * 60_000;
/** This many failed writes in a row (not one hiccup) and the UI is told history is not being saved. */
const WRITE_FAILURES_TO_REPORT = 3;
/** The longest range one request may ask for: the daily rollups' 2 years, with room. */
const MAX_RANGE_MS = 3 * 366 * 24 * 3_600_000;
const RANGE_TOO_LONG = 'The range is longer than 3 years; history keeps 2 years of daily figures.';
const DISK_ADVICE = 'Check free disk space and permissions of the data folder.';
/** A hashrate export without a range covers the last day. */
const DEFAULT_HASHRATE_EXPORT_MS = 24 * 3_600_000;

export interface HistoryServiceOptions {
  store: SampleStore;
  /** Why history is not on disk (kept in memory, or not kept at all), shown to the user; null when it is. */
  problem?: string | null;
  clock: Clock;
  logger: Logger;
  summaries(): readonly AccountSummary[];
  workersOf(accountId: string): readonly Worker[];
  /** The UI events' bus, shared with the engine and alerts (default: the service's own). */
  events?: UiEventBus;
}

function parseTime(text: string, name: string): number {
  const ms = parseIsoTime(text);
  if (ms === null) throw new ContractError('invalid_request', `"${name}" must be an ISO time such as 2026-11-21T12:00:00Z (UTC unless it says otherwise), not "${text}".`);
  return ms;
}

/** [from, to) as ms, checked: to after from, at most MAX_RANGE_MS. */
function parseRange(from: string, to: string): { fromMs: number; toMs: number } {
  const fromMs = parseTime(from, 'from');
  const toMs = parseTime(to, 'to');
  if (toMs <= fromMs) throw new ContractError('invalid_request', `The range ends (${to}) before it starts (${from}).`);
  if (toMs - fromMs > MAX_RANGE_MS) throw new ContractError('invalid_request', RANGE_TOO_LONG);
  return { fromMs, toMs };
}

function exportScope(request: ExportRequest): HistoryScope {
  return {
    ...(request.accountId !== undefined ? { accountId: request.accountId } : {}),
    ...(request.group !== undefined ? { group: request.group } : {}),
    ...(request.worker !== undefined ? { worker: request.worker } : {}),
  };
}

/** Ends a maintenance run between two steps when the app stops (each step is its own transaction). */
class MaintenanceStopped extends Error {}

/** Records every poll into the history store, answers the charts and exports, and schedules rollups and retention. */
export class HistoryService {
  private timer: unknown = null;
  private maintaining: Promise<void> | null = null;
  private lastWriteErrorLogMs = -Infinity;
  private failedWritesInARow = 0;
  private firstFailedAtMs = 0;
  private writeProblem: string | null = null;
  private readonly events: UiEventBus;
  private readonly backfill = newBackfill();
  private stopped = false;

  constructor(private readonly options: HistoryServiceOptions) {
    this.events = options.events ?? createUiEventBus(options.logger);
  }

  /** Why history is not being saved to disk: the database could not be opened, or writes keep failing. */
  get problem(): string | null {
    return this.options.problem ?? this.writeProblem;
  }

  /** Listens to changes of `problem` while running; returns the function that stops listening. */
  subscribe(listener: (event: UiEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  private setWriteProblem(problem: string | null): void {
    if (problem === this.writeProblem) return;
    this.writeProblem = problem;
    this.events.emit({ channel: 'state:history', payload: { problem: this.problem } });
  }

  /**
   * One poll's rows, in steps with a turn of the event loop between them (a poll of few workers is written at once).
   * A failed write costs that poll's history only; monitoring goes on.
   */
  async record(observation: PollObservation): Promise<void> {
    try {
      // Pools' history arrives again from their caches on later polls: merge each version once, not every poll.
      const backfill = this.backfill.select(observation.account.id, observation.history);
      for (const step of this.options.store.recordPollSteps({ ...observation, history: backfill.unmerged })) {
        void step;
        await nextTurn();
      }
      backfill.written();
      this.failedWritesInARow = 0;
      this.setWriteProblem(null);
    } catch (error) {
      const now = this.options.clock.now();
      const reason = (error as Error).message;
      this.failedWritesInARow += 1;
      if (this.failedWritesInARow === 1) this.firstFailedAtMs = observation.atMs;
      if (this.failedWritesInARow === WRITE_FAILURES_TO_REPORT) {
        const since = new Date(this.firstFailedAtMs).toISOString();
        this.setWriteProblem(`Polls since ${since} could not be saved (${reason}). Monitoring and alerts go on; charts miss these polls until saving works again. ${DISK_ADVICE}`);
      }
      if (now - this.lastWriteErrorLogMs < WRITE_ERROR_LOG_INTERVAL_MS) return;
      this.lastWriteErrorLogMs = now;
      this.options.logger.error(
        `history: the poll of account ${observation.account.id} could not be saved (${reason}). Monitoring and alerts go on; charts will miss polls until this is fixed. ${DISK_ADVICE}`,
      );
    }
  }

  hashrate(request: RequestOf<'history:hashrate'>): ResponseOf<'history:hashrate'> {
    const { fromMs, toMs } = parseRange(request.range.from, request.range.to);
    return this.options.store.hashrate(request.scope, fromMs, toMs, request.range.maxPoints);
  }

  workerStates(request: RequestOf<'history:worker-states'>): ResponseOf<'history:worker-states'> {
    const { fromMs, toMs } = parseRange(request.range.from, request.range.to);
    return this.options.store.workerStates(request.scope, fromMs, toMs, request.range.maxPoints);
  }

  earnings(request: RequestOf<'history:earnings'>): ResponseOf<'history:earnings'> {
    const { fromMs, toMs } = parseRange(request.from, request.to);
    return this.options.store.earnings(request.accountId, fromMs, toMs);
  }

  /**
   * A CSV of the scope. Without `to` the range ends now; without `from`, hashrate covers the day before `to` and
   * payouts and earnings everything kept. Hashrate ranges are held to the 3-year limit (worker rows are expanded).
   */
  exportCsv(request: ExportRequest): ResponseOf<'export:csv'> {
    return runSteps(this.exportSteps(request));
  }

  /** exportCsv a step per turn of the event loop: a 100,000-worker export leaves the API, tray and windows answering. */
  async exportCsvInTurns(request: ExportRequest): Promise<ResponseOf<'export:csv'>> {
    return await runStepsInTurns(this.exportSteps(request));
  }

  /** Checks the request at once (throwing what is wrong with it), then gives the export's steps. */
  private exportSteps(request: ExportRequest): Generator<void, ResponseOf<'export:csv'>> {
    const nowMs = this.options.clock.now();
    const toMs = request.to !== undefined ? parseTime(request.to, 'to') : nowMs + 1;
    const defaultFrom = request.kind === 'hashrate' ? toMs - DEFAULT_HASHRATE_EXPORT_MS : 0;
    const fromMs = request.from !== undefined ? parseTime(request.from, 'from') : defaultFrom;
    if (toMs <= fromMs) throw new ContractError('invalid_request', `The range ends (${request.to ?? 'now'}) before it starts (${request.from ?? 'the start'}).`);
    if (request.kind === 'hashrate' && toMs - fromMs > MAX_RANGE_MS) throw new ContractError('invalid_request', RANGE_TOO_LONG);
    const filter = { ...(request.state !== undefined ? { state: request.state } : {}), ...(request.name !== undefined ? { name: request.name } : {}) };
    const sort = request.sort !== undefined ? { sort: request.sort } : {};
    return exportInSteps(this.options, { kind: request.kind, scope: exportScope(request), filter, ...sort, fromMs, toMs }, nowMs);
  }

  /** Schedules maintenance: first after MAINTENANCE_FIRST_DELAY_MS, then every MAINTENANCE_INTERVAL_MS. */
  start(): void {
    if (this.timer !== null) return;
    this.stopped = false;
    this.schedule(MAINTENANCE_FIRST_DELAY_MS);
  }

  /** Stops scheduling; a run under way ends at its next step, before the database is closed under it. */
  stop(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.stopped = true;
  }

  /** Rolls up and enforces retention in short transactions, yielding between them; one run at a time. */
  maintain(): Promise<void> {
    const pause = () =>
      new Promise<void>((resolve, reject) => setImmediate(() => (this.stopped ? reject(new MaintenanceStopped()) : resolve())));
    this.maintaining ??= runMaintenanceInSlices(this.options.store, this.options.clock.now(), pause)
      .then(({ rolledUp, deleted }) => {
        if (rolledUp + deleted > 0) this.options.logger.info(`history: rolled up ${rolledUp} rows, removed ${deleted} past retention`);
      })
      .catch((error: unknown) => {
        if (error instanceof MaintenanceStopped) return;
        this.options.logger.error(`history: rollup and retention failed (${(error as Error).message}); will retry in an hour`);
      })
      .finally(() => {
        this.maintaining = null;
      });
    return this.maintaining;
  }

  private schedule(delayMs: number): void {
    this.timer = this.options.clock.setTimeout(() => {
      void this.maintain().then(() => {
        if (this.timer !== null) this.schedule(MAINTENANCE_INTERVAL_MS);
      });
    }, delayMs);
  }
}
