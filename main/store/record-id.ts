import { randomBytes } from 'node:crypto';

/**
 * A new id for a config record (an account, a channel) from its label: readable in config files and keychain
 * entries, `fallback` when the label has no letters or digits, unique by a suffix.
 */
export function newRecordId(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback;
  if (!taken.has(base)) return base;
  for (;;) {
    const candidate = `${base}-${randomBytes(2).toString('hex')}`;
    if (!taken.has(candidate)) return candidate;
  }
}
