/**
 * A local fake of the Stripe API for tests (integrations.md 5 and 6.3). Point the real SDK at it:
 *
 *   const fake = await startFakeStripe();
 *   const stripe = new Stripe(fake.apiKey, {
 *     host: '127.0.0.1', port: fake.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false,
 *   });
 *
 * Two SDK facts the fake's own tests pin down: stripe@23 sends `allowed_payment_method_types[]`
 * (it dropped `payment_method_types` from PaymentIntent create params; the fake accepts both), and
 * it retries a reset connection once even with `maxNetworkRetries: 0`, reusing the idempotency key.
 * A separately started process can drive the fake over `/__fake/*` (see server.ts).
 */
export { confirmSetupIntentAsBrowser } from './browser';
export type { StripeEvent } from './objects';
export {
  FAKE_STRIPE_API_VERSION,
  startFakeStripe,
  type FakeStripe,
  type FakeStripeOptions,
  type FakeStripeRequest,
  type Fault,
  type FaultMatch,
} from './server';
export { TEST_PAYMENT_METHODS } from './test-payment-methods';
export { signatureHeader, type WebhookDelivery } from './webhooks';
