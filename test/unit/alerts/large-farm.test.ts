import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PollScript, evaluatorWith, fleet } from './observation-builder';

// More workers than a JavaScript call takes as arguments (about 125,000 in Node 20) change state in one poll.
const WORKERS = 140_000;

describe('a farm larger than a call\'s arguments', () => {
  it(`tells ${WORKERS.toLocaleString('en-US')} workers back online in one poll`, { timeout: 120_000 }, () => {
    const all = fleet(WORKERS);
    const down = fleet(WORKERS, 'offline');
    const script = new PollScript(evaluatorWith({}));
    script.poll(all);
    script.poll(all);
    for (let poll = 0; poll < 3; poll += 1) script.poll(down);
    assert.equal(script.evaluator.activeAlerts().filter((alert) => alert.ruleId === 'worker-offline' && alert.state === 'firing').length, WORKERS);
    script.poll(all);
    const back = script.poll(all);
    assert.equal(back.events.filter((event) => event.ruleId === 'worker-back-online').length, WORKERS);
    assert.equal(script.evaluator.activeAlerts().filter((alert) => alert.ruleId === 'worker-offline').length, 0);
  });
});
