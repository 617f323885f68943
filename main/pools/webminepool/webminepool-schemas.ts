import { z } from 'zod';
import { numberFromText } from '../response-parsing';

// Shapes of WebMinePool responses (docs: shared/pool-apis/webminepool-http-api.txt, NOTES.md).
// Lenient where a PHP service varies: numbers may arrive as numeric strings, the user list as an object keyed by index.

/** A number, also accepted as a numeric string ("1234", "0.00012", "3.5E-6"). */
export const numeric = z
  .union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'expected a number')])
  .transform((value) => (typeof value === 'number' ? value : numberFromText(value)))
  .pipe(z.number().finite());

const nonNegative = numeric.pipe(z.number().min(0, 'expected zero or more'));

/** success / status flags: booleans, 0/1, or words, depending on the endpoint and the doc page. */
const flag = z.union([z.boolean(), z.number(), z.string()]).nullish();

/** The two documented envelopes: {success, message} and {status, error}; data fields sit beside them. */
export const envelopeSchema = z
  .object({
    success: flag,
    status: flag,
    message: z.unknown().optional(),
    error: z.unknown().optional(),
  })
  .passthrough();

export type Envelope = z.infer<typeof envelopeSchema>;

export const balanceSchema = z.object({ balance: nonNegative }).passthrough();

export const hashesSchema = z.object({ hashes: nonNegative }).passthrough();

export const satoshiSchema = z.object({ satoshi: nonNegative }).passthrough();

const userSchema = z
  .object({
    /** The public site key the user mines for; absent on some answers. */
    api_key: z.union([z.string(), z.number()]).nullish(),
    name: z.union([z.string().min(1), z.number()]).transform(String),
    hashes: nonNegative,
  })
  .passthrough();

export type WebMinePoolUser = z.infer<typeof userSchema>;

/** A PHP array with gaps in its keys is encoded as an object ({"0": {...}, "3": {...}}); null means none. */
export const usersSchema = z
  .object({
    users: z.union([z.array(userSchema), z.record(z.string(), userSchema), z.null()]).transform((users) => (users === null ? [] : Array.isArray(users) ? users : Object.values(users))),
  })
  .passthrough();
