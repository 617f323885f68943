import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, nodeConfigWriteIo, parseConfig, readConfigFile, writeConfigFile, type ConfigWriteIo } from '../../../main/store/config-file';
import { fileConfigRepository } from '../../../main/store/config-repository';

const sbi = { id: 'farm', pool: 'sbi', label: 'Farm', credentials: { apiKey: { keychain: true }, apiSecret: { env: 'SBI_SECRET' } } };

function configError(raw: unknown): ConfigError {
  try {
    parseConfig(raw, 'config.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  return assert.fail('expected a ConfigError');
}

describe('config file', () => {
  it('accepts keychain and env references and optional fields', () => {
    const config = parseConfig({ accounts: [{ ...sbi, baseUrl: 'http://127.0.0.1:8080', pollIntervalSec: 30 }] }, 'config.json');
    assert.equal(config.accounts[0]?.pollIntervalSec, 30);
    assert.deepEqual(config.accounts[0]?.credentials.apiSecret, { env: 'SBI_SECRET' });
  });

  it('refuses a plain-text secret without repeating it', () => {
    const secret = 'Zx9-very-secret-value';
    const error = configError({ accounts: [{ ...sbi, credentials: { apiKey: { keychain: true }, apiSecret: secret } }] });
    assert.match(error.message, /account "farm" has a plain-text secret in credentials\.apiSecret/);
    assert.match(error.message, /keychain|env/);
    assert.ok(!error.message.includes(secret));
  });

  it('names the account and field of a schema problem', () => {
    assert.match(configError({ accounts: [{ ...sbi, pool: 'antpool' }] }).message, /account "farm", field pool/);
    assert.match(configError({ accounts: [{ ...sbi, pollIntervalSec: 1 }] }).message, /field pollIntervalSec/);
    assert.match(configError({ accounts: [{ ...sbi, credentials: { apiKey: { env: 'bad name' } } }] }).message, /credentials/);
    assert.match(configError({ accounts: [sbi, sbi] }).message, /used twice/);
    assert.match(configError({ accounts: [{ ...sbi, credentials: { apiKey: { keychain: true } } }] }).message, /lacks credentials/);
    assert.match(configError({ accounts: 'none' }).message, /accounts/);
  });

  it('accepts an observer-key-only SBI account', () => {
    const config = parseConfig({ accounts: [{ id: 'obs', pool: 'sbi', label: 'Observed', credentials: { observerKey: { keychain: true } } }] }, 'c');
    assert.equal(config.accounts.length, 1);
  });

  it('reads files: missing is empty only when allowed; bad JSON is named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    assert.deepEqual(await readConfigFile(join(dir, 'none.json'), { missingIsEmpty: true }), { accounts: [], channels: [] });
    await assert.rejects(readConfigFile(join(dir, 'none.json'), { missingIsEmpty: false }), /cannot read the config file \(ENOENT\)/);
    await writeFile(join(dir, 'bad.json'), '{"accounts": [');
    await assert.rejects(readConfigFile(join(dir, 'bad.json'), { missingIsEmpty: false }), /not valid JSON/);
  });

  it('writes atomically, owner-readable only, and reads back the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'nested', 'config.json');
    const config = parseConfig({ accounts: [sbi] }, 'x');
    await writeConfigFile(file, config);
    assert.deepEqual(await readConfigFile(file, { missingIsEmpty: false }), config);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.ok((await readFile(file, 'utf8')).endsWith('\n'));
  });
});

describe('config file: parse errors and BOM', () => {
  it('names line and column of bad JSON without quoting any of the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'config.json');
    const secret = 'Qm7-unquoted-secret-value-9f';
    await writeFile(file, `{\n  "accounts": [],\n  "note": ${secret}\n}\n`);
    const error = await readConfigFile(file, { missingIsEmpty: false }).then(
      () => assert.fail('expected a ConfigError'),
      (caught: unknown) => caught as Error,
    );
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /not valid JSON at line 3, column 11/);
    for (let length = 3; length <= secret.length; length += 1) assert.ok(!error.message.includes(secret.slice(0, length)), `leaks "${secret.slice(0, length)}"`);
  });

  it('gives a position for each kind of JSON mistake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const cases: Array<[string, RegExp]> = [
      ['{"accounts": [', /line 1, column 15/],
      ['{"a": "unterminated', /line 1, column 20/],
      ['{"a": 1,}', /line 1, column 9/],
      ['{"a": 1} trailing', /line 1, column 10/],
      ['', /line 1, column 1/],
      ['{\r\n"a": tru}', /line 2, column 6/],
    ];
    for (const [text, where] of cases) {
      const file = join(dir, 'c.json');
      await writeFile(file, text);
      await assert.rejects(readConfigFile(file, { missingIsEmpty: false }), where, JSON.stringify(text));
    }
  });

  it('accepts a UTF-8 byte order mark at the start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'config.json');
    await writeFile(file, `\uFEFF${JSON.stringify({ accounts: [sbi] })}`);
    const config = await readConfigFile(file, { missingIsEmpty: false });
    assert.equal(config.accounts[0]?.id, 'farm');
  });
});

describe('config file: writes that fail or crash', () => {
  const tempsOf = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.tmp'));

  it('a write that fails half way (disk full) leaves no temp file and keeps the old file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'config.json');
    const old = parseConfig({ accounts: [sbi] }, 'x');
    await writeConfigFile(file, old);
    const before = await readFile(file, 'utf8');
    const diskFull: ConfigWriteIo = {
      ...nodeConfigWriteIo,
      async writeAndSync(handle, data) {
        await handle.write(data.slice(0, 10));
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    };
    await assert.rejects(writeConfigFile(file, { accounts: [], channels: [] }, diskFull), /no space/);
    assert.deepEqual(await tempsOf(dir), []);
    assert.equal(await readFile(file, 'utf8'), before);
  });

  it('a failed rename leaves no temp file and keeps the old file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'config.json');
    await writeConfigFile(file, parseConfig({ accounts: [sbi] }, 'x'));
    const before = await readFile(file, 'utf8');
    const failingRename: ConfigWriteIo = { ...nodeConfigWriteIo, rename: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) };
    await assert.rejects(writeConfigFile(file, { accounts: [], channels: [] }, failingRename), /EIO/);
    assert.deepEqual(await tempsOf(dir), []);
    assert.equal(await readFile(file, 'utf8'), before);
  });

  it('syncs the temp file before renaming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'config.json');
    const steps: string[] = [];
    const watched: ConfigWriteIo = {
      ...nodeConfigWriteIo,
      async writeAndSync(handle, data) {
        await nodeConfigWriteIo.writeAndSync(handle, data);
        steps.push('synced');
      },
      async rename(from, to) {
        steps.push('rename');
        await nodeConfigWriteIo.rename(from, to);
      },
    };
    await writeConfigFile(file, { accounts: [], channels: [] }, watched);
    assert.deepEqual(steps, ['synced', 'rename']);
  });

  it('removes temp files a crash left behind when the config is opened, and only those of this config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'config.json');
    await writeConfigFile(file, parseConfig({ accounts: [sbi] }, 'x'));
    await writeFile(join(dir, 'config.json.0a1b2c3d.tmp'), '{"accounts": [');
    await writeFile(join(dir, 'other.json.0a1b2c3d.tmp'), 'not ours');
    const repository = fileConfigRepository(file);
    assert.equal((await repository.load()).accounts.length, 1);
    assert.deepEqual(await tempsOf(dir), ['other.json.0a1b2c3d.tmp']);
  });
});
