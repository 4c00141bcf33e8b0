import {
  buildCharge,
  buildDispute,
  buildPaymentIntent,
  buildRefund,
  snapshot,
  unixNow,
  type Charge,
  type PaymentError,
  type PaymentIntent,
  type PaymentMethod,
} from './objects';
import { cloneTestPaymentMethod, customerOr404, expandList, paymentMethodOr404 } from './resources';
import type { Effects, RequestContext } from './router';
import { AUTHENTICATION_REQUIRED, type CardDecline } from './test-payment-methods';
import {
  docUrl,
  expand,
  invalidRequest,
  matchesCreated,
  metadataParam,
  optionalBoolean,
  optionalString,
  paginate,
  positiveInteger,
  resourceMissing,
  stringArray,
  StripeHttpError,
} from './wire';

/** The PaymentIntent state machine (integrations.md 6.3), refunds, and bank-debit settlement. */

function paymentIntentOr404(ctx: RequestContext, id: string, param = 'id'): PaymentIntent {
  const pi = ctx.store.paymentIntents.get(id);
  if (!pi) throw resourceMissing('payment_intent', id, param);
  return pi;
}

export function createPaymentIntent(ctx: RequestContext): unknown {
  const { params, store } = ctx;
  // All validation happens before anything is stored: a 400 must leave no trace, like Stripe's.
  const amount = positiveInteger(params, 'amount');
  const currency = optionalString(params, 'currency');
  if (currency === null) throw invalidRequest('Missing required param: currency.', 'currency');
  const customerId = optionalString(params, 'customer');
  if (customerId !== null) customerOr404(ctx, customerId, 'customer');
  const confirm = optionalBoolean(params, 'confirm');
  const offSession = optionalBoolean(params, 'off_session');
  if (offSession && !confirm) {
    throw invalidRequest(
      'You can only use `off_session` when `confirm` is set to true.',
      'confirm',
    );
  }
  const pmId = optionalString(params, 'payment_method');
  if (confirm && pmId === null) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. Specify a payment method attached to the customer along with the customer ID.",
      'payment_method',
    );
  }
  if (offSession && customerId === null) {
    throw invalidRequest(
      'A customer is required to charge a saved payment method off-session.',
      'customer',
    );
  }
  const source = pmId === null ? null : paymentMethodOr404(ctx, pmId, 'payment_method');
  // stripe@23 (API 2026-09-30 onwards) renamed the create param; older SDKs send the old name.
  const allowed = stringArray(params, 'allowed_payment_method_types');
  const requestedTypes = allowed.length > 0 ? allowed : stringArray(params, 'payment_method_types');
  const types = requestedTypes.length > 0 ? requestedTypes : [source?.type ?? 'card'];
  if (source) checkPaymentMethodUsable(source, customerId, types);

  // Charging a well-known test id directly uses a one-off clone, as real test mode does.
  const pm = source && source.customer === null ? cloneTestPaymentMethod(ctx, source.id) : source;
  const pi = buildPaymentIntent({
    amount,
    currency: currency.toLowerCase(),
    customer: customerId,
    description: optionalString(params, 'description'),
    metadata: metadataParam(params),
    paymentMethod: pm?.id ?? null,
    allowedPaymentMethodTypes: requestedTypes.length > 0 ? requestedTypes : null,
    paymentMethodTypes: types,
    receiptEmail: optionalString(params, 'receipt_email'),
    statementDescriptor: optionalString(params, 'statement_descriptor'),
  });
  store.paymentIntents.set(pi.id, pi);
  store.paymentIntentsCreated += 1;
  ctx.emit('payment_intent.created', pi);
  if (confirm && pm) confirmPaymentIntent(ctx, pi, pm, offSession);
  return expand(pi, params, store);
}

function checkPaymentMethodUsable(
  pm: PaymentMethod,
  customerId: string | null,
  types: string[],
): void {
  if (!types.includes(pm.type)) {
    throw invalidRequest(
      `The PaymentMethod provided (${pm.type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${types.join(', ')}.`,
      'payment_method',
    );
  }
  if (pm.customer !== null && pm.customer !== customerId) {
    throw invalidRequest(
      `The provided PaymentMethod ${pm.id} belongs to a different Customer than the one on this PaymentIntent (or none was given). Pass the customer ID the PaymentMethod is attached to.`,
      'customer',
    );
  }
}

export function getPaymentIntent(ctx: RequestContext, id: string): unknown {
  return expand(paymentIntentOr404(ctx, id), ctx.params, ctx.store);
}

