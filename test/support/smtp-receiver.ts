import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Who signed in (null: nobody). */
  user: string | null;
  /** Whether the session was encrypted (TLS from the start, or after STARTTLS). */
  secure: boolean;
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpReceiverOptions {
  /** Offer STARTTLS with this certificate; without it the server speaks plain SMTP only. */
  tls?: { cert: string; key: string };
  /** TLS from the first byte (port 465 style) instead of STARTTLS; needs `tls`. */
  implicitTls?: boolean;
  /** Required sign-in; without it anyone may send. */
  login?: { user: string; password: string };
  /** Every recipient is refused (550), like a mailbox that does not exist. */
  rejectRecipients?: boolean;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server) keeping every message. A failed sign-in answers with the password
 * it was given, as typed and as the AUTH PLAIN base64, like a careless server would, so the tests prove PoolWatch
 * redacts both.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const { login, tls } = options;
  const server = new SMTPServer({
    secure: options.implicitTls === true,
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: login === undefined,
    // Plain sign-in is allowed here only because the tests also cover the loopback "none" setting.
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.password) callback(null, { user: auth.username });
      else {
        const plain = Buffer.from(`\u0000${auth.username ?? ''}\u0000${auth.password ?? ''}`).toString('base64');
        callback(new Error(`Authentication failed for ${auth.username} with password ${auth.password ?? ''} (AUTH PLAIN ${plain})`));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (options.rejectRecipients) callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          user: typeof session.user === 'string' ? session.user : null,
          secure: session.secure,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A MIME part's text: quoted-printable soft breaks joined and =XX decoded (nodemailer's encoding for text parts). */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}
