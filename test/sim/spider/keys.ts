// Access keys with their RSA key pairs: each pair is generated when the simulator starts, never stored in the repo.
import { createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { SpiderSimKey } from './types';

interface StoredKey {
  readonly accessKey: string;
  readonly privateKey: string;
  readonly publicKey: KeyObject;
  readonly subaccounts: string[];
}

export interface KeyStore {
  readonly fullKey: SpiderSimKey;
  add(spec: { subaccounts?: string[] }): SpiderSimKey;
  revoke(accessKey: string): void;
  addedKeys(): SpiderSimKey[];
  /** subaccounts the key may see, or null for an unknown access key */
  scopeOf(accessKey: string): readonly string[] | null;
  /** RSA-MD5 PKCS#1 v1.5 check of `dataJson|timestamp` against the key's public key */
  verify(accessKey: string, signedText: string, signBase64: string): boolean;
}

export function createKeyStore(subaccountNames: readonly string[]): KeyStore {
  const keys = new Map<string, StoredKey>();
  const store = (subaccounts: string[]): SpiderSimKey => {
    const key = newKey(subaccounts);
    keys.set(key.accessKey, key);
    return publicView(key);
  };
  const fullKey = store([...subaccountNames]);
  return {
    fullKey,
    add(spec) {
      const subaccounts = spec.subaccounts ?? [...subaccountNames];
      for (const name of subaccounts) {
        if (!subaccountNames.includes(name)) throw new Error(`unknown subaccount ${name}`);
      }
      return store([...new Set(subaccounts)]);
    },
    revoke(accessKey) {
      if (!keys.delete(accessKey)) throw new Error('no such access key');
    },
    addedKeys: () => [...keys.values()].filter((key) => key.accessKey !== fullKey.accessKey).map(publicView),
    scopeOf: (accessKey) => keys.get(accessKey)?.subaccounts ?? null,
    verify(accessKey, signedText, signBase64) {
      const key = keys.get(accessKey);
      if (!key || !/^[A-Za-z0-9+/]+={0,2}$/.test(signBase64)) return false;
      try {
        return createVerify('RSA-MD5').update(signedText, 'utf8').verify(key.publicKey, signBase64, 'base64');
      } catch {
        return false;
      }
    },
  };
}

function newKey(subaccounts: string[]): StoredKey {
  // 1024-bit, the size of the keys in Spider's documentation; handed out as bare base64 PKCS#8 DER as Spider does
  const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return {
    accessKey: randomBytes(16).toString('hex').toUpperCase(),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKey: pair.publicKey,
    subaccounts,
  };
}

function publicView(key: StoredKey): SpiderSimKey {
  return { accessKey: key.accessKey, privateKey: key.privateKey, subaccounts: [...key.subaccounts] };
}
