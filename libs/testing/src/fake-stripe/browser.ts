/**
 * What Stripe.js does in the browser after `confirmCardSetup(clientSecret, …)`, for tests that
 * cannot run Stripe.js itself (no network to js.stripe.com): confirm the SetupIntent with the
 * publishable key and the client secret, form-encoded, as Stripe.js does. `paymentMethod` stands
 * for the card typed into Stripe's fields: a well-known test id such as `pm_card_visa`.
 */
export async function confirmSetupIntentAsBrowser(
  fake: { url: string; publishableKey: string },
  clientSecret: string,
  paymentMethod: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const id = clientSecret.split('_secret_')[0];
  const response = await fetch(`${fake.url}/v1/setup_intents/${encodeURIComponent(id)}/confirm`, {
    body: new URLSearchParams({ client_secret: clientSecret, payment_method: paymentMethod }),
    headers: {
      authorization: `Bearer ${fake.publishableKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    method: 'POST',
  });
  return { body: (await response.json()) as Record<string, unknown>, status: response.status };
}
