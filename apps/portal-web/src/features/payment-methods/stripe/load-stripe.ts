import type { Stripe } from '@stripe/stripe-js';

/**
 * Stripe.js, loaded only when the gateway is Stripe: this module's import of the loader is
 * dynamic, so the loader is a chunk of its own and Stripe.js (from js.stripe.com, which the
 * portal's CSP allows only then) is fetched only when a card is being added.
 */
export async function loadStripeJs(publishableKey: string): Promise<Stripe> {
  const { loadStripe } = await import('@stripe/stripe-js/pure');
  const stripe = await loadStripe(publishableKey);
  if (!stripe) throw new Error('Stripe.js did not load');
  return stripe;
}
