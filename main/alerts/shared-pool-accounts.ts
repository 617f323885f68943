import type { Group } from '../../shared/model';

const NONE: ReadonlySet<string> = new Set();

/**
 * Several keys may read one pool account (full key, read-only key, observer): its workers are one set of workers,
 * so they alert once. Each pool account (a group's `identity`) is judged by one watching account, the first by id
 * among those whose latest poll read it; the others leave its groups to that one. A key whose polls fail hands its
 * pool accounts to the next.
 */
export class SharedPoolAccounts {
  /** identity -> accounts whose latest poll read it. */
  private readonly readers = new Map<string, Set<string>>();
  /** account -> identities its latest poll read. */
  private readonly readBy = new Map<string, Set<string>>();

  /** Records what this poll read and returns the account's groups that another account judges (usually none). */
  observe(accountId: string, groups: readonly Group[], fresh: boolean): ReadonlySet<string> {
    this.forget(accountId);
    if (!fresh) return NONE;
    const mine = new Set<string>();
    for (const group of groups) {
      if (group.identity === undefined) continue;
      mine.add(group.identity);
      let readers = this.readers.get(group.identity);
      if (!readers) {
        readers = new Set();
        this.readers.set(group.identity, readers);
      }
      readers.add(accountId);
    }
    this.readBy.set(accountId, mine);
    let others: Set<string> | null = null;
    for (const group of groups) {
      if (group.identity === undefined || this.judgeOf(group.identity) === accountId) continue;
      (others ??= new Set()).add(group.name);
    }
    return others ?? NONE;
  }

  forget(accountId: string): void {
    for (const identity of this.readBy.get(accountId) ?? []) {
      const readers = this.readers.get(identity);
      readers?.delete(accountId);
      if (readers?.size === 0) this.readers.delete(identity);
    }
    this.readBy.delete(accountId);
  }

  private judgeOf(identity: string): string | null {
    let first: string | null = null;
    for (const id of this.readers.get(identity) ?? []) if (first === null || id < first) first = id;
    return first;
  }
}
