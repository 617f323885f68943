import type { AccountSummary } from '../../shared/model';
import { unitSystemFor, type UnitPreference, type UnitSystem } from '../../shared/units';

/** Each account's unit system by id, so a row of any account can be formatted the way its pool shows it. */
export function unitSystemsByAccount(
  accounts: readonly Pick<AccountSummary, 'id' | 'pool'>[],
  preference: UnitPreference = 'pool',
): ReadonlyMap<string, UnitSystem> {
  return new Map(accounts.map((account) => [account.id, unitSystemFor(account.pool, preference)]));
}

/** The unit system for a row of the given account; SI while the account is not known (yet). */
export function unitSystemOf(accountId: string, systems: ReadonlyMap<string, UnitSystem>): UnitSystem {
  return systems.get(accountId) ?? 'si';
}

/** A tooltip for figures in 1024-based units, which look like SI ones; null for SI. */
export function unitSystemNote(system: UnitSystem): string | null {
  return system === 'binary' ? 'Units as Stratumsphere shows them: 1 KH/s = 1024 H/s.' : null;
}
