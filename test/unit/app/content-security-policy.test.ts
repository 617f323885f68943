import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY, withContentSecurityPolicy } from '../../../main/app/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows only the app itself for scripts and connections, and nothing unsafe', () => {
    assert.deepEqual(policy.get('default-src'), ["'self'"]);
    assert.deepEqual(policy.get('script-src'), ["'self'"]);
    assert.deepEqual(policy.get('connect-src'), ["'self'"]);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|unsafe-inline|\*/);
  });

  it("is no looser than index.html's meta policy for what Electron loads", () => {
    const html = readFileSync(join(__dirname, '..', '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    assert.ok(meta, 'index.html carries a CSP meta tag');
    for (const [name, sources] of directives(meta)) {
      const ours = policy.get(name) ?? policy.get('default-src') ?? [];
      // ws: is there for the headless server's WebSocket; the Electron window has no use for it.
      for (const source of ours) assert.ok(sources.includes(source), `${name} ${source} is not in the meta policy`);
    }
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds the policy and replaces one the response carried, in any case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] });
    assert.deepEqual(headers, { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    assert.deepEqual(withContentSecurityPolicy(undefined), { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
