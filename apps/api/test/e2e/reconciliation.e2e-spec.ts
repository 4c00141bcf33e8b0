import { getQueueToken } from '@nestjs/bull';
import {
  eventually,
  startFakeQuickBooks,
  startFakeStripe,
  type FakeQuickBooks,
  type FakeStripe,
} from '@settle/testing';
import { Queue } from 'bull';
import Stripe from 'stripe';

import { AccountingPushService } from '../../src/modules/integrations/accounting-push.service';
import { ReconciliationRunner } from '../../src/modules/reconciliation/reconciliation-runner.service';
import { SettingsService } from '../../src/modules/settings';
import { QueueName } from '../../src/queues/queues';
import { apiKey } from '../utils/ar-factories';
import { addMethod, fakeStripeSettings, pay } from '../utils/payment-factories';
import { connectQuickBooks } from '../utils/quickbooks';
import { createTestApp, loginAs, Session, TestApp } from '../utils/test-app';

interface Run {
  id: string;
  status: string;
  error: string | null;
  sources: { accounting: { kind: string; name: string } | null; gateway: { kind: string } };
  totals: {
    currency: string;
    settle: { count: number; amount: number };
    accounting: { count: number; amount: number } | null;
    gateway: { count: number; amount: number };
    matched: { count: number; amount: number };
    differences: { count: number; byKind: Record<string, number> };
  } | null;
  progress: { stage: string; done: number; total: number };
}

interface Difference {
  id: string;
  kind: string;
  organizationId: string | null;
  organizationName: string | null;
  paymentId: string | null;
  paymentReference: string | null;
  accountingPaymentId: string | null;
  gatewayChargeRef: string | null;
  settleAmount: number | null;
  accountingAmount: number | null;
  gatewayAmount: number | null;
  currency: string;
  occurredOn: string;
  explanation: string;
  whatToDo: string;
}

const dayOffset = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Reconciliation against the fake QuickBooks and the fake Stripe: payments made and pushed all
 * match; then each kind of difference is made to happen for real (edited, voided and hand-made
 * QuickBooks payments, a refund not yet reversed, a push refused, one waiting, a dismissed one, a
 * charge made and a charge refunded straight at Stripe) and the run lists each with its words and
 * its organization's figures.
 */
