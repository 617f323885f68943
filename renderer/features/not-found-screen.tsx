import { routeHref } from '../state/route';

/** An address PoolWatch could not read: say what was wrong, and offer the way back. */
export function NotFoundScreen({ problem }: { problem: string }) {
  return (
    <section className="card error-panel" role="alert" data-testid="not-found">
      <h1 className="screen-title">Page not found</h1>
      <p>{problem}</p>
      <div className="error-panel-actions">
        <a href={routeHref({ screen: 'overview' })}>Go to the overview</a>
        <a href={routeHref({ screen: 'workers', accountId: null })}>Workers of every account</a>
      </div>
    </section>
  );
}
