/**
 * Copies of `base` with one field changed each: every value listed for a field, `undefined` meaning the field is
 * left out. For tests that hold a reader without zod to what its schema would do, field by field.
 */
export function withEachFieldValue(base: Record<string, unknown>, values: Record<string, readonly unknown[]>): Array<Record<string, unknown>> {
  const copies: Array<Record<string, unknown>> = [];
  for (const [field, list] of Object.entries(values)) {
    for (const value of list) {
      const copy: Record<string, unknown> = { ...base };
      if (value === undefined) delete copy[field];
      else copy[field] = value;
      copies.push(copy);
    }
  }
  return copies;
}
