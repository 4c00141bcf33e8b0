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

/** The token or request was refused outright (unknown token, bad parameters). */
export class GatewayRejectedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface PaymentGateway {
  readonly name: GatewayName;
  tokenize(input: {
    token: string;
    organization: { id: string; name: string };
    customerRef: string | null;
  }): Promise<TokenizedMethod>;
  /** Idempotent on `idempotencyKey`: asking again returns the first charge's outcome. */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  settlement(gatewayPaymentRef: string): Promise<SettlementStatus>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
}
