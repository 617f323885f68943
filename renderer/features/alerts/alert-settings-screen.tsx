import { useEffect, useState } from 'react';
import type { AlertSettings } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { AlertSettingsEditor } from './alert-settings-editor';
import { BackToAlerts } from './back-to-alerts';

export function AlertSettingsScreen() {
  const api = useApi();
  const [saved, setSaved] = useState<AlertSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.alerts.getSettings().then(
      (settings) => current && setSaved(settings),
      (error: unknown) => current && setLoadError(errorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <section aria-labelledby="alert-settings-title">
      <BackToAlerts />
      <h1 id="alert-settings-title" className="screen-title">
        Alert rules
      </h1>
      {loadError !== null && (
        <p className="banner tone-problem" role="alert">
          Could not load the alert settings: {loadError}
        </p>
      )}
      {saved === null ? loadError === null && <p className="muted">Loading settings…</p> : <AlertSettingsEditor saved={saved} onSaved={setSaved} />}
    </section>
  );
}
