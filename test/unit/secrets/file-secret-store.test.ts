import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PrivateFileError } from '../../../main/base/private-file';
import { chooseSecretStore } from '../../../main/secrets/choose-secret-store';
import { resolveCredentials } from '../../../main/secrets/credential-resolver';
import { openFileSecretStore, SECRETS_FILE_NAME, SecretsFileError } from '../../../main/secrets/file-secret-store';
import { SECRETS_KEY_FILE_NAME } from '../../../main/secrets/secrets-key';

// The secret store for machines without a keychain (issue 12): one encrypted file, 0600, opened with a key from outside it.

const folder = (): string => mkdtempSync(join(tmpdir(), 'pw-secrets-'));
const key = (text = 'k'.repeat(20) + randomBytes(8).toString('hex')) => ({ text, source: 'the test key' });
/** A value no file may hold in the clear. */
const distinctive = (): string => `FILESTORE-${randomBytes(12).toString('hex')}`;
const noKeychain = async (): Promise<string> => 'Cannot autolaunch D-Bus without X11 $DISPLAY';

describe('file secret store', () => {
  it('stores, reads back, replaces and deletes; the file is 0600 and never holds a value in the clear', async () => {
    const file = join(folder(), SECRETS_FILE_NAME);
    const secret = distinctive();
    const store = openFileSecretStore(file, key());
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(await store.get('farm', 'apiSecret'), null);
    await store.set('farm', 'apiSecret', secret);
    await store.set('channel-hook', 'url', `https://hooks.example/${secret}`);
    assert.equal(await store.get('farm', 'apiSecret'), secret);
    assert.equal(await store.get('channel-hook', 'url'), `https://hooks.example/${secret}`);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(secret), 'no plaintext in the file');
    assert.ok(!text.includes(Buffer.from(secret).toString('base64').slice(0, 16)), 'no base64 of the plaintext either');
    assert.equal(statSync(file).mode & 0o777, 0o600, 'still 0600 after a rewrite');
    assert.equal(await store.delete('farm', 'apiSecret'), true);
    assert.equal(await store.delete('farm', 'apiSecret'), false);
    assert.equal(await store.get('farm', 'apiSecret'), null);
    assert.deepEqual(readdirSync(join(file, '..')).filter((name) => name.endsWith('.tmp')), [], 'no temp files left');
  });

  it('reopens with the same key, each record under its own IV', async () => {
    const file = join(folder(), SECRETS_FILE_NAME);
    const theKey = key();
    const first = openFileSecretStore(file, theKey);
    await first.set('a', 'apiKey', 'same value');
    await first.set('b', 'apiKey', 'same value');
    const document = JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, { iv: string; data: string }> };
    assert.notEqual(document.secrets['a/apiKey']?.iv, document.secrets['b/apiKey']?.iv);
    assert.notEqual(document.secrets['a/apiKey']?.data, document.secrets['b/apiKey']?.data);
    const again = openFileSecretStore(file, theKey);
    assert.equal(await again.get('b', 'apiKey'), 'same value');
  });

  it('a wrong key gives a clear error naming where the key came from, never garbage', async () => {
    const file = join(folder(), SECRETS_FILE_NAME);
    await openFileSecretStore(file, key()).set('farm', 'apiKey', 'x'.repeat(30));
    assert.throws(
      () => openFileSecretStore(file, { text: 'another-key-of-enough-length', source: 'the environment variable POOLWATCH_SECRETS_KEY' }),
      (error: Error) => {
        assert.ok(error instanceof SecretsFileError);
        assert.match(error.message, /The key from the environment variable POOLWATCH_SECRETS_KEY does not open the secrets file/);
        assert.match(error.message, /--secrets-key-file FILE or POOLWATCH_SECRETS_KEY/);
        assert.ok(!error.message.includes('another-key-of-enough-length'), 'the key is not quoted');
        return true;
      },
    );
  });

  it('a record changed by one bit is refused at open, naming the entry', async () => {
    const file = join(folder(), SECRETS_FILE_NAME);
    const theKey = key();
    const store = openFileSecretStore(file, theKey);
    await store.set('farm', 'apiSecret', 'the original secret value');
    await store.set('farm', 'apiKey', 'another value');
    const document = JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, { data: string }> };
    const data = Buffer.from(document.secrets['farm/apiSecret']!.data, 'base64');
    data[0] = data[0]! ^ 0x01; // one bit
    document.secrets['farm/apiSecret']!.data = data.toString('base64');
    writeFileSync(file, JSON.stringify(document));
    assert.throws(() => openFileSecretStore(file, theKey), /damaged \(the entries farm\/apiSecret were changed after they were written/);
  });

  it('a record moved to another name does not authenticate there', async () => {
    const file = join(folder(), SECRETS_FILE_NAME);
    const theKey = key();
    const store = openFileSecretStore(file, theKey);
    await store.set('farm', 'apiSecret', 'secret of farm');
    const document = JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, unknown> };
    document.secrets['other/apiSecret'] = document.secrets['farm/apiSecret'];
    writeFileSync(file, JSON.stringify(document));
    assert.throws(() => openFileSecretStore(file, theKey), /other\/apiSecret/);
  });

  it('a file that is not a secrets file is reported as damaged', () => {
    const file = join(folder(), SECRETS_FILE_NAME);
    writeFileSync(file, '{"accounts": []', { mode: 0o600 });
    assert.throws(() => openFileSecretStore(file, key()), /is damaged \(it is not JSON\)/);
    writeFileSync(file, '{"format": "other"}');
    assert.throws(() => openFileSecretStore(file, key()), /is damaged \(it is not a PoolWatch secrets file/);
  });

  it('refuses a secrets file other users can read, naming the fix', async () => {
    const file = join(folder(), SECRETS_FILE_NAME);
    openFileSecretStore(file, key());
    chmodSync(file, 0o644);
    assert.throws(() => openFileSecretStore(file, key()), (error: Error) => error instanceof PrivateFileError && error.message.includes(`chmod 600 ${file}`));
  });
});

