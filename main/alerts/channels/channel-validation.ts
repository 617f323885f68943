import { CHANNEL_FIELDS, type ChannelKind } from '../../../shared/contract';
import { channelKind } from './kinds';
import { invalid } from './post-url';

export { checkPostUrl } from './post-url';

/** Checks one field of a channel and returns it normalized; messages name the field, never its value. */
export function validateChannelField(kind: ChannelKind, field: string, raw: string): string {
  const check = Object.hasOwn(channelKind(kind).validators, field) ? channelKind(kind).validators[field] : undefined;
  if (!check) return invalid(`A ${kind} channel has no field "${field}".`);
  return check(raw.trim());
}

/** The field's label for messages ("Bot token"). */
export function fieldLabel(kind: ChannelKind, field: string): string {
  return CHANNEL_FIELDS[kind].find((candidate) => candidate.name === field)?.label ?? field;
}
