/** What a secret is replaced with in logs and messages. */
export const REDACTED = '[redacted]';

/** Below this length a secret is replaced only as a whole word, so a short ntfy topic cannot garble a whole message. */
const SHORT_SECRET_LENGTH = 6;

/** A URL reduced to scheme and host: webhook URLs carry their token in the path or query. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '[invalid URL]';
  }
}

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
  const variants = new Set([value, encodeURIComponent(value), value.replaceAll('/', '\\/')]);
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

/**
 * The one redaction every channel log line, error and test message goes through: each secret value (webhook URL,
 * bot token, ntfy topic and access token) and its variants is replaced, longest first so no fragment survives.
 */
export function redactChannelText(text: string, secretValues: Iterable<string>): string {
  const variants = [...new Set([...secretValues].flatMap(secretVariants))].sort((a, b) => b.length - a.length);
  let result = text;
  for (const variant of variants) {
    if (variant.length >= SHORT_SECRET_LENGTH) {
      result = result.split(variant).join(REDACTED);
    } else {
      result = result.replace(new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(variant)}(?![A-Za-z0-9_-])`, 'g'), REDACTED);
    }
  }
  return result;
}
