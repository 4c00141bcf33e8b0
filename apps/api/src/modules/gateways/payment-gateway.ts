import { PaymentMethodKind } from '@settle/domain';

export const GATEWAY_NAMES = ['sandbox', 'stripe'] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

export interface TokenizedMethod {
  gatewayRef: string;
  gatewayCustomerRef: string | null;
  type: PaymentMethodKind;
  brand: string;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
}

/** What the browser needs to collect a card in the gateway's own fields (Stripe Elements). */
export interface HostedSetup {
  clientSecret: string;
  publishableKey: string;
  /** The organization's customer at the gateway, created for this setup when it had none. */
  gatewayCustomerRef: string;
}

export interface ChargeRequest {
  /** Derived from our attempt row; the same key always asks about the same charge. */
  idempotencyKey: string;
  amount: number;
  currency: string;
  paymentMethodRef: string;
  customerRef: string | null;
  type: PaymentMethodKind;
  description: string;
  metadata: { settle_payment_id: string; settle_attempt: string };
}

/** What the gateway said about a charge. `processing` is a bank debit waiting to settle. */
export type ChargeOutcome =
  | { status: 'succeeded'; gatewayRef: string }
  | { status: 'processing'; gatewayRef: string }
  | { status: 'failed'; gatewayRef: string | null; code: string; message: string };

/** Where a submitted bank debit stands now. */
export type SettlementStatus =
  | { status: 'processing' }
  | { status: 'succeeded' }
  | { status: 'returned'; returnCode: string; message: string };

export interface RefundRequest {
  idempotencyKey: string;
  gatewayPaymentRef: string;
  amount: number;
}

export type RefundOutcome =
  { status: 'succeeded'; gatewayRef: string } | { status: 'failed'; message: string };

/**
 * The gateway did not answer, or answered a 5xx: the charge may or may not exist. The caller
 * must ask again with the same idempotency key before doing anything else.
 */
export class GatewayUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * The token or request was refused outright (unknown token, bad parameters). `field` names the
 * request field at fault when it is not the token.
 */
export class GatewayRejectedError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field: 'token' | 'setupIntentId' = 'token',
  ) {
    super(message);
  }
}

/** The gateway has no such feature (the sandbox has no hosted card fields). */
export class GatewayFeatureUnavailableError extends Error {}

/** A charge as the gateway lists it (minor units). */
export interface GatewayCharge {
  /** The charge's own id (Stripe ch_…, the sandbox charge id). */
  id: string;
  /** What Settle stores as a payment's gatewayPaymentRef: Stripe's PaymentIntent, the sandbox charge id. */
  paymentRef: string;
  /** The gateway's customer charged (Stripe cus_…), when the charge names one. */
  customerRef: string | null;
  amount: number;
  amountRefunded: number;
  currency: string;
  createdAt: Date;
  /** `pending`: a bank debit not settled yet; `failed` moved no money. */
  status: 'succeeded' | 'pending' | 'failed';
  /** Taken back after it succeeded: a bank debit returned, a card charge disputed. */
  reversed: boolean;
}

export interface PaymentGateway {
  readonly name: GatewayName;
  tokenize(input: {
    token: string;
    organization: { id: string; name: string };
    customerRef: string | null;
    /**
     * The SetupIntent the browser confirmed for this token: the token is stored only if that
     * setup succeeded, for this customer, with this very method.
     */
    setupIntentRef?: string | null;
  }): Promise<TokenizedMethod>;
  /** Starts collecting a method in the gateway's hosted fields (Stripe: a SetupIntent). */
  startHostedSetup(input: {
    organization: { id: string; name: string };
    customerRef: string | null;
  }): Promise<HostedSetup>;
  /** Idempotent on `idempotencyKey`: asking again returns the first charge's outcome. */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  settlement(gatewayPaymentRef: string): Promise<SettlementStatus>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
  /** The charges created from `from` to `to` (inclusive), a page at a time, newest first. */
  listCharges(window: { from: Date; to: Date }): AsyncIterable<GatewayCharge[]>;
}
