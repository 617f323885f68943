import { cutText } from '../../../shared/units';
import { groupBy, type Notification, type NotificationItem } from '../notification-format';
import { MACHINE_SCOPE } from '../observation';
import { poolNouns, ruleWording } from '../rules/alert-wording';

/** Items written out one by one; the rest are counted ("and 40 more"), the app lists them all. */
export const MAX_EMAIL_ITEMS = 50;
const SUBJECT_LIMIT = 200;

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** Everything that goes into HTML is escaped: names and messages come from pools and users. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One line: a header must not carry a line break (it would start another header). */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** "CRITICAL: Worker offline in Main farm" — severity, what broke and where, as the alert's title says it. */
export function emailSubject(notification: Pick<Notification, 'severity' | 'kind' | 'title'>): string {
  if (notification.kind === 'summary') return cutText(oneLine(`[PoolWatch] ${notification.title}`), SUBJECT_LIMIT);
  const tag = notification.kind === 'resolved' ? 'RESOLVED' : notification.severity.toUpperCase();
  return cutText(oneLine(`[PoolWatch] ${tag}: ${notification.title}`), SUBJECT_LIMIT);
}

interface AccountSection {
  heading: string;
  /** The pool's word for its units, as a line's start: "Workers", "Rentals". */
  unitsWord: string;
  workers: string[];
  lines: string[];
}

function itemLine(item: NotificationItem): string {
  const where = [item.scope.group, item.scope.worker].filter((part): part is string => part !== null).join(' / ');
  return `[${item.severity}] ${ruleWording(item.ruleId, item.pool).label}${where ? ` (${where})` : ''}: ${item.message}`;
}

/** Per account: "Main farm (SBI Crypto Pool)", its workers named, one line per alert. */
function sections(items: readonly NotificationItem[], poolName: (accountId: string) => string | null): AccountSection[] {
  return [...groupBy(items, (item) => item.scope.accountId).values()].map((list) => {
    const scope = list[0]?.scope ?? MACHINE_SCOPE;
    const pool = scope.accountId === MACHINE_SCOPE.accountId ? null : poolName(scope.accountId);
    const heading = `${scope.accountLabel}${pool ? ` (${pool})` : ''}`;
    const workers = [...new Set(list.flatMap((item) => (item.scope.worker === null ? [] : [item.scope.worker])))];
    const units = list[0]?.pool ? poolNouns(list[0].pool).worker.many : 'workers';
    return { heading, unitsWord: units.charAt(0).toUpperCase() + units.slice(1), workers, lines: list.map(itemLine) };
  });
}

function cap<T>(values: readonly T[]): { shown: readonly T[]; more: number } {
  return { shown: values.slice(0, MAX_EMAIL_ITEMS), more: Math.max(0, values.length - MAX_EMAIL_ITEMS) };
}

/** The notification as an e-mail: plain text, and a short HTML part saying the same. */
export function formatEmail(notification: Notification, poolName: (accountId: string) => string | null): EmailMessage {
  const parts = sections(notification.items, poolName);
  const at = new Date(notification.atMs).toISOString();
  const text: string[] = [notification.title, ''];
  if (notification.body) text.push(notification.body, '');
  const html: string[] = [`<h2>${escapeHtml(notification.title)}</h2>`];
  if (notification.body) html.push(`<p>${escapeHtml(notification.body).replace(/\n/g, '<br>')}</p>`);
  for (const part of parts) {
    const lines = cap(part.lines);
    const workers = cap(part.workers);
    const workerList = workers.shown.join(', ') + (workers.more > 0 ? ` and ${workers.more} more` : '');
    text.push(`Account: ${part.heading}`);
    if (workers.shown.length > 0) text.push(`${part.unitsWord}: ${workerList}`);
    text.push(...lines.shown.map((line) => `- ${line}`));
    if (lines.more > 0) text.push(`- and ${lines.more} more (see PoolWatch)`);
    text.push('');
    html.push(`<h3>${escapeHtml(part.heading)}</h3>`);
    if (workers.shown.length > 0) html.push(`<p>${part.unitsWord}: ${escapeHtml(workerList)}</p>`);
    const rows = lines.shown.map((line) => `<li>${escapeHtml(line)}</li>`);
    if (lines.more > 0) rows.push(`<li>and ${lines.more} more (see PoolWatch)</li>`);
    if (rows.length > 0) html.push(`<ul>${rows.join('')}</ul>`);
  }
  text.push(`Sent by PoolWatch at ${at}.`);
  html.push(`<p style="color:#666">Sent by PoolWatch at ${escapeHtml(at)}.</p>`);
  return { subject: emailSubject(notification), text: text.join('\n'), html: `<!doctype html><html><body>${html.join('\n')}</body></html>` };
}
