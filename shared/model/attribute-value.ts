/** A pool-specific fact on a group or worker (Group.attributes, Worker.attributes). */
export type AttributeValue = string | number | boolean | null;

const NUMERIC_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The number a value stands for, also when a pool sent it as text ("2"); null when it is not a number. */
export function attributeNumber(value: AttributeValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value.trim());
  return null;
}
