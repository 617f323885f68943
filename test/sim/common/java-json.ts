// JSON writer that can emit doubles the way Java's Double.toString does (e.g. 2.9906012588065426E10),
// as Jackson-based services do. JSON.parse reads the output unchanged.

/** Marks a number to be written as a Java double ("0.0", "1.237E-5", "2.99E10"). */
export class JavaDouble {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}

export function javaDouble(value: number): JavaDouble {
  return new JavaDouble(value);
}

export function formatJavaDouble(value: number): string {
  // Jackson quotes non-finite numbers by default
  if (Number.isNaN(value)) return '"NaN"';
  if (!Number.isFinite(value)) return value > 0 ? '"Infinity"' : '"-Infinity"';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = String(value);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  // toExponential() without digits gives the shortest round-trip mantissa, like Java
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  const javaMantissa = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${javaMantissa}E${exponent.replace('+', '')}`;
}

export function stringifyJavaJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value instanceof JavaDouble) return formatJavaDouble(value.value);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      return value.toString();
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const written = write(item);
    if (written !== undefined) parts.push(`${JSON.stringify(key)}:${written}`);
  }
  return `{${parts.join(',')}}`;
}
