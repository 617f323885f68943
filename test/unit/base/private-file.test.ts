import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPrivateFileSync, PrivateFileError, readPrivateFileSync } from '../../../main/base/private-file';
import { loadOrCreateTokenFile } from '../../../main/server/token-file';

const folder = (): string => mkdtempSync(join(tmpdir(), 'pw-private-'));

describe('private files (token file, secrets key and store)', () => {
  it('creates a file 0600 whatever the umask, and never overwrites one that exists', () => {
    const file = join(folder(), 'deeper', 'key');
    const previous = process.umask(0);
    try {
      assert.equal(createPrivateFileSync(file, 'one'), true);
    } finally {
      process.umask(previous);
    }
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(createPrivateFileSync(file, 'two'), false);
    assert.equal(readFileSync(file, 'utf8'), 'one');
  });

  for (const mode of [0o640, 0o604, 0o660, 0o620, 0o700 | 0o044]) {
    it(`refuses mode 0${mode.toString(8)} naming the fix`, () => {
      const file = join(folder(), 'f');
      writeFileSync(file, 'x');
      chmodSync(file, mode);
      assert.throws(() => readPrivateFileSync(file, 'secrets key file'), (error: Error) => {
        assert.ok(error instanceof PrivateFileError);
        assert.ok(error.message.includes(`chmod 600 ${file}`), error.message);
        assert.ok(error.message.includes('secrets key file'), error.message);
        return true;
      });
    });
  }

  it('reads a 0600 or 0400 file, and answers null for a missing one', () => {
    const dir = folder();
    const file = join(dir, 'f');
    writeFileSync(file, 'content', { mode: 0o600 });
    assert.equal(readPrivateFileSync(file, 'x'), 'content');
    chmodSync(file, 0o400);
    assert.equal(readPrivateFileSync(file, 'x'), 'content');
    assert.equal(readPrivateFileSync(join(dir, 'missing'), 'x'), null);
  });

  it('refuses a folder where a file should be', () => {
    const dir = join(folder(), 'sub');
    mkdirSync(dir, { mode: 0o700 });
    assert.throws(() => readPrivateFileSync(dir, 'token file'), /is not a regular file/);
  });

  it('fills an empty token file (made by the user with mode 0600) with a new token', () => {
    const file = join(folder(), 'token');
    writeFileSync(file, '', { mode: 0o600 });
    const token = loadOrCreateTokenFile(file);
    assert.match(token, /^[0-9a-f]{48}$/);
    assert.equal(readFileSync(file, 'utf8').trim(), token);
    assert.equal(loadOrCreateTokenFile(file), token);
  });
});
