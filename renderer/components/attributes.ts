import { attributeNumber, type AttributeValue } from '../../shared/model';
import { formatHashrate, type UnitSystem } from '../../shared/units';
import { formatDateTime } from './format-amount';

export { attributeNumber, type AttributeValue };

/**
 * How a value is shown. Adapters name attributes either in words ("Payout address") or as camelCase
 * keys that follow DESIGN.md's unit naming: `rejectedHps` is a hashrate in H/s, `countedAt` an ISO time.
 */
export type AttributeKind = 'hashrate' | 'time' | 'plain';

export interface AttributeColumn {
  /** The key in `attributes`. */
  label: string;
  /** What the column header says: "Unstable rentals" for `unstableRentals`, "Rejected" for `rejectedHps`. */
  title: string;
  kind: AttributeKind;
  /** Every value present is a number (or a numeric string): right-align it. */
  numeric: boolean;
}

interface WithAttributes {
  attributes?: Readonly<Record<string, AttributeValue>>;
}

const CAMEL_HASHRATE = /^[a-z][A-Za-z0-9]*[a-z0-9]Hps$/;
const CAMEL_TIME = /^[a-z][A-Za-z0-9]*[a-z0-9]At$/;

export function attributeKind(label: string): AttributeKind {
  if (CAMEL_HASHRATE.test(label)) return 'hashrate';
  if (CAMEL_TIME.test(label)) return 'time';
  return 'plain';
}

/** Words stay as given (first letter raised); camelCase keys are spelled out: `rentalId` -> "Rental ID". */
export function attributeTitle(label: string): string {
  const isCamelKey = /^[a-z][A-Za-z0-9]*$/.test(label);
  const base = attributeKind(label) === 'hashrate' ? label.slice(0, -'Hps'.length) : label;
  const words = isCamelKey
    ? base
        .split(/(?=[A-Z])/)
        .map((word) => (word === 'Id' ? 'ID' : word.toLowerCase()))
        .join(' ')
    : base;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One column per attribute label any item carries, in the order the labels first appear. */
export function discoverAttributeColumns(items: readonly WithAttributes[]): AttributeColumn[] {
  const numericByLabel = new Map<string, boolean>();
  for (const item of items) {
    if (item.attributes === undefined) continue;
    for (const [label, value] of Object.entries(item.attributes)) {
      const numeric = value === null || attributeNumber(value) !== null;
      numericByLabel.set(label, (numericByLabel.get(label) ?? true) && numeric);
    }
  }
  return [...numericByLabel].map(([label, numeric]) => {
    const kind = attributeKind(label);
    return { label, title: attributeTitle(label), kind, numeric: numeric || kind === 'hashrate' };
  });
}

/** "1,234,567", "yes", "us-central", "2.00 KH/s", or an em dash when the item lacks the value. */
export function formatAttributeValue(value: AttributeValue | undefined, kind: AttributeKind = 'plain', system: UnitSystem = 'si'): string {
  if (value === undefined || value === null || value === '') return '—';
  if (kind === 'hashrate') {
    const hps = attributeNumber(value);
    if (hps !== null) return formatHashrate(hps, system);
  }
  if (kind === 'time' && typeof value === 'string') return formatDateTime(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return value;
}
