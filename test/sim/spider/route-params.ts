// Parameter readers for route handlers: anything malformed is Spider's generic "Parameter error".
import { isSpiderCoin, type SpiderCoin } from './coins';
import { noSuchSubaccount, parameterError } from './envelope';
import type { Mine, SpiderWorld } from './world';

export interface RouteContext {
  readonly world: SpiderWorld;
  readonly params: Record<string, unknown>;
  /** subaccount names the access key may see */
  readonly scope: readonly string[];
  /** the pool's data clock */
  readonly nowMs: number;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export function optionalText(ctx: RouteContext, name: string): string | null {
  const value = ctx.params[name];
  if (!present(value)) return null;
  if (typeof value !== 'string') throw parameterError();
  return value;
}

export function requiredText(ctx: RouteContext, name: string): string {
  const value = optionalText(ctx, name);
  if (value === null) throw parameterError();
  return value;
}

/** Coins are lower case on the wire: "BTC" is a parameter error, as on the live service. */
export function optionalCoin(ctx: RouteContext): SpiderCoin | null {
  const coin = optionalText(ctx, 'coin');
  if (coin === null) return null;
  if (!isSpiderCoin(coin)) throw parameterError();
  return coin;
}

export function integer(ctx: RouteContext, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = ctx.params[name];
  if (!present(value)) return fallback;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min) throw parameterError();
  return Math.min(number, max);
}

/** The subaccount+coin a call addresses; one the key cannot see does not exist, as far as the key knows. */
export function requiredMine(ctx: RouteContext): Mine {
  const coin = optionalCoin(ctx);
  const name = requiredText(ctx, 'subaccount');
  if (coin === null) throw parameterError();
  const mine = visibleMines(ctx).find((candidate) => candidate.subaccount === name && candidate.coin === coin);
  if (!mine) throw noSuchSubaccount();
  return mine;
}

export function visibleMines(ctx: RouteContext): Mine[] {
  return ctx.world.subaccounts.filter((subaccount) => ctx.scope.includes(subaccount.name)).flatMap((subaccount) => subaccount.mines);
}

/** A 1-based page of rows. */
export function pageOf<T>(rows: readonly T[], pageNumber: number, pageSize: number): T[] {
  return rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}
