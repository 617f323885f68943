import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const FIXTURES = join(__dirname, '..', 'fixtures');
/** Fields that would hold a credential in a real response. */
const CREDENTIAL_FIELD = /secret|api_?key|access_?key|private|token|password|sign/i;
/** What a fixture may put there instead: an obvious stand-in, never a real-looking value. */
const PLACEHOLDER = /^(demo-[a-z0-9-]+|example[a-z0-9-]*|x|test-[a-z0-9-]+)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.json') ? [full] : [];
  });
}

function credentialValues(value: unknown, path: string, found: Array<{ path: string; value: string }>): void {
  if (Array.isArray(value)) value.forEach((item, i) => credentialValues(item, `${path}[${i}]`, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (CREDENTIAL_FIELD.test(key) && typeof inner === 'string') found.push({ path: `${path}.${key}`, value: inner });
      credentialValues(inner, `${path}.${key}`, found);
    }
  }
}

// The fixtures are the pools' documented sample responses; any credential field in them holds a stand-in.
describe('test fixtures', () => {
  it('hold no credential: every key, secret, token or password field is an obvious placeholder', () => {
    const all = files(FIXTURES);
    assert.ok(all.length > 20, `fixtures found: ${all.length}`);
    const found: Array<{ path: string; value: string }> = [];
    for (const file of all) credentialValues(JSON.parse(readFileSync(file, 'utf8')), relative(FIXTURES, file), found);
    assert.ok(found.length > 0, 'the scan sees the credential-like fields that exist');
    assert.deepEqual(found.filter((entry) => !PLACEHOLDER.test(entry.value)), []);
  });
});
