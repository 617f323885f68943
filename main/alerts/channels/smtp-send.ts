import nodemailer from 'nodemailer';
import type { EmailMessage } from './email-format';
import { describeNetworkFailure, quoteAnswer } from './answer-quotes';
import type { AttemptOutcome } from './attempt-outcome';

export type SmtpSecurity = 'tls' | 'starttls' | 'none';

/** The ports the security choices usually use, for a channel saved without one. */
export const DEFAULT_SMTP_PORTS: Readonly<Record<SmtpSecurity, number>> = { tls: 465, starttls: 587, none: 25 };

export interface SmtpTarget {
  host: string;
  port: number;
  security: SmtpSecurity;
  from: string;
  to: string;
  username: string | null;
  password: string | null;
  /** PEM certificates trusted in addition to the system's (a self-signed server); verification stays on. */
  tlsCa: string | null;
}

interface SmtpErrorFields {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** The system call's code inside a socket error's message ("connect ECONNREFUSED 127.0.0.1:1"). */
function socketCode(message: string): string | null {
  return /\b(E[A-Z]{3,}|[A-Z_]*CERT[A-Z_]*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\b/.exec(message)?.[1] ?? null;
}

/** "It said: "535 …"", the server's answer, quoted short; the caller redacts it. */
function said(response: unknown): string {
  const quoted = typeof response === 'string' ? quoteAnswer(response) : '';
  return quoted ? ` It said: "${quoted}".` : '';
}

/** Classifies a failed send: what happened, and whether trying again later can help. Not yet redacted. */
export function describeSmtpFailure(error: unknown, where: string, timeoutMs: number): AttemptOutcome {
  const fields = (error ?? {}) as SmtpErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : '';
  const status = typeof fields.responseCode === 'number' ? fields.responseCode : null;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const fail = (retry: boolean, text: string): AttemptOutcome => ({ ok: false, retry, retryAfterMs: null, message: text });
  switch (code) {
    case 'EAUTH':
      return fail(false, `The SMTP server ${where} rejected the user name or password${status ? ` (${status})` : ''}; check them (some providers need an app password).${said(fields.response)}`);
    case 'ENOAUTH':
      return fail(false, `The SMTP server ${where} needs a user name and password; enter them.`);
    case 'EENVELOPE':
      if (status === 530) return fail(false, `The SMTP server ${where} requires signing in (530); enter the user name and password.${said(fields.response)}`);
      return fail(status !== null && status < 500, `The SMTP server ${where} refused the sender or a recipient${status ? ` (${status})` : ''}; check From and To.${said(fields.response)}`);
    case 'ETLS':
      return fail(false, `The SMTP server ${where} could not start TLS (STARTTLS)${status ? ` (${status})` : ''}; check the security setting and the port.${said(fields.response)}`);
    case 'EMESSAGE':
    case 'EPROTOCOL':
      return fail(status === null || status < 500, `The SMTP server ${where} refused the message${status ? ` (${status})` : ''}.${said(fields.response)}`);
    case 'ETIMEDOUT':
      return fail(true, `The SMTP server ${where} did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s.`);
    default: {
      if (status !== null) return fail(status < 500, `The SMTP server ${where} answered ${status}.${said(fields.response)}`);
      const cause = socketCode(message);
      if ((cause && /CERT|SSL|TLS/.test(cause)) || /certificate/i.test(message)) {
        const reason = quoteAnswer(cause ?? message).slice(0, 100);
        return fail(false, `Could not connect to ${where}: its TLS certificate was not accepted (${reason}). For your own server with a self-signed certificate, paste it under "Trusted certificate".`);
      }
      if (/wrong version number|packet length too long/i.test(message)) {
        return fail(false, `Could not talk TLS to ${where}: the port expects another security setting (TLS is usually port 465, STARTTLS 587).`);
      }
      return fail(true, describeNetworkFailure({ code: cause ?? code }, where, false, timeoutMs));
    }
  }
}

/** Sends one message over SMTP; resolves, never throws. Certificate checks are always on. */
export async function sendMail(target: SmtpTarget, message: EmailMessage, timeoutMs: number, signal?: AbortSignal): Promise<AttemptOutcome> {
  const where = `${target.host}:${target.port}`;
  if (signal?.aborted) return { ok: false, retry: false, retryAfterMs: null, message: 'Delivery was cancelled because PoolWatch is stopping.' };
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.security === 'tls',
    requireTLS: target.security === 'starttls',
    ignoreTLS: target.security === 'none',
    ...(target.username ? { auth: { user: target.username, pass: target.password ?? '' } } : {}),
    ...(target.tlsCa ? { tls: { ca: target.tlsCa } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  const stop = (): void => transport.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await transport.sendMail({ from: target.from, to: target.to, subject: message.subject, text: message.text, html: message.html });
    return { ok: true, status: 250 };
  } catch (error) {
    if (signal?.aborted) return { ok: false, retry: false, retryAfterMs: null, message: 'Delivery was cancelled because PoolWatch is stopping.' };
    return describeSmtpFailure(error, where, timeoutMs);
  } finally {
    signal?.removeEventListener('abort', stop);
    transport.close();
  }
}
