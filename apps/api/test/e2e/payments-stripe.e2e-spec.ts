import { FakeStripe, startFakeStripe, eventually } from '@settle/testing';
import { AddressInfo } from 'node:net';

import { apiKey } from '../utils/ar-factories';
import {
  addMethod,
  fakeStripeSettings,
  invoice,
  organizationWithInvoices,
  pay,
  payment,
} from '../utils/payment-factories';
import { PaymentRunnerService } from '../../src/modules/payments/payment-runner.service';
import { createTestApp, loginAs, Session, TestApp } from '../utils/test-app';

describe('payments through Stripe (the official SDK against a local fake Stripe)', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await createTestApp({ STRIPE_API_BASE: fake.url });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    fake.setWebhookUrl(`http://127.0.0.1:${port}/api/v1/webhooks/stripe`);
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    const settings = await t.http
      .put('/api/v1/settings/payments')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send(fakeStripeSettings(fake))
      .expect(200);
    expect(settings.body.stripe).toEqual({
      publishableKey: 'pk_test_fake',
      secretKeySet: true,
      webhookSecretSet: true,
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  function chargeRequests(): number {
    return fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents')
      .length;
  }

  it('keeps the secret key sealed at rest', async () => {
    const [row] = await t.dataSource.query(`SELECT value FROM settings WHERE key = 'payments'`);
    expect(row.value.stripe.secretKey).toMatch(/^v1:/);
    expect(JSON.stringify(row.value)).not.toContain(fake.apiKey);
  });

  it('stores a card on a Stripe customer and charges it off-session with our idempotency key', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [42000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    expect(method).toMatchObject({
      brand: 'visa',
      gateway: 'stripe',
      last4: '4242',
      status: 'active',
      type: 'card',
    });
    const profile = await t.http
      .get(`/api/v1/organizations/${org.id}`)
      .set('authorization', bearer)
      .expect(200);
    expect(profile.body.links).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'gateway', source: 'stripe' })]),
    );
    const before = fake.paymentIntentsCreated();
    const response = await pay(t, bearer, {
      allocations: [{ amount: 42000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(response.body.status).toBe('succeeded');
    expect(fake.paymentIntentsCreated()).toBe(before + 1);
    const sent = fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents')
      .at(-1)!;
    expect(sent.headers['idempotency-key']).toBe(`settle-payment-${response.body.id}-1`);
    expect(sent.body).toMatchObject({
      amount: '42000',
      confirm: 'true',
      currency: 'usd',
      off_session: 'true',
    });
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(0);
  });

  it('records a 402 decline as a failed payment with the decline code', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [5000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_chargeDeclinedInsufficientFunds');
    const response = await pay(t, bearer, {
      allocations: [{ amount: 5000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(response.body).toMatchObject({ failureCode: 'insufficient_funds', status: 'failed' });
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(5000);
  });

  it('settles a bank debit from the signed webhook, and returns another with its R-code', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [9000, 7000]);
    const good = await addMethod(t, bearer, org.id, 'pm_usBankAccount_success');
    const poor = await addMethod(t, bearer, org.id, 'pm_usBankAccount_insufficientFunds');
    const settles = await pay(t, bearer, {
      allocations: [{ amount: 9000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: good.id,
    }).expect(201);
    const returns = await pay(t, bearer, {
      allocations: [{ amount: 7000, invoiceId: invoices[1].id }],
      organizationId: org.id,
      paymentMethodId: poor.id,
    }).expect(201);
    expect([settles.body.status, returns.body.status]).toEqual(['processing', 'processing']);
    await fake.settleBankDebits();
    await eventually(async () => {
      expect((await payment(t, bearer, settles.body.id)).status).toBe('succeeded');
      expect((await payment(t, bearer, returns.body.id)).status).toBe('returned');
    });
    expect(await payment(t, bearer, returns.body.id)).toMatchObject({ returnCode: 'R01' });
    expect((await invoice(t, bearer, invoices[1].id)).openBalance).toBe(7000);
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(0);
  });

  it('refuses webhooks with a bad signature or an old timestamp, and ignores duplicates', async () => {
    const event = fake.events.at(-1)!;
    expect(await fake.deliverWithBadSignature(event.id)).toBe(400);
    expect(await fake.deliverWithOldTimestamp(event.id)).toBe(400);
    const unsigned = await t.http.post('/api/v1/webhooks/stripe').send({ id: 'evt_x' });
    expect(unsigned.status).toBe(400);
    const [{ n: before }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM gateway_events',
    );
    expect(await fake.redeliver(event.id)).toBe(200);
    const [{ n: after }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM gateway_events',
    );
    expect(after).toBe(before);
  });

  it('asks Stripe again after a lost response: one PaymentIntent, payment succeeded', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [12000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const before = fake.paymentIntentsCreated();
    // The SDK retries a reset connection once by itself; two resets lose the answer.
    fake.injectFault({ method: 'POST', path: /^\/v1\/payment_intents$/ }, { afterCommit: true }, 2);
    const response = await pay(t, bearer, {
      allocations: [{ amount: 12000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(response.body.status).toBe('processing');
    await eventually(
      async () => expect((await payment(t, bearer, response.body.id)).status).toBe('succeeded'),
      15_000,
    );
    expect(fake.paymentIntentsCreated()).toBe(before + 1);
  });

  it('takes a 409 for a key still in progress at Stripe as "ask again later", not a decline', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [13000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const before = fake.paymentIntentsCreated();
    const sentBefore = chargeRequests();
    fake.injectFault({ method: 'POST', path: /^\/v1\/payment_intents$/ }, { hangMs: 1_500 });
    const first = pay(t, bearer, {
      allocations: [{ amount: 13000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    });
    const answered = first.then((r) => r);
    await eventually(() => expect(chargeRequests()).toBe(sentBefore + 1), 5_000, 10);
    // Another process asks about the same attempt while Stripe is still making the charge.
    const [{ id }] = await t.dataSource.query(
      'SELECT id FROM payments WHERE organization_id = $1',
      [org.id],
    );
    await t.app.get(PaymentRunnerService).charge(id, undefined, { askingAgain: true });
    const [attempt] = await t.dataSource.query(
      'SELECT state FROM payment_attempts WHERE payment_id = $1',
      [id],
    );
    expect(attempt.state).not.toBe('failed');
    expect((await answered).status).toBe(201);
    await eventually(
      async () => expect((await payment(t, bearer, id)).status).toBe('succeeded'),
      15_000,
    );
    expect(fake.paymentIntentsCreated()).toBe(before + 1);
  });

  it('refunds through Stripe', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [8000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const paid = await pay(t, bearer, {
      allocations: [{ amount: 8000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    const refund = await t.http
      .post(`/api/v1/payments/${paid.body.id}/refunds`)
      .set('authorization', bearer)
      .send({ amount: 3000 })
      .expect(201);
    expect(refund.body).toMatchObject({ amount: 3000, status: 'succeeded' });
    const sent = fake.requests.filter((r) => r.path === '/v1/refunds').at(-1)!;
    expect(sent.body).toMatchObject({ amount: '3000' });
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(3000);
  });
});
