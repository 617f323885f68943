import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REQUEST_CHANNELS, callHandler, type RequestHandlers } from '../../../shared/contract';
import { createPoolWatch } from '../../../main/core/create-pool-watch';
import { captureLogger } from '../../support/capture-logger';
import { memoryConfig } from '../../support/memory-config';
import { memorySecrets } from '../../support/memory-secrets';

// Checked by `tsc -p tsconfig.node.json`: a table that leaves out one channel of the contract does not compile.
function tableWithoutOneChannel(table: RequestHandlers): RequestHandlers {
  const withoutExport: Omit<RequestHandlers, 'export:csv'> = table;
  // @ts-expect-error 'export:csv' has no handler
  const incomplete: RequestHandlers = withoutExport;
  return incomplete;
}

// ...and a handler answering another channel's response does not compile either.
function tableWithWrongAnswer(table: RequestHandlers): RequestHandlers {
  // @ts-expect-error engine:set-paused answers { paused }, not { started }
  return { ...table, 'engine:set-paused': () => ({ started: 1 }) };
}

describe('request table', () => {
  it('has exactly one handler for every request channel of the contract', () => {
    const { poolWatch } = createPoolWatch({ config: memoryConfig(), dataDir: null, secrets: memorySecrets(), logger: captureLogger(), env: {} });
    try {
      assert.deepEqual(Object.keys(poolWatch.requests).sort(), [...REQUEST_CHANNELS].sort());
      for (const channel of REQUEST_CHANNELS) assert.equal(typeof poolWatch.requests[channel], 'function', channel);
      assert.equal(typeof tableWithoutOneChannel, 'function');
      assert.equal(typeof tableWithWrongAnswer, 'function');
    } finally {
      poolWatch.stop();
    }
  });

  it('answers through the table: state:get merges the engine state with the history problem', async () => {
    const { poolWatch } = createPoolWatch({ config: memoryConfig(), dataDir: null, secrets: memorySecrets(), logger: captureLogger(), env: {} });
    try {
      await poolWatch.engine.load();
      assert.deepEqual(await callHandler(poolWatch.requests, 'state:get', {}), { paused: false, accounts: [], historyProblem: null });
      assert.deepEqual(await callHandler(poolWatch.requests, 'engine:set-paused', { paused: true }), { paused: true });
      assert.deepEqual(await callHandler(poolWatch.requests, 'alerts:active', {}), []);
    } finally {
      poolWatch.stop();
    }
  });
});