describe('Reconciliation runs against the fake QuickBooks and the fake Stripe', () => {
  let t: TestApp;
  let qbo: FakeQuickBooks;
  let stripeFake: FakeStripe;
  let stripe: Stripe;
  let session: Session;
  let admin: string;
  let billing: string;
  let viewer: string;
  let integrationId: string;
  let organizationId: string;
  let methodId: string;
  let pushes: AccountingPushService;
  let today: string;
  let period: { from: string; to: string };
  const invoiceOf = new Map<string, string>();
  const paymentOf = new Map<string, string>();

  const sync = async () => {
    const started = await t.http
      .post(`/api/v1/integrations/${integrationId}/sync-runs`)
      .set('authorization', admin)
      .send({})
      .expect(202);
    await eventually(async () => {
      const run = await t.http
        .get(`/api/v1/sync-runs/${started.body.id}`)
        .set('authorization', admin);
      expect(run.body.status).toBe('succeeded');
    }, 30_000);
    const rows: { id: string; external_id: string }[] = await t.dataSource.query(
      `SELECT id, coalesce(accounting_external_id, external_id) AS external_id FROM invoices
        WHERE source = 'quickbooks' OR accounting_source = 'quickbooks'`,
    );
    for (const row of rows) invoiceOf.set(row.external_id, row.id);
  };

  /** A card payment of $100 on the QuickBooks invoice, through Stripe. */
  const payInvoice = async (qboInvoiceId: string) => {
    const response = await pay(t, billing, {
      allocations: [{ amount: 10_000, invoiceId: invoiceOf.get(qboInvoiceId)! }],
      organizationId,
      paymentMethodId: methodId,
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('succeeded');
    paymentOf.set(qboInvoiceId, response.body.id as string);
    return response.body.id as string;
  };

  const payment = async (id: string) =>
    (await t.http.get(`/api/v1/payments/${id}`).set('authorization', billing).expect(200)).body as {
      accountingSync: { status: string; externalId: string | null; cause: string | null };
    };

  const runRecon = async (body: Record<string, unknown>, key = billing): Promise<Run> => {
    const started = await t.http
      .post('/api/v1/reconciliation/runs')
      .set('authorization', key)
      .send(body)
      .expect(202);
    let run: Run | undefined;
    await eventually(async () => {
      run = (
        await t.http
          .get(`/api/v1/reconciliation/runs/${started.body.id}`)
          .set('authorization', billing)
          .expect(200)
      ).body as Run;
      expect(run.status).toBe('completed');
    }, 30_000);
    return run!;
  };

  const differences = async (runId: string, query = ''): Promise<Difference[]> =>
    (
      await t.http
        .get(`/api/v1/reconciliation/runs/${runId}/differences?pageSize=200${query}`)
        .set('authorization', billing)
        .expect(200)
    ).body.data as Difference[];

  beforeAll(async () => {
    qbo = await startFakeQuickBooks({ now: new Date(), realmId: '9130350' });
    stripeFake = await startFakeStripe();
    stripe = new Stripe(stripeFake.apiKey, {
      host: '127.0.0.1',
      maxNetworkRetries: 0,
      port: stripeFake.port,
      protocol: 'http',
      telemetry: false,
    });
    t = await createTestApp({
      QBO_API_BASE: qbo.url,
      QBO_CLIENT_ID: qbo.clientId,
      QBO_CLIENT_SECRET: qbo.clientSecret,
      QBO_OAUTH_BASE: qbo.url,
      STRIPE_API_BASE: stripeFake.url,
    });
    pushes = t.app.get(AccountingPushService);
    today = (await t.app.get(SettingsService).mspCalendar()).today;
    period = { from: dayOffset(today, -3), to: dayOffset(today, 1) };
    session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
    viewer = await apiKey(t, session.cookie, session.csrf, 'viewer');
    await t.http
      .put('/api/v1/settings/payments')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send(fakeStripeSettings(stripeFake))
      .expect(200);
    qbo.add('Customer', { CompanyName: 'Harbor Dental', DisplayName: 'Harbor Dental', Id: '1' });
    qbo.add('Customer', { CompanyName: 'Lakeside Vet', DisplayName: 'Lakeside Vet', Id: '2' });
    for (let i = 201; i <= 210; i++)
      qbo.add('Invoice', {
        Balance: 100,
        CustomerRef: { value: '1' },
        DocNumber: `INV-${i}`,
        DueDate: '2026-12-31',
        Id: String(i),
        TotalAmt: 100,
        TxnDate: '2026-11-01',
      });
    integrationId = await connectQuickBooks(t, admin, session.cookie);
    await sync();
    organizationId = (
      await t.dataSource.query(
        `SELECT organization_id FROM organization_links WHERE source = 'quickbooks' AND external_id = '1'`,
      )
    )[0].organization_id;
    methodId = (await addMethod(t, admin, organizationId, 'pm_card_visa')).id;
  });
  afterAll(async () => {
    await t.close();
    await qbo.close();
    await stripeFake.close();
  });

  it('finds nothing to report when payments were made and pushed: every side holds them', async () => {
    await payInvoice('201');
    await payInvoice('202');
    await pushes.pushDue();
    for (const invoice of ['201', '202'])
      expect((await payment(paymentOf.get(invoice)!)).accountingSync.status).toBe('synced');

    const run = await runRecon(period);
    expect(run).toMatchObject({
      error: null,
      progress: { stage: 'done' },
      sources: {
        accounting: { kind: 'quickbooks', name: 'QuickBooks' },
        gateway: { kind: 'stripe' },
      },
      totals: {
        accounting: { amount: 20_000, count: 2 },
        currency: 'USD',
        differences: { count: 0 },
        gateway: { amount: 20_000, count: 2 },
        matched: { amount: 20_000, count: 2 },
        settle: { amount: 20_000, count: 2 },
      },
    });
    expect(await differences(run.id)).toEqual([]);
    const organizations = await t.http
      .get(`/api/v1/reconciliation/runs/${run.id}/organizations`)
      .set('authorization', billing)
      .expect(200);
    expect(organizations.body).toMatchObject({ page: 1, pageSize: 25, total: 1 });
    expect(organizations.body.data[0]).toEqual({
      accountingAmount: 20_000,
      currency: 'USD',
      differenceCount: 0,
      gatewayAmount: 20_000,
      name: 'Harbor Dental',
      organizationId,
      settleAmount: 20_000,
    });
  });

  let handPaymentId: string;
  let byHandForDismissed: string;
  let directCharge: string;

  it('lists each kind of difference, made to happen for real, with its words and what to do', async () => {
    // A push QuickBooks refuses for good: the accounting period is closed.
    qbo.injectScenario({ method: 'POST', path: /\/payment$/ }, 'closed-period');
    await payInvoice('204');
    await pushes.pushDue();
    expect((await payment(paymentOf.get('204')!)).accountingSync).toMatchObject({
      cause: 'period_closed',
      status: 'failed',
    });

    // Refused, recorded by hand in QuickBooks, and dismissed in Settle.
    qbo.injectScenario({ method: 'POST', path: /\/payment$/ }, 'business-validation');
    await payInvoice('206');
    await pushes.pushDue();
    await t.http
      .post(`/api/v1/payments/${paymentOf.get('206')}/accounting-sync/dismiss`)
      .set('authorization', billing)
      .expect(200);
    byHandForDismissed = qbo.add('Payment', {
      CustomerRef: { value: '1' },
      Line: [{ Amount: 100, LinkedTxn: [{ TxnId: '206', TxnType: 'Invoice' }] }],
      PaymentRefNum: '1042',
      TotalAmt: 100,
      TxnDate: today,
    }).Id;

    // Pushed; one is then refunded in the Stripe dashboard, behind Settle's back.
    await payInvoice('203');
    const refundedAtStripe = await payInvoice('207');
    await pushes.pushDue();
    const ref = (
      await t.dataSource.query(`SELECT gateway_payment_ref FROM payments WHERE id = $1`, [
        refundedAtStripe,
      ])
    )[0].gateway_payment_ref as string;
    await stripe.refunds.create({ payment_intent: ref });

    // QuickBooks answers every push with a stale-object error (retried later): a refund made in
    // Settle waits to be reversed there, a new payment waits to be pushed.
    qbo.injectScenario({ method: 'POST', path: /\/payment$/ }, 'stale', 200);
    await t.http
      .post(`/api/v1/payments/${paymentOf.get('203')}/refunds`)
      .set('authorization', billing)
      .set('idempotency-key', `refund-203-${Date.now()}`)
      .send({})
      .expect(201);
    await payInvoice('205');
    await pushes.pushDue();
    expect((await payment(paymentOf.get('203')!)).accountingSync.status).toBe('pending');
    expect((await payment(paymentOf.get('205')!)).accountingSync.status).toBe('pending');

    // Changed in QuickBooks: one payment's amount edited, another voided.
    const qboOf = async (invoice: string) =>
      (await payment(paymentOf.get(invoice)!)).accountingSync.externalId!;
    qbo.edit('Payment', await qboOf('201'), { TotalAmt: 90 });
    qbo.edit('Payment', await qboOf('202'), { PrivateNote: 'Voided', TotalAmt: 0 });
    // A check recorded by hand on an invoice Settle also collected on.
    handPaymentId = qbo.add('Payment', {
      CustomerRef: { value: '1' },
      Line: [{ Amount: 55, LinkedTxn: [{ TxnId: '201', TxnType: 'Invoice' }] }],
      PaymentRefNum: '5521',
      TotalAmt: 55,
      TxnDate: today,
    }).Id;
    // A charge made straight in Stripe.
    const outside = await stripe.paymentIntents.create({
      amount: 7_700,
      confirm: true,
      currency: 'usd',
      payment_method: 'pm_card_visa',
    });
    directCharge = outside.latest_charge as string;
    // One made in Stripe on the organization's own customer: it is that organization's.
    const [{ external_id: customer }]: { external_id: string }[] = await t.dataSource.query(
      `SELECT external_id FROM organization_links WHERE organization_id = $1 AND source = 'stripe'`,
      [organizationId],
    );
    const onCustomer = await stripe.paymentIntents.create({
      amount: 4_400,
      confirm: true,
      currency: 'usd',
      customer,
      payment_method: 'pm_card_visa',
    });
    const customerCharge = onCustomer.latest_charge as string;

    const run = await runRecon(period);
    const found = await differences(run.id);
    const byKind = new Map(found.map((d) => [d.kind, d]));
    expect([...byKind.keys()].sort()).toEqual([
      'amount_differs_in_accounting',
      'charge_only_at_gateway',
      'dismissed_recorded_by_hand',
      'missing_in_accounting',
      'not_yet_synced',
      'recorded_only_in_accounting',
      'refunded_at_gateway_only',
      'reversal_missing_in_accounting',
      'sync_failed',
    ]);
    expect(found).toHaveLength(10);
    expect(run.totals!.differences.count).toBe(10);
    for (const kind of byKind.keys())
      expect(run.totals!.differences.byKind[kind]).toBe(kind === 'charge_only_at_gateway' ? 2 : 1);

    const edited = byKind.get('amount_differs_in_accounting')!;
    expect(edited).toMatchObject({
      accountingAmount: 9_000,
      currency: 'USD',
      gatewayAmount: 10_000,
      organizationId,
      organizationName: 'Harbor Dental',
      paymentId: paymentOf.get('201'),
      settleAmount: 10_000,
    });
    expect(edited.paymentReference).toMatch(/^PAY-\d+$/);
    expect(edited.explanation).toContain('$90.00');
    expect(edited.explanation).toContain('changed in QuickBooks');
    expect(edited.whatToDo).toContain('$100.00');

    expect(byKind.get('missing_in_accounting')).toMatchObject({
      accountingAmount: 0,
      paymentId: paymentOf.get('202'),
    });
    expect(byKind.get('missing_in_accounting')!.explanation).toContain('voided');

    expect(byKind.get('reversal_missing_in_accounting')).toMatchObject({
      accountingAmount: 10_000,
      gatewayAmount: 0,
      paymentId: paymentOf.get('203'),
      settleAmount: 0,
    });
    expect(byKind.get('reversal_missing_in_accounting')!.explanation).toContain(
      'refunded or returned in Settle',
    );

    const failed = byKind.get('sync_failed')!;
    expect(failed).toMatchObject({ accountingAmount: null, paymentId: paymentOf.get('204') });
    expect(failed.explanation).toContain('accounting period');
    expect(failed.whatToDo).toContain('Payments failing to sync');

    expect(byKind.get('not_yet_synced')).toMatchObject({
      accountingAmount: null,
      gatewayAmount: 10_000,
      paymentId: paymentOf.get('205'),
    });
    expect(byKind.get('not_yet_synced')!.whatToDo).toContain('syncs by itself');

    const dismissed = byKind.get('dismissed_recorded_by_hand')!;
    expect(dismissed).toMatchObject({
      accountingAmount: 10_000,
      accountingPaymentId: byHandForDismissed,
      paymentId: paymentOf.get('206'),
    });
    expect(dismissed.explanation).toContain(`QuickBooks payment ${byHandForDismissed}`);

    expect(byKind.get('refunded_at_gateway_only')).toMatchObject({
      accountingAmount: 10_000,
      gatewayAmount: 0,
      paymentId: refundedAtStripe,
      settleAmount: 10_000,
    });
    expect(byKind.get('refunded_at_gateway_only')!.explanation).toContain('Stripe dashboard');

    const byHand = byKind.get('recorded_only_in_accounting')!;
    expect(byHand).toMatchObject({
      accountingAmount: 5_500,
      accountingPaymentId: handPaymentId,
      organizationId,
      paymentId: null,
      settleAmount: null,
    });
    expect(byHand.explanation).toContain('may have paid twice');

    const outsideSettle = found.filter((d) => d.kind === 'charge_only_at_gateway');
    expect(outsideSettle.find((d) => d.gatewayChargeRef === directCharge)).toMatchObject({
      gatewayAmount: 7_700,
      organizationId: null,
      paymentId: null,
    });
    expect(outsideSettle.find((d) => d.gatewayChargeRef === customerCharge)).toMatchObject({
      gatewayAmount: 4_400,
      organizationId,
      paymentId: null,
    });

    // The run's figures: Settle's seven payments (one refunded), QuickBooks' seven, Stripe's
    // eight charges (one made outside Settle) net of refunds; the matched payments are the two still agreeing.
    expect(run.totals).toMatchObject({
      accounting: { amount: 9_000 + 0 + 10_000 + 10_000 + 10_000 + 5_500, count: 6 },
      gateway: { amount: 10_000 * 5 + 7_700 + 4_400, count: 9 },
      matched: { amount: 0, count: 0 },
      settle: { amount: 60_000, count: 7 },
    });

    const organizations = await t.http
      .get(`/api/v1/reconciliation/runs/${run.id}/organizations`)
      .set('authorization', billing)
      .expect(200);
    expect(organizations.body.data).toEqual([
      {
        accountingAmount: 44_500,
        currency: 'USD',
        differenceCount: 9,
        gatewayAmount: 54_400,
        name: 'Harbor Dental',
        organizationId,
        settleAmount: 60_000,
      },
      {
        accountingAmount: 0,
        currency: 'USD',
        differenceCount: 1,
        gatewayAmount: 7_700,
        name: 'Not linked to an organization in Settle',
        organizationId: null,
        settleAmount: 0,
      },
    ]);
    const searched = await t.http
      .get(`/api/v1/reconciliation/runs/${run.id}/organizations?q=harbor&sort=name`)
      .set('authorization', billing)
      .expect(200);
    expect(searched.body.data.map((o: { name: string }) => o.name)).toEqual(['Harbor Dental']);

    expect(await differences(run.id, `&organizationId=${organizationId}`)).toHaveLength(9);
    expect((await differences(run.id, '&kind=sync_failed')).map((d) => d.paymentId)).toEqual([
      paymentOf.get('204'),
    ]);
  });

  it('a run for one organization reports only what is its own', async () => {
    const run = await runRecon({ ...period, organizationId });
    const found = await differences(run.id);
    expect(found).toHaveLength(9);
    expect(found.every((d) => d.organizationId === organizationId)).toBe(true);
    const response = await t.http
      .get(`/api/v1/reconciliation/runs/${run.id}`)
      .set('authorization', billing)
      .expect(200);
    expect(response.body).toMatchObject({ organizationId, organizationName: 'Harbor Dental' });
  });

  it('a second start while one is queued gives that run; once it has ended, a new one', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.sync), { strict: false });
    await queue.pause(true);
    try {
      const first = await t.http
        .post('/api/v1/reconciliation/runs')
        .set('authorization', admin)
        .send({ from: today, to: today })
        .expect(202);
      const second = await t.http
        .post('/api/v1/reconciliation/runs')
        .set('authorization', billing)
        .send({ from: today, to: today })
        .expect(200);
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.status).toBe('queued');
      // Another period is another run.
      const other = await t.http
        .post('/api/v1/reconciliation/runs')
        .set('authorization', billing)
        .send({ from: today, to: dayOffset(today, 1) })
        .expect(202);
      expect(other.body.id).not.toBe(first.body.id);
    } finally {
      await queue.resume(true);
    }
    await eventually(async () => {
      const runs = await t.http
        .get('/api/v1/reconciliation/runs?pageSize=10')
        .set('authorization', billing)
        .expect(200);
      expect(
        runs.body.data.filter((r: { status: string }) => ['queued', 'running'].includes(r.status)),
      ).toEqual([]);
    }, 30_000);
    const third = await runRecon({ from: today, to: today });
    const list = await t.http
      .get('/api/v1/reconciliation/runs?pageSize=2')
      .set('authorization', billing)
      .expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(list.body.total).toBeGreaterThanOrEqual(5);
    expect(list.body.data[0].id).toBe(third.id);
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'reconciliation.run_started'`,
    );
    expect(audit[0].n).toBeGreaterThanOrEqual(5);
  });

  it('refuses bad input with a problem naming the field, and viewers', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const response = await t.http
        .post('/api/v1/reconciliation/runs')
        .set('authorization', billing)
        .send(body)
        .expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ to: today }, 'from');
    await bad({ from: '2026-02-30', to: today }, 'from');
    await bad({ from: today, to: dayOffset(today, -1) }, 'to');
    await bad({ from: '2025-01-01', to: '2026-01-02' }, 'to');
    await bad({ from: today, organizationId: 'nope', to: today }, 'organizationId');
    await bad(
      { from: today, organizationId: '00000000-0000-4000-8000-000000000000', to: today },
      'organizationId',
    );
    // A full leap year is allowed.
    await t.http
      .post('/api/v1/reconciliation/runs')
      .set('authorization', billing)
      .send({ from: '2028-01-01', to: '2028-12-31' })
      .expect(202);

    const runs = await t.http
      .get('/api/v1/reconciliation/runs')
      .set('authorization', billing)
      .expect(200);
    const runId = runs.body.data[0].id as string;
    await t.http
      .get(`/api/v1/reconciliation/runs/${runId}/differences?kind=nonsense`)
      .set('authorization', billing)
      .expect(400);
    await t.http
      .get(`/api/v1/reconciliation/runs/${runId}/organizations?sort=owner`)
      .set('authorization', billing)
      .expect(400);
    await t.http
      .get('/api/v1/reconciliation/runs/00000000-0000-4000-8000-000000000000')
      .set('authorization', billing)
      .expect(404);
    await t.http.get('/api/v1/reconciliation/runs').set('authorization', viewer).expect(403);
    await t.http
      .post('/api/v1/reconciliation/runs')
      .set('authorization', viewer)
      .send({ from: today, to: today })
      .expect(403);
  });

  it('a run that cannot read a side is queued again with the reason, and ends failed after its last attempt', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.sync), { strict: false });
    const runner = t.app.get(ReconciliationRunner);
    await queue.pause(true);
    let runId = '';
    try {
      runId = (
        await t.http
          .post('/api/v1/reconciliation/runs')
          .set('authorization', billing)
          .send({ from: dayOffset(today, -10), to: dayOffset(today, -10) })
          .expect(202)
      ).body.id as string;
      await (await queue.getJob(`reconciliation-run-${runId}`))?.remove();
      const refused = {
        body: { error: { message: 'Stripe is down for the test', type: 'api_error' } },
        status: 400,
      };
      stripeFake.injectFault({ method: 'GET', path: /^\/v1\/charges$/ }, refused, 2);
      await expect(runner.execute(runId, { number: 1, of: 3 })).rejects.toThrow();
      const retrying = (
        await t.http
          .get(`/api/v1/reconciliation/runs/${runId}`)
          .set('authorization', billing)
          .expect(200)
      ).body as Run & { finishedAt: string | null };
      expect(retrying).toMatchObject({ finishedAt: null, status: 'queued', totals: null });
      expect(retrying.error).toContain('Attempt 1 of 3 failed');
      expect(retrying.error).toContain('trying again');

      await expect(runner.execute(runId, { number: 3, of: 3 })).rejects.toThrow();
      const failed = (
        await t.http
          .get(`/api/v1/reconciliation/runs/${runId}`)
          .set('authorization', billing)
          .expect(200)
      ).body as Run & { finishedAt: string | null };
      expect(failed.status).toBe('failed');
      expect(failed.error).toBeTruthy();
      expect(failed.error).not.toContain('trying again');
      expect(failed.finishedAt).not.toBeNull();
      // A failed run holds nothing up: the same period starts afresh.
      const again = await t.http
        .post('/api/v1/reconciliation/runs')
        .set('authorization', billing)
        .send({ from: dayOffset(today, -10), to: dayOffset(today, -10) })
        .expect(202);
      expect(again.body.id).not.toBe(runId);
    } finally {
      await queue.resume(true);
    }
  });

  it('without a connected accounting package, shows accounting as not connected and compares the gateway only', async () => {
    await t.http
      .delete(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .expect(204);
    const run = await runRecon(period);
    expect(run.sources.accounting).toBeNull();
    expect(run.totals!.accounting).toBeNull();
    const kinds = (await differences(run.id)).map((d) => d.kind).sort();
    expect(kinds).toEqual([
      'charge_only_at_gateway',
      'charge_only_at_gateway',
      'refunded_at_gateway_only',
    ]);
    const organizations = await t.http
      .get(`/api/v1/reconciliation/runs/${run.id}/organizations`)
      .set('authorization', billing)
      .expect(200);
    expect(
      organizations.body.data.every((o: { accountingAmount: null }) => o.accountingAmount === null),
    ).toBe(true);
  });
});
