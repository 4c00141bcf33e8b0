import { getQueueToken } from '@nestjs/bull';
import { eventually, FakeStripe, startFakeStripe } from '@settle/testing';
import { Queue } from 'bull';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

import { apiKey, daysFromToday, invoiceBody, upsertInvoice } from '../utils/ar-factories';
import {
  addMethod,
  fakeStripeSettings,
  organizationWithInvoices,
  pay,
  payment,
  sandboxCharges,
} from '../utils/payment-factories';
import { QueueName } from '../../src/queues/queues';
import { failOnce } from '../utils/db-faults';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

/** How long the settings services keep what they read (settings.service, payment-settings.service). */
const SETTINGS_CACHE_MS = 5_000;

/**
 * The hazards the foundations issue measured on main, each reproduced against the real API:
 * a pool that deadlocked itself, worker settings that did not bound what they name, webhooks
 * lost after a failed apply, and contract slips.
 */
describe('foundations', () => {
  describe('at a pool of two connections', () => {
    let t: TestApp;
    let bearer: string;

    beforeAll(async () => {
      t = await createTestApp({ DATABASE_POOL_SIZE: '2', DATABASE_POOL_TIMEOUT_MS: '20000' });
      const admin = await loginAs(t, 'admin');
      bearer = await apiKey(t, admin.cookie, admin.csrf);
    });
    afterAll(() => t.close());

    it('answers 30 concurrent refunds and 30 concurrent payments', async () => {
      const { org, invoices } = await organizationWithInvoices(
        t,
        bearer,
        Array.from({ length: 60 }, () => 10_000),
      );
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      const paid: string[] = [];
      for (const invoice of invoices.slice(0, 30)) {
        const response = await pay(t, bearer, {
          allocations: [{ amount: 10_000, invoiceId: invoice.id }],
          organizationId: org.id,
          paymentMethodId: method.id,
        }).expect(201);
        paid.push(response.body.id);
      }
      const refunds = paid.map((id) =>
        t.http
          .post(`/api/v1/payments/${id}/refunds`)
          .set('authorization', bearer)
          .set('idempotency-key', randomUUID())
          .send({ amount: 2_500 }),
      );
      const payments = invoices.slice(30).map((invoice) =>
        pay(t, bearer, {
          allocations: [{ amount: 10_000, invoiceId: invoice.id }],
          organizationId: org.id,
          paymentMethodId: method.id,
        }),
      );
      const answers = await Promise.all([...refunds, ...payments]);
      expect(answers.map((a) => a.status)).toEqual(Array(60).fill(201));
      expect(answers.slice(0, 30).map((a) => a.body.status)).toEqual(Array(30).fill('succeeded'));
      expect(answers.slice(30).map((a) => a.body.status)).toEqual(Array(30).fill('succeeded'));
    });

    it('completes a burst of 30 scheduled payments falling due at once', async () => {
      const { org, invoices } = await organizationWithInvoices(
        t,
        bearer,
        Array.from({ length: 30 }, () => 5_000),
      );
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      // The burst must find the settings caches cold, as a morning's due payments do: hold this
      // worker until they expire, then let all 30 jobs go at once.
      const queue = t.app.get<Queue>(getQueueToken(QueueName.payments));
      await queue.pause(true);
      const ids = await Promise.all(
        invoices.map(async (invoice) => {
          const response = await pay(t, bearer, {
            allocations: [{ amount: 5_000, invoiceId: invoice.id }],
            organizationId: org.id,
            paymentMethodId: method.id,
            scheduledFor: daysFromToday(0),
          }).expect(201);
          return response.body.id as string;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, SETTINGS_CACHE_MS + 500));
      await queue.resume(true);
      await eventually(async () => {
        const statuses = await Promise.all(
          ids.map(async (id) => (await payment(t, bearer, id)).status),
        );
        expect(statuses).toEqual(Array(30).fill('succeeded'));
      }, 30_000);
    });

    it('is not ready while every connection is taken, and ready again after', async () => {
      const hold = () =>
        t.dataSource.transaction((manager) => manager.query('SELECT pg_sleep(2.5)'));
      const held = [hold(), hold()];
      await new Promise((resolve) => setTimeout(resolve, 200));
      const busy = await t.http.get('/health/ready');
      expect(busy.status).toBe(503);
      expectProblem(busy.body, 503, 'service-unavailable');
      await Promise.all(held);
      await t.http.get('/health/ready').expect(200);
    });
  });

  describe('worker settings', () => {
    it('boots with PAYMENTS_GATEWAY_CONCURRENCY=10 and runs payment jobs', async () => {
      const t = await createTestApp({ PAYMENTS_GATEWAY_CONCURRENCY: '10', QUEUE_CONCURRENCY: '7' });
      try {
        const admin = await loginAs(t, 'admin');
        const bearer = await apiKey(t, admin.cookie, admin.csrf);
        const { org, invoices } = await organizationWithInvoices(t, bearer, [1_000]);
        const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
        const created = await pay(t, bearer, {
          allocations: [{ amount: 1_000, invoiceId: invoices[0].id }],
          organizationId: org.id,
          paymentMethodId: method.id,
          scheduledFor: daysFromToday(0),
        }).expect(201);
        await eventually(async () =>
          expect((await payment(t, bearer, created.body.id)).status).toBe('succeeded'),
        );
      } finally {
        await t.close();
      }
    });

    it('never has more than PAYMENTS_GATEWAY_CONCURRENCY gateway calls in flight', async () => {
      const fake = await startFakeStripe();
      const t = await createTestApp({
        PAYMENTS_GATEWAY_CONCURRENCY: '3',
        STRIPE_API_BASE: fake.url,
      });
      try {
        const admin = await loginAs(t, 'admin');
        const bearer = await apiKey(t, admin.cookie, admin.csrf);
        await t.http
          .put('/api/v1/settings/payments')
          .set('cookie', admin.cookie)
          .set('x-csrf-token', admin.csrf)
          .send({
            convenienceFee: { capMinor: null, enabled: false, percentBasisPoints: 0 },
            gateway: 'stripe',
            sandbox: { achSettlementHours: 96, latencyMs: 0 },
            stripe: { publishableKey: 'pk_test_fake', secretKey: fake.apiKey },
          })
          .expect(200);
        const { org, invoices } = await organizationWithInvoices(
          t,
          bearer,
          Array.from({ length: 16 }, () => 2_000),
        );
        const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
        fake.injectFault({ method: 'POST', path: /^\/v1\/payment_intents$/ }, { hangMs: 150 }, 16);
        fake.resetPeakConcurrency();
        const body = (invoiceId: string, scheduledFor?: string) => ({
          allocations: [{ amount: 2_000, invoiceId }],
          organizationId: org.id,
          paymentMethodId: method.id,
          ...(scheduledFor && { scheduledFor }),
        });
        // Half charged by the queue's workers, half by requests: one limiter bounds them all.
        const scheduled = await Promise.all(
          invoices.slice(0, 8).map((i) => pay(t, bearer, body(i.id, daysFromToday(0)))),
        );
        const now = await Promise.all(invoices.slice(8).map((i) => pay(t, bearer, body(i.id))));
        expect(now.map((r) => r.body.status)).toEqual(Array(8).fill('succeeded'));
        await eventually(async () => {
          for (const r of scheduled)
            expect((await payment(t, bearer, r.body.id)).status).toBe('succeeded');
        }, 20_000);
        expect(fake.paymentIntentsCreated()).toBe(16);
        expect(fake.peakConcurrency()).toBe(3);
      } finally {
        await t.close();
        await fake.close();
      }
    });
  });

  describe('contract', () => {
    let t: TestApp;
    let admin: Session;
    let bearer: string;

    beforeAll(async () => {
      t = await createTestApp();
      admin = await loginAs(t, 'admin');
      bearer = await apiKey(t, admin.cookie, admin.csrf);
    });
    afterAll(() => t.close());

    it('records what Settle holds beyond the source balance, and shows it to staff', async () => {
      const { org, invoices } = await organizationWithInvoices(t, bearer, [9_000]);
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      await pay(t, bearer, {
        allocations: [{ amount: 9_000, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: method.id,
      }).expect(201);
      // Accounting then records the invoice as paid some other way: Settle's payment is extra.
      const [row] = await t.dataSource.query(
        'SELECT external_id, number FROM invoices WHERE id = $1',
        [invoices[0].id],
      );
      const updated = await upsertInvoice(
        t,
        bearer,
        row.external_id,
        invoiceBody(org.id, { number: row.number, sourceBalance: 0, total: 9_000 }),
      );
      expect(updated).toMatchObject({ openBalance: 0, overAllocated: 9_000, status: 'paid' });
      const listed = await t.http
        .get('/api/v1/invoices?overAllocated=true')
        .set('authorization', bearer)
        .expect(200);
      expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([invoices[0].id]);
      const attention = await t.http
        .get('/api/v1/reports/attention')
        .set('authorization', bearer)
        .expect(200);
      expect(attention.body.overAllocatedInvoices).toBe(1);
    });

    it('checks credentials before the body: no credentials and malformed JSON is a 401', async () => {
      const response = await t.http
        .post('/api/v1/payments')
        .set('content-type', 'application/json')
        .send('{"organizationId": ');
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expectProblem(response.body, 401, 'unauthorized');
    });

    it('answers 422 to a refund of a payment already refunded in full, and refunds nothing', async () => {
      const { org, invoices } = await organizationWithInvoices(t, bearer, [8_000]);
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      const paid = await pay(t, bearer, {
        allocations: [{ amount: 8_000, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: method.id,
      }).expect(201);
      const refund = () =>
        t.http
          .post(`/api/v1/payments/${paid.body.id}/refunds`)
          .set('authorization', bearer)
          .set('idempotency-key', randomUUID())
          .send({});
      await refund().expect(201);
      const again = await refund();
      expect(again.status).toBe(422);
      expectProblem(again.body, 422, 'rule-violation');
      expect(again.body.errors).toEqual([{ field: 'amount', message: expect.any(String) }]);
      const after = await payment(t, bearer, paid.body.id);
      expect(after).toMatchObject({ amountRefunded: 8_000, status: 'refunded' });
      expect(after.refunds).toHaveLength(1);
    });

    it('frees the idempotency key of a request that failed with a 5xx: the retry completes it', async () => {
      const { org, invoices } = await organizationWithInvoices(t, bearer, [6_000]);
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      // The database refuses the first "attempt sent" timeline entry: the payment is committed,
      // then the request fails before the gateway is called.
      const undo = await failOnce(t.dataSource, {
        name: 'fail_attempt_sent',
        on: 'INSERT',
        table: 'payment_events',
        when: "NEW.type = 'attempt_sent'",
      });
      const key = randomUUID();
      const body = {
        allocations: [{ amount: 6_000, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: method.id,
      };
      const charges = await sandboxCharges(t);
      const failed = await pay(t, bearer, body, key);
      expect(failed.status).toBe(500);
      const retried = await pay(t, bearer, body, key);
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(retried.body).toMatchObject({ amount: 6_000, status: 'succeeded' });
      expect(await sandboxCharges(t)).toBe(charges + 1);
      await pay(t, bearer, body, key).expect(201);
      expect(await sandboxCharges(t)).toBe(charges + 1);
      await undo();
    });
  });

  describe('Stripe webhooks', () => {
    let fake: FakeStripe;
    let t: TestApp;
    let bearer: string;

    beforeAll(async () => {
      fake = await startFakeStripe();
      t = await createTestApp({ STRIPE_API_BASE: fake.url });
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      fake.setWebhookUrl(`http://127.0.0.1:${port}/api/v1/webhooks/stripe`);
      const admin = await loginAs(t, 'admin');
      bearer = await apiKey(t, admin.cookie, admin.csrf);
      await t.http
        .put('/api/v1/settings/payments')
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .send(fakeStripeSettings(fake))
        .expect(200);
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });

    it('applies a webhook on redelivery when its first apply failed', async () => {
      const { org, invoices } = await organizationWithInvoices(t, bearer, [30_000]);
      const method = await addMethod(t, bearer, org.id, 'pm_usBankAccount_success');
      const paid = await pay(t, bearer, {
        allocations: [{ amount: 30_000, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: method.id,
      }).expect(201);
      expect(paid.body.status).toBe('processing');
      const undo = await failOnce(t.dataSource, {
        name: 'fail_settled',
        on: 'INSERT',
        table: 'payment_events',
        when: "NEW.type = 'settled'",
      });
      const events = await fake.settleBankDebits();
      const succeeded = events.find((e) => e.type === 'payment_intent.succeeded')!;
      const first = fake.deliveries.find((d) => d.eventId === succeeded.id);
      expect(first?.status).toBe(500);
      expect((await payment(t, bearer, paid.body.id)).status).toBe('processing');
      expect(await fake.redeliver(succeeded.id)).toBe(200);
      expect((await payment(t, bearer, paid.body.id)).status).toBe('succeeded');
      const stored = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM gateway_events WHERE event_id = $1',
        [succeeded.id],
      );
      expect(stored).toEqual([{ n: 1 }]);
      expect(await fake.redeliver(succeeded.id)).toBe(200);
      await undo();
    });
  });
});
