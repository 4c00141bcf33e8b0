import { createHash, randomBytes } from 'node:crypto';
import type { TestBehaviour } from './test-payment-methods';

/**
 * Wire shapes of the Stripe objects the fake stores, and builders for them. Field names follow the
 * real API (snake_case) because these objects are serialised as-is; only the fields our product
 * code or the SDK's types care about are filled, the rest are fixed at Stripe's defaults.
 */

export type Metadata = Record<string, string>;

export interface Customer {
  id: string;
  object: 'customer';
  address: null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: string | null;
    footer: null;
    rendering_options: null;
  };
  livemode: false;
  metadata: Metadata;
  name: string | null;
  phone: string | null;
  preferred_locales: string[];
  tax_exempt: 'none';
}

export interface CardDetails {
  brand: string;
  checks: { address_line1_check: null; address_postal_code_check: null; cvc_check: string };
  country: string;
  display_brand: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  funding: string;
  generated_from: null;
  last4: string;
  networks: { available: string[]; preferred: null };
  three_d_secure_usage: { supported: boolean };
  wallet: null;
}

export interface BankAccountDetails {
  account_holder_type: 'company';
  account_type: 'checking';
  bank_name: string;
  financial_connections_account: null;
  fingerprint: string;
  last4: string;
  networks: { preferred: 'ach'; supported: string[] };
  routing_number: string;
  status_details: null;
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  allow_redisplay: 'unspecified';
  billing_details: {
    address: null;
    email: string | null;
    name: string | null;
    phone: string | null;
  };
  card?: CardDetails;
  created: number;
  customer: string | null;
  livemode: false;
  metadata: Metadata;
  type: 'card' | 'us_bank_account';
  us_bank_account?: BankAccountDetails;
}

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export interface PaymentError {
  type: string;
  code: string;
  decline_code?: string;
  message: string;
  charge?: string;
  doc_url: string;
  param?: string;
  payment_method?: PaymentMethod;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  /** What the request allowed (stripe@23 sends `allowed_payment_method_types[]`); null if unsent. */
  allowed_payment_method_types: string[] | null;
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  excluded_payment_method_types: null;
  last_payment_error: PaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  next_action: { type: string; [key: string]: unknown } | null;
  payment_method: string | null;
  payment_method_types: string[];
  processing: null;
  receipt_email: string | null;
  setup_future_usage: null;
  statement_descriptor: string | null;
  status: PaymentIntentStatus;
}

export type SetupIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'canceled'
  | 'succeeded';

export interface SetupIntent {
  id: string;
  object: 'setup_intent';
  allowed_payment_method_types: string[] | null;
  application: null;
  automatic_payment_methods: null;
  cancellation_reason: string | null;
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  excluded_payment_method_types: null;
  flow_directions: null;
  last_setup_error: PaymentError | null;
  /** A `setatt_…` id once confirmed; the SetupAttempt object itself is not modelled. */
  latest_attempt: string | null;
  livemode: false;
  mandate: string | null;
  metadata: Metadata;
  next_action: { type: string; [key: string]: unknown } | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_types: string[];
  single_use_mandate: null;
  status: SetupIntentStatus;
  usage: string;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: null;
  billing_details: PaymentMethod['billing_details'];
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Metadata;
  outcome: {
    network_status: string;
    reason: string | null;
    risk_level: string;
    seller_message: string;
    type: string;
  } | null;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: Record<string, unknown>;
  refunded: boolean;
  status: 'succeeded' | 'pending' | 'failed';
}

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
}

export interface Dispute {
  id: string;
  object: 'dispute';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  evidence: Record<string, unknown>;
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Metadata;
  payment_intent: string;
  payment_method_details: { type: string };
  reason: string;
  status: string;
}

