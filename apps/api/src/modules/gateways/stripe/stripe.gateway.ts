import { Injectable, Logger } from '@nestjs/common';
import { stripeFailureToReturnCode } from '@settle/domain';
import Stripe from 'stripe';

import { AppConfig } from '../../../config/app-config';
import {
  ChargeOutcome,
  ChargeRequest,
  GatewayCharge,
  GatewayFeatureUnavailableError,
  GatewayRejectedError,
  GatewayUnavailableError,
  HostedSetup,
  PaymentGateway,
  RefundOutcome,
  RefundRequest,
  SettlementStatus,
  TokenizedMethod,
} from '../payment-gateway';
import { PaymentSettingsService } from '../payment-settings.service';

/** Card payments are answered within this; a slower answer is treated as unknown, then asked again. */
const STRIPE_TIMEOUT_MS = 20_000;

/**
 * Stripe through its official SDK: a Customer per organization, PaymentMethods attached to it,
 * off-session PaymentIntents for charges, Refunds. Our own idempotency keys go with every POST,
 * so asking again after a lost answer can never create a second charge.
 */
@Injectable()
export class StripeGateway implements PaymentGateway {
  readonly name = 'stripe' as const;
  private readonly logger = new Logger(StripeGateway.name);
  private client: { key: string; stripe: Stripe } | null = null;

  constructor(
    private readonly settings: PaymentSettingsService,
    private readonly config: AppConfig,
  ) {}

  async tokenize(input: {
    token: string;
    organization: { id: string; name: string };
    customerRef: string | null;
    setupIntentRef?: string | null;
  }): Promise<TokenizedMethod> {
    const stripe = await this.stripe();
    const method = input.setupIntentRef
      ? await this.confirmedSetupMethod(
          stripe,
          input.setupIntentRef,
          input.customerRef,
          input.token,
        )
      : await this.call(async () => {
          const customerRef = await this.customerFor(stripe, input.organization, input.customerRef);
          return stripe.paymentMethods.attach(input.token, { customer: customerRef });
        });
    const customerRef = typeof method.customer === 'string' ? method.customer : method.customer?.id;
    if (!customerRef)
      throw new GatewayRejectedError(
        'The payment method is not attached to a customer',
        'detached',
      );
    return describe(method, customerRef);
  }

  /**
   * A SetupIntent for the organization's customer (made now if it has none), for the browser to
   * confirm with Stripe.js: the card number goes from Stripe's fields to Stripe, never to us.
   * `usage: off_session` because saved methods are charged later, by AutoPay or a schedule.
   */
  async startHostedSetup(input: {
    organization: { id: string; name: string };
    customerRef: string | null;
  }): Promise<HostedSetup> {
    const { publishableKey } = (await this.settings.get()).stripe;
    if (!publishableKey)
      throw new GatewayFeatureUnavailableError(
        'Stripe is selected but no publishable key is set, so card fields cannot be shown',
      );
    const stripe = await this.stripe();
    return this.call(async () => {
      const customerRef = await this.customerFor(stripe, input.organization, input.customerRef);
      const intent = await stripe.setupIntents.create({
        allowed_payment_method_types: ['card'],
        customer: customerRef,
        metadata: { settle_organization_id: input.organization.id },
        usage: 'off_session',
      });
      if (!intent.client_secret)
        throw new GatewayUnavailableError('Stripe answered a SetupIntent without a client secret');
      return {
        clientSecret: intent.client_secret,
        gatewayCustomerRef: customerRef,
        publishableKey,
      };
    });
  }

