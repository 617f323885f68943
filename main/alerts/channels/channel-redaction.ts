import { redactSecrets } from '../../secrets/redaction';

export { REDACTED, secretVariants } from '../../secrets/redaction';

/** A URL reduced to scheme and host: webhook URLs carry their token in the path or query. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '[invalid URL]';
  }
}

/** The one redaction every channel log line, error and test message goes through (the shared `redactSecrets`). */
export const redactChannelText = redactSecrets;
