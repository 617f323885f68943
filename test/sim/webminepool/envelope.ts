// The two documented answer shapes, and the number style, applied to every API answer.
import type { SimResponse } from '../common/http-io';
import { numbersToStrings } from '../common/json-shape';
import type { WmpEnvelopeStyle, WmpMethod, WmpNumberStyle } from './types';
import type { WmpWorld } from './world';

/** An API error the route handlers throw; rendered in the method's envelope style. */
export class WmpApiFailure extends Error {
  constructor(
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

export function styleFor(world: WmpWorld, method: WmpMethod | null): WmpEnvelopeStyle {
  return (method && world.envelopeByMethod[method]) || world.envelope;
}

export function successBody(style: WmpEnvelopeStyle, numbers: WmpNumberStyle, data: Record<string, unknown>): Record<string, unknown> {
  const flag = style === 'success' ? { success: true } : { status: true };
  return { ...flag, ...(numbers === 'string' ? (numbersToStrings(data) as Record<string, unknown>) : data) };
}

export function failureBody(style: WmpEnvelopeStyle, message: string): Record<string, unknown> {
  return style === 'success' ? { success: false, message } : { status: false, error: message };
}

export function success(world: WmpWorld, method: WmpMethod, data: Record<string, unknown>): SimResponse {
  return { status: 200, body: successBody(styleFor(world, method), world.numbers, data) };
}

/** Errors come with HTTP 200 unless a status is given, as the live service does. */
export function failure(world: WmpWorld, method: WmpMethod | null, message: string, httpStatus = 200): SimResponse {
  return { status: httpStatus, body: failureBody(styleFor(world, method), message) };
}
