import type { PollObservation } from '../base/poll-observation';
import type { Clock } from '../base/clock';

export interface HostConnectivityDeps {
  /** The OS's view: true = a network, false = none, null = cannot tell (then this machine counts as online). */
  probe: () => boolean | null;
  /** The accounts being watched now. */
  accountIds: () => readonly string[];
  clock: Clock;
  /** Called once when the OS has a network again after this machine was offline: poll now, not after the backoff. */
  onBack?: () => void;
}

/** The OS's answer is reused this long: every account's poll asks while they all fail. */
const PROBE_CACHE_MS = 5_000;
/** While offline, the OS is asked this often whether the network is back. */
export const OFFLINE_RECHECK_MS = 30_000;

/**
 * Whether this machine itself is offline: every account's latest poll failed at the network level (no pool
 * answered at all), and either the OS has no way out (no default route) or the failing accounts span at least two
 * pools (several pools' servers do not all go down at once; a route the OS still lists does not reach them). One
 * pool failing alone is that pool's problem; pools on this machine or the LAN work without a route. While offline,
 * one "machine offline" alert speaks instead of a "pool unreachable" per account.
 */
export class HostConnectivity {
  /** account -> its pool when its latest poll failed at the network level, else null. */
  private readonly networkFailed = new Map<string, string | null>();
  private cached: { atMs: number; online: boolean | null } | null = null;
  private recheck: unknown = null;

  constructor(private readonly deps: HostConnectivityDeps) {}

  /** Call with every poll outcome, before the alert engine judges it. */
  record(observation: PollObservation): void {
    this.networkFailed.set(observation.account.id, observation.failure === 'network' ? observation.account.pool : null);
  }

  isOnline(): boolean {
    const ids = this.deps.accountIds();
    const pools = new Set<string>();
    for (const id of ids) {
      const pool = this.networkFailed.get(id);
      if (pool === undefined || pool === null) {
        this.stopWatching();
        return true;
      }
      pools.add(pool);
    }
    if (ids.length === 0) return true;
    if (this.osOnline() === false) {
      this.watchForReturn();
      return false;
    }
    // The OS sees a route, so it cannot say when the way out is back: the accounts' own polls will.
    this.stopWatching();
    return pools.size < 2;
  }

  stop(): void {
    this.stopWatching();
  }

  private osOnline(): boolean | null {
    const now = this.deps.clock.now();
    if (this.cached === null || now - this.cached.atMs >= PROBE_CACHE_MS || now < this.cached.atMs) {
      this.cached = { atMs: now, online: this.deps.probe() };
    }
    return this.cached.online;
  }

  /** Failing polls back off for up to 15 min; the OS says sooner when the network is back. */
  private watchForReturn(): void {
    if (this.recheck !== null) return;
    this.recheck = this.deps.clock.setTimeout(() => {
      this.recheck = null;
      this.cached = null;
      if (this.osOnline() === false) {
        this.watchForReturn();
        return;
      }
      this.deps.onBack?.();
    }, OFFLINE_RECHECK_MS);
  }

  private stopWatching(): void {
    if (this.recheck !== null) this.deps.clock.clearTimeout(this.recheck);
    this.recheck = null;
  }
}
