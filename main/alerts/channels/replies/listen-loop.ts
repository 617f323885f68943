/** Waits ms, or rejects when the signal aborts; timers come from the clock so tests need not sleep. */
export type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface ListenLoopOptions {
  sleep: AbortableSleep;
  /** First wait after a failed connection; doubles up to maxBackoffMs, back to this after a connection that worked. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_LISTEN_LOOP: Omit<ListenLoopOptions, 'sleep'> = { initialBackoffMs: 2_000, maxBackoffMs: 5 * 60_000 };

/**
 * Keeps an outbound subscription open: `connect` runs one connection to its end (returning whether it received
 * anything, so a working connection resets the backoff), and is run again after a growing wait. A connection
 * that throws is reported to onFailure (the message must already be safe to log) and retried; only the signal ends it.
 */
export async function keepListening(
  connect: (signal: AbortSignal) => Promise<boolean>,
  signal: AbortSignal,
  options: ListenLoopOptions,
  onFailure: (error: unknown) => void,
): Promise<void> {
  let backoffMs = options.initialBackoffMs;
  while (!signal.aborted) {
    let received = false;
    try {
      received = await connect(signal);
    } catch (error) {
      if (signal.aborted) return;
      onFailure(error);
    }
    if (received) backoffMs = options.initialBackoffMs;
    try {
      await options.sleep(backoffMs, signal);
    } catch {
      return;
    }
    backoffMs = Math.min(backoffMs * 2, options.maxBackoffMs);
  }
}

/** Lines longer than this are dropped (reported as null): no answer makes PoolWatch buffer without end. */
export const MAX_LINE_BYTES = 64 * 1024;

/** The lines of a streamed body as they arrive (newline-delimited JSON, SSE); an overlong line is yielded as null. */
export async function* readLines(body: ReadableStream<Uint8Array>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<string | null> {
  const decoder = new TextDecoder();
  let pending = '';
  let skipping = false;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (skipping) skipping = false;
      else yield line.length > maxLineBytes ? null : line.replace(/\r$/, '');
      newline = pending.indexOf('\n');
    }
    if (pending.length > maxLineBytes) {
      // The rest of this line is dropped as it comes.
      if (!skipping) yield null;
      skipping = true;
      pending = '';
    }
  }
}