export function listPaymentIntents(ctx: RequestContext): unknown {
  const customer = optionalString(ctx.params, 'customer');
  const intents = [...ctx.store.paymentIntents.values()]
    .filter(
      (pi) =>
        (customer === null || pi.customer === customer) && matchesCreated(pi.created, ctx.params),
    )
    .reverse();
  return expandList(ctx, paginate(intents, ctx.params, '/v1/payment_intents'));
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation'];

export function confirmPaymentIntentRoute(ctx: RequestContext, id: string): unknown {
  const pi = paymentIntentOr404(ctx, id);
  if (!CONFIRMABLE.includes(pi.status)) {
    throw invalidRequest(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  }
  const pmId = optionalString(ctx.params, 'payment_method') ?? pi.payment_method;
  if (pmId === null) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method.",
      'payment_method',
    );
  }
  const source = paymentMethodOr404(ctx, pmId, 'payment_method');
  checkPaymentMethodUsable(source, pi.customer, pi.payment_method_types);
  const pm = source.customer === null ? cloneTestPaymentMethod(ctx, source.id) : source;
  confirmPaymentIntent(ctx, pi, pm, optionalBoolean(ctx.params, 'off_session'));
  return expand(pi, ctx.params, ctx.store);
}

/** Runs the attempt; card declines throw the 402 after the failed PI and charge are stored. */
function confirmPaymentIntent(
  ctx: RequestContext,
  pi: PaymentIntent,
  pm: PaymentMethod,
  offSession: boolean,
): void {
  const behaviour = ctx.store.behaviourOf(pm.id);
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  pi.next_action = null;

  if (behaviour.type === 'us_bank_account') {
    // A delayed-notification method: the outcome arrives later, via settleBankDebits().
    const charge = newCharge(ctx, pi, pm);
    pi.status = 'processing';
    ctx.emit('payment_intent.processing', pi);
    ctx.emit('charge.pending', charge);
    return;
  }

  if (behaviour.requiresAuthentication && !offSession) {
    pi.status = 'requires_action';
    pi.next_action = threeDSecureAction(pi);
    ctx.emit('payment_intent.requires_action', pi);
    return;
  }

  const charge = newCharge(ctx, pi, pm);
  const decline =
    behaviour.decline ?? (behaviour.requiresAuthentication ? AUTHENTICATION_REQUIRED : undefined);
  if (!decline) {
    succeed(ctx, pi, charge);
    return;
  }
  charge.status = 'failed';
  charge.failure_code = decline.code;
  charge.failure_message = decline.message;
  charge.outcome = {
    network_status: 'declined_by_network',
    reason: decline.declineCode,
    risk_level: 'normal',
    seller_message: 'The bank did not return any further details with this decline.',
    type: 'issuer_declined',
  };
  const error = cardError(decline, charge, pm);
  pi.last_payment_error = error;
  pi.status = behaviour.requiresAuthentication
    ? ctx.config.authenticationRequiredStatus
    : 'requires_payment_method';
  if (pi.status === 'requires_action') pi.next_action = threeDSecureAction(pi);
  ctx.emit('payment_intent.payment_failed', pi);
  ctx.emit('charge.failed', charge);
  throw new StripeHttpError(402, { ...error, payment_intent: snapshot(pi) });
}

function newCharge(ctx: RequestContext, pi: PaymentIntent, pm: PaymentMethod): Charge {
  const charge = buildCharge(pi, pm);
  ctx.store.charges.set(charge.id, charge);
  pi.latest_charge = charge.id;
  return charge;
}

function cardError(decline: CardDecline, charge: Charge, pm: PaymentMethod): PaymentError {
  return {
    type: 'card_error',
    code: decline.code,
    decline_code: decline.declineCode,
    message: decline.message,
    charge: charge.id,
    doc_url: docUrl(decline.code),
    payment_method: snapshot(pm),
  };
}

function threeDSecureAction(pi: PaymentIntent): PaymentIntent['next_action'] {
  return {
    type: 'use_stripe_sdk',
    use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: `/__fake/3ds/${pi.id}` },
  };
}

function succeed(effects: Effects, pi: PaymentIntent, charge: Charge): void {
  charge.status = 'succeeded';
  charge.paid = true;
  charge.captured = true;
  charge.amount_captured = charge.amount;
  charge.outcome = {
    network_status: 'approved_by_network',
    reason: null,
    risk_level: 'normal',
    seller_message: 'Payment complete.',
    type: 'authorized',
  };
  pi.status = 'succeeded';
  pi.amount_received = pi.amount;
  effects.emit('payment_intent.succeeded', pi);
  effects.emit('charge.succeeded', charge);
}

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
];

