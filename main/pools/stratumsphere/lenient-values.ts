import { z } from 'zod';

// Value parsers for Stratumsphere's loosely typed JSON: numbers arrive as numbers or as strings ("2", '1'),
// flags as booleans, 0/1 or their strings, ids as numbers or strings (NOTES.md).

const NUMERIC_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Numeric strings become numbers and '' becomes null; anything else is left for the schema to refuse. */
function numberish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return null;
  return NUMERIC_TEXT.test(text) ? Number(text) : value;
}

const TRUE_TEXT = new Set(['true', '1', 'yes']);
const FALSE_TEXT = new Set(['false', '0', 'no']);

function flagish(value: unknown): unknown {
  if (value === 0 || value === 1) return value === 1;
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  return TRUE_TEXT.has(text) ? true : FALSE_TEXT.has(text) ? false : value;
}

/** A finite number, also accepted as a numeric string. */
export const lenientNumber = z.preprocess(numberish, z.number());

/**
 * A number that may be null or an empty string (the public client prints '-' for an empty hashrate).
 * Absent keys stay absent, so callers can tell "missing" from "null".
 */
export const optionalNumber = z.preprocess(numberish, z.number().nullable()).optional();

/** true/false, 1/0, or those as strings; null stays null. */
export const optionalFlag = z.preprocess(flagish, z.boolean().nullable()).optional();

/** An id, numeric or text, kept as text. */
export const lenientId = z.union([z.number().int().nonnegative(), z.string().trim().min(1)]).transform(String);

/** A label that may come as a number (a scheduler named 2024). Blank means none. */
export const optionalText = z
  .union([
    z.string().transform((text) => (text.trim() === '' ? null : text.trim())),
    z.number().transform(String),
    z.null(),
  ])
  .optional();

/** A keyword kept exactly as given (keywords are case-sensitive; unknown ones are shown rather than refused). */
export const optionalKeyword = z
  .union([z.string().transform((text) => (text.trim() === '' ? null : text.trim())), z.null()])
  .optional();

/** Declares the same schema under several names, for fields whose spelling varies between calls. */
export function aliased<S extends z.ZodType, N extends string>(names: readonly N[], schema: S): Record<N, S> {
  return Object.fromEntries(names.map((name) => [name, schema])) as Record<N, S>;
}

/** The first alias that holds a value. */
export function firstOf<T>(record: Readonly<Record<string, unknown>>, names: readonly string[]): T | null {
  for (const name of names) {
    const value = record[name];
    if (value !== null && value !== undefined) return value as T;
  }
  return null;
}
