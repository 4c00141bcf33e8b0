import { FakeStripe } from '@settle/testing';
import { randomUUID } from 'node:crypto';

import { invoiceBody, upsertInvoice, upsertOrganization } from './ar-factories';
import { TestApp } from './test-app';

let counter = 0;

/** An organization with open invoices of the given balances, through the public API. */
export async function organizationWithInvoices(
  t: TestApp,
  bearer: string,
  balances: number[],
  overrides: Record<string, unknown> = {},
) {
  counter += 1;
  const org = await upsertOrganization(
    t,
    bearer,
    `pay-${counter}-${randomUUID()}`,
    `Payer ${counter}`,
  );
  const invoices = [];
  for (const [index, balance] of balances.entries())
    invoices.push(
      await upsertInvoice(
        t,
        bearer,
        `inv-${counter}-${index}-${randomUUID()}`,
        invoiceBody(org.id, {
          number: `INV-${counter}-${index + 1}`,
          sourceBalance: balance,
          total: balance,
          ...overrides,
        }),
      ),
    );
  return { invoices, org };
}

export async function addMethod(t: TestApp, bearer: string, organizationId: string, token: string) {
  const response = await t.http
    .post(`/api/v1/organizations/${organizationId}/payment-methods`)
    .set('authorization', bearer)
    .send({ token });
  if (response.status !== 201)
    throw new Error(`add method: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; status: string; consecutiveFailures: number };
}

export function pay(
  t: TestApp,
  bearer: string,
  body: Record<string, unknown>,
  key: string = randomUUID(),
) {
  return t.http
    .post('/api/v1/payments')
    .set('authorization', bearer)
    .set('idempotency-key', key)
    .send(body);
}

export async function invoice(t: TestApp, bearer: string, id: string) {
  return (await t.http.get(`/api/v1/invoices/${id}`).set('authorization', bearer).expect(200))
    .body as {
    openBalance: number;
    sourceBalance: number;
  };
}

export async function payment(t: TestApp, bearer: string, id: string) {
  return (await t.http.get(`/api/v1/payments/${id}`).set('authorization', bearer).expect(200)).body;
}

export async function sandboxCharges(t: TestApp): Promise<number> {
  return (await t.dataSource.query('SELECT count(*)::int AS n FROM sandbox_charges'))[0].n;
}

/** PUT /settings/payments body that sends payments to a local fake Stripe, with no fee. */
export function fakeStripeSettings(fake: FakeStripe) {
  return {
    convenienceFee: { capMinor: null, enabled: false, percentBasisPoints: 0 },
    gateway: 'stripe',
    sandbox: { achSettlementHours: 96, latencyMs: 0 },
    stripe: {
      publishableKey: 'pk_test_fake',
      secretKey: fake.apiKey,
      webhookSecret: fake.webhookSecret,
    },
  };
}

/** The payment intents (charges) Settle has asked the fake Stripe to create, answered or not. */
export function chargeRequests(fake: FakeStripe): number {
  return fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents')
    .length;
}
