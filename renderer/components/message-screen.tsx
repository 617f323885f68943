import type { ReactNode } from 'react';

/** A full-page explanation shown instead of the app when it cannot work at all. */
export function MessageScreen({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <main className="message-screen" data-testid={testId}>
      <div className="message-card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function NoTokenScreen() {
  return (
    <MessageScreen title="PoolWatch needs its access link" testId="no-token">
      <p>
        This page only works when opened from the address that <code>poolwatch serve</code> prints when it starts, for
        example <code>http://127.0.0.1:PORT/#token=…</code>. The token in that address proves you started the server.
      </p>
      <p>Copy the full address from the terminal running <code>poolwatch serve</code> and open it here.</p>
      <p>
        Once opened, this browser stays signed in to this server: other tabs and bookmarks open without the token until{' '}
        <code>poolwatch serve</code> starts with a new one.
      </p>
    </MessageScreen>
  );
}

export function TokenRejectedScreen() {
  return (
    <MessageScreen title="The server rejected the token" testId="token-rejected">
      <p>
        The PoolWatch server did not accept this page&apos;s access token. The server may have been restarted with a new
        token.
      </p>
      <p>Open the address printed by the running <code>poolwatch serve</code> again.</p>
    </MessageScreen>
  );
}
