/** A Spider subaccount to watch: its name and the coin it mines, as AccountDraft.options.subaccounts holds them. */
export interface SubaccountRef {
  name: string;
  coin: string;
}

export type SubaccountsParse = { ok: true; subaccounts: SubaccountRef[] } | { ok: false; error: string };

// Spider coin codes are short letter/digit codes (btc, ltc, bch); anything else is a typo.
const COIN_CODE = /^[a-z0-9][a-z0-9_-]{0,15}$/;

/**
 * Reads "main:btc, backup:ltc" (commas or new lines between entries). Coins are stored lower-case,
 * as Spider wants them on the wire. Blank text is an empty list: watch every subaccount the key can see.
 */
export function parseSubaccounts(text: string): SubaccountsParse {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const subaccounts: SubaccountRef[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const colon = entry.lastIndexOf(':');
    if (colon < 0) return { ok: false, error: `“${entry}” has no coin: write each subaccount as name:coin, e.g. ${entry}:btc.` };
    const name = entry.slice(0, colon).trim();
    const coin = entry.slice(colon + 1).trim().toLowerCase();
    if (name === '') return { ok: false, error: `“${entry}” has no subaccount name: write it as name:coin, e.g. main:btc.` };
    if (coin === '') return { ok: false, error: `“${entry}” has no coin: write it as name:coin, e.g. ${name}:btc.` };
    if (!COIN_CODE.test(coin)) return { ok: false, error: `“${coin}” in “${entry}” is not a coin code such as btc or ltc.` };
    const key = `${name}\u0000${coin}`;
    if (seen.has(key)) return { ok: false, error: `${name}:${coin} is listed twice.` };
    seen.add(key);
    subaccounts.push({ name, coin });
  }
  return { ok: true, subaccounts };
}

/** The input text for a saved list: "main:btc, backup:ltc"; empty for none. */
export function formatSubaccounts(subaccounts: readonly SubaccountRef[] | undefined): string {
  return (subaccounts ?? []).map((subaccount) => `${subaccount.name}:${subaccount.coin.toLowerCase()}`).join(', ');
}
