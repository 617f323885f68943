import type BetterSqlite3 from 'better-sqlite3';
import { parseIsoTime, type AlertHistoryEntry, type AlertHistoryQuery } from '../../shared/contract';
import type { AlertEvent, AlertTransition } from '../../shared/model';

/** Where alert transitions and events are kept: the history database (on disk, or in memory when the file cannot be opened). */
export interface AlertHistoryStore {
  append(transitions: readonly AlertTransition[], events: readonly AlertEvent[]): void;
  query(query: AlertHistoryQuery): AlertHistoryEntry[];
  readState(name: string): string | null;
  writeState(name: string, value: string, atMs: number): void;
}

const DEFAULT_LIMIT = 500;

type Row = {
  id: number;
  kind: 'transition' | 'event';
  at_ms: number;
  alert_key: string;
  rule_id: AlertHistoryEntry['ruleId'];
  account_id: string;
  account_label: string;
  group_name: string | null;
  worker_name: string | null;
  ref: string | null;
  from_state: AlertHistoryEntry['from'];
  to_state: AlertHistoryEntry['to'];
  message: string;
  severity: AlertHistoryEntry['severity'];
  urgent: number;
};

function toEntry(row: Row): AlertHistoryEntry {
  return {
    id: row.id,
    kind: row.kind,
    at: new Date(row.at_ms).toISOString(),
    key: row.alert_key,
    ruleId: row.rule_id,
    scope: { accountId: row.account_id, accountLabel: row.account_label, group: row.group_name, worker: row.worker_name },
    ref: row.ref,
    from: row.from_state,
    to: row.to_state,
    message: row.message,
    severity: row.severity,
    urgent: row.urgent === 1,
  };
}

function toRows(transitions: readonly AlertTransition[], events: readonly AlertEvent[]): Array<Omit<Row, 'id'>> {
  const common = (item: AlertTransition | AlertEvent) => ({
    at_ms: item.atMs,
    alert_key: item.key,
    rule_id: item.ruleId,
    account_id: item.scope.accountId,
    account_label: item.scope.accountLabel,
    group_name: item.scope.group,
    worker_name: item.scope.worker,
    ref: item.ref,
    message: item.message,
    severity: item.severity,
    urgent: item.urgent ? 1 : 0,
  });
  return [
    ...transitions.map((t) => ({ ...common(t), kind: 'transition' as const, from_state: t.from, to_state: t.to })),
    ...events.map((e) => ({ ...common(e), kind: 'event' as const, from_state: null, to_state: null })),
  ].sort((a, b) => a.at_ms - b.at_ms);
}

/**
 * Alert history in the SQLite history database; all rows of one evaluation in one transaction. With `maxRows` (a
 * database in memory) only the newest rows are kept.
 */
export function sqliteAlertHistory(db: BetterSqlite3.Database, maxRows?: number): AlertHistoryStore {
  const insert = db.prepare(
    `INSERT INTO alert_history (kind, at_ms, alert_key, rule_id, account_id, account_label, group_name, worker_name, ref,
       from_state, to_state, message, severity, urgent)
     VALUES (@kind, @at_ms, @alert_key, @rule_id, @account_id, @account_label, @group_name, @worker_name, @ref,
       @from_state, @to_state, @message, @severity, @urgent)`,
  );
  // Ids only grow (only the oldest rows are ever deleted), so the newest maxRows are the top ids.
  const trim = db.prepare('DELETE FROM alert_history WHERE id <= (SELECT max(id) FROM alert_history) - ?');
  const insertAll = db.transaction((rows: Array<Omit<Row, 'id'>>) => {
    for (const row of rows) insert.run(row);
    if (maxRows !== undefined) trim.run(maxRows);
  });
  const readKv = db.prepare('SELECT value FROM kv WHERE name = ?');
  const writeKv = db.prepare(
    'INSERT INTO kv (name, value, updated_ms) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms',
  );

  return {
    append(transitions, events) {
      const rows = toRows(transitions, events);
      if (rows.length > 0) insertAll(rows);
    },
    query(query) {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      if (query.accountId) {
        where.push('account_id = @accountId');
        params.accountId = query.accountId;
      }
      if (query.ruleId) {
        where.push('rule_id = @ruleId');
        params.ruleId = query.ruleId;
      }
      if (query.severity) {
        where.push('severity = @severity');
        params.severity = query.severity;
      }
      if (query.from) {
        where.push('at_ms >= @from');
        params.from = parseIsoTime(query.from) ?? -Infinity;
      }
      if (query.to) {
        where.push('at_ms <= @to');
        params.to = parseIsoTime(query.to) ?? Infinity;
      }
      if (query.text) {
        where.push("(message LIKE @text ESCAPE '\\' OR group_name LIKE @text ESCAPE '\\' OR worker_name LIKE @text ESCAPE '\\')");
        params.text = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const sql = `SELECT * FROM alert_history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at_ms DESC, id DESC LIMIT @limit`;
      return (db.prepare(sql).all({ ...params, limit: query.limit ?? DEFAULT_LIMIT }) as Row[]).map(toEntry);
    },
    readState(name) {
      return (readKv.get(name) as { value: string } | undefined)?.value ?? null;
    },
    writeState(name, value, atMs) {
      writeKv.run(name, value, atMs);
    },
  };
}
