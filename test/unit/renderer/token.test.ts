import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acquireToken, forgetToken, TOKEN_STORAGE_KEY, tokenFromFragment, type TokenStorage } from '../../../renderer/api/token';

class MemoryStorage implements TokenStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function environment(hash: string, storage: TokenStorage | null = new MemoryStorage()) {
  const calls = { clearFragment: 0 };
  return { env: { hash, storage, clearFragment: () => (calls.clearFragment += 1) }, calls, storage };
}

describe('tokenFromFragment', () => {
  it('reads the token from #token=HEX, with or without other parameters', () => {
    assert.equal(tokenFromFragment('#token=ab12cd'), 'ab12cd');
    assert.equal(tokenFromFragment('token=ab12cd'), 'ab12cd');
    assert.equal(tokenFromFragment('#x=1&token=ab12cd'), 'ab12cd');
  });

  it('refuses missing or malformed tokens (they would break the subprotocol header)', () => {
    assert.equal(tokenFromFragment(''), null);
    assert.equal(tokenFromFragment('#/workers'), null);
    assert.equal(tokenFromFragment('#token='), null);
    assert.equal(tokenFromFragment('#token=ab cd'), null);
    assert.equal(tokenFromFragment('#token=ab,cd'), null);
  });
});

describe('acquireToken', () => {
  it('takes the fragment token, stores it in sessionStorage and clears the fragment', () => {
    const { env, calls, storage } = environment('#token=feedbeef');
    assert.equal(acquireToken(env), 'feedbeef');
    assert.equal(storage?.getItem(TOKEN_STORAGE_KEY), 'feedbeef');
    assert.equal(calls.clearFragment, 1);
  });

  it('prefers a fresh fragment token over a stored one', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'old0');
    const { env } = environment('#token=new1', storage);
    assert.equal(acquireToken(env), 'new1');
    assert.equal(storage.getItem(TOKEN_STORAGE_KEY), 'new1');
  });

  it('falls back to the stored token after a reload, leaving a route fragment alone', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'cafe01');
    const { env, calls } = environment('#/workers', storage);
    assert.equal(acquireToken(env), 'cafe01');
    assert.equal(calls.clearFragment, 0);
  });

  it('returns null with neither, and still clears a malformed token fragment', () => {
    const { env, calls } = environment('#token=bad token');
    assert.equal(acquireToken(env), null);
    assert.equal(calls.clearFragment, 1);
  });

  it('still works when storage is unavailable or throws', () => {
    assert.equal(acquireToken(environment('#token=abc', null).env), 'abc');
    const throwing: TokenStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    assert.equal(acquireToken(environment('#token=abc', throwing).env), 'abc');
    assert.equal(acquireToken(environment('', throwing).env), null);
    assert.doesNotThrow(() => forgetToken(throwing));
  });

  it('forgetToken drops the stored token', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'abc');
    forgetToken(storage);
    assert.equal(storage.getItem(TOKEN_STORAGE_KEY), null);
  });
});
