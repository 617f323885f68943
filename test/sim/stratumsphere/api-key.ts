// The account's one API key (Account → Integrations). Random at start; a reset makes a new one and kills the old.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ApiKeyStore {
  current(): string;
  reset(): string;
  /** the Authorization header must be the key exactly: no "Bearer ", no spaces */
  accepts(header: string | undefined): boolean;
}

export function createApiKeyStore(): ApiKeyStore {
  let key = newKey();
  return {
    current: () => key,
    reset: () => {
      key = newKey();
      return key;
    },
    accepts: (header) => header !== undefined && sameText(key, header),
  };
}

function newKey(): string {
  return randomBytes(20).toString('hex');
}

function sameText(expected: string, given: string): boolean {
  // compare digests so lengths match and timing does not leak the key
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
