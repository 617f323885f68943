import { useState } from 'react';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/error-message';
import { appStores, useAccountsStore } from '../state/app-stores';

/** Pauses or resumes polling for every account (engine.setPaused). */
export function PauseToggle() {
  const api = useApi();
  const paused = useAccountsStore((state) => state.paused);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const result = await api.engine.setPaused({ paused: !paused });
      appStores.accounts.getState().setPaused(result.paused);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="pause-toggle">
      {paused && (
        <span className="badge tone-warning" data-testid="paused-indicator">
          polling paused
        </span>
      )}
      <button type="button" onClick={() => void toggle()} disabled={busy} data-testid="pause-toggle" data-paused={String(paused)}>
        {paused ? 'Resume polling' : 'Pause polling'}
      </button>
      {error !== null && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
