/** The result of one delivery attempt. `retry` says whether trying again later can help (network, 408, 429, 5xx). */
export type AttemptOutcome =
  | { ok: true; status: number }
  | { ok: false; retry: boolean; retryAfterMs: number | null; message: string };