export type StripeObject =
  Customer | PaymentMethod | PaymentIntent | SetupIntent | Charge | Refund | Dispute;

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface ListEnvelope<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Stripe-looking ids (`pi_3Qx…`, 24 base-62 characters) so prefix-sniffing code behaves. */
export function newId(prefix: string, length = 24): string {
  let body = '';
  for (const byte of randomBytes(length)) body += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${body}`;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Real fingerprints are stable per card/account number; derive one from the test id's number. */
function fingerprint(seed: string): string {
  return createHash('sha256').update(seed).digest('base64').replace(/\W/g, '').slice(0, 16);
}

/** Deep copy, so stored objects never alias what a response or an event snapshot carries. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}

export function buildCustomer(fields: {
  name: string | null;
  email: string | null;
  description: string | null;
  phone: string | null;
  metadata: Metadata;
}): Customer {
  return {
    id: newId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: unixNow(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: fields.description,
    email: fields.email,
    invoice_prefix: newId('X', 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: fields.metadata,
    name: fields.name,
    phone: fields.phone,
    preferred_locales: [],
    tax_exempt: 'none',
  };
}

export function buildPaymentMethod(id: string, behaviour: TestBehaviour): PaymentMethod {
  const pm: PaymentMethod = {
    id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: null, email: null, name: null, phone: null },
    created: unixNow(),
    customer: null,
    livemode: false,
    metadata: {},
    type: behaviour.type,
  };
  if (behaviour.type === 'card') {
    pm.card = {
      brand: behaviour.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: behaviour.brand,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 2,
      fingerprint: fingerprint(`card-${behaviour.brand}-${behaviour.last4}`),
      funding: behaviour.funding,
      generated_from: null,
      last4: behaviour.last4,
      networks: { available: [behaviour.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    };
  } else {
    pm.billing_details.name = 'Test Account Holder';
    pm.us_bank_account = {
      account_holder_type: 'company',
      account_type: 'checking',
      bank_name: 'STRIPE TEST BANK',
      financial_connections_account: null,
      fingerprint: fingerprint(`bank-${behaviour.last4}`),
      last4: behaviour.last4,
      networks: { preferred: 'ach', supported: ['ach'] },
      routing_number: '110000000',
      status_details: null,
    };
  }
  return pm;
}

export function buildPaymentIntent(fields: {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  paymentMethod: string | null;
  allowedPaymentMethodTypes: string[] | null;
  paymentMethodTypes: string[];
  receiptEmail: string | null;
  statementDescriptor: string | null;
}): PaymentIntent {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: fields.allowedPaymentMethodTypes,
    amount: fields.amount,
    amount_capturable: 0,
    amount_received: 0,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${newId('x').slice(2)}`,
    confirmation_method: 'automatic',
    created: unixNow(),
    currency: fields.currency,
    customer: fields.customer,
    description: fields.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: fields.metadata,
    next_action: null,
    payment_method: fields.paymentMethod,
    payment_method_types: fields.paymentMethodTypes,
    processing: null,
    receipt_email: fields.receiptEmail,
    setup_future_usage: null,
    statement_descriptor: fields.statementDescriptor,
    status: fields.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
  };
}

export function buildSetupIntent(fields: {
  allowedPaymentMethodTypes: string[] | null;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  paymentMethod: string | null;
  paymentMethodTypes: string[];
  usage: string;
}): SetupIntent {
  const id = newId('seti');
  return {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: fields.allowedPaymentMethodTypes,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId('x').slice(2)}`,
    created: unixNow(),
    customer: fields.customer,
    description: fields.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: fields.paymentMethod,
    payment_method_types: fields.paymentMethodTypes,
    single_use_mandate: null,
    status: fields.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    usage: fields.usage,
  };
}

/** A charge starts pending; the confirm/settle logic moves it to its final state. */
export function buildCharge(pi: PaymentIntent, pm: PaymentMethod): Charge {
  const details: Record<string, unknown> =
    pm.type === 'card'
      ? {
          type: 'card',
          card: {
            brand: pm.card!.brand,
            checks: pm.card!.checks,
            country: pm.card!.country,
            exp_month: pm.card!.exp_month,
            exp_year: pm.card!.exp_year,
            fingerprint: pm.card!.fingerprint,
            funding: pm.card!.funding,
            last4: pm.card!.last4,
            network: pm.card!.brand,
          },
        }
      : {
          type: 'us_bank_account',
          us_bank_account: {
            account_holder_type: pm.us_bank_account!.account_holder_type,
            account_type: pm.us_bank_account!.account_type,
            bank_name: pm.us_bank_account!.bank_name,
            fingerprint: pm.us_bank_account!.fingerprint,
            last4: pm.us_bank_account!.last4,
            routing_number: pm.us_bank_account!.routing_number,
          },
        };
  return {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: snapshot(pm.billing_details),
    captured: false,
    created: unixNow(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: snapshot(pi.metadata),
    outcome: null,
    paid: false,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: details,
    refunded: false,
    status: 'pending',
  };
}

export function buildRefund(
  charge: Charge,
  amount: number,
  reason: string | null,
  metadata: Metadata,
): Refund {
  return {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    metadata,
    payment_intent: charge.payment_intent,
    reason,
    status: 'succeeded',
  };
}

export function buildDispute(charge: Charge, reason: string, status: string): Dispute {
  return {
    id: newId('dp'),
    object: 'dispute',
    amount: charge.amount,
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    evidence: {},
    // ACH disputes are final and cannot be contested (integrations.md 5.1).
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: { type: 'us_bank_account' },
    reason,
    status,
  };
}

export function buildEvent(
  type: string,
  object: StripeObject,
  apiVersion: string,
  request: StripeEvent['request'],
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: apiVersion,
    created: unixNow(),
    data: previousAttributes
      ? { object: snapshot(object), previous_attributes: previousAttributes }
      : { object: snapshot(object) },
    livemode: false,
    pending_webhooks: 0,
    request,
    type,
  };
}

export function list<T>(data: T[], url: string, hasMore = false): ListEnvelope<T> {
  return { object: 'list', data, has_more: hasMore, url };
}
