// CSV as spreadsheets expect it (RFC 4180): a header row, CRLF line ends, fields quoted only when they need it.

export type CsvValue = string | number | boolean | null;

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe: pool names are foreign input. */
const FORMULA_START = /^[=+\-@\t\r]/;

function textCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Numbers stay unformatted (full precision, no thousands separators); null and non-finite numbers are empty cells. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return textCell(value);
}

export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(textCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
