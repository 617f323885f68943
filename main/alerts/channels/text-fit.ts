import { cutText } from '../../../shared/units';

/** What a cut-off text ends with. */
export const ELLIPSIS = '…';

/**
 * Truncates the raw text so that its escaped form fits `max`: escaping lengthens text, and cutting after escaping
 * could split an entity ("&am…") or leave a dangling backslash.
 */
export function fitEscaped(raw: string, max: number, escape: (text: string) => string): string {
  const whole = escape(raw);
  if (whole.length <= max) return whole;
  // Escaping never shortens text, so the longest raw cut that fits lies in [0, max]: binary search for it.
  let low = 0;
  let high = Math.min(max, raw.length);
  let best = '';
  while (low <= high) {
    const budget = Math.floor((low + high) / 2);
    const escaped = escape(cutText(raw, budget));
    if (escaped.length <= max) {
      best = escaped;
      low = budget + 1;
    } else {
      high = budget - 1;
    }
  }
  return best;
}

/** Cuts text to at most `maxBytes` of UTF-8 ending in "…", on a code point boundary (ntfy counts bytes, not characters). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(ELLIPSIS, 'utf8');
  let used = 0;
  let out = '';
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (used + size > budget) break;
    used += size;
    out += char;
  }
  return out + ELLIPSIS;
}
