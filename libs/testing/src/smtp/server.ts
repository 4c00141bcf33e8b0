import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream } from 'smtp-server';

/** A message as the server received it: the parsed MIME plus the SMTP envelope. */
export interface ReceivedMessage {
  /** MAIL FROM and RCPT TO, as the client gave them. */
  envelope: { from: string | null; to: string[] };
  parsed: ParsedMail;
  /** The raw bytes of DATA, for whoever wants to look at the MIME itself. */
  raw: Buffer;
}

export type RejectStage = 'rcpt' | 'data';

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL or Settings → Email. */
  url: string;
  port: number;
  /** Every accepted message, oldest first. */
  messages: ReceivedMessage[];
  /** Resolves with the first `count` accepted messages, or rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  /**
   * Answers the next DATA (default) or RCPT TO with this reply instead of accepting it, e.g.
   * `rejectNext(550, 'Mailbox unavailable')` or a temporary `451`. Calls queue up.
   */
  rejectNext(code: number, message: string, stage?: RejectStage): void;
  close(): Promise<void>;
}

interface Rejection {
  code: number;
  message: string;
  stage: RejectStage;
}

/**
 * A real SMTP server on a free loopback port (smtp-server, the library nodemailer's authors
 * wrote for this), keeping each message parsed by mailparser: emails go through the same wire
 * protocol as in production and a test reads what a mail client would.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const rejections: Rejection[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());

  const takeRejection = (stage: RejectStage): Error | null => {
    const index = rejections.findIndex((r) => r.stage === stage);
    if (index === -1) return null;
    const [rejection] = rejections.splice(index, 1);
    return Object.assign(new Error(rejection.message), { responseCode: rejection.code });
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const rejection = takeRejection('data');
        if (rejection) return callback(rejection);
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              envelope: {
                from: addressOf(session.envelope.mailFrom),
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              parsed,
              raw,
            });
            notify();
            callback();
          })
          .catch(callback);
      });
    },
    onRcptTo(_address, _session, callback) {
      callback(takeRejection('rcpt') ?? undefined);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // smtp-server keeps its net.Server as `server`; its types do not say so.
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    messages,
    port,
    rejectNext(code, message, stage = 'data') {
      rejections.push({ code, message, stage });
    },
    url: `smtp://127.0.0.1:${port}`,
    waitForMessages(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          cleanup();
          resolve(messages.slice(0, count));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `The test SMTP server received ${messages.length} of ${count} messages within ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

function addressOf(address: SMTPServerAddress | false): string | null {
  return address ? address.address : null;
}