  /**
   * The method a browser-confirmed SetupIntent saved, once it is sure the setup succeeded, for
   * this organization's customer and with this very method: a contact cannot bring another
   * customer's SetupIntent, nor an unconfirmed one, nor swap the method.
   */
  private async confirmedSetupMethod(
    stripe: Stripe,
    setupIntentRef: string,
    customerRef: string | null,
    token: string,
  ): Promise<Stripe.PaymentMethod> {
    const refuse = (message: string, code: string) =>
      new GatewayRejectedError(message, code, 'setupIntentId');
    if (!/^seti_[A-Za-z0-9]+$/.test(setupIntentRef))
      throw refuse('is not a Stripe SetupIntent id (seti_…)', 'invalid');
    const intent = await stripe.setupIntents
      .retrieve(setupIntentRef, { expand: ['payment_method'] })
      .catch((error: unknown) => {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
          throw refuse('is not a SetupIntent of this organization', 'resource_missing');
        throw this.translate(error);
      });
    const intentCustomer =
      typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
    if (!customerRef || intentCustomer !== customerRef)
      throw refuse('is not a SetupIntent of this organization', 'customer_mismatch');
    if (intent.status !== 'succeeded')
      throw refuse(
        `has not succeeded (status ${intent.status}); confirm the card with Stripe first`,
        'setup_incomplete',
      );
    const method = intent.payment_method;
    if (!method || typeof method === 'string' || method.id !== token)
      throw new GatewayRejectedError(
        'is not the payment method the SetupIntent saved',
        'payment_method_mismatch',
      );
    return method;
  }

  /** The organization's Stripe customer; the idempotency key makes racing callers share one. */
  private async customerFor(
    stripe: Stripe,
    organization: { id: string; name: string },
    customerRef: string | null,
  ): Promise<string> {
    if (customerRef) return customerRef;
    const customer = await stripe.customers.create(
      { metadata: { settle_organization_id: organization.id }, name: organization.name },
      { idempotencyKey: `settle-customer-${organization.id}` },
    );
    return customer.id;
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const stripe = await this.stripe();
    try {
      const intent = await stripe.paymentIntents.create(
        {
          amount: request.amount,
          confirm: true,
          currency: request.currency.toLowerCase(),
          customer: request.customerRef ?? undefined,
          description: request.description,
          metadata: request.metadata,
          off_session: true,
          payment_method: request.paymentMethodRef,
          allowed_payment_method_types: [request.type],
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status === 'succeeded') return { gatewayRef: intent.id, status: 'succeeded' };
      if (intent.status === 'processing') return { gatewayRef: intent.id, status: 'processing' };
      return {
        code: intent.last_payment_error?.code ?? intent.status,
        gatewayRef: intent.id,
        message: intent.last_payment_error?.message ?? `Payment needs ${intent.status}`,
        status: 'failed',
      };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        const raw = error.raw as { payment_intent?: { id?: string } } | undefined;
        return {
          code: error.decline_code ?? error.code ?? 'card_declined',
          gatewayRef: raw?.payment_intent?.id ?? null,
          message: error.message,
          status: 'failed',
        };
      }
      throw this.translate(error);
    }
  }

