// Secret keys (Dashboard > Keys). Values come from crypto.randomBytes at start, never from fixtures.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SecretKeyStore {
  readonly first: string;
  all(): string[];
  add(): string;
  revoke(secretKey: string): void;
  refresh(secretKey: string): string;
  isValid(candidate: string): boolean;
}

export function createSecretKeyStore(): SecretKeyStore {
  const keys: string[] = [];
  const add = (): string => {
    const key = randomBytes(20).toString('hex');
    keys.push(key);
    return key;
  };
  const revoke = (secretKey: string): void => {
    const index = keys.indexOf(secretKey);
    if (index === -1) throw new Error('no such secret key');
    keys.splice(index, 1);
  };
  const first = add();
  return {
    first,
    all: () => [...keys],
    add,
    revoke,
    refresh(secretKey) {
      revoke(secretKey);
      return add();
    },
    isValid: (candidate) => keys.some((key) => sameSecret(key, candidate)),
  };
}

function sameSecret(expected: string, given: string): boolean {
  // compare digests so lengths match and timing does not leak the key
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
