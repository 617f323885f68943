import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccountOptionsSchema } from '../../../shared/contract';
import { formatSubaccounts, parseSubaccounts } from '../../../renderer/features/accounts/subaccounts-text';

function parsed(text: string) {
  const result = parseSubaccounts(text);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.subaccounts;
}

function errorOf(text: string): string {
  const result = parseSubaccounts(text);
  assert.ok(!result.ok, `expected "${text}" to be refused`);
  return result.error;
}

describe('parseSubaccounts', () => {
  it('reads name:coin pairs separated by commas or new lines, coins lower-case', () => {
    assert.deepEqual(parsed('main:btc, backup:LTC\nthird : Bch ,'), [
      { name: 'main', coin: 'btc' },
      { name: 'backup', coin: 'ltc' },
      { name: 'third', coin: 'bch' },
    ]);
  });

  it('reads blank text as an empty list (discover every subaccount)', () => {
    assert.deepEqual(parsed(''), []);
    assert.deepEqual(parsed('  ,\n , '), []);
  });

  it('keeps the same name under two coins (Spider subaccounts are per coin)', () => {
    assert.deepEqual(parsed('main:btc, main:ltc'), [
      { name: 'main', coin: 'btc' },
      { name: 'main', coin: 'ltc' },
    ]);
  });

  it('requires a name and a coin in every entry, naming the bad entry', () => {
    assert.match(errorOf('main:btc, backup'), /“backup” has no coin/);
    assert.match(errorOf('main:'), /“main:” has no coin/);
    assert.match(errorOf(':btc'), /no subaccount name/);
    assert.match(errorOf(' : '), /no subaccount name/);
  });

  it('refuses what is not a coin code, and duplicates', () => {
    assert.match(errorOf('main:bit coin'), /not a coin code/);
    assert.match(errorOf('main:btc, main:BTC'), /listed twice/);
  });

  it('produces what the contract accepts', () => {
    assert.ok(AccountOptionsSchema.safeParse({ subaccounts: parsed('main:btc, backup:ltc') }).success);
  });
});

describe('formatSubaccounts', () => {
  it('writes a saved list back as the input text, and round-trips', () => {
    const text = formatSubaccounts([
      { name: 'main', coin: 'btc' },
      { name: 'backup', coin: 'LTC' },
    ]);
    assert.equal(text, 'main:btc, backup:ltc');
    assert.deepEqual(parsed(text), [
      { name: 'main', coin: 'btc' },
      { name: 'backup', coin: 'ltc' },
    ]);
  });

  it('is empty for no list', () => {
    assert.equal(formatSubaccounts(undefined), '');
    assert.equal(formatSubaccounts([]), '');
  });
});
