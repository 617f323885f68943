import { setImmediate as nextTurn } from 'node:timers/promises';
import { Gauge, Registry } from 'prom-client';
import type { AccountSummary, Worker } from '../../shared/model';
import { setWindows } from './snapshot-metrics';

/** Workers per slice: set and written between two turns of the event loop, so 30,000 never hold up the server. */
const WORKERS_PER_SLICE = 500;

const HASHRATE = {
  name: 'poolwatch_worker_hashrate_hps',
  help: 'Worker hashrate in H/s (only with --metrics-workers).',
  labelNames: ['account', 'pool', 'group', 'worker', 'window'],
};
const STATE = {
  name: 'poolwatch_worker_state',
  help: 'Always 1, for the worker\'s current state (only with --metrics-workers).',
  labelNames: ['account', 'pool', 'group', 'worker', 'state'],
};

interface Member {
  account: AccountSummary;
  worker: Worker;
}

/** prom-client's text of one slice without its `# HELP`/`# TYPE` lines: only the first slice declares the metric. */
function seriesOnly(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('# HELP ') && !line.startsWith('# TYPE '))
    .join('\n');
}

/**
 * Per-worker series (`--metrics-workers`). prom-client writes a metric in one go, which for 30,000 workers blocks
 * the server, so each slice of workers is written by a registry of its own and the texts joined, one metric after
 * the other. Workers change only when an account is polled: the text is written again only when `version` changes.
 */
export class WorkerMetrics {
  private written: { version: string; text: string } | null = null;

  async render(version: string, accounts: readonly AccountSummary[], workersOf: (accountId: string) => readonly Worker[]): Promise<string> {
    if (this.written?.version === version) return this.written.text;
    const members: Member[] = accounts.flatMap((account) => workersOf(account.id).map((worker) => ({ account, worker })));
    const hashrates: string[] = [];
    const states: string[] = [];
    let start = 0;
    do {
      const slice = await this.writeSlice(members.slice(start, start + WORKERS_PER_SLICE));
      hashrates.push(start === 0 ? slice.hashrate : seriesOnly(slice.hashrate));
      states.push(start === 0 ? slice.state : seriesOnly(slice.state));
      start += WORKERS_PER_SLICE;
      await nextTurn();
    } while (start < members.length);
    const text = `${[...hashrates, ...states].filter((part) => part !== '').join('\n')}\n`;
    this.written = { version, text };
    return text;
  }

  private async writeSlice(members: readonly Member[]): Promise<{ hashrate: string; state: string }> {
    const registry = new Registry();
    const hashrate = new Gauge({ ...HASHRATE, registers: [registry] });
    const state = new Gauge({ ...STATE, registers: [registry] });
    for (const { account, worker } of members) {
      const labels = { account: account.id, pool: account.pool, group: worker.group, worker: worker.name };
      setWindows(hashrate, labels, worker.hashrate);
      state.set({ ...labels, state: worker.state }, 1);
    }
    return { hashrate: await registry.getSingleMetricAsString(HASHRATE.name), state: await registry.getSingleMetricAsString(STATE.name) };
  }
}
