import type { SecretStore } from '../../main/secrets/secret-store';

/** Secrets in a Map, for engine tests; the real keychain is covered by test/integration/keychain.test.ts. */
export function memorySecrets(initial: Record<string, string> = {}): SecretStore & { entries: Map<string, string> } {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    get: async (accountId, field) => entries.get(`${accountId}/${field}`) ?? null,
    set: async (accountId, field, value) => {
      entries.set(`${accountId}/${field}`, value);
    },
    delete: async (accountId, field) => entries.delete(`${accountId}/${field}`),
  };
}
