import http from 'node:http';
import type { CapturedRequest } from './capture-fetch';

// The least any program pays to ask a pool for the same pages: the same requests sent again over kept-alive
// sockets with node:http, each answer's bytes read and dropped (no retry, no decoding, no parsing), each request made
// as the API demands (Spider: signed anew). A pool that pages 50 workers at a time, or wants one request per rental,
// is bound by this, which JSON.parse does not show.

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** What an API demands of each request before it goes (Spider: a fresh timestamp and signature), or nothing. */
export type RequestPreparer = (request: CapturedRequest) => CapturedRequest;

function send(request: CapturedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers = body ? { ...request.headers, 'content-length': String(body.byteLength) } : request.headers;
    const sent = http.request(request.url, { method: request.method, headers, agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Sends the requests again, four at a time as PoolWatch's client may; resolves with the bytes received. */
export async function bareRequests(requests: readonly CapturedRequest[], prepare: RequestPreparer = (request) => request): Promise<number> {
  let next = 0;
  let bytes = 0;
  const lane = async (): Promise<void> => {
    while (next < requests.length) {
      const received = await send(prepare(requests[next++]!));
      bytes += received; // after the await: `bytes += await` would add to the total as it was before the wait
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return bytes;
}
