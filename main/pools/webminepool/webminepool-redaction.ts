// WebMinePool carries the secret key as a URL path segment (/api/{secret_key}/{method}): every URL is a secret.
// This module is the one place that makes such URLs and texts safe to log, show or store.

import { REDACTED, redactSecrets } from '../../base/redaction';

/** Query parameters whose values are secrets: the docs also allow the key as a GET parameter. */
const SECRET_PARAM = /key|secret|token|pass|auth/i;

/**
 * Replaces the segment after every `api` path segment (the key's place) and secret-looking query values.
 * Over-redacts rather than leaks: a base URL that itself ends in /api still hides the key after it.
 */
export function redactWebMinePoolUrl(url: string): string {
  const cut = url.search(/[?#]/);
  const pathPart = cut === -1 ? url : url.slice(0, cut);
  const rest = cut === -1 ? '' : url.slice(cut);
  const segments = pathPart.split('/');
  const redacted = segments.map((segment, index) => (index > 0 && segments[index - 1]?.toLowerCase() === 'api' ? REDACTED : segment));
  return redacted.join('/') + redactQuery(rest);
}

function redactQuery(rest: string): string {
  if (!rest.startsWith('?')) return rest;
  const hash = rest.indexOf('#');
  const query = hash === -1 ? rest.slice(1) : rest.slice(1, hash);
  const fragment = hash === -1 ? '' : rest.slice(hash);
  const pairs = query.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    if (equals === -1) return pair;
    const name = pair.slice(0, equals);
    return SECRET_PARAM.test(decodeURIComponentSafe(name)) ? `${name}=${REDACTED}` : pair;
  });
  return `?${pairs.join('&')}${fragment}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Redacts every http(s) URL inside a free text (an exception message, a pool's error text). */
export function redactUrlsInText(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/gi, (url) => redactWebMinePoolUrl(url));
}

/** Removes a known secret (in every form the shared redaction knows) and any URL from a text. */
export function scrubSecretKey(text: string, secretKey: string): string {
  return redactSecrets(redactUrlsInText(text), [secretKey]);
}
