import { errorMessage } from '../api/error-message';
import { routeHref } from '../state/route';
import { MessageScreen } from './message-screen';

const MAX_MESSAGE_CHARS = 300;

/** The failure's own sentence, cut short: it is shown to the person, the full error goes to the console. */
export function renderErrorText(error: unknown): string {
  const message = errorMessage(error);
  return message.length <= MAX_MESSAGE_CHARS ? message : `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}

/** Shown in place of a screen that failed to render; the header and the other screens keep working. */
export function ScreenErrorPanel({ title, error, retry }: { title: string; error: Error; retry(): void }) {
  return (
    <section className="card error-panel" role="alert" data-testid="screen-error">
      <h1 className="screen-title">{title} could not be shown</h1>
      <p>PoolWatch hit a problem while drawing this screen: {renderErrorText(error)}</p>
      <p>The other screens still work, and PoolWatch keeps watching your accounts.</p>
      <div className="error-panel-actions">
        <button type="button" onClick={retry}>
          Try again
        </button>
        <a href={routeHref({ screen: 'overview' })}>Go to the overview</a>
      </div>
    </section>
  );
}

/** Shown in place of one account's card that failed to render; the other cards are unaffected. */
export function CardErrorPanel({ label, error, retry }: { label: string; error: Error; retry(): void }) {
  return (
    <article className="card account-card error-panel" role="alert" data-testid="card-error">
      <h2>{label}</h2>
      <p>PoolWatch could not draw this account&apos;s card: {renderErrorText(error)}</p>
      <div className="error-panel-actions">
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    </article>
  );
}

/** The last line of defence around the whole app: a page that explains, never a blank one. */
export function AppErrorScreen({ error }: { error: Error }) {
  return (
    <MessageScreen title="PoolWatch could not show this page" testId="app-error">
      <p>Something went wrong while drawing the page: {renderErrorText(error)}</p>
      <p>PoolWatch itself keeps running. Reload the page to try again.</p>
      <div className="error-panel-actions">
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </MessageScreen>
  );
}