export function cancelPaymentIntent(ctx: RequestContext, id: string): unknown {
  const pi = paymentIntentOr404(ctx, id);
  if (!CANCELABLE.includes(pi.status)) {
    throw invalidRequest(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  }
  pi.status = 'canceled';
  pi.canceled_at = unixNow();
  pi.cancellation_reason = optionalString(ctx.params, 'cancellation_reason');
  pi.next_action = null;
  ctx.emit('payment_intent.canceled', pi);
  return expand(pi, ctx.params, ctx.store);
}

/**
 * Resolves every bank debit still processing according to its test account, as if the ACH
 * network had answered. `pm_usBankAccount_processing` debits stay processing forever.
 */
export function settleBankDebits(effects: Effects): void {
  const { store } = effects;
  for (const pi of store.paymentIntents.values()) {
    if (pi.status !== 'processing' || !pi.payment_method || !pi.latest_charge) continue;
    const behaviour = store.behaviourOf(pi.payment_method);
    const charge = store.charges.get(pi.latest_charge)!;
    if (behaviour.type !== 'us_bank_account') continue;
    const { settlement } = behaviour;
    switch (settlement.outcome) {
      case 'stay_processing':
        break;
      case 'succeed':
        succeed(effects, pi, charge);
        break;
      case 'dispute': {
        succeed(effects, pi, charge);
        // A late bank return after success surfaces as a dispute (integrations.md 5.1).
        const dispute = buildDispute(charge, 'insufficient_funds', effects.config.achDisputeStatus);
        store.disputes.set(dispute.id, dispute);
        charge.disputed = true;
        effects.emit('charge.dispute.created', dispute);
        break;
      }
      case 'fail':
        charge.status = 'failed';
        charge.failure_code = settlement.failureCode;
        charge.failure_message = settlement.message;
        charge.outcome = {
          network_status: 'declined_by_network',
          reason: settlement.failureCode,
          risk_level: 'not_assessed',
          seller_message: settlement.message,
          type: 'issuer_declined',
        };
        pi.status = 'requires_payment_method';
        // The error `type` Stripe uses for bank-debit failures is unverified; card_error is a guess.
        pi.last_payment_error = {
          type: 'card_error',
          code: settlement.failureCode,
          message: settlement.message,
          charge: charge.id,
          doc_url: docUrl(settlement.failureCode),
          payment_method: snapshot(store.paymentMethod(pi.payment_method)!),
        };
        effects.emit('payment_intent.payment_failed', pi);
        effects.emit('charge.failed', charge);
        break;
    }
  }
}

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

export function createRefund(ctx: RequestContext): unknown {
  const { params, store } = ctx;
  const charge = refundableCharge(ctx);
  const remaining = charge.amount - charge.amount_refunded;
  const amount = params.amount === undefined ? remaining : positiveInteger(params, 'amount');
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount ($${dollars(amount)}) is greater than unrefunded amount on charge ($${dollars(remaining)})`,
      'amount',
      'amount_too_large',
    );
  }
  const reason = optionalString(params, 'reason');
  if (reason !== null && !REFUND_REASONS.includes(reason)) {
    throw invalidRequest(`Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`, 'reason');
  }
  const refund = buildRefund(charge, amount, reason, metadataParam(params));
  store.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  ctx.emit('charge.refunded', charge, previous);
  return expand(refund, params, store);
}

function refundableCharge(ctx: RequestContext): Charge {
  const chargeId = optionalString(ctx.params, 'charge');
  const piId = optionalString(ctx.params, 'payment_intent');
  let charge: Charge | undefined;
  if (chargeId !== null) {
    charge = ctx.store.charges.get(chargeId);
    if (!charge) throw resourceMissing('charge', chargeId, 'charge');
  } else if (piId !== null) {
    const pi = paymentIntentOr404(ctx, piId, 'payment_intent');
    charge = pi.latest_charge ? ctx.store.charges.get(pi.latest_charge) : undefined;
    if (!charge) {
      throw invalidRequest(
        `This PaymentIntent (${piId}) does not have a successful charge to refund.`,
        'payment_intent',
      );
    }
  } else {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
    );
  }
  if (charge.status !== 'succeeded') {
    throw invalidRequest(
      `Charge ${charge.id} has a status of ${charge.status} and cannot be refunded.`,
      undefined,
      'charge_not_refundable',
    );
  }
  if (charge.disputed) {
    throw invalidRequest(
      `Charge ${charge.id} has been charged back; cannot issue a refund.`,
      undefined,
      'charge_disputed',
    );
  }
  if (charge.refunded) {
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  }
  return charge;
}

function dollars(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function getRefund(ctx: RequestContext, id: string): unknown {
  const refund = ctx.store.refunds.get(id);
  if (!refund) throw resourceMissing('refund', id);
  return expand(refund, ctx.params, ctx.store);
}
