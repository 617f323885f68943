// The documented API methods. Each gets the path parameters after the method name and returns the data fields
// of a successful answer, or throws WmpApiFailure with the pool's error text.
// Only "invalid api key", "internal error" and "nonexistent token" are documented; other texts are this simulator's guess.
import { WmpApiFailure } from './envelope';
import type { WmpMethod } from './types';
import { isListed, lastMinedAt, userBalance, type SimUser } from './users';
import {
  accountHashes,
  addUser,
  currentRates,
  deleteUser,
  resetAllUsers,
  resetUser,
  userHashes,
  withdraw,
  type SimToken,
  type WmpWorld,
} from './world';

export interface WmpRouteContext {
  world: WmpWorld;
  params: readonly string[];
  nowMs: number;
}

export type WmpRouteHandler = (ctx: WmpRouteContext) => Record<string, unknown>;

function required(ctx: WmpRouteContext, index: number, name: string): string {
  const value = ctx.params[index];
  if (value === undefined || value === '') throw new WmpApiFailure(`missing parameter: ${name}`);
  return value;
}

function existingUser(ctx: WmpRouteContext, name: string): SimUser {
  const user = ctx.world.users.get(name);
  if (!user) throw new WmpApiFailure('user does not exist');
  return user;
}

/** A user that exists but never mined: /users does not list it until it mines. */
function createIdleUser(world: WmpWorld, name: string): SimUser {
  try {
    const user = addUser(world, { name, hps: 0, mining: false });
    user.lastMinedAtMs = null;
    return user;
  } catch (error) {
    throw new WmpApiFailure(error instanceof Error ? error.message : 'invalid username');
  }
}

function wholeHashes(text: string): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) throw new WmpApiFailure('invalid amount');
  return Number(text);
}

/** Optional amount path parameter: a positive number, or the default when absent. */
function amountParam(ctx: WmpRouteContext, index: number, fallback: number): number {
  const raw = ctx.params[index];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || !(Number(raw) > 0)) throw new WmpApiFailure('invalid amount');
  return Number(raw);
}

function significant(value: number): number {
  return Number(value.toPrecision(10));
}

/** PHP DateTime as json_encode writes it. */
function phpDate(atMs: number): { date: string; timezone_type: number; timezone: string } {
  const iso = new Date(atMs).toISOString();
  return { date: `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000000`, timezone_type: 3, timezone: 'UTC' };
}

function tokenProgress(world: WmpWorld, token: SimToken): number {
  if (token.username === null) return accountHashes(world);
  const user = world.users.get(token.username);
  return user ? userBalance(user, world.clock.now()) : 0;
}

export const WMP_ROUTES: Record<WmpMethod, WmpRouteHandler> = {
  set_token: (ctx) => {
    const amount = wholeHashes(required(ctx, 0, 'hashes_amount'));
    const username = ctx.params[1] || null;
    // Users are created on first use, as mining does.
    if (username !== null && !ctx.world.users.has(username)) createIdleUser(ctx.world, username);
    const id = ctx.world.random.hex(24);
    const token: SimToken = { id, username, endHashes: 0, doneAtMs: ctx.nowMs, verified: false };
    token.endHashes = tokenProgress(ctx.world, token) + amount;
    ctx.world.tokens.set(id, token);
    return { token_id: id };
  },
  get_token: (ctx) => {
    const token = ctx.world.tokens.get(required(ctx, 0, 'token_id'));
    if (!token) throw new WmpApiFailure('nonexistent token');
    if (!token.verified && tokenProgress(ctx.world, token) >= token.endHashes) {
      token.verified = true;
      token.doneAtMs = ctx.nowMs;
    }
    const answer = { state: token.verified ? 1 : 0, end_hashes: token.endHashes, done_at: phpDate(token.doneAtMs) };
    // unset: delete the token (and its user) right after verification, against double passing.
    if (ctx.params[1] && token.verified) {
      ctx.world.tokens.delete(token.id);
      if (token.username !== null && ctx.world.users.has(token.username)) deleteUser(ctx.world, token.username);
    }
    return answer;
  },
  users: (ctx) => ({
    users: [...ctx.world.users.values()]
      .filter((user) => isListed(user, ctx.nowMs))
      .map((user) => ({ api_key: user.siteKey, name: user.name, hashes: userBalance(user, ctx.nowMs) })),
  }),
  create_user: (ctx) => {
    const name = required(ctx, 0, 'username');
    if (ctx.world.users.has(name)) throw new WmpApiFailure('user already exists');
    createIdleUser(ctx.world, name).referral = ctx.params[1] || null;
    return { message: 'user created' };
  },
  delete_user: (ctx) => {
    const name = required(ctx, 0, 'username');
    existingUser(ctx, name);
    deleteUser(ctx.world, name);
    return { message: 'user deleted' };
  },
  user_hashes: (ctx) => {
    const name = required(ctx, 0, 'username');
    existingUser(ctx, name);
    return { hashes: userHashes(ctx.world, name) };
  },
  withdraw: (ctx) => {
    const name = required(ctx, 0, 'username');
    const amount = wholeHashes(required(ctx, 1, 'amount'));
    existingUser(ctx, name);
    if (!withdraw(ctx.world, name, amount)) throw new WmpApiFailure('not enough hashes');
    return { message: `${amount} hashes withdrawn from ${name}` };
  },
  reset_user_hashes: (ctx) => {
    const name = required(ctx, 0, 'username');
    existingUser(ctx, name);
    resetUser(ctx.world, name);
    return { message: "user's balance is zero" };
  },
  reset_all_user_hashes: (ctx) => {
    resetAllUsers(ctx.world);
    return { message: "all users' balances are zero" };
  },
  balance: (ctx) => ({ balance: ctx.world.balanceWmc }),
  hashes: (ctx) => ({ hashes: accountHashes(ctx.world) }),
  wmc_rate: (ctx) => ({ satoshi: significant(amountParam(ctx, 0, 1) * currentRates(ctx.world).satoshiPerWmc) }),
  hash_rate: (ctx) => ({
    satoshi: significant((amountParam(ctx, 0, ctx.world.defaultHashAmount) / 1e6) * currentRates(ctx.world).satoshiPerMillionWebHashes),
  }),
  hash_rate_cli: (ctx) => ({
    satoshi: significant((amountParam(ctx, 0, ctx.world.defaultHashAmount) / 1e6) * currentRates(ctx.world).satoshiPerMillionCliHashes),
  }),
};

/** A user's public state, for /__sim/state and tests. */
export function userState(user: SimUser, nowMs: number) {
  return {
    name: user.name,
    siteKey: user.siteKey,
    hps: user.hps,
    mining: user.mining,
    hashes: userBalance(user, nowMs),
    lastMinedAtMs: lastMinedAt(user, nowMs),
    listed: isListed(user, nowMs),
    referral: user.referral,
  };
}
