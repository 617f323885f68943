// The one redaction for every text that may carry a secret (pool errors, channel delivery errors, log lines):
// redact first, then cut, so a cut can never leave part of a secret behind.

import { cutText } from '../../shared/units';

/** What a secret is replaced with in logs and messages. */
export const REDACTED = '[redacted]';

/** Below this length a secret is replaced only as a whole word, so a short ntfy topic cannot garble a whole message. */
const SHORT_SECRET_LENGTH = 6;
/** A text cut upstream (a read window) may end inside a secret: a trailing piece this long of one's start is removed. */
const MIN_TRAILING_PIECE = 4;

/** A path segment or query value worth hiding on its own: ids and tokens, not words like "api" or "webhooks". */
function looksLikeToken(part: string): boolean {
  return part.length >= 16 || (part.length >= 6 && /\d/.test(part));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseHttpUrl(value: string): URL | null {
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Every form in which a secret may come back in a server's answer or an error: as stored, URL-encoded,
 * JSON-escaped ("\/"), and for a URL its path, query and token-like parts; for a bot token the part after the colon.
 */
export function secretVariants(secret: string): string[] {
  const value = secret.trim();
  if (value === '') return [];
  const variants = new Set([value, encodeURIComponent(value), value.replaceAll('/', '\\/'), JSON.stringify(value).slice(1, -1)]);
  const url = parseHttpUrl(value);
  if (url) {
    const rest = url.pathname + url.search;
    if (rest.length > 1) {
      variants.add(url.host + rest);
      variants.add(rest);
      variants.add(rest.replaceAll('/', '\\/'));
    }
    for (const part of url.pathname.split('/')) {
      const decoded = safeDecode(part);
      if (looksLikeToken(decoded)) variants.add(part).add(decoded);
    }
    for (const part of url.searchParams.values()) {
      if (part.length >= 4) variants.add(part).add(encodeURIComponent(part));
    }
  } else {
    const colon = value.indexOf(':');
    const afterColon = colon > 0 ? value.slice(colon + 1) : '';
    if (looksLikeToken(afterColon)) variants.add(afterColon);
  }
  return [...variants].filter((variant) => variant !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes the start of a secret left dangling at the end of a text that was cut before it reached us. */
function redactTrailingPiece(text: string, variants: readonly string[]): string {
  for (const variant of variants) {
    if (variant.length < SHORT_SECRET_LENGTH) continue;
    for (let length = Math.min(variant.length - 1, text.length); length >= MIN_TRAILING_PIECE; length -= 1) {
      if (text.endsWith(variant.slice(0, length))) return text.slice(0, text.length - length) + REDACTED;
    }
  }
  return text;
}

/**
 * Replaces every secret value and its variants, longest first so no fragment survives; a short one only as a whole
 * word. Use before any cut (`redactThenCut`).
 */
export function redactSecrets(text: string, secretValues: Iterable<string>): string {
  const variants = [...new Set([...secretValues].flatMap(secretVariants))].sort((a, b) => b.length - a.length);
  let result = text;
  for (const variant of variants) {
    if (variant.length >= SHORT_SECRET_LENGTH) {
      result = result.split(variant).join(REDACTED);
    } else {
      result = result.replace(new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(variant)}(?![A-Za-z0-9_-])`, 'g'), REDACTED);
    }
  }
  return redactTrailingPiece(result, variants);
}

/** A foreign text (a pool's or a webhook's error) made fit to show: control characters flattened, redacted, then cut. */
export function redactThenCut(text: string, secretValues: Iterable<string>, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return cutText(redactSecrets(flat, secretValues), max);
}
