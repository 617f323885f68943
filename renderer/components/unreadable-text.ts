import type { UnreadableAccount, UnreadableItems } from '../../shared/contract';
import type { Noun } from '../features/pool-terms';
import { countText } from '../features/pool-terms';

const LEAD = 'PoolWatch received data it could not read for';

function withStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** "PoolWatch received data it could not read for Main farm: hashrate.h10m: …". */
export function unreadableAccountText(notice: UnreadableAccount): string {
  return withStop(`${LEAD} ${notice.label}: ${notice.problem}`);
}

/** "PoolWatch received data it could not read for Main farm: 3 workers (“rig-7”: …). The others are shown." */
export function unreadableWorkersText(label: string, items: UnreadableItems, noun: Noun): string {
  const first = items.examples[0];
  return `${LEAD} ${label}: ${countText(items.count, noun)}${first === undefined ? '' : ` (${first})`}. The others are shown.`;
}