  async settlement(gatewayPaymentRef: string): Promise<SettlementStatus> {
    const stripe = await this.stripe();
    const intent = await this.call(() => stripe.paymentIntents.retrieve(gatewayPaymentRef));
    if (intent.status === 'succeeded') return { status: 'succeeded' };
    if (intent.status === 'processing') return { status: 'processing' };
    const code = intent.last_payment_error?.code ?? 'unknown';
    return {
      message: intent.last_payment_error?.message ?? `Bank debit failed: ${code}`,
      returnCode: stripeFailureToReturnCode(code) ?? 'R01',
      status: 'returned',
    };
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const stripe = await this.stripe();
    try {
      const refund = await stripe.refunds.create(
        { amount: request.amount, payment_intent: request.gatewayPaymentRef },
        { idempotencyKey: request.idempotencyKey },
      );
      return refund.status === 'failed' || refund.status === 'canceled'
        ? { message: refund.failure_reason ?? 'Refund failed', status: 'failed' }
        : { gatewayRef: refund.id, status: 'succeeded' };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError)
        return { message: error.message, status: 'failed' };
      throw this.translate(error);
    }
  }

  /** Verifies a webhook's signature over its raw bytes; throws when it does not match. */
  /**
   * Charges created in the window through the SDK's auto-pagination (`charges.list` with
   * `created[gte|lte]`, 100 a page, newest first).
   */
  async *listCharges(window: { from: Date; to: Date }): AsyncGenerator<GatewayCharge[]> {
    const stripe = await this.stripe();
    const list = stripe.charges.list({
      created: {
        gte: Math.floor(window.from.getTime() / 1000),
        lte: Math.floor(window.to.getTime() / 1000),
      },
      limit: 100,
    });
    let page: GatewayCharge[] = [];
    try {
      for await (const charge of list) {
        page.push(toGatewayCharge(charge));
        if (page.length === 100) {
          yield page;
          page = [];
        }
      }
    } catch (error) {
      throw this.translate(error);
    }
    if (page.length) yield page;
  }

  async verifyWebhook(rawBody: Buffer, signature: string): Promise<Stripe.Event> {
    const { webhookSecret } = (await this.settings.get()).stripe;
    if (!webhookSecret)
      throw new GatewayRejectedError('No Stripe webhook secret is set', 'not_configured');
    return Stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.translate(error);
    }
  }

  /**
   * Connection problems, timeouts and 5xx leave the outcome unknown; the rest are refusals. The
   * SDK raises a 409 (our earlier request with the key still in progress, say from a process
   * that died mid-call) as a StripeAPIError, so it too means "ask again later".
   */
  private translate(error: unknown): Error {
    if (
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError
    ) {
      this.logger.warn({ err: error }, 'Stripe did not answer clearly');
      return new GatewayUnavailableError(error.message, error);
    }
    if (error instanceof Stripe.errors.StripeError)
      return new GatewayRejectedError(error.message, error.code ?? error.type);
    return error instanceof Error ? error : new Error(String(error));
  }

  private async stripe(): Promise<Stripe> {
    const { secretKey } = (await this.settings.get()).stripe;
    if (!secretKey)
      throw new GatewayRejectedError(
        'Stripe is selected but no secret key is set',
        'not_configured',
      );
    if (this.client?.key === secretKey) return this.client.stripe;
    const base = this.config.env.STRIPE_API_BASE ? new URL(this.config.env.STRIPE_API_BASE) : null;
    const stripe = new Stripe(secretKey, {
      // Our own idempotency keys and reconciler decide about retries, not the SDK.
      maxNetworkRetries: 0,
      telemetry: false,
      timeout: STRIPE_TIMEOUT_MS,
      ...(base && {
        host: base.hostname,
        port: base.port || (base.protocol === 'http:' ? 80 : 443),
        protocol: base.protocol === 'http:' ? 'http' : 'https',
      }),
    });
    this.client = { key: secretKey, stripe };
    return stripe;
  }
}

/** Our view of a Stripe PaymentMethod attached to `customerRef`. */
function describe(method: Stripe.PaymentMethod, customerRef: string): TokenizedMethod {
  if (method.type === 'card' && method.card)
    return {
      brand: method.card.brand,
      expMonth: method.card.exp_month,
      expYear: method.card.exp_year,
      gatewayCustomerRef: customerRef,
      gatewayRef: method.id,
      last4: method.card.last4,
      type: 'card',
    };
  if (method.type === 'us_bank_account' && method.us_bank_account)
    return {
      brand: method.us_bank_account.bank_name ?? 'Bank account',
      expMonth: null,
      expYear: null,
      gatewayCustomerRef: customerRef,
      gatewayRef: method.id,
      last4: method.us_bank_account.last4 ?? '0000',
      type: 'us_bank_account',
    };
  throw new GatewayRejectedError(
    `payment method type ${method.type} is not supported`,
    'unsupported_type',
  );
}

function toGatewayCharge(charge: Stripe.Charge): GatewayCharge {
  const intent =
    typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  return {
    amount: charge.amount,
    amountRefunded: charge.amount_refunded,
    createdAt: new Date(charge.created * 1000),
    currency: charge.currency.toUpperCase(),
    customerRef:
      typeof charge.customer === 'string' ? charge.customer : (charge.customer?.id ?? null),
    id: charge.id,
    paymentRef: intent ?? charge.id,
    reversed: charge.disputed,
    status:
      charge.status === 'succeeded'
        ? 'succeeded'
        : charge.status === 'pending'
          ? 'pending'
          : 'failed',
  };
}
