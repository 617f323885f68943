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
  // 2: hashrate and worker-state history, payouts, balances, daily earnings (main/store/sample-sqlite.ts).
  // Names get integer ids so sample rows stay small; sample and rollup tables are WITHOUT ROWID. Worker tables are
  // keyed time first: a poll's rows (thousands) then fill a few adjacent pages instead of one page per worker, and
  // retention deletes a prefix; one worker is read by seeking the account's poll times (or bucket starts).
  // Account and group tables (a few rows per poll) are keyed by series. Sample tables carry no foreign keys: a
  // parent lookup per row would slow the poll write.
  `
  CREATE TABLE hist_account (
    id INTEGER PRIMARY KEY,
    account_key TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL
  );
  CREATE TABLE hist_series (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES hist_account (id),
    is_group INTEGER NOT NULL CHECK (is_group IN (0, 1)),
    group_name TEXT NOT NULL,
    UNIQUE (account_id, is_group, group_name)
  );
  CREATE TABLE hist_worker (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES hist_series (id),
    name TEXT NOT NULL,
    first_own_ms INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    activated_ms INTEGER,
    retired_ms INTEGER,
    UNIQUE (series_id, name)
  );
  CREATE INDEX hist_worker_active ON hist_worker (id) WHERE active = 1;
  CREATE TABLE series_sample (
    series_id INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    hps REAL,
    online INTEGER,
    offline INTEGER,
    dead INTEGER,
    unknown INTEGER,
    PRIMARY KEY (series_id, at_ms)
  ) WITHOUT ROWID;
  CREATE TABLE worker_sample (
    at_ms INTEGER NOT NULL,
    worker_id INTEGER NOT NULL,
    hps REAL,
    state INTEGER NOT NULL,
    reject_ppm INTEGER,
    PRIMARY KEY (at_ms, worker_id)
  ) WITHOUT ROWID;
  CREATE TABLE series_rollup (
    series_id INTEGER NOT NULL,
    level INTEGER NOT NULL CHECK (level IN (1, 2)),
    at_ms INTEGER NOT NULL,
    hps_min REAL,
    hps_avg REAL,
    hps_max REAL,
    online REAL,
    offline REAL,
    dead REAL,
    unknown REAL,
    own INTEGER NOT NULL,
    PRIMARY KEY (series_id, level, at_ms)
  ) WITHOUT ROWID;
  CREATE TABLE worker_rollup (
    level INTEGER NOT NULL CHECK (level IN (1, 2)),
    at_ms INTEGER NOT NULL,
    worker_id INTEGER NOT NULL,
    hps_min REAL,
    hps_avg REAL,
    hps_max REAL,
    online REAL,
    offline REAL,
    dead REAL,
    unknown REAL,
    own INTEGER NOT NULL,
    PRIMARY KEY (level, at_ms, worker_id)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_mark (
    name TEXT PRIMARY KEY,
    at_ms INTEGER NOT NULL
  );
  CREATE TABLE payout (
    account_id INTEGER NOT NULL REFERENCES hist_account (id),
    payout_id TEXT NOT NULL,
    at_ms INTEGER,
    first_seen_ms INTEGER NOT NULL,
    coin TEXT NOT NULL,
    amount REAL NOT NULL,
    unit TEXT NOT NULL,
    status TEXT NOT NULL,
    tx_id TEXT,
    group_name TEXT,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (account_id, payout_id)
  );
  CREATE INDEX payout_time ON payout (coalesce(at_ms, first_seen_ms));
  CREATE TABLE balance_sample (
    account_id INTEGER NOT NULL,
    group_name TEXT NOT NULL,
    coin TEXT NOT NULL,
    unit TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    unpaid REAL NOT NULL,
    total_earned REAL,
    PRIMARY KEY (account_id, group_name, coin, unit, at_ms)
  ) WITHOUT ROWID;
  CREATE TABLE earning_day (
    account_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    coin TEXT NOT NULL,
    group_name TEXT NOT NULL,
    amount REAL NOT NULL,
    unit TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (account_id, day, coin, group_name)
  ) WITHOUT ROWID;
  `,
  // 3: the pool's own figure beside amounts converted to whole coins, and whether a day's earnings are an estimate.
  // Rows written before were SBI's v1 figures (revenue estimates, v1 earnings), the only ones ever stored in base
  // units: the Bitcoin family's are satoshi, converted here as the SBI adapter now does; other coins stay as they are.
  `
  ALTER TABLE earning_day ADD COLUMN raw_amount REAL;
  ALTER TABLE earning_day ADD COLUMN raw_unit TEXT;
  ALTER TABLE earning_day ADD COLUMN estimate INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE payout ADD COLUMN raw_amount REAL;
  ALTER TABLE payout ADD COLUMN raw_unit TEXT;
  UPDATE earning_day SET estimate = 1 WHERE unit = 'base-unit';
  UPDATE earning_day SET raw_amount = amount, raw_unit = 'satoshi', amount = amount / 1e8, unit = 'coin'
   WHERE unit = 'base-unit' AND coin IN ('BTC', 'BCH', 'BSV');
  UPDATE payout SET raw_amount = amount, raw_unit = 'satoshi', amount = amount / 1e8, unit = 'coin'
   WHERE unit = 'base-unit' AND coin IN ('BTC', 'BCH', 'BSV');
  `,
];
