import type { ChannelRoutes } from '../../../../shared/contract';
import type { AccountSummary } from '../../../../shared/model';
import { POOLS } from '../../../../shared/model';
import { formatHashrate, unitSystemFor } from '../../../../shared/units';

/** Recent payouts listed per account in /payouts. */
const PAYOUTS_LISTED = 3;

const STATUS_WORDS: Readonly<Record<AccountSummary['status'], string>> = {
  pending: 'not polled yet',
  ok: 'ok',
  permission_limited: 'ok (key reads only part)',
  auth_error: 'key rejected',
  unreachable: 'pool unreachable',
  error: 'error',
};

/** A number of coins without float noise (0.0123, not 0.012300000000000002). */
function coins(amount: number): string {
  return Number.isFinite(amount) ? String(Number(amount.toPrecision(8))) : '?';
}

/** /status: one block per account (allowed by the channel's routes): state, hashrate, workers online and offline. */
export function statusAnswer(accounts: readonly AccountSummary[]): string {
  if (accounts.length === 0) return 'PoolWatch watches no accounts for this chat.';
  return accounts
    .map((account) => {
      const state = `${STATUS_WORDS[account.status]}${account.stale ? ', data stale' : ''}`;
      const rate = formatHashrate(account.hashrate.h10m ?? account.hashrate.h1h, unitSystemFor(account.pool));
      const { online, offline, dead, total } = account.workers;
      return `${account.label} (${POOLS[account.pool].name}): ${state}\nHashrate ${rate} · workers ${online} online, ${offline} offline, ${dead} dead of ${total}`;
    })
    .join('\n\n');
}

/** /payouts: unpaid per coin and the latest payouts of each account. */
export function payoutsAnswer(accounts: readonly AccountSummary[]): string {
  if (accounts.length === 0) return 'PoolWatch watches no accounts for this chat.';
  return accounts
    .map((account) => {
      const unpaid = new Map<string, number>();
      for (const balance of account.balances) if (balance.unit === 'coin') unpaid.set(balance.coin, (unpaid.get(balance.coin) ?? 0) + balance.unpaid);
      const unpaidLine = unpaid.size > 0 ? `Unpaid: ${[...unpaid].map(([coin, amount]) => `${coins(amount)} ${coin}`).join(', ')}` : 'Unpaid: none reported';
      const recent = [...account.payouts]
        .filter((payout) => payout.unit === 'coin')
        .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))
        .slice(0, PAYOUTS_LISTED)
        .map((payout) => `${payout.at ? payout.at.slice(0, 10) : 'undated'} ${coins(payout.amount)} ${payout.coin} (${payout.status})`);
      return [`${account.label}:`, unpaidLine, ...(recent.length > 0 ? recent : ['No payouts reported'])].join('\n');
    })
    .join('\n\n');
}

/**
 * The accounts a channel may talk about, as its routes allow: all without an account or group limit; a listed
 * account whole; an account listed only by groups reduced to those groups (a customer's chat never sees the rest).
 */
export function accountsForRoutes(accounts: readonly AccountSummary[], routes: ChannelRoutes | undefined): AccountSummary[] {
  if (!routes || (routes.accounts.length === 0 && routes.groups.length === 0)) return [...accounts];
  const whole = new Set(routes.accounts);
  const shown: AccountSummary[] = [];
  for (const account of accounts) {
    if (whole.has(account.id)) {
      shown.push(account);
      continue;
    }
    const groups = new Set(routes.groups.filter((route) => route.accountId === account.id).map((route) => route.group));
    for (const group of account.groups.filter((candidate) => groups.has(candidate.name))) {
      shown.push({
        ...account,
        label: `${account.label} / ${group.name}`,
        hashrate: group.hashrate,
        workers: group.workers,
        groups: [group],
        balances: account.balances.filter((balance) => balance.group === group.name),
        payouts: account.payouts.filter((payout) => payout.group === group.name),
      });
    }
  }
  return shown;
}
