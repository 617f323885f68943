import type { ChannelKind } from '../../../../shared/contract';
import type { Notification } from '../../notification-format';
import type { OutgoingRequest } from '../destination';
import type { AttemptOutcome } from '../attempt-outcome';
import type { ActionButtons } from '../phone-actions';

/** What a request builder may need beyond the channel's own values. */
export interface RequestContext {
  /** Telegram's Bot API address: https://api.telegram.org, a local receiver in tests. */
  telegramApiBase: string;
  /** Snooze and mute buttons for this message, for kinds that answer presses (Telegram, ntfy); null for none. */
  buttons?: ActionButtons | null;
}

/** What a kind that delivers by itself (not one HTTP POST: e-mail over SMTP) gets for one attempt. */
export interface DeliveryContext {
  timeoutMs: number;
  /** Aborts the attempt when the service stops. */
  signal?: AbortSignal;
  /** The pool's name of an account ("SBI Crypto Pool"), or null for an account the config no longer has. */
  poolName(accountId: string): string | null;
}

/**
 * Everything main knows about one channel kind, in one place: a new kind is one file like this plus one line
 * in kinds/index.ts (its fields and form label live in shared/contract, which the UI reads too).
 */
interface ChannelKindBase {
  kind: ChannelKind;
  /** Who answered, as a sentence subject ("Telegram", "The ntfy server"). */
  serviceName: string;
  /** The non-secret setting naming the server the secrets are sent to (ntfy's server), where there is one. */
  addressSetting?: string;
  /**
   * One check per field of CHANNEL_FIELDS[kind]: takes the trimmed value, returns it normalized, or throws
   * ContractError('invalid_request') naming the field, never its value.
   */
  validators: Readonly<Record<string, (value: string) => string>>;
  /** Checks that need several settings at once (e-mail: no encryption only to this machine); throws like a validator. */
  checkTogether?(settings: Readonly<Record<string, string>>): void;
  /**
   * Secrets PoolWatch makes itself when the channel is saved (ntfy's reply topic), stored like typed ones and never
   * shown: a new one each time the channel moves to another server.
   */
  generatedSecrets?: Readonly<Record<string, () => string>>;
  /** Whether its messages carry snooze/mute buttons whose presses PoolWatch receives (an outbound subscription). */
  actionButtons?: boolean;
  /** This service's own reading of a 4xx answer (`said` is the quoted answer or ''), or null for the general one. */
  describeRefusal(status: number, said: string): string | null;
}

/** A kind that delivers with one HTTP POST (webhooks, Discord, Slack, Telegram, ntfy). */
export interface HttpChannelKind extends ChannelKindBase {
  /** The one POST that delivers a notification, from values validated when saved (or typed for a test). */
  request(values: Readonly<Record<string, string>>, notification: Notification, context: RequestContext): OutgoingRequest;
}

/** A kind with its own protocol (e-mail): one attempt, classified like a POST's; never throws. Messages not yet redacted. */
export interface DirectChannelKind extends ChannelKindBase {
  /** Other forms the secrets travel in (SMTP sends them base64-encoded), redacted like the values themselves. */
  encodedSecrets?(values: Readonly<Record<string, string>>): string[];
  deliver(values: Readonly<Record<string, string>>, notification: Notification, context: DeliveryContext): Promise<AttemptOutcome>;
}

export type ChannelKindDescriptor = HttpChannelKind | DirectChannelKind;

/** The refusal wording for kinds whose only secret is a webhook URL (its token is in the URL). */
export function webhookUrlRefusal(serviceName: string, status: number, said: string): string | null {
  if (status === 401 || status === 403) return `${serviceName} rejected the token in the webhook URL (HTTP ${status}); copy the URL again.${said}`;
  if (status === 404 || status === 410) {
    return `${serviceName} answered HTTP ${status}: the webhook URL was not found (deleted or mistyped); copy it again.${said}`;
  }
  return null;
}
