import type { Payout } from '../../../shared/model';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type AlertEvent, type EventRuleId } from '../alert-types';
import type { RuleContext } from './rule-context';

/** Payout ids remembered per account; older ones are forgotten first (pools list recent payouts only). */
export const MAX_REMEMBERED_PAYOUTS = 2000;

const NEW = 1;
const CONFIRMED = 2;
const FAILED = 4;

/** Which payouts an account has shown, and which events each already produced. */
export interface PayoutMemory {
  /** False until the first successful poll: what is listed then is history, not news. */
  baselineTaken: boolean;
  announced: Map<string, number>;
}

export function newPayoutMemory(): PayoutMemory {
  return { baselineTaken: false, announced: new Map() };
}

function amount(payout: Payout): string {
  return payout.unit === 'coin' ? `${payout.amount} ${payout.coin}` : `${payout.amount} ${payout.coin} base units`;
}

const MESSAGE: Record<'payout-new' | 'payout-confirmed' | 'payout-failed', (payout: Payout) => string> = {
  'payout-new': (p) => `A payout of ${amount(p)} is on its way.`,
  'payout-confirmed': (p) => `The payout of ${amount(p)} is confirmed${p.txId ? ` (tx ${p.txId})` : ''}.`,
  'payout-failed': (p) => `The payout of ${amount(p)} failed.`,
};

/** The event this payout's current status calls for, given the events it already produced. */
function eventFor(payout: Payout, flags: number): [EventRuleId, number] | null {
  if (payout.status === 'failed') return flags & FAILED ? null : ['payout-failed', FAILED];
  if (payout.status === 'confirmed') return flags & CONFIRMED ? null : ['payout-confirmed', CONFIRMED];
  return flags === 0 ? ['payout-new', NEW] : null;
}

/**
 * payout-new, payout-confirmed, payout-failed: each at most once per payout. A payout first seen already
 * confirmed (or failed) gives only that event. Judged on successful polls only; mutates `memory`.
 */
export function payoutEvents(context: RuleContext, memory: PayoutMemory): AlertEvent[] {
  const { observation, settings } = context;
  if (observation.workers === null || !context.verdict.judgeSource) return [];
  const events: AlertEvent[] = [];
  for (const payout of observation.account.payouts) {
    const known = memory.announced.get(payout.id);
    if (!memory.baselineTaken) {
      // Everything listed at the start counts as announced in full, so a later status change is still news.
      memory.announced.set(payout.id, payout.status === 'failed' ? FAILED | NEW : payout.status === 'confirmed' ? CONFIRMED | NEW : NEW);
      continue;
    }
    const next = eventFor(payout, known ?? 0);
    if (next === null) continue;
    const [ruleId, flag] = next;
    memory.announced.delete(payout.id); // re-insert: the Map's order is recency
    memory.announced.set(payout.id, (known ?? 0) | flag | NEW);
    const scope = context.scope(payout.group, null);
    if (!settings.settingsFor(scope, ruleId).enabled) continue;
    events.push({
      key: alertKey(ruleId, scope, payout.id),
      atMs: observation.atMs,
      ruleId,
      scope,
      ref: payout.id,
      message: MESSAGE[ruleId as keyof typeof MESSAGE](payout),
      severity: RULE_CATALOG[ruleId].severity,
      urgent: settings.isUrgent(ruleId),
    });
  }
  memory.baselineTaken = true;
  while (memory.announced.size > MAX_REMEMBERED_PAYOUTS) {
    const oldest = memory.announced.keys().next().value;
    if (oldest === undefined) break;
    memory.announced.delete(oldest);
  }
  return events;
}
