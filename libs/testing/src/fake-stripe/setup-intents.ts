import {
  buildSetupIntent,
  newId,
  snapshot,
  type PaymentError,
  type PaymentMethod,
  type SetupIntent,
} from './objects';
import { cloneTestPaymentMethod, customerOr404, paymentMethodOr404 } from './resources';
import type { RequestContext } from './router';
import {
  docUrl,
  expand,
  invalidRequest,
  metadataParam,
  optionalBoolean,
  optionalString,
  resourceMissing,
  stringArray,
  StripeHttpError,
} from './wire';

/**
 * SetupIntents (integrations.md 5.1 and 6.3): save a method for later off-session charges without
 * charging it. The server creates one for a customer; the browser confirms it with Stripe.js
 * using the publishable key and the client secret; on success the method is attached to the
 * customer. Cards succeed (or decline, or need 3-D Secure); bank accounts wait for microdeposits.
 */

const MICRODEPOSIT_AMOUNTS = ['32', '45'];
const MICRODEPOSIT_DESCRIPTOR = 'SM11AA';
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/** A zero-amount authorisation does not test the balance: these cards still save. */
const SAVES_DESPITE_DECLINE = new Set(['insufficient_funds']);

/**
 * With the publishable key (what Stripe.js holds) a SetupIntent is reachable only with its
 * client secret; with the secret key, always. An unknown id and a wrong secret look the same.
 */
function setupIntentOr404(ctx: RequestContext, id: string): SetupIntent {
  const si = ctx.store.setupIntents.get(id);
  if (!si) throw resourceMissing('setupintent', id, 'intent');
  if (ctx.keyKind === 'publishable') {
    const secret = optionalString(ctx.params, 'client_secret');
    if (secret !== si.client_secret) throw resourceMissing('setupintent', id, 'intent');
  }
  return si;
}

export function createSetupIntent(ctx: RequestContext): unknown {
  const { params, store } = ctx;
  // Validate everything before storing anything, as for PaymentIntents.
  const customerId = optionalString(params, 'customer');
  if (customerId !== null) customerOr404(ctx, customerId, 'customer');
  const usage = optionalString(params, 'usage') ?? 'off_session';
  if (usage !== 'off_session' && usage !== 'on_session')
    throw invalidRequest(`Invalid usage: must be one of off_session or on_session`, 'usage');
  const allowed = stringArray(params, 'allowed_payment_method_types');
  const requested = allowed.length > 0 ? allowed : stringArray(params, 'payment_method_types');
  for (const type of requested)
    if (type !== 'card' && type !== 'us_bank_account')
      throw invalidRequest(
        `The payment method type "${type}" is invalid. Please ensure the provided type is activated in your dashboard.`,
        'payment_method_types',
      );
  const pmId = optionalString(params, 'payment_method');
  const source = pmId === null ? null : paymentMethodOr404(ctx, pmId, 'payment_method');
  const types = requested.length > 0 ? requested : [source?.type ?? 'card'];
  if (source) checkUsable(source, customerId, types);
  const confirm = optionalBoolean(params, 'confirm');
  if (confirm && source === null)
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method.",
      'payment_method',
    );

  const si = buildSetupIntent({
    allowedPaymentMethodTypes: requested.length > 0 ? requested : null,
    customer: customerId,
    description: optionalString(params, 'description'),
    metadata: metadataParam(params),
    paymentMethod: source?.id ?? null,
    paymentMethodTypes: types,
    usage,
  });
  store.setupIntents.set(si.id, si);
  ctx.emit('setup_intent.created', si);
  if (confirm && source) attemptSetup(ctx, si, source);
  return expand(si, params, store);
}

export function getSetupIntent(ctx: RequestContext, id: string): unknown {
  return expand(setupIntentOr404(ctx, id), ctx.params, ctx.store);
}

