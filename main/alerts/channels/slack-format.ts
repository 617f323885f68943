import type { Severity } from '../alert-types';
import type { Notification } from '../notification-format';
import { JSON_HEADERS, type OutgoingRequest } from './destination';
import { fitEscaped } from './text-fit';

/** A section block's text is limited to 3000 characters; the fallback text is kept to the same. */
export const SLACK_TEXT_LIMIT = 3000;

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { critical: ':red_circle: Critical', warning: ':warning: Warning', info: ':information_source: Info' };

export interface SlackPayload {
  text: string;
  blocks: Array<
    | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
    | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  >;
}

/** Slack's mrkdwn needs only &, < and > escaped; unescaped "<!channel>" in a name would ping everyone. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackPayload(notification: Notification): SlackPayload {
  const label = notification.kind === 'resolved' ? ':white_check_mark: Resolved' : SEVERITY_LABEL[notification.severity];
  const title = fitEscaped(notification.title, 300, escapeSlack);
  const body = fitEscaped(notification.body, SLACK_TEXT_LIMIT - title.length - 3, escapeSlack);
  return {
    text: fitEscaped(`${notification.title}: ${notification.body}`, SLACK_TEXT_LIMIT, escapeSlack),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: body ? `*${title}*\n${body}` : `*${title}*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${label}${notification.urgent ? ' · urgent' : ''} · PoolWatch` }] },
    ],
  };
}

export function formatSlack(url: string, notification: Notification): OutgoingRequest {
  return { url, headers: { ...JSON_HEADERS }, body: JSON.stringify(slackPayload(notification)) };
}
