import {
  buildPaymentMethod,
  type Charge,
  type Customer,
  type Dispute,
  type PaymentIntent,
  type PaymentMethod,
  type Refund,
  type SetupIntent,
  type StripeEvent,
  type StripeObject,
} from './objects';
import { testBehaviour, type TestBehaviour } from './test-payment-methods';

/** What an `Idempotency-Key` is bound to; `response` stays empty while the first request runs. */
export interface IdempotencyRecord {
  method: string;
  path: string;
  /** Canonical form of the parsed params, so key order in the form body does not matter. */
  params: string;
  response?: { status: number; body: unknown };
}

/** The fake's whole state: plain in-memory maps, one fake per test file, nothing persisted. */
export class Store {
  readonly customers = new Map<string, Customer>();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  /** Kept beside the wire object because real PaymentMethods do not expose their test behaviour. */
  readonly behaviours = new Map<string, TestBehaviour>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly setupIntents = new Map<string, SetupIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly disputes = new Map<string, Dispute>();
  readonly events: StripeEvent[] = [];
  readonly idempotency = new Map<string, IdempotencyRecord>();
  paymentIntentsCreated = 0;

  /**
   * Well-known test ids (`pm_card_visa`) are materialised on first use under their literal id, so
   * they can be retrieved, attached or charged like any other PaymentMethod.
   */
  paymentMethod(id: string): PaymentMethod | undefined {
    const stored = this.paymentMethods.get(id);
    if (stored) return stored;
    const behaviour = testBehaviour(id);
    if (!behaviour) return undefined;
    const pm = buildPaymentMethod(id, behaviour);
    this.paymentMethods.set(id, pm);
    this.behaviours.set(id, behaviour);
    return pm;
  }

  behaviourOf(pmId: string): TestBehaviour {
    const behaviour = this.behaviours.get(pmId);
    if (!behaviour) throw new Error(`fake-stripe: no test behaviour for ${pmId}`);
    return behaviour;
  }

  /** Lookup by id prefix, for `expand[]`. */
  find(id: string): StripeObject | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    switch (prefix) {
      case 'cus':
        return this.customers.get(id);
      case 'pm':
        return this.paymentMethod(id);
      case 'pi':
        return this.paymentIntents.get(id);
      case 'seti':
        return this.setupIntents.get(id);
      case 'ch':
        return this.charges.get(id);
      case 're':
        return this.refunds.get(id);
      case 'dp':
        return this.disputes.get(id);
      default:
        return undefined;
    }
  }
}
