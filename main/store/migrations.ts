/**
 * Schema steps of the history database, oldest first; the database's user_version counts the steps applied.
 * Never edit a released step: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: alert history (transitions and events) and small key-value state (the alert engine's snapshot).
  `
  CREATE TABLE alert_history (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('transition', 'event')),
    at_ms INTEGER NOT NULL,
    alert_key TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    account_label TEXT NOT NULL,
    group_name TEXT,
    worker_name TEXT,
    ref TEXT,
    from_state TEXT,
    to_state TEXT,
    message TEXT NOT NULL,
    severity TEXT NOT NULL,
    urgent INTEGER NOT NULL
  );
  CREATE INDEX alert_history_at ON alert_history (at_ms);
  CREATE INDEX alert_history_account_at ON alert_history (account_id, at_ms);
  CREATE TABLE kv (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
  );
  `,
];
