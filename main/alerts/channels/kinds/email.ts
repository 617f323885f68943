import { X509Certificate } from 'node:crypto';
import { formatEmail } from '../email-format';
import { invalid, isLoopbackHost } from '../post-url';
import { DEFAULT_SMTP_PORTS, sendMail, type SmtpSecurity } from '../smtp-send';
import type { DirectChannelKind } from './channel-kind';

const HOST = /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]*:[0-9a-fA-F:.]+|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$/;
// A practical address check (RFC 5322's dot-atom local part, a host name); quoted local parts are not accepted.
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const MAX_RECIPIENTS = 20;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\sA-Za-z0-9+/=]+?)-----END CERTIFICATE-----/g;

const SECURITIES: readonly SmtpSecurity[] = ['starttls', 'tls', 'none'];

function isSecurity(value: string): value is SmtpSecurity {
  return (SECURITIES as readonly string[]).includes(value);
}

function checkAddress(value: string, what: string): string {
  if (value.length > 254 || !ADDRESS.test(value)) invalid(`${what} is not an e-mail address (name@example.com).`);
  return value;
}

/**
 * PEM certificates, re-wrapped: a one-line input field drops the line breaks of a pasted certificate, so the
 * base64 is taken from between the markers whatever the spacing, and each certificate must parse.
 */
function normalizeCertificates(value: string): string {
  const blocks = [...value.matchAll(PEM_BLOCK)].map((match) => (match[1] ?? '').replace(/\s+/g, ''));
  if (blocks.length === 0 || blocks.length > 10) invalid('The trusted certificate must be PEM: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----.');
  const pems = blocks.map((base64) => `-----BEGIN CERTIFICATE-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`);
  for (const pem of pems) {
    try {
      new X509Certificate(pem);
    } catch {
      invalid('The trusted certificate could not be read; paste the whole PEM certificate of the SMTP server (or its CA).');
    }
  }
  return pems.join('');
}

/** Security "none" sends the password and the alerts in the clear: only to a server on this machine. */
export function checkPlainOnlyToLoopback(settings: Readonly<Record<string, string>>): void {
  if ((settings.security ?? 'starttls') === 'none' && !isLoopbackHost(settings.host ?? '')) {
    invalid(
      'Security "none" sends the password and the alerts unencrypted, so it is allowed only to a server on this machine (127.0.0.1, ::1, localhost); choose STARTTLS or TLS.',
    );
  }
}

/** An SMTP server (STARTTLS, TLS, or plain to this machine) sending to one or more addresses. */
export const emailChannel: DirectChannelKind = {
  kind: 'email',
  serviceName: 'The SMTP server',
  // The password is sent only to the server it was saved for.
  addressSetting: 'host',
  validators: {
    host: (value) => {
      if (!HOST.test(value)) invalid('The SMTP server is a host name or IP address (smtp.example.com), without smtp:// or a port.');
      return value.toLowerCase();
    },
    security: (value) => {
      if (!isSecurity(value)) invalid('Security is starttls, tls or none.');
      return value;
    },
    port: (value) => {
      const port = Number(value);
      if (!/^\d{1,5}$/.test(value) || port < 1 || port > 65_535) invalid('The port is a number from 1 to 65535 (587 for STARTTLS, 465 for TLS).');
      return String(port);
    },
    from: (value) => checkAddress(value, 'The From address'),
    to: (value) => {
      const addresses = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
      if (addresses.length === 0) invalid('Enter at least one To address.');
      if (addresses.length > MAX_RECIPIENTS) invalid(`At most ${MAX_RECIPIENTS} To addresses.`);
      addresses.forEach((address, index) => checkAddress(address, `To address ${index + 1}`));
      return addresses.join(', ');
    },
    username: (value) => {
      if (!/^[^\u0000-\u001f\u007f]{1,256}$/.test(value)) invalid('The user name must be 1 to 256 characters without line breaks.');
      return value;
    },
    // Any text a provider may issue, spaces included; only line breaks could not be sent in the SMTP AUTH line.
    password: (value) => {
      if (!/^[^\u0000-\u001f\u007f]{1,1024}$/.test(value)) invalid('The password must be 1 to 1024 characters without line breaks.');
      return value;
    },
    tlsCa: normalizeCertificates,
  },
  checkTogether: checkPlainOnlyToLoopback,
  // AUTH PLAIN sends base64("\0user\0password"), AUTH LOGIN each on its own: a server quoting them back is redacted too.
  encodedSecrets: (values) => {
    const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
    const { username = '', password = '' } = values;
    return [username && base64(username), password && base64(password), username && base64(`\u0000${username}\u0000${password}`)].filter((form) => form !== '');
  },
  deliver: async (values, notification, context) => {
    // Stored settings are checked again: a hand-edited config must not send a password in the clear either.
    checkPlainOnlyToLoopback(values);
    const security = values.security && isSecurity(values.security) ? values.security : 'starttls';
    const target = {
      host: values.host ?? '',
      port: values.port ? Number(values.port) : DEFAULT_SMTP_PORTS[security],
      security,
      from: values.from ?? '',
      to: values.to ?? '',
      username: values.username || null,
      password: values.password || null,
      tlsCa: values.tlsCa || null,
    };
    return sendMail(target, formatEmail(notification, context.poolName), context.timeoutMs, context.signal);
  },
  describeRefusal: () => null,
};
