import type { PoolId } from './account';

/** Where a credential's value lives. The config file holds only these references, never a value. */
export type CredentialRef = { keychain: true } | { env: string };

export interface CredentialField {
  name: string;
  label: string;
  /** Secret fields go to the keychain; non-secret ones (none yet) could live in config. */
  secret: boolean;
  /** Multi-line input (pasted private keys). */
  multiline?: boolean;
}

/** A way to connect to a pool: the set of credential fields it takes. */
export interface ConnectionMode {
  id: string;
  label: string;
  fields: CredentialField[];
}

export interface PoolDescriptor {
  id: PoolId;
  name: string;
  defaultBaseUrl: string;
  modes: ConnectionMode[];
}

export const POOLS: Record<PoolId, PoolDescriptor> = {
  sbi: {
    id: 'sbi',
    name: 'SBI Crypto Pool',
    defaultBaseUrl: 'https://pool-api.sbicrypto.com',
    modes: [
      {
        id: 'api-key',
        label: 'API key and secret',
        fields: [
          { name: 'apiKey', label: 'API key', secret: true },
          { name: 'apiSecret', label: 'API secret', secret: true },
        ],
      },
      {
        id: 'observer',
        label: 'Observer key (read-only, one subaccount)',
        fields: [{ name: 'observerKey', label: 'Observer key or observer link', secret: true }],
      },
    ],
  },
  spider: {
    id: 'spider',
    name: 'Spider Pool',
    defaultBaseUrl: 'https://api.spiderpool.com',
    modes: [
      {
        id: 'signed',
        label: 'Access key and private key',
        fields: [
          { name: 'accessKey', label: 'Access key', secret: true },
          { name: 'privateKey', label: 'Private key', secret: true, multiline: true },
        ],
      },
    ],
  },
  webminepool: {
    id: 'webminepool',
    name: 'WebMinePool',
    defaultBaseUrl: 'https://mail.webminepool.com',
    modes: [{ id: 'secret', label: 'Secret key', fields: [{ name: 'secretKey', label: 'Secret key', secret: true }] }],
  },
  stratumsphere: {
    id: 'stratumsphere',
    name: 'Stratumsphere',
    defaultBaseUrl: 'https://api.stratumsphere.io',
    modes: [{ id: 'api-key', label: 'API key', fields: [{ name: 'apiKey', label: 'API key', secret: true }] }],
  },
};

/** The connection mode whose fields are all present in the given field names, or null. */
export function detectMode(pool: PoolId, fieldNames: readonly string[]): ConnectionMode | null {
  const present = new Set(fieldNames);
  return POOLS[pool].modes.find((mode) => mode.fields.every((field) => present.has(field.name))) ?? null;
}
