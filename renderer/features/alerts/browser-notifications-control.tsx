import { useState } from 'react';
import { useConnectionStore } from '../../state/app-stores';
import { browserPermission, requestBrowserPermission } from './browser-notifier';
import { browserNotificationOffer, type BrowserPermission } from './notification-decision';

const STATUS_TEXT = {
  unsupported: 'This browser cannot show notifications.',
  granted: 'Browser notifications on',
  denied: 'Browser notifications are blocked: allow them in this site’s settings.',
} as const;

/** Headless mode only: asks the browser for permission to show alert notifications. */
export function BrowserNotificationsControl() {
  const transport = useConnectionStore((state) => state.transport);
  const [permission, setPermission] = useState<BrowserPermission>(browserPermission);
  const [asking, setAsking] = useState(false);
  const offer = browserNotificationOffer(transport, permission);
  if (offer === 'none') return null;

  if (offer === 'ask') {
    return (
      <button
        type="button"
        data-testid="enable-browser-notifications"
        disabled={asking}
        onClick={() => {
          setAsking(true);
          void requestBrowserPermission().then((next) => {
            setPermission(next);
            setAsking(false);
          });
        }}
      >
        Enable browser notifications
      </button>
    );
  }
  return (
    <span className={offer === 'granted' ? 'muted' : 'tone-text-warning'} data-testid="browser-notifications-status" data-permission={offer}>
      {STATUS_TEXT[offer]}
    </span>
  );
}
