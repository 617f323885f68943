// Daily earnings per subaccount and the payout transactions that pay them, with their state machine.
import { MS_PER_DAY, MS_PER_HOUR, utcDayStart } from '../common/iso-time';
import { createSeededRandom, type SeededRandom } from '../common/seeded-random';
import { COINS, type CoinCode } from './coins';
import type { Subaccount } from './subaccounts';

export type PayoutState = 'NEW' | 'POSTED' | 'CONFIRMED' | 'FAILED';
export type EarningState = PayoutState | 'PENDING';

export interface PayoutTx {
  internalTxId: string;
  coin: CoinCode;
  dayMs: number;
  state: PayoutState;
  /** blockchain transaction hash, once posted */
  txId: string | null;
  paidOnMs: number | null;
  /** network fee, whole coin */
  txFee: number;
}

export interface EarningRecord {
  earningsId: string;
  subaccountId: number;
  subaccountName: string;
  coin: CoinCode;
  address: string;
  /** UTC midnight of the day the earning is for ("asOf") */
  earningsForMs: number;
  createdAtMs: number;
  hashrateMhs: number;
  /** integer base units (satoshi; gwei for ETH) */
  grossBase: number;
  feeBase: number;
  netBase: number;
  feePercent: number;
  tx: PayoutTx;
}

export interface Ledger {
  earnings(): readonly EarningRecord[];
  /** transactions that reached the payment processor (FAILED ones never did) */
  payouts(): readonly PayoutTx[];
  earningsOf(tx: PayoutTx): readonly EarningRecord[];
  advance(nowMs: number): void;
  failNext(): void;
}

const HISTORY_DAYS = 30;
const FPPS_FEE_PERCENT = 2.0;

export function createLedger(subaccounts: readonly Subaccount[], seed: number, nowMs: number): Ledger {
  // separate stream so payout data stay put when worker options change
  const random = createSeededRandom((seed ^ 0x1ed9e2) >>> 0);
  const earnings: EarningRecord[] = [];
  const txs: PayoutTx[] = [];
  const todayMs = utcDayStart(nowMs);
  let lastDayMs = todayMs - HISTORY_DAYS * MS_PER_DAY;
  let failArmed = false;

  const createDay = (dayMs: number, state: PayoutState, atMs: number): void => {
    const txByCoin = new Map<CoinCode, PayoutTx>();
    for (const subaccount of subaccounts) {
      let tx = txByCoin.get(subaccount.coin);
      if (!tx) {
        tx = newTx(subaccount.coin, dayMs, state, random, atMs);
        txByCoin.set(subaccount.coin, tx);
        txs.push(tx);
      }
      earnings.push(newEarning(subaccount, dayMs, tx, random, atMs));
    }
    lastDayMs = Math.max(lastDayMs, dayMs);
  };

  for (let dayMs = todayMs - (HISTORY_DAYS - 1) * MS_PER_DAY; dayMs <= todayMs; dayMs += MS_PER_DAY) {
    const state: PayoutState = dayMs === todayMs ? 'NEW' : dayMs === todayMs - MS_PER_DAY ? 'POSTED' : 'CONFIRMED';
    createDay(dayMs, state, nowMs);
  }

  return {
    earnings: () => earnings,
    payouts: () => txs.filter((tx) => tx.state !== 'FAILED'),
    earningsOf: (tx) => earnings.filter((earning) => earning.tx === tx),
    advance(atMs) {
      const ordered = [...txs].sort((a, b) => a.dayMs - b.dayMs || a.coin.localeCompare(b.coin));
      for (const tx of ordered) {
        if (tx.state === 'NEW') {
          if (failArmed) {
            tx.state = 'FAILED';
            failArmed = false;
          } else {
            tx.state = 'POSTED';
            tx.txId = random.hex(64);
            tx.paidOnMs = atMs;
          }
        } else if (tx.state === 'POSTED') {
          tx.state = 'CONFIRMED';
        }
      }
      for (let dayMs = lastDayMs + MS_PER_DAY; dayMs <= utcDayStart(atMs); dayMs += MS_PER_DAY) createDay(dayMs, 'NEW', atMs);
    },
    failNext() {
      failArmed = true;
    },
  };
}

// A payout still POSTED when the simulator starts was sent at most this long ago, so at any hour of the day it is
// a payout on its way, not one stuck past PoolWatch's 24 h threshold (from 20:30 UTC, yesterday's would have been).
const POSTED_AT_MOST_AGO_MS = 20 * MS_PER_HOUR;

function newTx(coin: CoinCode, dayMs: number, state: PayoutState, random: SeededRandom, nowMs: number): PayoutTx {
  const sent = state === 'POSTED' || state === 'CONFIRMED';
  const paidOnMs = sent ? dayMs + 20.5 * MS_PER_HOUR + random.int(0, 60_000) : null;
  return {
    internalTxId: random.uuid(),
    coin,
    dayMs,
    state,
    txId: sent ? random.hex(64) : null,
    paidOnMs: paidOnMs !== null && state === 'POSTED' ? Math.max(paidOnMs, nowMs - POSTED_AT_MOST_AGO_MS) : paidOnMs,
    txFee: COINS[coin].txFee,
  };
}

function newEarning(subaccount: Subaccount, dayMs: number, tx: PayoutTx, random: SeededRandom, nowMs: number): EarningRecord {
  const coin = COINS[subaccount.coin];
  const hashrateMhs = subaccount.nominalMhs * random.between(0.9, 1.1);
  const grossBase = Math.round(hashrateMhs * coin.coinPerMhsDay * coin.baseUnitsPerCoin);
  const feeBase = Math.round((grossBase * FPPS_FEE_PERCENT) / 100);
  return {
    earningsId: random.uuid(),
    subaccountId: subaccount.id,
    subaccountName: subaccount.name,
    coin: subaccount.coin,
    address: subaccount.payoutAddresses.get(subaccount.coin) ?? '',
    earningsForMs: dayMs,
    createdAtMs: Math.min(dayMs + 3 * MS_PER_HOUR + random.int(0, 1000), nowMs),
    hashrateMhs,
    grossBase,
    feeBase,
    netBase: grossBase - feeBase,
    feePercent: FPPS_FEE_PERCENT,
    tx,
  };
}
