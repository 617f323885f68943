/**
 * Where a JSON text stops being valid, as line and column. JSON.parse's own messages quote the text around
 * the mistake (a config file may hold a secret pasted by hand), so errors are built from this position only.
 */

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const LITERALS = ['true', 'false', 'null'];

/** Scanners return the offset after the token, or the bad offset as -(offset + 1). */
const bad = (offset: number): number => -(offset + 1);

function scanString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '"') return i + 1;
    if (c.charCodeAt(0) < 0x20) return bad(i);
    if (c !== '\\') continue;
    const next = text[i + 1];
    if (next === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return bad(i);
      i += 5;
    } else if (next !== undefined && ESCAPES.has(next)) {
      i += 1;
    } else {
      return bad(i);
    }
  }
  return bad(text.length);
}

function scanDigits(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i += 1;
  return i;
}

function scanNumber(text: string, start: number): number {
  let i = start;
  if (text[i] === '-') i += 1;
  if (text[i] === '0') i += 1;
  else if (text[i] !== undefined && text[i]! >= '1' && text[i]! <= '9') i = scanDigits(text, i);
  else return bad(i);
  if (text[i] === '.') {
    const end = scanDigits(text, i + 1);
    if (end === i + 1) return bad(end);
    i = end;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i += 1;
    if (text[i] === '+' || text[i] === '-') i += 1;
    const end = scanDigits(text, i);
    if (end === i) return bad(end);
    i = end;
  }
  return i;
}

function scanScalar(text: string, start: number): number {
  const c = text[start];
  if (c === '"') return scanString(text, start);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return scanNumber(text, start);
  const literal = LITERALS.find((word) => text.startsWith(word, start));
  return literal ? start + literal.length : bad(start);
}

/** Offset of the first syntax error, or null when the text is valid JSON. Iterative: deep nesting cannot overflow. */
export function jsonSyntaxErrorOffset(text: string): number | null {
  const open: Array<'{' | '['> = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (open.length === 0 ? 'end' : 'comma-or-close');
  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i += 1;
    if (i >= text.length) return expect === 'end' ? null : text.length;
    const c = text[i];
    if (expect === 'end') return i;
    if (expect === 'colon') {
      if (c !== ':') return i;
      i += 1;
      expect = 'value';
    } else if (expect === 'comma-or-close') {
      const top = open[open.length - 1];
      if (c === ',') {
        i += 1;
        expect = top === '{' ? 'key' : 'value';
      } else if (c === (top === '{' ? '}' : ']')) {
        open.pop();
        i += 1;
        expect = afterValue();
      } else {
        return i;
      }
    } else if ((expect === 'key-or-close' && c === '}') || (expect === 'value-or-close' && c === ']')) {
      open.pop();
      i += 1;
      expect = afterValue();
    } else if (expect === 'key' || expect === 'key-or-close') {
      if (c !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = 'colon';
    } else if (c === '{' || c === '[') {
      open.push(c);
      i += 1;
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
    } else {
      const end = scanScalar(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = afterValue();
    }
  }
}

/** 1-based line and column of an offset; a CRLF counts as one line end. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
