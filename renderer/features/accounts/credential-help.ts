import type { PoolId } from '../../../shared/model';

interface PoolHelp {
  /** Shown for every connection mode without its own text. */
  general: string;
  byMode?: Readonly<Record<string, string>>;
}

/** Where each pool hands out its credentials and what to know about them, shown under the credential fields. */
const HELP: Record<PoolId, PoolHelp> = {
  sbi: {
    general: 'In the SBI Crypto Pool web UI, create an API key with READ permission (add FINANCIALS for earnings), or paste an observer link.',
    byMode: {
      'api-key':
        'In the SBI Crypto Pool web UI, create an API key with READ permission; add FINANCIALS to see earnings and payouts. ' +
        'With READ only, balances and payouts stay hidden.',
      observer: 'Paste the observer key, or the whole observer link from the pool: PoolWatch takes the key from it. Observers see one subaccount.',
    },
  },
  spider: {
    general:
      'Find the access key and private key under “API Key Retrieval Entrance” in Spider Pool’s personal center. ' +
      'Paste the private key as Spider shows it (bare base64), or as PEM (PKCS#8 or PKCS#1), also a PEM with literal \\n in it.',
  },
  webminepool: {
    general:
      'Copy the secret key from Dashboard > Keys. It is part of every request URL, so PoolWatch keeps it in the keychain and never shows or logs it.',
  },
  stratumsphere: {
    general: 'Copy the API key from Account → Integrations. Resetting the key there stops the old one: paste the new key here after a reset.',
  },
};

/** The help text for a pool's connection mode, else the pool's general help. */
export function credentialHelp(pool: PoolId, modeId: string): string {
  const help = HELP[pool];
  return help.byMode?.[modeId] ?? help.general;
}
