// Helpers for tests that talk to a simulator over HTTP.

/** Runs the test against a started simulator and always closes it. */
export async function withStarted<S extends { close(): Promise<void> }>(starting: Promise<S>, run: (sim: S) => Promise<void>): Promise<void> {
  const sim = await starting;
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

/** Status and parsed body (null when empty); a body that is not JSON fails the test with the parse error. */
export async function jsonOf<T>(response: Response): Promise<{ status: number; body: T; response: Response }> {
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T, response };
}
