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
 * answered at all) and the OS has no way out (no default route). Either alone is not enough: pools on this
 * machine or the LAN work without a route, and a route does not help when every pool is down. While offline,
 * one "machine offline" alert speaks instead of a "pool unreachable" per account.
 */
export class HostConnectivity {
  private readonly networkFailed = new Map<string, boolean>();
  private cached: { atMs: number; online: boolean | null } | null = null;
  private recheck: unknown = null;

  constructor(private readonly deps: HostConnectivityDeps) {}

  /** Call with every poll outcome, before the alert engine judges it. */
  record(observation: PollObservation): void {
    this.networkFailed.set(observation.account.id, observation.failure === 'network');
  }

  isOnline(): boolean {
    const ids = this.deps.accountIds();
    const online = ids.length === 0 || !ids.every((id) => this.networkFailed.get(id) === true) || this.osOnline() !== false;
    if (online) this.stopWatching();
    else this.watchForReturn();
    return online;
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
