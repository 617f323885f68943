import { keyExpiryMs } from '../../../shared/contract';
import type { Tone } from '../../components/tones';

const DAY_MS = 86_400_000;
/** Within this many days the date turns amber, as the key-expiry rule warns by default. */
const SOON_DAYS = 7;

/** "Key expires 2027-01-31 (in 58 days)", "Key expires 2026-11-20 (today)", "Key expired 2026-11-01 (3 days ago)". */
export function keyExpiryText(date: string, nowMs: number): { text: string; tone: Tone | null } {
  const atMs = keyExpiryMs(date);
  if (atMs === null) return { text: `Key expiry date “${date}” is not a date`, tone: 'problem' };
  const days = Math.floor((atMs - nowMs) / DAY_MS);
  if (atMs <= nowMs) {
    const ago = Math.floor((nowMs - atMs) / DAY_MS);
    return { text: `Key expired ${date} (${ago === 0 ? 'today' : `${ago} day${ago === 1 ? '' : 's'} ago`})`, tone: 'problem' };
  }
  const when = days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
  return { text: `Key expires ${date} (${when})`, tone: days < SOON_DAYS ? 'warning' : null };
}
