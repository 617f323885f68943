/**
 * A stored secret belongs to the address it was saved for: pointing an account or a channel elsewhere must
 * not send it there unless the user types it again. Shared by accounts (base URL) and channels (ntfy server).
 */

/** Scheme, host and port: what decides who receives a request (and whether it travels in clear). */
function origin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function sameAddress(a: string, b: string): boolean {
  const left = origin(a);
  return left !== null && left === origin(b);
}

function joinLabels(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/**
 * Labels of the secrets that would be sent to a new address without being typed again; empty when the
 * address is unchanged or every kept secret was typed.
 */
export function secretsNotRetyped(
  fields: ReadonlyArray<{ name: string; label: string }>,
  stored: ReadonlySet<string>,
  typed: Readonly<Record<string, string | undefined>>,
  address: { saved: string; now: string },
): string[] {
  if (sameAddress(address.saved, address.now)) return [];
  return fields.filter((field) => stored.has(field.name) && !typed[field.name]?.trim()).map((field) => field.label);
}

/** What happened, to whom, and what to do; `who` is e.g. `Account "Main farm"`, `place` "address" or "server". */
export function retypeMessage(who: string, labels: readonly string[], place: string): string {
  const them = labels.length === 1 ? 'it' : 'them';
  return (
    `${who} now points at a different ${place}, and stored secrets are only sent to the ${place} they were saved for: ` +
    `type the ${joinLabels(labels)} again to send ${them} to the new ${place}.`
  );
}
