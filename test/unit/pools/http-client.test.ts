import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpClient, parseRetryAfter } from '../../../main/pools/http-client';
import { PoolError } from '../../../main/base/pool-error';
import { startFixtureServer } from '../../support/fixture-server';

function client(waits: number[] = [], limits = {}) {
  return createHttpClient({
    poolName: 'Test Pool',
    sleep: async (ms) => {
      waits.push(ms);
    },
    limits,
  });
}

async function failure(promise: Promise<unknown>): Promise<PoolError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PoolError);
    return error;
  }
  return assert.fail('expected a PoolError');
}

describe('http client', () => {
  it('retries 5xx with growing waits, then reports a server error', async () => {
    const server = await startFixtureServer({ '*': () => ({ status: 503, body: 'busy' }) });
    const waits: number[] = [];
    try {
      const error = await failure(client(waits).request({ method: 'GET', url: `${server.url}/x` }));
      assert.equal(error.kind, 'server');
      assert.match(error.message, /server error \(HTTP 503\)/);
      assert.equal(server.requests.length, 3);
      assert.deepEqual(waits, [500, 1500]);
    } finally {
      await server.close();
    }
  });

  it('honours Retry-After on 429 and succeeds on the retry', async () => {
    let calls = 0;
    const server = await startFixtureServer({
      '*': () => (++calls === 1 ? { status: 429, headers: { 'Retry-After': '3' } } : { status: 200, body: '{"ok":true}' }),
    });
    const waits: number[] = [];
    try {
      const response = await client(waits).request({ method: 'GET', url: `${server.url}/x` });
      assert.equal(response.status, 200);
      assert.deepEqual(waits, [3000]);
    } finally {
      await server.close();
    }
  });

  it('does not wait inside a poll for a Retry-After beyond the limit; the error carries it for the scheduler', async () => {
    const server = await startFixtureServer({ '*': () => ({ status: 429, headers: { 'Retry-After': '600' } }) });
    const waits: number[] = [];
    try {
      const error = await failure(client(waits).request({ method: 'GET', url: `${server.url}/x` }));
      assert.equal(error.kind, 'rate_limited');
      assert.equal(error.details.retryAfterMs, 600_000);
      assert.deepEqual(waits, []);
      assert.equal(server.requests.length, 1);
    } finally {
      await server.close();
    }
  });

  it('refuses a body over the size limit, even without Content-Length', async () => {
    const big = 'x'.repeat(300_000);
    const server = await startFixtureServer({ '*': () => ({ status: 200, body: big, headers: { 'Transfer-Encoding': 'chunked' } }) });
    try {
      const error = await failure(client([], { maxBodyBytes: 100_000 }).request({ method: 'GET', url: `${server.url}/x` }));
      assert.equal(error.kind, 'bad_response');
      assert.match(error.message, /larger than/);
    } finally {
      await server.close();
    }
  });

  it('turns a connection reset into an unreachable error and retries it', async () => {
    const server = await startFixtureServer({ '*': () => 'reset' });
    try {
      const error = await failure(client().request({ method: 'GET', url: `${server.url}/x` }));
      assert.equal(error.kind, 'unreachable');
      assert.match(error.message, /Could not reach Test Pool/);
      assert.equal(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  it('times out a server that never answers', async () => {
    const server = await startFixtureServer({});
    const { createServer } = await import('node:http');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await failure(client([], { timeoutMs: 200, maxRetries: 0 }).request({ method: 'GET', url: `http://127.0.0.1:${port}/x` }));
      assert.equal(error.kind, 'unreachable');
      assert.match(error.message, /did not answer within/);
    } finally {
      silent.closeAllConnections();
      silent.close();
      await server.close();
    }
  });

  it('reports a refused connection without the URL', async () => {
    const server = await startFixtureServer({});
    const url = `${server.url}/api/secret-in-path/balance`;
    await server.close();
    const error = await failure(client([], { maxRetries: 0 }).request({ method: 'GET', url }));
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /refused/);
    assert.ok(!error.message.includes('secret-in-path'));
  });

  it('keeps at most N requests in flight per host', async () => {
    let active = 0;
    let peak = 0;
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      active += 1;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active -= 1;
        res.end('{}');
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const http = client([], { maxConcurrentPerHost: 2 });
      await Promise.all(Array.from({ length: 8 }, () => http.request({ method: 'GET', url: `http://127.0.0.1:${port}/` })));
      assert.equal(peak, 2);
    } finally {
      server.close();
    }
  });

  it('parses Retry-After seconds and dates', () => {
    assert.equal(parseRetryAfter('5', 0), 5000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon', 0), null);
    assert.equal(parseRetryAfter(null, 0), null);
  });
});
