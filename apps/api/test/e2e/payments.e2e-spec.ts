import { eventually } from '@settle/testing';
import { getQueueToken } from '@nestjs/bull';
import { Queue } from 'bull';
import { randomUUID } from 'node:crypto';

import { PaymentSchedulerService } from '../../src/modules/payments/payment-scheduler.service';
import { apiKey, daysFromToday } from '../utils/ar-factories';
import {
  addMethod,
  invoice,
  organizationWithInvoices,
  pay,
  payment,
  sandboxCharges,
} from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

describe('payments through the sandbox gateway', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());

  it('charges a card at once: succeeded, open balance and A/R totals drop, timeline recorded', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [50000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const response = await pay(t, bearer, {
      allocations: [{ amount: 50000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(response.body).toMatchObject({
      amount: 50000,
      amountRefunded: 0,
      currency: 'USD',
      fee: 0,
      number: expect.stringMatching(/^PAY-\d{6}$/),
      status: 'succeeded',
      total: 50000,
    });
    expect(response.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'attempt_sent',
      'gateway_response',
      'succeeded',
    ]);
    expect(await invoice(t, bearer, invoices[0].id)).toMatchObject({
      openBalance: 0,
      sourceBalance: 50000,
    });
    const balance = await t.http
      .get(`/api/v1/organizations/${org.id}`)
      .set('authorization', bearer);
    expect(balance.status).toBe(200);
    const outbox = await t.dataSource.query(
      `SELECT type FROM outbox_events WHERE aggregate_id = $1`,
      [response.body.id],
    );
    expect(outbox).toEqual([{ type: 'payment.succeeded' }]);
  });

  it('records a decline: 201 failed, balance unchanged, the method counts the failure', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [20000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_chargeDeclinedInsufficientFunds');
    const response = await pay(t, bearer, {
      allocations: [{ amount: 20000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(response.body).toMatchObject({
      failureCode: 'insufficient_funds',
      failureMessage: 'Your card has insufficient funds.',
      status: 'failed',
    });
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(20000);
    const after = await t.http
      .get(`/api/v1/organizations/${org.id}/payment-methods/${method.id}`)
      .set('authorization', bearer)
      .expect(200);
    expect(after.body).toMatchObject({ consecutiveFailures: 1, status: 'active' });
  });

  it('locks a method after 15 consecutive failures; staff unlock it with a reason (audited)', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [1000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_chargeDeclined');
    const body = {
      allocations: [{ amount: 1000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    };
    for (let i = 0; i < 15; i++)
      expect((await pay(t, bearer, body).expect(201)).body.status).toBe('failed');
    const locked = await t.http
      .get(`/api/v1/organizations/${org.id}/payment-methods/${method.id}`)
      .set('authorization', bearer);
    expect(locked.body).toMatchObject({ consecutiveFailures: 15, status: 'locked' });
    const refused = await pay(t, bearer, body).expect(422);
    expectProblem(refused.body, 422, 'rule-violation');
    expect(refused.body.errors).toEqual([{ field: 'paymentMethodId', message: 'is locked' }]);
    const attention = await t.http.get('/api/v1/reports/attention').set('authorization', bearer);
    expect(attention.body.lockedPaymentMethods).toBeGreaterThanOrEqual(1);

    await t.http
      .post(`/api/v1/organizations/${org.id}/payment-methods/${method.id}/unlock`)
      .set('authorization', bearer)
      .send({})
      .expect(400);
    const unlocked = await t.http
      .post(`/api/v1/organizations/${org.id}/payment-methods/${method.id}/unlock`)
      .set('authorization', bearer)
      .send({ reason: 'Customer confirmed the card with the bank' })
      .expect(200);
    expect(unlocked.body).toMatchObject({ consecutiveFailures: 0, status: 'active' });
    const [audit] = await t.dataSource.query(
      `SELECT after FROM audit_log WHERE action = 'payment_method.unlocked' AND entity_id = $1`,
      [method.id],
    );
    expect(audit.after.reason).toBe('Customer confirmed the card with the bank');
  });

  it('locks at once on a critical code (lost card)', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [1000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_chargeDeclinedLostCard');
    await pay(t, bearer, {
      allocations: [{ amount: 1000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    const after = await t.http
      .get(`/api/v1/organizations/${org.id}/payment-methods/${method.id}`)
      .set('authorization', bearer);
    expect(after.body.status).toBe('locked');
  });

  it('pays two invoices partially in one payment', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [30000, 45000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const response = await pay(t, bearer, {
      allocations: [
        { amount: 10000, invoiceId: invoices[0].id },
        { amount: 5000, invoiceId: invoices[1].id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(response.body).toMatchObject({ amount: 15000, status: 'succeeded' });
    expect(response.body.allocations).toMatchObject([
      { amount: 10000, invoiceId: invoices[0].id },
      { amount: 5000, invoiceId: invoices[1].id },
    ]);
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(20000);
    expect((await invoice(t, bearer, invoices[1].id)).openBalance).toBe(40000);
  });

  it('refuses more than the open balance with a 422 naming the allocation, charging nothing', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [10000, 10000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const charges = await sandboxCharges(t);
    const response = await pay(t, bearer, {
      allocations: [
        { amount: 10000, invoiceId: invoices[0].id },
        { amount: 10001, invoiceId: invoices[1].id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(422);
    expectProblem(response.body, 422, 'rule-violation');
    expect(response.body.errors).toEqual([
      { field: 'allocations.1.amount', message: 'exceeds the open balance of 10000' },
    ]);
    expect(await sandboxCharges(t)).toBe(charges);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM payments WHERE organization_id = $1',
      [org.id],
    );
    expect(n).toBe(0);
  });

  it('answers bad input with a 400 per field and writes nothing', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [10000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const cases: [Record<string, unknown>, string][] = [
      [{ allocations: [{ amount: 10.5, invoiceId: invoices[0].id }] }, 'allocations.0.amount'],
      [{ allocations: [{ amount: -5, invoiceId: invoices[0].id }] }, 'allocations.0.amount'],
      [{ allocations: [{ amount: '100', invoiceId: invoices[0].id }] }, 'allocations.0.amount'],
      [{ allocations: [] }, 'allocations'],
      [{ allocations: [{ amount: 100, invoiceId: 'nope' }] }, 'allocations.0.invoiceId'],
      [{ allocations: [{ amount: 100, invoiceId: randomUUID() }] }, 'allocations.0.invoiceId'],
      [{ scheduledFor: daysFromToday(-1) }, 'scheduledFor'],
      [{ scheduledFor: '2026-02-30' }, 'scheduledFor'],
      [{ paymentMethodId: randomUUID() }, 'paymentMethodId'],
      [{ organizationId: randomUUID() }, 'organizationId'],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [override, field] of cases) {
      const body = {
        allocations: [{ amount: 100, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: method.id,
        ...override,
      };
      const response = await pay(t, bearer, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const bad = await t.http
      .post('/api/v1/payments')
      .set('authorization', bearer)
      .set('idempotency-key', 'x'.repeat(300))
      .send({
        allocations: [{ amount: 100, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: method.id,
      });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        field: 'Idempotency-Key',
        message: 'must be 1-255 visible ASCII characters, such as a UUID',
      },
    ]);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM payments WHERE organization_id = $1',
      [org.id],
    );
    expect(n).toBe(0);
  });

  it('replays the same key and body, and refuses the same key with another body (409)', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [40000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const body = {
      allocations: [{ amount: 10000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    };
    const key = randomUUID();
    const charges = await sandboxCharges(t);
    const first = await pay(t, bearer, body, key).expect(201);
    const replay = await pay(t, bearer, { ...body }, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect(await sandboxCharges(t)).toBe(charges + 1);
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(30000);
    const other = await pay(
      t,
      bearer,
      { ...body, allocations: [{ amount: 9999, invoiceId: invoices[0].id }] },
      key,
    ).expect(409);
    expectProblem(other.body, 409, 'idempotency-conflict');
    // Another credential's same key is its own request.
    const otherKey = await apiKey(t, admin.cookie, admin.csrf);
    const separate = await pay(t, otherKey, body, key).expect(201);
    expect(separate.body.id).not.toBe(first.body.id);
  });

  it('replays a stored 422 for the same key, and a 400 is not stored', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [1000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const key = randomUUID();
    const body = {
      allocations: [{ amount: 5000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    };
    await pay(t, bearer, body, key).expect(422);
    const replay = await pay(t, bearer, body, key).expect(422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const badKey = randomUUID();
    await pay(
      t,
      bearer,
      { ...body, allocations: [{ amount: 1.5, invoiceId: invoices[0].id }] },
      badKey,
    ).expect(400);
    await pay(
      t,
      bearer,
      { ...body, allocations: [{ amount: 1000, invoiceId: invoices[0].id }] },
      badKey,
    ).expect(201);
  });

  it('charges exactly one of 10 concurrent full-balance payments on one invoice', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [75000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const charges = await sandboxCharges(t);
    const body = {
      allocations: [{ amount: 75000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    };
    const responses = await Promise.all(Array.from({ length: 10 }, () => pay(t, bearer, body)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422, 422, 422, 422, 422, 422]);
    expect(await sandboxCharges(t)).toBe(charges + 1);
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(0);
  });

  it('reduces a scheduled payment when a new payment would overpay the invoice (quote shows it)', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [100000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const scheduled = await pay(t, bearer, {
      allocations: [{ amount: 80000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(10),
    }).expect(201);
    expect(scheduled.body).toMatchObject({ scheduledFor: daysFromToday(10), status: 'scheduled' });
    // Scheduled payments do not lower the open balance.
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(100000);
    const body = {
      allocations: [{ amount: 50000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    };
    const quote = await t.http
      .post('/api/v1/payments/quote')
      .set('authorization', bearer)
      .send(body)
      .expect(200);
    expect(quote.body).toMatchObject({
      adjustments: [
        { cancelled: false, fromAmount: 80000, paymentId: scheduled.body.id, toAmount: 50000 },
      ],
      amount: 50000,
      fee: 0,
      total: 50000,
    });
    const after = await payment(t, bearer, scheduled.body.id);
    expect(after.amount).toBe(80000); // the quote wrote nothing
    await pay(t, bearer, body).expect(201);
    const reduced = await payment(t, bearer, scheduled.body.id);
    expect(reduced).toMatchObject({ amount: 50000, status: 'scheduled' });
    expect(reduced.allocations[0]).toMatchObject({ amount: 50000, requestedAmount: 80000 });
    expect(reduced.timeline.at(-1)).toMatchObject({ type: 'adjusted' });
    // Paying the rest cancels it.
    await pay(t, bearer, body).expect(201);
    expect((await payment(t, bearer, scheduled.body.id)).status).toBe('cancelled');
  });

  it('adds a card convenience fee as its own line (never on ACH, waivable per organization)', async () => {
    await t.http
      .put('/api/v1/settings/payments')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({
        convenienceFee: { capMinor: 5000, enabled: true, percentBasisPoints: 300 },
        gateway: 'sandbox',
        sandbox: { achSettlementHours: 96, latencyMs: 0 },
      })
      .expect(200);
    try {
      const { org, invoices } = await organizationWithInvoices(t, bearer, [10000, 500000]);
      const card = await addMethod(t, bearer, org.id, 'pm_card_visa');
      const bank = await addMethod(t, bearer, org.id, 'pm_usBankAccount_success');
      const small = await pay(t, bearer, {
        allocations: [{ amount: 10000, invoiceId: invoices[0].id }],
        organizationId: org.id,
        paymentMethodId: card.id,
      }).expect(201);
      expect(small.body).toMatchObject({ amount: 10000, fee: 300, total: 10300 });
      const capped = await t.http
        .post('/api/v1/payments/quote')
        .set('authorization', bearer)
        .send({
          allocations: [{ amount: 500000, invoiceId: invoices[1].id }],
          organizationId: org.id,
          paymentMethodId: card.id,
        });
      expect(capped.body).toMatchObject({ fee: 5000, total: 505000 });
      const ach = await t.http
        .post('/api/v1/payments/quote')
        .set('authorization', bearer)
        .send({
          allocations: [{ amount: 500000, invoiceId: invoices[1].id }],
          organizationId: org.id,
          paymentMethodId: bank.id,
        });
      expect(ach.body.fee).toBe(0);
      const waived = await t.http
        .patch(`/api/v1/organizations/${org.id}`)
        .set('authorization', bearer)
        .send({ convenienceFeeWaived: true })
        .expect(200);
      expect(waived.body.convenienceFeeWaived).toBe(true);
      const free = await t.http
        .post('/api/v1/payments/quote')
        .set('authorization', bearer)
        .send({
          allocations: [{ amount: 500000, invoiceId: invoices[1].id }],
          organizationId: org.id,
          paymentMethodId: card.id,
        });
      expect(free.body.fee).toBe(0);
    } finally {
      await t.http
        .put('/api/v1/settings/payments')
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .send({
          convenienceFee: { capMinor: null, enabled: false, percentBasisPoints: 0 },
          gateway: 'sandbox',
          sandbox: { achSettlementHours: 96, latencyMs: 0 },
        })
        .expect(200);
    }
  });

  it('runs a payment scheduled for today through its queued job', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [25000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const created = await pay(t, bearer, {
      allocations: [{ amount: 25000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(0),
    }).expect(201);
    await eventually(async () =>
      expect((await payment(t, bearer, created.body.id)).status).toBe('succeeded'),
    );
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(0);
  });

  it('runs a due scheduled payment from the sweep after its job was lost, exactly once', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [25000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const tomorrow = daysFromToday(1);
    const created = await pay(t, bearer, {
      allocations: [{ amount: 25000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: tomorrow,
    }).expect(201);
    const queue = t.app.get<Queue>(getQueueToken('payments'));
    const job = await queue.getJob(`run-${created.body.id}-${tomorrow}`);
    expect(await job!.getState()).toBe('delayed');
    await job!.remove(); // Redis lost it
    // The day arrives.
    await t.dataSource.query('UPDATE payments SET scheduled_for = $2 WHERE id = $1', [
      created.body.id,
      daysFromToday(0),
    ]);
    const charges = await sandboxCharges(t);
    const scheduler = t.app.get(PaymentSchedulerService);
    await scheduler.sweep();
    await scheduler.sweep();
    await eventually(async () =>
      expect((await payment(t, bearer, created.body.id)).status).toBe('succeeded'),
    );
    await scheduler.sweep();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await sandboxCharges(t)).toBe(charges + 1);
  });

  it('re-checks balances when a scheduled payment runs: an invoice paid meanwhile is not charged', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [30000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const created = await pay(t, bearer, {
      allocations: [{ amount: 30000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(3),
    }).expect(201);
    // Paid in the accounting package meanwhile: the source balance drops to zero.
    await t.dataSource.query(
      `UPDATE invoices SET source_balance = 0, open_balance = 0, status = 'paid' WHERE id = $1`,
      [invoices[0].id],
    );
    await t.dataSource.query('UPDATE payments SET scheduled_for = $2 WHERE id = $1', [
      created.body.id,
      daysFromToday(0),
    ]);
    const charges = await sandboxCharges(t);
    await t.app.get(PaymentSchedulerService).sweep();
    await eventually(async () =>
      expect((await payment(t, bearer, created.body.id)).status).toBe('cancelled'),
    );
    expect(await sandboxCharges(t)).toBe(charges);
  });

  it('reschedules and cancels a scheduled payment; a run payment cannot be cancelled', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [30000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const created = await pay(t, bearer, {
      allocations: [{ amount: 10000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(5),
    }).expect(201);
    const moved = await t.http
      .patch(`/api/v1/payments/${created.body.id}`)
      .set('authorization', bearer)
      .send({ scheduledFor: daysFromToday(7) })
      .expect(200);
    expect(moved.body.scheduledFor).toBe(daysFromToday(7));
    const cancelled = await t.http
      .post(`/api/v1/payments/${created.body.id}/cancel`)
      .set('authorization', bearer)
      .send({ reason: 'Customer will pay by check' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'scheduled',
      'rescheduled',
      'cancelled',
    ]);
    await t.http
      .post(`/api/v1/payments/${created.body.id}/cancel`)
      .set('authorization', bearer)
      .send({})
      .expect(409);
    const events = await t.dataSource.query(
      'SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY id',
      [created.body.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'payment.scheduled',
      'payment.rescheduled',
      'payment.cancelled',
    ]);
  });

  it('splits an amount into monthly installments', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [100000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const response = await t.http
      .post('/api/v1/payments/installments')
      .set('authorization', bearer)
      .send({
        allocations: [{ amount: 100000, invoiceId: invoices[0].id }],
        count: 3,
        firstDate: daysFromToday(1),
        interval: 'month',
        organizationId: org.id,
        paymentMethodId: method.id,
      })
      .expect(201);
    expect(response.body.payments.map((p: { amount: number }) => p.amount)).toEqual([
      33334, 33333, 33333,
    ]);
    expect(
      response.body.payments.map((p: { installment: { number: number } }) => p.installment.number),
    ).toEqual([1, 2, 3]);
    expect(response.body.payments.every((p: { status: string }) => p.status === 'scheduled')).toBe(
      true,
    );
  });

  it('settles a bank debit after the sandbox settlement window', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [60000]);
    const method = await addMethod(t, bearer, org.id, 'pm_usBankAccount_success');
    const created = await pay(t, bearer, {
      allocations: [{ amount: 60000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(created.body.status).toBe('processing');
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(0);
    await t.http
      .post('/api/v1/sandbox/clock')
      .set('authorization', bearer)
      .send({ advanceHours: 24 })
      .expect(403);
    await t.http
      .post('/api/v1/sandbox/clock')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ advanceHours: 97 })
      .expect(200);
    await eventually(async () =>
      expect((await payment(t, bearer, created.body.id)).status).toBe('succeeded'),
    );
    const settled = await payment(t, bearer, created.body.id);
    expect(settled.timeline.map((e: { type: string }) => e.type)).toContain('settled');
  });

  it('returns a bank debit with its R-code: balance back, unresolved return for staff, R02 locks', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [40000]);
    const method = await addMethod(t, bearer, org.id, 'pm_usBankAccount_accountClosed');
    const created = await pay(t, bearer, {
      allocations: [{ amount: 40000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(created.body.status).toBe('processing');
    await t.http
      .post('/api/v1/sandbox/clock')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ advanceHours: 97 })
      .expect(200);
    await eventually(async () =>
      expect((await payment(t, bearer, created.body.id)).status).toBe('returned'),
    );
    const returned = await payment(t, bearer, created.body.id);
    expect(returned).toMatchObject({ returnCode: 'R02' });
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(40000);
    const methodAfter = await t.http
      .get(`/api/v1/organizations/${org.id}/payment-methods/${method.id}`)
      .set('authorization', bearer);
    expect(methodAfter.body.status).toBe('locked');
    const list = await t.http
      .get('/api/v1/ach-returns?status=unresolved')
      .set('authorization', bearer)
      .expect(200);
    const item = list.body.data.find((r: { paymentId: string }) => r.paymentId === created.body.id);
    expect(item).toMatchObject({
      amount: 40000,
      organizationName: org.name,
      returnCode: 'R02',
      status: 'unresolved',
    });
    await t.http
      .post(`/api/v1/ach-returns/${item.id}/dismiss`)
      .set('authorization', bearer)
      .send({})
      .expect(400);
    const dismissed = await t.http
      .post(`/api/v1/ach-returns/${item.id}/dismiss`)
      .set('authorization', bearer)
      .send({ note: 'Voided in QuickBooks; customer will pay by card' })
      .expect(200);
    expect(dismissed.body.status).toBe('dismissed');
    await t.http
      .post(`/api/v1/ach-returns/${item.id}/resolve`)
      .set('authorization', bearer)
      .send({ note: 'again' })
      .expect(409);
  });

  it('refunds part then the rest through the gateway, idempotently, giving the balance back', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [30000, 20000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const paid = await pay(t, bearer, {
      allocations: [
        { amount: 30000, invoiceId: invoices[0].id },
        { amount: 20000, invoiceId: invoices[1].id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    const key = randomUUID();
    const partial = await t.http
      .post(`/api/v1/payments/${paid.body.id}/refunds`)
      .set('authorization', bearer)
      .set('idempotency-key', key)
      .send({ amount: 25000 })
      .expect(201);
    expect(partial.body).toMatchObject({
      amount: 25000,
      paymentId: paid.body.id,
      status: 'succeeded',
    });
    const replay = await t.http
      .post(`/api/v1/payments/${paid.body.id}/refunds`)
      .set('authorization', bearer)
      .set('idempotency-key', key)
      .send({ amount: 25000 })
      .expect(201);
    expect(replay.body.id).toBe(partial.body.id);
    // Last allocation first: 20000 back to the second invoice, 5000 to the first.
    expect((await invoice(t, bearer, invoices[1].id)).openBalance).toBe(20000);
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(5000);
    expect(await payment(t, bearer, paid.body.id)).toMatchObject({
      amountRefunded: 25000,
      status: 'succeeded',
    });
    const over = await t.http
      .post(`/api/v1/payments/${paid.body.id}/refunds`)
      .set('authorization', bearer)
      .send({ amount: 25001 })
      .expect(422);
    expect(over.body.errors[0].field).toBe('amount');
    await t.http
      .post(`/api/v1/payments/${paid.body.id}/refunds`)
      .set('authorization', bearer)
      .send({})
      .expect(201);
    expect(await payment(t, bearer, paid.body.id)).toMatchObject({
      amountRefunded: 50000,
      status: 'refunded',
    });
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(30000);
    const refunded = await t.dataSource.query(
      'SELECT sum(amount_refunded)::int AS n FROM sandbox_charges WHERE id = $1',
      [
        (
          await t.dataSource.query('SELECT gateway_payment_ref FROM payments WHERE id = $1', [
            paid.body.id,
          ])
        )[0].gateway_payment_ref,
      ],
    );
    expect(refunded[0].n).toBe(50000);
  });

  it('reconciles a gateway timeout by asking again with the same key: one charge, succeeded', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [15000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_gatewayTimeout');
    const charges = await sandboxCharges(t);
    const created = await pay(t, bearer, {
      allocations: [{ amount: 15000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(created.body.status).toBe('processing');
    expect(created.body.timeline.map((e: { type: string }) => e.type)).toContain('outcome_unknown');
    // The money is held on the invoice while the outcome is unknown.
    expect((await invoice(t, bearer, invoices[0].id)).openBalance).toBe(0);
    await eventually(
      async () => expect((await payment(t, bearer, created.body.id)).status).toBe('succeeded'),
      15_000,
    );
    expect(await sandboxCharges(t)).toBe(charges + 1);
    const types = (await payment(t, bearer, created.body.id)).timeline.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toEqual([
      'created',
      'attempt_sent',
      'outcome_unknown',
      'reconciled',
      'gateway_response',
      'succeeded',
    ]);
  });

  it('lists payments by organization and status, and shows them on the calendar', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [30000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    await pay(t, bearer, {
      allocations: [{ amount: 1000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    const later = await pay(t, bearer, {
      allocations: [{ amount: 2000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(4),
    }).expect(201);
    const list = await t.http
      .get(`/api/v1/payments?organizationId=${org.id}&sort=amount`)
      .set('authorization', bearer)
      .expect(200);
    expect(list.body).toMatchObject({ page: 1, total: 2 });
    expect(list.body.data.map((p: { amount: number }) => p.amount)).toEqual([1000, 2000]);
    const scheduled = await t.http
      .get(`/api/v1/payments?organizationId=${org.id}&status=scheduled`)
      .set('authorization', bearer)
      .expect(200);
    expect(scheduled.body.data.map((p: { id: string }) => p.id)).toEqual([later.body.id]);
    await t.http.get('/api/v1/payments?status=bogus').set('authorization', bearer).expect(400);
    const calendar = await t.http
      .get(`/api/v1/reports/payments-calendar?from=${daysFromToday(0)}&to=${daysFromToday(30)}`)
      .set('authorization', bearer)
      .expect(200);
    const day = calendar.body.days.find((d: { date: string }) => d.date === daysFromToday(4));
    expect(day.payments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: later.body.id, kind: 'scheduled', total: 2000 }),
      ]),
    );
    await t.http
      .get(`/api/v1/reports/payments-calendar?from=${daysFromToday(0)}&to=${daysFromToday(90)}`)
      .set('authorization', bearer)
      .expect(400);
  });

  it('lets viewers read payments but not make them', async () => {
    const viewer = await loginAs(t, 'viewer');
    await t.http.get('/api/v1/payments').set('cookie', viewer.cookie).expect(200);
    await t.http
      .post('/api/v1/payments')
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.csrf)
      .send({})
      .expect(403);
  });
});