describe('choosing the secret store at start', () => {
  it('without a Secret Service: the file store, its key generated 0600 beside it, and {env} references still work', async () => {
    const dir = folder();
    const choice = await chooseSecretStore({ dataDir: dir, env: {}, probeKeychain: noKeychain });
    assert.equal(choice.info.kind, 'file');
    assert.equal(choice.info.file, join(dir, SECRETS_FILE_NAME));
    assert.match(choice.summary, /encrypted file .*secrets\.enc, key from the secrets key file .*secrets\.key \(no system keychain: Cannot autolaunch D-Bus/);
    const keyFile = join(dir, SECRETS_KEY_FILE_NAME);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.ok(readFileSync(keyFile, 'utf8').trim().length >= 40);
    const secret = distinctive();
    await choice.store.set('farm', 'apiKey', secret);
    const values = await resolveCredentials('farm', { apiKey: { keychain: true }, apiSecret: { env: 'FARM_SECRET' } }, choice.store, { FARM_SECRET: 'from-env' });
    assert.deepEqual(values, { apiKey: secret, apiSecret: 'from-env' });
    for (const name of readdirSync(dir)) assert.ok(!readFileSync(join(dir, name), 'utf8').includes(secret), `${name} holds no plaintext`);
  });

  it('with a Secret Service: the keychain, and nothing written to the data folder', async () => {
    const dir = folder();
    const choice = await chooseSecretStore({ dataDir: dir, env: {}, probeKeychain: async () => null });
    assert.deepEqual(choice.info, { kind: 'keychain', file: null });
    assert.deepEqual(readdirSync(dir), []);
  });

  it('forced to the file store, or a key given, skips the keychain even where it answers', async () => {
    let asked = 0;
    const answers = async (): Promise<null> => {
      asked += 1;
      return null;
    };
    assert.equal((await chooseSecretStore({ dataDir: folder(), env: {}, force: 'file', probeKeychain: answers })).info.kind, 'file');
    const envKey = await chooseSecretStore({ dataDir: folder(), env: { POOLWATCH_SECRETS_KEY: 'an env key of enough length' }, probeKeychain: answers });
    assert.equal(envKey.info.kind, 'file');
    assert.match(envKey.summary, /key from the environment variable POOLWATCH_SECRETS_KEY/);
    assert.equal(asked, 0);
  });

  it('keeps to the secrets file once there is one, and refuses to start when its key is missing', async () => {
    const dir = folder();
    const first = await chooseSecretStore({ dataDir: dir, env: {}, probeKeychain: noKeychain });
    await first.store.set('farm', 'apiKey', 'value-1');
    const later = await chooseSecretStore({ dataDir: dir, env: {}, probeKeychain: async () => null });
    assert.equal(later.info.kind, 'file', 'a keychain that appears later does not hide the secrets saved in the file');
    assert.equal(await later.store.get('farm', 'apiKey'), 'value-1');
    // The data folder copied without its key file:
    const copy = folder();
    writeFileSync(join(copy, SECRETS_FILE_NAME), readFileSync(join(dir, SECRETS_FILE_NAME)), { mode: 0o600 });
    await assert.rejects(chooseSecretStore({ dataDir: copy, env: {}, probeKeychain: noKeychain }), /exists, but its key is missing/);
    assert.equal(existsSync(join(copy, SECRETS_KEY_FILE_NAME)), false, 'no new key is made for an existing file');
  });

  it('a key file from --secrets-key-file: generated there when missing, refused when others can read it', async () => {
    const dir = folder();
    const keyFile = join(folder(), 'elsewhere', 'poolwatch.key');
    const choice = await chooseSecretStore({ dataDir: dir, keyFile, env: {} });
    assert.equal(choice.info.kind, 'file');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(existsSync(join(dir, SECRETS_KEY_FILE_NAME)), false);
    chmodSync(keyFile, 0o640);
    await assert.rejects(chooseSecretStore({ dataDir: dir, keyFile, env: {} }), (error: Error) => error.message.includes(`chmod 600 ${keyFile}`));
  });

  it('a data folder that cannot hold the file leaves serve running: saving says why, {env} references still resolve', async () => {
    const notAFolder = join(folder(), 'a-file');
    writeFileSync(notAFolder, 'x');
    const choice = await chooseSecretStore({ dataDir: notAFolder, env: {}, probeKeychain: noKeychain });
    assert.match(choice.summary, /^Warning: secrets cannot be saved: no system keychain \(Cannot autolaunch D-Bus.*\), and the secrets file could not be made/);
    await assert.rejects(choice.store.set('farm', 'apiKey', 'v'), /PoolWatch has nowhere to keep secrets/);
    assert.deepEqual(await resolveCredentials('farm', { apiKey: { env: 'K' } }, choice.store, { K: 'from-env' }), { apiKey: 'from-env' });
  });

  it('a short POOLWATCH_SECRETS_KEY is refused without being quoted', async () => {
    await assert.rejects(chooseSecretStore({ dataDir: folder(), env: { POOLWATCH_SECRETS_KEY: 'short-7z' } }), (error: Error) => {
      assert.match(error.message, /too short/);
      assert.ok(!error.message.includes('short-7z'));
      return true;
    });
  });
});
