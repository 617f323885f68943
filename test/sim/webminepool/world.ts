// Everything the WebMinePool simulator knows: keys, sites, users, the account's hashes and WMC, rates, tokens.
import { MS_PER_DAY, MS_PER_HOUR } from '../common/iso-time';
import { createSeededRandom, unitHash, type SeededRandom } from '../common/seeded-random';
import { createSimClock, type SimClock } from '../common/sim-clock';
import { createSecretKeyStore, type SecretKeyStore } from './keys';
import type { WmpEnvelopeStyle, WmpMethod, WmpNumberStyle, WmpSimOptions, WmpSimRates, WmpSimUserOption } from './types';
import { newUser, resetBalance, startMining, stopMining, userBalance, userMined, withdrawHashes, type SimUser } from './users';

export interface SimToken {
  id: string;
  /** null: a goal for the whole account */
  username: string | null;
  endHashes: number;
  /** creation time, then verification time */
  doneAtMs: number;
  verified: boolean;
}

export interface WmpWorld {
  readonly clock: SimClock;
  readonly random: SeededRandom;
  readonly seed: number;
  readonly keys: SecretKeyStore;
  readonly siteKeys: readonly string[];
  /** by name; names are unique per account (the API addresses users by name alone) */
  readonly users: Map<string, SimUser>;
  readonly tokens: Map<string, SimToken>;
  readonly startMs: number;
  readonly anonymousHps: number;
  /** unpaid hashes the account held before the simulator started */
  readonly initialUnpaid: number;
  /** hashes mined by users since deleted: still the account's */
  retiredMined: number;
  /** hashes already converted to WMC */
  paidHashes: number;
  balanceWmc: number;
  envelope: WmpEnvelopeStyle;
  readonly envelopeByMethod: Partial<Record<WmpMethod, WmpEnvelopeStyle>>;
  numbers: WmpNumberStyle;
  readonly defaultHashAmount: number;
}

/** A small mixed account: miners on two sites, one stopped an hour ago, one silent for four days. */
export const DEFAULT_USERS: readonly WmpSimUserOption[] = [
  { name: 'alice', site: 0, hps: 40, hashes: 125_000 },
  { name: 'bob', site: 0, hps: 15, hashes: 9_000 },
  { name: 'carol', site: 1, hps: 120, hashes: 2_400_000 },
  { name: 'dave', site: 1, hps: 25, mining: false, hashes: 51_000, lastMinedAgoMs: MS_PER_HOUR },
  { name: 'erin', site: 0, hps: 30, mining: false, hashes: 700, lastMinedAgoMs: 4 * MS_PER_DAY },
];

export function createWorld(options: WmpSimOptions): WmpWorld {
  const seed = options.seed ?? 42;
  const clock = createSimClock(options.now);
  const random = createSeededRandom(seed);
  const nowMs = clock.now();
  const siteCount = options.sites ?? 2;
  if (!Number.isInteger(siteCount) || siteCount < 1 || siteCount > 50) throw new Error('sites must be 1..50');
  // Public site keys are embedded in web pages: seeded, not secret.
  const siteKeys = Array.from({ length: siteCount }, () => random.hex(32));
  const world: WmpWorld = {
    clock,
    random,
    seed,
    keys: createSecretKeyStore(),
    siteKeys,
    users: new Map(),
    tokens: new Map(),
    startMs: nowMs,
    anonymousHps: options.anonymousHps ?? 500,
    initialUnpaid: random.int(1_000_000, 20_000_000),
    retiredMined: 0,
    paidHashes: 0,
    balanceWmc: Math.round(random.between(0.5, 40) * 1e8) / 1e8,
    envelope: options.envelope ?? 'success',
    envelopeByMethod: { ...options.envelopeByMethod },
    numbers: options.numbers ?? 'number',
    defaultHashAmount: options.defaultHashAmount ?? 1_000_000,
  };
  for (const spec of options.users ?? DEFAULT_USERS) addUser(world, spec);
  return world;
}

export function findUser(world: WmpWorld, name: string): SimUser {
  const user = world.users.get(name);
  if (!user) throw new Error(`unknown user ${name}`);
  return user;
}

export function addUser(world: WmpWorld, spec: WmpSimUserOption): SimUser {
  if (world.users.has(spec.name)) throw new Error(`user ${spec.name} already exists`);
  const site = spec.site ?? 0;
  const siteKey = world.siteKeys[site];
  if (siteKey === undefined) throw new Error(`site must be 0..${world.siteKeys.length - 1}`);
  const user = newUser(spec, siteKey, world.clock.now());
  world.users.set(user.name, user);
  return user;
}

export function deleteUser(world: WmpWorld, name: string): void {
  const user = findUser(world, name);
  world.retiredMined += userMined(user, world.clock.now());
  world.users.delete(name);
}

export const startUser = (world: WmpWorld, name: string): void => startMining(findUser(world, name), world.clock.now());
export const stopUser = (world: WmpWorld, name: string): void => stopMining(findUser(world, name), world.clock.now());
export const resetUser = (world: WmpWorld, name: string): void => resetBalance(findUser(world, name), world.clock.now());

export function withdraw(world: WmpWorld, name: string, amount: number): boolean {
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('amount must be a positive whole number of hashes');
  return withdrawHashes(findUser(world, name), amount, world.clock.now());
}

/** Unpaid hashes of the account: everything mined (users, deleted users, anonymous miners) not yet paid. */
export function accountHashes(world: WmpWorld): number {
  const nowMs = world.clock.now();
  const anonymous = Math.floor((world.anonymousHps * Math.max(0, nowMs - world.startMs)) / 1000);
  let byUsers = world.retiredMined;
  for (const user of world.users.values()) byUsers += userMined(user, nowMs);
  return world.initialUnpaid + byUsers + anonymous - world.paidHashes;
}

export function userHashes(world: WmpWorld, name: string): number {
  return userBalance(findUser(world, name), world.clock.now());
}

/** Rates drift a few percent per UTC day, following the simulator's clock. */
export function currentRates(world: WmpWorld): WmpSimRates {
  const day = Math.floor(world.clock.now() / MS_PER_DAY);
  const drift = (salt: number): number => 1 + 0.1 * (unitHash(world.seed + salt, day) - 0.5);
  const web = round(2 + 3 * unitHash(world.seed, 1) * drift(11), 6);
  return {
    satoshiPerMillionWebHashes: web,
    satoshiPerMillionCliHashes: round(web * 1.25, 6),
    satoshiPerWmc: round(60 + 60 * unitHash(world.seed, 2) * drift(13), 4),
  };
}

/** The payout: unpaid hashes become WMC at the web rate. */
export function payHashes(world: WmpWorld): void {
  const hashes = accountHashes(world);
  const rates = currentRates(world);
  world.paidHashes += hashes;
  world.balanceWmc = round(world.balanceWmc + (hashes / 1e6) * (rates.satoshiPerMillionWebHashes / rates.satoshiPerWmc), 8);
}

export function resetAllUsers(world: WmpWorld): void {
  for (const user of world.users.values()) resetBalance(user, world.clock.now());
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
