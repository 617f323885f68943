import { runSteps } from '../base/steps';

// CSV as spreadsheets expect it (RFC 4180): a header row, CRLF line ends, fields quoted only when they need it.

export type CsvValue = string | number | boolean | null;

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe: pool names are foreign input. */
const FORMULA_START = /^[=+\-@\t\r]/;

function textCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number in plain decimals: JavaScript writes 1e-8 BTC as "1e-8", which reads badly and some tools take for text. */
function plainNumber(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, head, tail = '', exponentText] = match;
  const digits = head! + tail;
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  return `${sign}${digits.padEnd(exponent + 1, '0')}`;
}

/** Numbers stay unformatted (full precision, no thousands separators, no exponents); null and non-finite numbers are empty cells. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? plainNumber(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return textCell(value);
}

export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  return runSteps(csvDocumentInSteps(header, rows, Number.POSITIVE_INFINITY));
}

/** csvDocument as steps (see runSteps): a step after every `rowsPerStep` rows, and the rows' own steps (`undefined`) passed on. */
export function* csvDocumentInSteps(header: readonly string[], rows: Iterable<readonly CsvValue[] | undefined>, rowsPerStep: number): Generator<void, string> {
  const lines = [header.map(textCell).join(',')];
  for (const row of rows) {
    if (row === undefined) {
      yield;
      continue;
    }
    lines.push(row.map(csvCell).join(','));
    if (lines.length % rowsPerStep === 0) yield;
  }
  return `${lines.join('\r\n')}\r\n`;
}
