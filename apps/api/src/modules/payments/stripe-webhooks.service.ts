import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stripeFailureToReturnCode } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { StripeGateway } from '../gateways';
import { SettingsService } from '../settings';
import { GatewayEventsRepository } from './gateway-events.repository';
import { PaymentRunnerService } from './payment-runner.service';
import { PaymentsRepository } from './payments.repository';

/**
 * Stripe's asynchronous outcomes: bank debits settling or failing, and disputes (late ACH
 * returns). Each event is stored and applied in one transaction: if applying fails, nothing is
 * stored, Stripe gets a 500 and delivers again. A stored event is a duplicate and changes
 * nothing; the payment only moves from the state the event changes, so order does not matter.
 */
@Injectable()
export class StripeWebhooksService {
  private readonly logger = new Logger(StripeWebhooksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stripe: StripeGateway,
    private readonly events: GatewayEventsRepository,
    private readonly payments: PaymentsRepository,
    private readonly runner: PaymentRunnerService,
    private readonly settings: SettingsService,
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
    const { today } = await this.settings.mspCalendar();
    const object = event.data.object as unknown as Record<string, unknown>;
    await this.dataSource.transaction(async (manager) => {
      const stored = await this.events.insertOnce(manager, {
        eventId: event.id,
        gateway: 'stripe',
        payload: event as unknown as Record<string, unknown>,
        type: event.type,
      });
      if (!stored) return;
      switch (event.type) {
        case 'payment_intent.succeeded':
          return this.forIntent(manager, object, true, (id) =>
            this.runner.applySettledIn(manager, id),
          );
        case 'payment_intent.payment_failed': {
          const error = object.last_payment_error as { code?: string; message?: string } | null;
          const code = error?.code ?? 'unknown';
          return this.forIntent(manager, object, true, (id) =>
            this.runner.applyReturnIn(manager, id, {
              message: error?.message ?? code,
              returnCode: stripeFailureToReturnCode(code) ?? 'R01',
              today,
            }),
          );
        }
        case 'charge.dispute.created':
          return this.forIntent(manager, { id: object.payment_intent, metadata: {} }, false, (id) =>
            this.runner.applyReturnIn(manager, id, {
              message: 'Disputed by the account holder after settlement',
              returnCode: 'R10',
              today,
            }),
          );
        default:
          return;
      }
    });
    return { received: true };
  }

  /**
   * Finds our payment by the id we put in metadata, or by the PaymentIntent id. Intent events
   * only move bank debits already submitted: a card's answer comes back on the charge request.
   */
  private async forIntent(
    manager: EntityManager,
    intent: Record<string, unknown>,
    submittedDebitsOnly: boolean,
    apply: (paymentId: string) => Promise<void>,
  ): Promise<void> {
    const metadata = (intent.metadata ?? {}) as Record<string, string>;
    const paymentId = await this.payments.findStripePayment(
      manager,
      {
        intentId: typeof intent.id === 'string' ? intent.id : '',
        paymentId: metadata.settle_payment_id ?? '',
      },
      submittedDebitsOnly,
    );
    if (paymentId) await apply(paymentId);
  }
}
