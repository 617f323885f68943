import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../../main/app/content-security-policy';
import { HEADLESS_CSP } from '../../../main/server/headless-server';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

/** The policy in index.html's meta tag, which applies in both the Electron window and the headless browser page. */
function metaPolicy(): string {
  const html = readFileSync(join(__dirname, '..', '..', '..', 'renderer', 'index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.ok(meta, 'index.html carries a CSP meta tag');
  return meta;
}

/** What every renderer policy must say, in Electron and in the headless page alike. */
function assertStrict(name: string, policy: string): void {
  const parsed = directives(policy);
  assert.deepEqual(parsed.get('default-src'), ["'self'"], `${name}: default-src`);
  assert.deepEqual(parsed.get('script-src'), ["'self'"], `${name}: script-src`);
  // 'self' covers the headless page's same-origin WebSocket; the Electron window opens none.
  assert.deepEqual(parsed.get('connect-src'), ["'self'"], `${name}: connect-src`);
  assert.deepEqual(parsed.get('object-src'), ["'none'"], `${name}: object-src`);
  assert.deepEqual(parsed.get('base-uri'), ["'none'"], `${name}: base-uri`);
  assert.deepEqual(parsed.get('form-action'), ["'none'"], `${name}: form-action`);
  assert.doesNotMatch(policy, /ws:|wss:|unsafe-eval|unsafe-inline|\*/, name);
}

describe('CONTENT_SECURITY_POLICY (Electron, sent with every app:// response)', () => {
  it('allows only the app itself, no ws:, no plugins, no <base>, no form posts', () => {
    assertStrict('desktop', CONTENT_SECURITY_POLICY);
  });

  it("is exactly index.html's meta policy, so neither is looser than the other", () => {
    assert.deepEqual(directives(CONTENT_SECURITY_POLICY), directives(metaPolicy()));
  });
});

describe("index.html's meta policy", () => {
  it('is as strict in the headless page as in the window', () => {
    assertStrict('meta', metaPolicy());
  });
});

describe('HEADLESS_CSP (the headless server header)', () => {
  it('is as strict as the meta policy, connecting only to its own origin, and forbids framing', () => {
    assertStrict('headless', HEADLESS_CSP);
    const header = directives(HEADLESS_CSP);
    assert.deepEqual(header.get('frame-ancestors'), ["'none'"]);
    for (const [name, sources] of directives(metaPolicy())) assert.deepEqual(header.get(name), sources, name);
  });
});
