import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The example alerting rules are valid for Prometheus, and do what their names say on example series
// (docs/prometheus/alerts.test.yml, promtool's rule unit tests).

const ROOT = join(__dirname, '..', '..');

function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('docs/prometheus/alerts.yml', () => {
  it('passes promtool check rules', () => {
    const check = promtool('check', 'rules', 'docs/prometheus/alerts.yml');
    assert.equal(check.status, 0, check.output);
    assert.match(check.output, /SUCCESS: 6 rules found/);
  });

  it('fires each rule on the example series of alerts.test.yml, and not before its time', () => {
    const test = promtool('test', 'rules', 'docs/prometheus/alerts.test.yml');
    assert.equal(test.status, 0, test.output);
  });
});