export function confirmSetupIntent(ctx: RequestContext, id: string): unknown {
  const si = setupIntentOr404(ctx, id);
  if (!CONFIRMABLE.includes(si.status))
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has already succeeded or been canceled (status ${si.status}).`,
      undefined,
      'setup_intent_unexpected_state',
    );
  const pmId = optionalString(ctx.params, 'payment_method') ?? si.payment_method;
  if (pmId === null)
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.",
      'payment_method',
    );
  const source = paymentMethodOr404(ctx, pmId, 'payment_method');
  checkUsable(source, si.customer, si.payment_method_types);
  attemptSetup(ctx, si, source);
  return expand(si, ctx.params, ctx.store);
}

export function cancelSetupIntent(ctx: RequestContext, id: string): unknown {
  const si = setupIntentOr404(ctx, id);
  if (!CANCELABLE.includes(si.status))
    throw invalidRequest(
      `You cannot cancel this SetupIntent because it has a status of ${si.status}.`,
      undefined,
      'setup_intent_unexpected_state',
    );
  si.status = 'canceled';
  si.next_action = null;
  si.cancellation_reason = optionalString(ctx.params, 'cancellation_reason');
  ctx.emit('setup_intent.canceled', si);
  return expand(si, ctx.params, ctx.store);
}

/** `amounts[]=32&amounts[]=45` or `descriptor_code=SM11AA` verify (integrations.md 5.7). */
export function verifyMicrodeposits(ctx: RequestContext, id: string): unknown {
  const si = setupIntentOr404(ctx, id);
  if (si.status !== 'requires_action' || si.next_action?.type !== 'verify_with_microdeposits')
    throw invalidRequest(
      'This SetupIntent is not awaiting microdeposit verification.',
      undefined,
      'setup_intent_unexpected_state',
    );
  const amounts = stringArray(ctx.params, 'amounts');
  const descriptor = optionalString(ctx.params, 'descriptor_code');
  if (amounts.length === 0 && descriptor === null)
    throw invalidRequest('You must provide either amounts or descriptor_code.', 'amounts');
  const verified =
    descriptor !== null
      ? descriptor === MICRODEPOSIT_DESCRIPTOR
      : amounts.length === 2 && amounts.every((a, i) => a === MICRODEPOSIT_AMOUNTS[i]);
  if (!verified)
    throw invalidRequest(
      descriptor !== null
        ? 'The descriptor code provided does not match the microdeposit.'
        : 'The amounts provided do not match the amounts that were sent to the bank account.',
      descriptor !== null ? 'descriptor_code' : 'amounts',
      descriptor !== null
        ? 'payment_method_microdeposit_verification_descriptor_code_mismatch'
        : 'payment_method_microdeposit_verification_amounts_mismatch',
    );
  succeed(ctx, si, paymentMethodOr404(ctx, si.payment_method!));
  return expand(si, ctx.params, ctx.store);
}

function checkUsable(pm: PaymentMethod, customerId: string | null, types: string[]): void {
  if (!types.includes(pm.type))
    throw invalidRequest(
      `The provided PaymentMethod (${pm.type}) is not allowed for this SetupIntent: it accepts ${types.join(', ')}.`,
      'payment_method',
    );
  if (pm.customer !== null && pm.customer !== customerId)
    throw invalidRequest(
      `The provided PaymentMethod ${pm.id} belongs to a different Customer than the one on this SetupIntent.`,
      'payment_method',
    );
}

/** Runs the setup attempt; a declined card throws the 402 after the failure is stored. */
function attemptSetup(ctx: RequestContext, si: SetupIntent, source: PaymentMethod): void {
  // A well-known test id is cloned into a fresh pm_… when it is used, as in real test mode.
  const pm = source.customer === null ? cloneTestPaymentMethod(ctx, source.id) : source;
  const behaviour = ctx.store.behaviourOf(pm.id);
  si.payment_method = pm.id;
  si.last_setup_error = null;
  si.next_action = null;
  si.latest_attempt = newId('setatt');

  if (behaviour.type === 'us_bank_account') {
    si.status = 'requires_action';
    si.next_action = {
      type: 'verify_with_microdeposits',
      verify_with_microdeposits: {
        arrival_date: Math.floor(Date.now() / 1000) + 2 * 86_400,
        hosted_verification_url: `/__fake/microdeposits/${si.id}`,
        microdeposit_type: 'descriptor_code',
      },
    };
    ctx.emit('setup_intent.requires_action', si);
    return;
  }
  if (behaviour.requiresAuthentication) {
    si.status = 'requires_action';
    si.next_action = {
      type: 'use_stripe_sdk',
      use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: `/__fake/3ds/${si.id}` },
    };
    ctx.emit('setup_intent.requires_action', si);
    return;
  }
  const decline = behaviour.decline;
  if (!decline || SAVES_DESPITE_DECLINE.has(decline.declineCode)) {
    succeed(ctx, si, pm);
    return;
  }
  const error: PaymentError = {
    type: 'card_error',
    code: decline.code,
    decline_code: decline.declineCode,
    message: decline.message,
    doc_url: docUrl(decline.code),
    payment_method: snapshot(pm),
  };
  si.status = 'requires_payment_method';
  si.last_setup_error = error;
  ctx.emit('setup_intent.setup_failed', si);
  throw new StripeHttpError(402, { ...error, setup_intent: snapshot(si) });
}

function succeed(ctx: RequestContext, si: SetupIntent, pm: PaymentMethod): void {
  si.status = 'succeeded';
  si.next_action = null;
  if (si.customer !== null && pm.customer === null) {
    pm.customer = si.customer;
    ctx.emit('payment_method.attached', pm);
  }
  if (pm.type === 'us_bank_account') si.mandate = newId('mandate');
  ctx.emit('setup_intent.succeeded', si);
}
