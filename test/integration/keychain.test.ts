import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createKeytarStore } from '../../main/secrets/keytar-store';
import { KeychainUnavailableError } from '../../main/secrets/secret-store';

// These run against the real Secret Service started by test/with-keyring.sh (gnome-keyring on a private D-Bus).
const hasKeyring = Boolean(process.env.POOLWATCH_KEYRING_READY);
const reason = 'no Secret Service on this session: run through `npm test`, which starts gnome-keyring under dbus-run-session';
if (!hasKeyring) console.log(`keychain tests skipped: ${reason}`);

describe('keychain (real Secret Service)', { skip: hasKeyring ? false : reason }, () => {
  const service = `PoolWatch-test-${randomBytes(4).toString('hex')}`;
  const store = createKeytarStore(service);
  const secret = `s-${randomBytes(12).toString('hex')}`;

  it('stores, reads back, updates and deletes a secret', async () => {
    assert.equal(await store.get('farm', 'apiSecret'), null);
    await store.set('farm', 'apiSecret', secret);
    assert.equal(await store.get('farm', 'apiSecret'), secret);
    await store.set('farm', 'apiSecret', `${secret}-2`);
    assert.equal(await store.get('farm', 'apiSecret'), `${secret}-2`);
    assert.equal(await store.delete('farm', 'apiSecret'), true);
    assert.equal(await store.get('farm', 'apiSecret'), null);
    assert.equal(await store.delete('farm', 'apiSecret'), false);
  });

  it('keeps accounts and fields apart', async () => {
    await store.set('a', 'apiKey', 'one');
    await store.set('b', 'apiKey', 'two');
    await store.set('a', 'apiSecret', 'three');
    assert.deepEqual([await store.get('a', 'apiKey'), await store.get('b', 'apiKey'), await store.get('a', 'apiSecret')], ['one', 'two', 'three']);
    for (const [account, field] of [['a', 'apiKey'], ['b', 'apiKey'], ['a', 'apiSecret']] as const) await store.delete(account, field);
  });
});

describe('keychain unavailable', () => {
  it('fails with a clear KeychainUnavailableError when no Secret Service answers', () => {
    // A child process with a D-Bus address that leads nowhere: the same as a desktop without a keyring.
    const script = `
      const { createKeytarStore } = require(${JSON.stringify(join(__dirname, '../../main/secrets/keytar-store.ts'))});
      createKeytarStore('PoolWatch-test-none').set('x', 'apiKey', 'unique-secret-7f3a').then(
        () => { console.log('UNEXPECTED-SUCCESS'); },
        (error) => { console.log(JSON.stringify({ name: error.name, message: error.message })); });
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/poolwatch-bus' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    assert.notEqual(line, 'UNEXPECTED-SUCCESS');
    const error = JSON.parse(line) as { name: string; message: string };
    assert.equal(error.name, 'KeychainUnavailableError');
    assert.match(error.message, /system keychain is not available/);
    assert.match(error.message, /environment variable/);
    assert.ok(!error.message.includes('unique-secret-7f3a'), 'the message does not carry the secret');
  });

  it('is the error type the engine maps to keychain_unavailable', () => {
    assert.ok(new KeychainUnavailableError('x') instanceof Error);
  });
});
