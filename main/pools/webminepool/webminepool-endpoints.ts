import type { z } from 'zod';
import { balanceSchema, hashesSchema, satoshiSchema, usersSchema } from './webminepool-schemas';

/** One API method: its path after /api/{secret_key}/, what a person would call its data, and its answer's shape. */
export interface WebMinePoolEndpoint<T> {
  path: string;
  what: string;
  schema: z.ZodType<T>;
}

/**
 * How many hashes the hash_rate endpoints are asked to price. The doc says both "1000000 by default" and
 * "Equal 1 if not set", so PoolWatch always sends the amount itself.
 */
export const HASHES_PRICED = 1_000_000;
/** WMC priced by wmc_rate: one coin, sent explicitly for the same reason. */
export const WMC_PRICED = 1;

// Every endpoint PoolWatch reads, in one place so a path or shape can be corrected when the live API differs.
export const WEBMINEPOOL_ENDPOINTS = {
  balance: { path: 'balance', what: 'the account balance', schema: balanceSchema },
  hashes: { path: 'hashes', what: 'the unpaid hash count', schema: hashesSchema },
  /** The doc writes this one with a trailing slash. */
  users: { path: 'users/', what: 'the user list', schema: usersSchema },
  hashRate: { path: `hash_rate/${HASHES_PRICED}`, what: 'the web-mining conversion rate', schema: satoshiSchema },
  hashRateCli: { path: `hash_rate_cli/${HASHES_PRICED}`, what: 'the CLI-mining conversion rate', schema: satoshiSchema },
  wmcRate: { path: `wmc_rate/${WMC_PRICED}`, what: 'the WMC conversion rate', schema: satoshiSchema },
} satisfies Record<string, WebMinePoolEndpoint<unknown>>;
