import type { StripeObject } from './objects';
import {
  cancelPaymentIntent,
  confirmPaymentIntentRoute,
  createPaymentIntent,
  createRefund,
  getPaymentIntent,
  getRefund,
  listPaymentIntents,
} from './payments';
import {
  attachPaymentMethod,
  createCustomer,
  detachPaymentMethod,
  getCharge,
  getCustomer,
  getEvent,
  getPaymentMethod,
  listCharges,
  listCustomerPaymentMethods,
  listEvents,
  listPaymentMethods,
  updateCustomer,
} from './resources';
import {
  cancelSetupIntent,
  confirmSetupIntent,
  createSetupIntent,
  getSetupIntent,
  verifyMicrodeposits,
} from './setup-intents';
import type { Store } from './store';
import { StripeHttpError, type Params } from './wire';

/** Behaviour the real API leaves uncertain (integrations.md 6.3), chosen per fake instance. */
export interface FakeConfig {
  apiVersion: string;
  /** PI status after an off-session `authentication_required` decline. */
  authenticationRequiredStatus: 'requires_payment_method' | 'requires_action';
  /** Status of the dispute a `pm_usBankAccount_dispute` debit ends in. */
  achDisputeStatus: string;
}

export type Emit = (
  type: string,
  object: StripeObject,
  previousAttributes?: Record<string, unknown>,
) => void;

/** What state-changing logic needs, whether it runs for an API request or a control call. */
export interface Effects {
  store: Store;
  config: FakeConfig;
  emit: Emit;
}

export interface RequestContext extends Effects {
  method: string;
  path: string;
  /** Query string and form body merged, parsed with qs bracket syntax. */
  params: Params;
  /** Which key authenticated the request: Stripe.js in a browser holds only the publishable one. */
  keyKind: 'secret' | 'publishable';
}

/** Handlers return the 200 body or throw a StripeHttpError; path captures arrive as arguments. */
type Handler = (ctx: RequestContext, ...pathParams: string[]) => unknown;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
  /** Reachable with the publishable key (the handler then asks for the client secret). */
  publishable?: boolean;
}

const ID = '([^/]+)';
const route = (
  method: Route['method'],
  path: string,
  handler: Handler,
  options: { publishable?: boolean } = {},
): Route => ({
  method,
  pattern: new RegExp(`^${path}$`),
  handler,
  ...options,
});
const browser = { publishable: true };

const routes: Route[] = [
  route('POST', '/v1/customers', createCustomer),
  route('GET', `/v1/customers/${ID}`, getCustomer),
  route('POST', `/v1/customers/${ID}`, updateCustomer),
  route('GET', `/v1/customers/${ID}/payment_methods`, listCustomerPaymentMethods),
  route('GET', '/v1/payment_methods', listPaymentMethods),
  route('GET', `/v1/payment_methods/${ID}`, getPaymentMethod),
  route('POST', `/v1/payment_methods/${ID}/attach`, attachPaymentMethod),
  route('POST', `/v1/payment_methods/${ID}/detach`, detachPaymentMethod),
  route('POST', '/v1/payment_intents', createPaymentIntent),
  route('GET', '/v1/payment_intents', listPaymentIntents),
  route('GET', `/v1/payment_intents/${ID}`, getPaymentIntent),
  route('POST', `/v1/payment_intents/${ID}/confirm`, confirmPaymentIntentRoute),
  route('POST', `/v1/payment_intents/${ID}/cancel`, cancelPaymentIntent),
  route('POST', '/v1/setup_intents', createSetupIntent),
  route('GET', `/v1/setup_intents/${ID}`, getSetupIntent, browser),
  route('POST', `/v1/setup_intents/${ID}/confirm`, confirmSetupIntent, browser),
  route('POST', `/v1/setup_intents/${ID}/cancel`, cancelSetupIntent),
  route('POST', `/v1/setup_intents/${ID}/verify_microdeposits`, verifyMicrodeposits, browser),
  route('GET', '/v1/charges', listCharges),
  route('GET', `/v1/charges/${ID}`, getCharge),
  route('POST', '/v1/refunds', createRefund),
  route('GET', `/v1/refunds/${ID}`, getRefund),
  route('GET', '/v1/events', listEvents),
  route('GET', `/v1/events/${ID}`, getEvent),
];

export function dispatch(ctx: RequestContext): { status: number; body: unknown } {
  for (const { method, pattern, handler, publishable } of routes) {
    const match = method === ctx.method ? pattern.exec(ctx.path) : null;
    if (match) {
      if (ctx.keyKind === 'publishable' && !publishable)
        throw new StripeHttpError(401, {
          type: 'invalid_request_error',
          message:
            'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
        });
      const pathParams = match.slice(1).map((part) => decodeURIComponent(part));
      return { status: 200, body: handler(ctx, ...pathParams) };
    }
  }
  throw new StripeHttpError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${ctx.method}: ${ctx.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}
