import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';

import { parseMailbox } from './dto/email-settings.dto';
import { EmailDelivery, EmailSettingsService } from './email-settings.service';
import { Email } from './email.entity';
import { EmailsRepository } from './emails.repository';

export const NO_SMTP_SERVER = 'No SMTP server is configured';

/**
 * Well under the sweep's 10 minutes, so that a claim older than that can only mean the process
 * died; nodemailer's own socket default is 10 minutes.
 */
const TRANSPORT_TIMEOUTS = {
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
};

/**
 * Connections kept open to the SMTP server, reused by every email this process sends: opening
 * one (TCP, greeting, STARTTLS, AUTH) per email cost more than rendering the email. Sends beyond
 * the connections' count wait in nodemailer's queue.
 */
const POOL = { maxConnections: 5, maxMessages: 100, pool: true } as const;

/** The server refused, or could not be reached; the text is what staff see on the email. */
class DeliveryError extends Error {}

/**
 * Delivers one email over SMTP. The row is claimed first (queued → processing), so however many
 * jobs name it, one sender talks to the server; a claim is ended as sent, or as failed with the
 * server's words (queued again while retries remain).
 */
@Injectable()
export class EmailSender implements OnModuleDestroy {
  private readonly logger = new Logger(EmailSender.name);
  /** One pooled transport for the SMTP URL in force; replaced when Settings → Email changes it. */
  private pooled: PooledTransport | null = null;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailsRepository,
    private readonly settings: EmailSettingsService,
  ) {}

  async send(emailId: string, attempt: { last: boolean }): Promise<'sent' | 'not queued'> {
    const email = await this.dataSource.transaction(async (manager) => {
      const claimed = await this.emails.claim(manager, emailId);
      if (claimed)
        await this.emails.insertEvents(manager, [
          { detail: `Attempt ${claimed.attempts}`, emailId, type: 'processed' },
        ]);
      return claimed;
    });
    if (!email) return 'not queued';

    let result: { messageId: string; smtpResponse: string };
    try {
      result = await this.deliver(email);
    } catch (error) {
      const reason = deliveryErrorText(error);
      await this.dataSource.transaction(async (manager) => {
        await this.emails.markAttemptFailed(
          manager,
          emailId,
          reason,
          attempt.last ? 'failed' : 'queued',
        );
        await this.emails.insertEvents(manager, [
          {
            detail: attempt.last ? reason : `${reason} (will try again)`,
            emailId,
            type: 'failed',
          },
        ]);
      });
      this.logger.warn({ emailId, last: attempt.last, reason }, 'The SMTP server refused an email');
      throw new DeliveryError(reason);
    }
    // Recording fails only with the database: the claim then stays, and the sweep reports the
    // email as of unknown delivery instead of sending it again.
    await this.dataSource.transaction(async (manager) => {
      await this.emails.markSent(manager, emailId, result);
      await this.emails.insertEvents(manager, [
        { detail: result.smtpResponse, emailId, type: 'sent' },
      ]);
    });
    return 'sent';
  }

  private async deliver(email: Email): Promise<{ messageId: string; smtpResponse: string }> {
    const delivery = await this.settings.delivery();
    if (!delivery.smtpUrl) throw new DeliveryError(NO_SMTP_SERVER);
    const [attachments, { branding }] = await Promise.all([
      this.emails.attachments(this.dataSource.manager, email.id),
      this.settings.rendering(),
    ]);
    const pooled = this.transport(delivery.smtpUrl);
    pooled.inFlight++;
    try {
      const messageId = `<${email.id}@settle>`;
      const info = await pooled.transport.sendMail({
        attachments: attachments.map((a) => ({
          content: a.content,
          contentType: a.contentType,
          filename: a.filename,
        })),
        from: sender(delivery, branding.mspName),
        html: email.html,
        messageId,
        replyTo: delivery.replyTo ?? undefined,
        subject: email.subject,
        text: email.text,
        to: email.to,
      });
      return { messageId, smtpResponse: String(info.response) };
    } finally {
      pooled.inFlight--;
      if (pooled !== this.pooled && pooled.inFlight === 0) pooled.transport.close();
    }
  }

  onModuleDestroy(): void {
    this.closed = true;
    this.pooled?.transport.close();
    this.pooled = null;
  }

  /**
   * The pooled transport for `smtpUrl`. When the URL in force changes (Settings → Email), a new
   * pool is opened; the old one is closed once the sends it has already taken end, since closing
   * a pool fails the messages still waiting in it.
   */
  private transport(smtpUrl: string): PooledTransport {
    // a job still running while the app shuts down gets a transport of its own, which its send
    // closes when done (it is not `this.pooled`), so no connection outlives the app
    if (this.closed)
      return {
        inFlight: 0,
        smtpUrl,
        transport: createTransport({ url: smtpUrl, ...TRANSPORT_TIMEOUTS }),
      };
    if (this.pooled?.smtpUrl === smtpUrl) return this.pooled;
    const previous = this.pooled;
    this.pooled = {
      inFlight: 0,
      smtpUrl,
      transport: createTransport({ url: smtpUrl, ...POOL, ...TRANSPORT_TIMEOUTS }),
    };
    if (previous && previous.inFlight === 0) previous.transport.close();
    return this.pooled;
  }
}

interface PooledTransport {
  smtpUrl: string;
  transport: Transporter;
  /** Sends handed to this transport that have not ended yet. */
  inFlight: number;
}

/** A bare address is sent with the MSP's name, so inboxes show who it is from. */
function sender(delivery: EmailDelivery, mspName: string): { name: string; address: string } {
  const mailbox = parseMailbox(delivery.from) ?? { address: delivery.from, name: null };
  return { address: mailbox.address, name: mailbox.name ?? mspName };
}

/** The server's own reply when it gave one ("550 5.1.1 Mailbox unavailable"), else the error. */
function deliveryErrorText(error: unknown): string {
  const smtp = error as { response?: unknown; message?: unknown };
  if (typeof smtp.response === 'string' && smtp.response) return smtp.response;
  return typeof smtp.message === 'string' ? smtp.message : String(error);
}
