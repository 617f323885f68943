/** A URL reduced to scheme and host: webhook URLs carry their token in the path or query. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '[invalid URL]';
  }
}
