import { routeHref } from '../../state/route';

export function BackToAlerts() {
  return (
    <a className="back-link" href={routeHref({ screen: 'alerts', view: 'list' })}>
      ← Alerts
    </a>
  );
}
