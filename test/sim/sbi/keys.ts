// API keys and observer keys. Secrets come from crypto.randomBytes, never from fixtures.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SbiPermission, SbiSimKey, SbiSimObserverKey } from './types';

export const PERMISSIONS: readonly SbiPermission[] = ['READ', 'FINANCIALS', 'UPDATE'];

export type ApiKeyCheck =
  | { ok: true; key: SbiSimKey }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface KeyStore {
  readonly fullKey: SbiSimKey;
  readonly observerKeys: SbiSimObserverKey[];
  add(spec: Partial<Omit<SbiSimKey, 'apiKey' | 'apiSecret'>>): SbiSimKey;
  revoke(apiKey: string): void;
  /** keys made with add() and not revoked */
  addedKeys(): SbiSimKey[];
  check(apiKey: string | undefined, apiSecret: string | undefined, nowMs: number): ApiKeyCheck;
  observerSubaccount(observerKey: string | undefined): string | null;
}

export function createKeyStore(subaccountNames: readonly string[]): KeyStore {
  const keys = new Map<string, SbiSimKey>();
  const store = (key: SbiSimKey): SbiSimKey => {
    keys.set(key.apiKey, key);
    return copyKey(key);
  };
  const fullKey = store(newKey({ permissions: [...PERMISSIONS], subaccounts: [...subaccountNames], expiresAtMs: null, accountOwner: true }));
  const observerKeys = subaccountNames.map((subaccount) => ({ key: randomBytes(24).toString('base64url'), subaccount }));
  const observerByKey = new Map(observerKeys.map((observer) => [observer.key, observer.subaccount]));

  return {
    fullKey,
    observerKeys,
    add(spec) {
      const permissions = spec.permissions ?? ['READ'];
      for (const permission of permissions) {
        if (!PERMISSIONS.includes(permission)) throw new Error(`unknown permission ${String(permission)}`);
      }
      const subaccounts = spec.subaccounts ?? [...subaccountNames];
      for (const name of subaccounts) {
        if (!subaccountNames.includes(name)) throw new Error(`unknown subaccount ${name}`);
      }
      const expiresAtMs = spec.expiresAtMs ?? null;
      if (expiresAtMs !== null && !Number.isFinite(expiresAtMs)) throw new Error('expiresAtMs must be a number or null');
      return store(newKey({ permissions: [...new Set(permissions)], subaccounts: [...new Set(subaccounts)], expiresAtMs, accountOwner: spec.accountOwner ?? false }));
    },
    revoke(apiKey) {
      if (!keys.delete(apiKey)) throw new Error('no such API key');
    },
    addedKeys: () => [...keys.values()].filter((key) => key.apiKey !== fullKey.apiKey).map(copyKey),
    check(apiKey, apiSecret, nowMs) {
      if (!apiKey || !apiSecret) return { ok: false, reason: 'missing' };
      const key = keys.get(apiKey);
      if (!key || !sameSecret(key.apiSecret, apiSecret)) return { ok: false, reason: 'invalid' };
      if (key.expiresAtMs !== null && key.expiresAtMs <= nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, key };
    },
    observerSubaccount: (observerKey) => (observerKey ? observerByKey.get(observerKey) ?? null : null),
  };
}

function newKey(fields: Omit<SbiSimKey, 'apiKey' | 'apiSecret'>): SbiSimKey {
  return { apiKey: randomUUID(), apiSecret: randomBytes(24).toString('base64url'), ...fields };
}

function copyKey(key: SbiSimKey): SbiSimKey {
  return { ...key, permissions: [...key.permissions], subaccounts: [...key.subaccounts] };
}

function sameSecret(expected: string, given: string): boolean {
  // compare digests so lengths match and timing does not leak the secret
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
