import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/error-message';

/** Waits this long after the last change (a resize, a scope typed in) so a burst of changes loads once. */
const REQUEST_DELAY_MS = 200;

export interface RequestView<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The last answer, kept while a new one loads so the chart does not blank. */
  data: T | null;
  error: string | null;
}

/**
 * Runs `load` whenever `key` changes (not while `key` is null), keeping only the newest answer.
 * `load` is read from the latest render, so callers need not memoize it.
 */
export function useHistoryRequest<T>(key: string | null, load: () => Promise<T>): RequestView<T> & { retry(): void } {
  const [view, setView] = useState<RequestView<T>>({ status: 'idle', data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) return undefined;
    latest.current += 1;
    const requestId = latest.current;
    setView((current) => ({ ...current, status: 'loading', error: null }));
    const timer = setTimeout(() => {
      loadRef.current().then(
        (data) => {
          if (requestId === latest.current) setView({ status: 'ready', data, error: null });
        },
        (error: unknown) => {
          if (requestId === latest.current) setView((current) => ({ ...current, status: 'error', error: errorMessage(error) }));
        },
      );
    }, REQUEST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, attempt]);

  return { ...view, retry: () => setAttempt((count) => count + 1) };
}
