// Coins the SBI pool mines, with the simulator's economics and address shapes.
import type { SeededRandom } from '../common/seeded-random';

export type CoinCode = 'BTC' | 'BCH' | 'BSV' | 'ETH';

export interface CoinInfo {
  code: CoinCode;
  /** SLIP-44 style ids, as in the documented samples (BTC 0, BCH 145, BSV 236) */
  id: number;
  name: string;
  /** base units per whole coin in v1 amounts; ETH uses gwei so amounts stay exact in a double */
  baseUnitsPerCoin: number;
  /** whole coin earned per MH/s per day */
  coinPerMhsDay: number;
  /** typical per-worker hashrate in MH/s */
  workerMhs: { min: number; max: number };
  /** network fee of a payout transaction, whole coin */
  txFee: number;
}

export const COINS: Readonly<Record<CoinCode, CoinInfo>> = {
  BTC: { code: 'BTC', id: 0, name: 'Bitcoin', baseUnitsPerCoin: 1e8, coinPerMhsDay: 8.3e-13, workerMhs: { min: 1.2e7, max: 1.8e7 }, txFee: 0.00002 },
  BCH: { code: 'BCH', id: 145, name: 'Bitcoin Cash', baseUnitsPerCoin: 1e8, coinPerMhsDay: 1.25e-10, workerMhs: { min: 1.2e7, max: 1.8e7 }, txFee: 0.000005 },
  BSV: { code: 'BSV', id: 236, name: 'Bitcoin SV', baseUnitsPerCoin: 1e8, coinPerMhsDay: 1e-9, workerMhs: { min: 1.2e7, max: 1.8e7 }, txFee: 0.0000005 },
  ETH: { code: 'ETH', id: 60, name: 'Ethereum', baseUnitsPerCoin: 1e9, coinPerMhsDay: 2e-5, workerMhs: { min: 300, max: 600 }, txFee: 0.00042 },
};

export const COIN_CODES: readonly CoinCode[] = ['BTC', 'BCH', 'BSV', 'ETH'];

export function isCoinCode(value: unknown): value is CoinCode {
  return typeof value === 'string' && (COIN_CODES as readonly string[]).includes(value);
}

export function coinJson(code: CoinCode): { id: number; code: CoinCode; name: string } {
  const coin = COINS[code];
  return { id: coin.id, code: coin.code, name: coin.name };
}

const BECH32_CHARS = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BASE58_CHARS = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Address-shaped strings (not valid checksums): enough for display and matching. */
export function fakeAddress(code: CoinCode, random: SeededRandom): string {
  const draw = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[random.int(0, alphabet.length)];
    return out;
  };
  switch (code) {
    case 'BTC':
      return `bc1q${draw(BECH32_CHARS, 38)}`;
    case 'BCH':
      return `bitcoincash:q${draw(BECH32_CHARS, 41)}`;
    case 'BSV':
      return `1${draw(BASE58_CHARS, 33)}`;
    case 'ETH':
      return `0x${random.hex(40)}`;
  }
}
