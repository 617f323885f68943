import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// docs/systemd/poolwatch.service: valid for systemd, runs serve as its own user, hardened, writing its data folder only.

const UNIT = join(__dirname, '..', '..', 'docs', 'systemd', 'poolwatch.service');

/** `Key=value` lines of the unit (continuation lines joined). */
function settings(): Array<[string, string]> {
  const text = readFileSync(UNIT, 'utf8').replace(/\\\n\s*/g, ' ');
  return text.split('\n').flatMap((line) => {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    return match ? [[match[1]!, match[2]!] as [string, string]] : [];
  });
}

describe('docs/systemd/poolwatch.service', () => {
  it('passes systemd-analyze verify without a warning', (t) => {
    const which = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (which.error) {
      t.skip('systemd-analyze is not installed here (Debian package systemd)');
      return;
    }
    const verify = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    assert.equal(verify.status, 0, verify.stderr);
    assert.equal(verify.stderr.trim(), '', 'no unknown keys or bad values');
  });

  it('runs serve as its own user with the hardening options, writable only where its data is', () => {
    const unit = new Map(settings());
    assert.equal(unit.get('User'), 'poolwatch');
    assert.match(unit.get('ExecStart') ?? '', / serve .*--data \/var\/lib\/poolwatch/);
    assert.doesNotMatch(unit.get('ExecStart') ?? '', /--host/, 'loopback unless the admin opts in');
    const hardening: Array<[string, string]> = [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['ReadWritePaths', '/var/lib/poolwatch'],
    ];
    for (const [key, value] of hardening) assert.equal(unit.get(key), value, key);
    assert.equal(unit.get('CapabilityBoundingSet'), '');
  });
});
