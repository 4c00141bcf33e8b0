import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stripeFailureToReturnCode } from '@settle/domain';
import { DataSource } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { StripeGateway } from '../gateways/stripe/stripe.gateway';
import { PaymentRunnerService } from './payment-runner.service';

/**
 * Stripe's asynchronous outcomes: bank debits settling or failing, and disputes (late ACH
 * returns). Each event is stored once by id; the payment is then moved only if it is still in
 * the state the event changes, so duplicates and out-of-order deliveries are harmless.
 */
@Injectable()
export class StripeWebhooksService {
  private readonly logger = new Logger(StripeWebhooksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stripe: StripeGateway,
    private readonly runner: PaymentRunnerService,
  ) {}

  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<{ received: true }> {
    if (!rawBody || !signature)
      throw AppException.invalidField('Stripe-Signature', 'is required on webhook deliveries');
    let event;
    try {
      event = await this.stripe.verifyWebhook(rawBody, signature);
    } catch (error) {
      this.logger.warn({ err: error }, 'Refused a Stripe webhook');
      throw AppException.invalidField(
        'Stripe-Signature',
        'does not match the payload, or is too old',
      );
    }
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO gateway_events (gateway, event_id, type, payload) VALUES ('stripe', $1, $2, $3)
       ON CONFLICT (gateway, event_id) DO NOTHING RETURNING id`,
      [event.id, event.type, JSON.stringify(event)],
    );
    if (inserted.length === 0) return { received: true };
    const object = event.data.object as unknown as Record<string, unknown>;
    switch (event.type) {
      case 'payment_intent.succeeded':
        await this.forIntent(object, (id) => this.runner.applySettled(id));
        break;
      case 'payment_intent.payment_failed': {
        const error = object.last_payment_error as { code?: string; message?: string } | null;
        const code = error?.code ?? 'unknown';
        await this.forIntent(object, (id) =>
          this.runner.applyReturn(
            id,
            stripeFailureToReturnCode(code) ?? 'R01',
            error?.message ?? code,
          ),
        );
        break;
      }
      case 'charge.dispute.created':
        await this.forIntent(
          { id: object.payment_intent, metadata: {} },
          (id) =>
            this.runner.applyReturn(id, 'R10', 'Disputed by the account holder after settlement'),
          false,
        );
        break;
      default:
        break;
    }
    return { received: true };
  }

  /**
   * Finds our payment by the id we put in metadata, or by the PaymentIntent id. Intent events
   * only move bank debits already submitted: a card's answer comes back on the charge request.
   */
  private async forIntent(
    intent: Record<string, unknown>,
    apply: (paymentId: string) => Promise<void>,
    onlySubmittedDebits = true,
  ): Promise<void> {
    const metadata = (intent.metadata ?? {}) as Record<string, string>;
    const [row] = await this.dataSource.query(
      `SELECT p.id FROM payments p
        WHERE p.gateway = 'stripe' AND (p.id::text = $1 OR p.gateway_payment_ref = $2)
          AND (NOT $3 OR EXISTS (SELECT 1 FROM payment_attempts a WHERE a.payment_id = p.id AND a.state = 'processing'))
        LIMIT 1`,
      [metadata.settle_payment_id ?? '', intent.id ?? '', onlySubmittedDebits],
    );
    if (row) await apply(row.id);
  }
}
