import { eventually, startFakeQuickBooks, type FakeQuickBooks } from '@settle/testing';

import { AccountingPushService } from '../../src/modules/integrations/accounting-push.service';
import { apiKey } from '../utils/ar-factories';
import { addMethod, pay } from '../utils/payment-factories';
import { connectQuickBooks } from '../utils/quickbooks';
import { createTestApp, loginAs, Session, TestApp } from '../utils/test-app';

interface AccountingSync {
  status: string;
  action: string;
  externalId: string | null;
  error: string | null;
  cause: string | null;
  attempts: number;
}

const MINUTE = 60_000;

/**
 * Payments pushed to QuickBooks Online (the fake, integrations.md 6.2): applied to their invoices
 * with Settle's hold released, each of the contract's faults ending in its state and cause,
 * retries that never pay twice, reversal of a refund, and a credit memo's case reconciling after
 * the next sync.
 */
describe('Accounting push to QuickBooks against the fake', () => {
  let t: TestApp;
  let fake: FakeQuickBooks;
  let session: Session;
  let admin: string;
  let billing: string;
  let integrationId: string;
  let organizationId: string;
  let methodId: string;
  let pushes: AccountingPushService;
  /** QuickBooks invoice id → Settle invoice id. */
  const invoiceOf = new Map<string, string>();
  let nextInvoice = 200;

  const newInvoice = (balance = 100) => {
    nextInvoice += 1;
    fake.add('Invoice', {
      Balance: balance,
      CustomerRef: { value: '1' },
      DocNumber: `INV-${nextInvoice}`,
      DueDate: '2026-12-31',
      Id: String(nextInvoice),
      TotalAmt: balance,
      TxnDate: '2026-11-01',
    });
    return String(nextInvoice);
  };

  const sync = async (body: { full?: boolean } = {}) => {
    const started = await t.http
      .post(`/api/v1/integrations/${integrationId}/sync-runs`)
      .set('authorization', admin)
      .send(body)
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

  /** A card payment of `amount` cents on the QuickBooks invoice; Settle holds it until pushed. */
  const payInvoice = async (qboInvoiceId: string, amount = 10_000) => {
    const response = await pay(t, billing, {
      allocations: [{ amount, invoiceId: invoiceOf.get(qboInvoiceId)! }],
      organizationId,
      paymentMethodId: methodId,
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('succeeded');
    return response.body.id as string;
  };

  const syncOf = async (paymentId: string): Promise<AccountingSync> =>
    (await t.http.get(`/api/v1/payments/${paymentId}`).set('authorization', billing).expect(200))
      .body.accountingSync;

  const settleInvoice = async (qboInvoiceId: string) =>
    (
      await t.http
        .get(`/api/v1/invoices/${invoiceOf.get(qboInvoiceId)}`)
        .set('authorization', billing)
        .expect(200)
    ).body as { sourceBalance: number; openBalance: number; status: string };

  const qboPaymentsFor = (qboInvoiceId: string) =>
    fake
      .all('Payment')
      .filter((p) => p.Line.some((l) => (l.LinkedTxn ?? []).some((x) => x.TxnId === qboInvoiceId)));

  beforeAll(async () => {
    fake = await startFakeQuickBooks({ now: new Date(), realmId: '9130349' });
    t = await createTestApp({
      QBO_API_BASE: fake.url,
      QBO_CLIENT_ID: fake.clientId,
      QBO_CLIENT_SECRET: fake.clientSecret,
      QBO_OAUTH_BASE: fake.url,
    });
    pushes = t.app.get(AccountingPushService);
    session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
    fake.add('Customer', { CompanyName: 'Harbor Dental', DisplayName: 'Harbor Dental', Id: '1' });
    for (let i = 0; i < 15; i++) newInvoice();

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
    await fake.close();
  });

  it('pushes a payment applied to its invoice: QuickBooks balance drops, Settle takes it and lets go of its hold', async () => {
    const invoice = '201';
    const paymentId = await payInvoice(invoice, 4_000);
    expect((await syncOf(paymentId)).status).toBe('pending');
    expect(await settleInvoice(invoice)).toMatchObject({
      openBalance: 6_000,
      sourceBalance: 10_000,
    });

    const counts = await pushes.pushDue();
    expect(counts).toEqual({ failed: 0, retrying: 0, synced: 1 });

    const synced = await syncOf(paymentId);
    expect(synced).toMatchObject({ cause: null, error: null, status: 'synced' });
    const [recorded] = qboPaymentsFor(invoice);
    expect(recorded).toMatchObject({ Id: synced.externalId, TotalAmt: 40, UnappliedAmt: 0 });
    expect(fake.get('Invoice', invoice)!.Balance).toBe(60);
    // The payable amount counts the payment once: QuickBooks' balance, nothing held beside it.
    expect(await settleInvoice(invoice)).toMatchObject({
      openBalance: 6_000,
      sourceBalance: 6_000,
    });
    const posts = fake.requestsTo(/\/payment$/).filter((r) => r.method === 'POST');
    expect(posts.at(-1)!.query.requestid).toMatch(/^[0-9a-f-]{36}-p$/);

    // Nothing left to push: the job sends nothing again.
    expect(await pushes.pushDue()).toEqual({ failed: 0, retrying: 0, synced: 0 });
    expect(qboPaymentsFor(invoice)).toHaveLength(1);
  });

  it('an invoice deleted in QuickBooks (610) fails the payment, and says when it was recreated', async () => {
    const deleted = '202';
    const paymentId = await payInvoice(deleted);
    fake.remove('Invoice', deleted);
    fake.add('Invoice', {
      Balance: 100,
      CustomerRef: { value: '1' },
      DocNumber: 'INV-202',
      Id: '902',
      TotalAmt: 100,
    });
    expect(await pushes.pushDue()).toEqual({ failed: 1, retrying: 0, synced: 0 });
    const failed = await syncOf(paymentId);
    expect(failed).toMatchObject({ cause: 'invoice_deleted', status: 'failed' });
    expect(failed.error).toContain('610');
    expect(failed.error).toContain('deleted and recreated');
    expect(failed.error).toContain('902');
  });

  it('an invoice that cannot take a payment (620) fails with its cause', async () => {
    const paymentId = await payInvoice('203');
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'cannot-link');
    await pushes.pushDue();
    expect(await syncOf(paymentId)).toMatchObject({
      cause: 'invoice_not_linkable',
      status: 'failed',
    });
  });

  it('a business rule (6000) fails; an invoice already paid by hand is diagnosed as such', async () => {
    const rule = await payInvoice('204');
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'business-validation');
    await pushes.pushDue();
    expect(await syncOf(rule)).toMatchObject({ cause: 'business_rule', status: 'failed' });

    const byHand = await payInvoice('205');
    fake.add('Payment', {
      CustomerRef: { value: '1' },
      Line: [{ Amount: 100, LinkedTxn: [{ TxnId: '205', TxnType: 'Invoice' }] }],
      TotalAmt: 100,
    });
    fake.edit('Invoice', '205', {
      Balance: 0,
      LinkedTxn: [{ TxnId: fake.all('Payment').at(-1)!.Id, TxnType: 'Payment' }],
    });
    await pushes.pushDue();
    const diagnosed = await syncOf(byHand);
    expect(diagnosed).toMatchObject({ cause: 'already_paid_by_hand', status: 'failed' });
    expect(diagnosed.error).toContain('already has a payment');
  });

  it('a closed period (6210) fails the payment', async () => {
    const paymentId = await payInvoice('206');
    fake.company.closedThrough = '2099-12-31';
    try {
      await pushes.pushDue();
    } finally {
      fake.company.closedThrough = null;
    }
    expect(await syncOf(paymentId)).toMatchObject({ cause: 'period_closed', status: 'failed' });
  });

  it('a stale object (5010) is retried later with the same requestid, and pays once', async () => {
    const invoice = '207';
    const paymentId = await payInvoice(invoice);
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'stale');
    expect(await pushes.pushDue()).toEqual({ failed: 0, retrying: 1, synced: 0 });
    const waiting = await syncOf(paymentId);
    expect(waiting).toMatchObject({ attempts: 1, status: 'pending' });
    expect(waiting.error).toContain('5010');

    expect(await pushes.pushDue(new Date(Date.now() + 2 * MINUTE))).toEqual({
      failed: 0,
      retrying: 0,
      synced: 1,
    });
    expect(await syncOf(paymentId)).toMatchObject({ status: 'synced' });
    expect(qboPaymentsFor(invoice)).toHaveLength(1);
    const keys = fake
      .requestsTo(/\/payment$/)
      .filter((r) => r.method === 'POST')
      .slice(-2)
      .map((r) => r.query.requestid);
    expect(keys[0]).toBe(keys[1]);
  });

  it('a payment QuickBooks takes but leaves unapplied (customer mismatch) fails as left unapplied', async () => {
    const invoice = '208';
    const paymentId = await payInvoice(invoice);
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'customer-mismatch');
    await pushes.pushDue();
    const failed = await syncOf(paymentId);
    expect(failed).toMatchObject({ cause: 'left_unapplied', status: 'failed' });
    expect(failed.externalId).not.toBeNull();
    expect(fake.get('Invoice', invoice)!.Balance).toBe(100);
    // Settle still holds the payment: the invoice is not payable twice.
    expect(await settleInvoice(invoice)).toMatchObject({ openBalance: 0, sourceBalance: 10_000 });
  });

  it('429 and an expired access token are absorbed: the payment syncs', async () => {
    const throttled = await payInvoice('209');
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'throttled', 2);
    await pushes.pushDue();
    expect(await syncOf(throttled)).toMatchObject({ status: 'synced' });

    const expired = await payInvoice('210');
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'token-expired');
    await pushes.pushDue();
    expect(await syncOf(expired)).toMatchObject({ status: 'synced' });
    expect(qboPaymentsFor('210')).toHaveLength(1);
  });

  it('lost access (401, Fault 120) keeps the payment waiting and the integration needing attention', async () => {
    const paymentId = await payInvoice('211');
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'lost-access');
    await pushes.pushDue();
    expect(await syncOf(paymentId)).toMatchObject({ cause: 'authorization', status: 'pending' });
    const integration = await t.http
      .get(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .expect(200);
    expect(integration.body.status).toBe('needs_attention');
    // Staff reconnect; the payment goes on the next push.
    await t.http
      .patch(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .send({ status: 'connected' })
      .expect(200);
    await pushes.pushDue(new Date(Date.now() + 10 * MINUTE));
    expect(await syncOf(paymentId)).toMatchObject({ status: 'synced' });
  });

  it('dismissed and hidden payments are not pushed', async () => {
    const paymentId = await payInvoice('212');
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'business-validation');
    await pushes.pushDue();
    await t.http
      .post(`/api/v1/payments/${paymentId}/accounting-sync/dismiss`)
      .set('authorization', billing)
      .expect(200);
    await t.http
      .post(`/api/v1/payments/${paymentId}/hide`)
      .set('authorization', billing)
      .expect(200);
    const before = fake.requestsTo(/\/payment$/).length;
    await pushes.pushDue(new Date(Date.now() + 24 * 60 * MINUTE));
    expect(fake.requestsTo(/\/payment$/).length).toBe(before);
    expect(await syncOf(paymentId)).toMatchObject({ status: 'dismissed' });
    // Recorded by hand in QuickBooks: Settle counts it as accounting will, and holds nothing.
    expect(await settleInvoice('212')).toMatchObject({
      openBalance: 0,
      sourceBalance: 0,
      status: 'paid',
    });
  });

  it('dismissing on a cold settings cache (just after the general settings changed) works', async () => {
    const paymentId = await payInvoice('215');
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'business-validation');
    await pushes.pushDue();
    const general = await t.http
      .get('/api/v1/settings/general')
      .set('authorization', admin)
      .expect(200);
    const { accentColor, defaultCurrency, logoDataUrl, mspName, timeZone } = general.body;
    await t.http
      .put('/api/v1/settings/general')
      .set('authorization', admin)
      .send({ accentColor, defaultCurrency, logoDataUrl, mspName, timeZone })
      .expect(200);
    // Settle's hold is released in the dismissal's transaction, with the MSP's day read before it
    await t.http
      .post(`/api/v1/payments/${paymentId}/accounting-sync/dismiss`)
      .set('authorization', billing)
      .expect(200);
    expect(await syncOf(paymentId)).toMatchObject({ status: 'dismissed' });
    expect(await settleInvoice('215')).toMatchObject({ openBalance: 0, sourceBalance: 0 });
  });

  it('a credit memo applied after the payment fails it; un-applied in QuickBooks, it syncs after the next sync by itself', async () => {
    const invoice = '213';
    const paymentId = await payInvoice(invoice);
    fake.add('CreditMemo', { Balance: 0, CustomerRef: { value: '1' }, Id: '501', TotalAmt: 30 });
    fake.edit('Invoice', invoice, {
      Balance: 70,
      LinkedTxn: [{ TxnId: '501', TxnType: 'CreditMemo' }],
    });
    await pushes.pushDue();
    const failed = await syncOf(paymentId);
    expect(failed).toMatchObject({ cause: 'credit_memo_applied', status: 'failed' });
    expect(failed.error).toContain('credit memo');

    // Staff un-apply the credit memo in QuickBooks; the next sync re-checks and pushes it.
    fake.edit('Invoice', invoice, { Balance: 100, LinkedTxn: [] });
    await sync();
    await eventually(async () => {
      expect(await syncOf(paymentId)).toMatchObject({ status: 'synced' });
    }, 20_000);
    expect(fake.get('Invoice', invoice)!.Balance).toBe(0);
  });

  const credits = async () =>
    (
      await t.http
        .get(`/api/v1/organizations/${organizationId}/credits`)
        .set('authorization', billing)
        .expect(200)
    ).body.data as { kind: string; number: string; amount: number; remaining: number }[];

  it("a payment recorded by hand and left unapplied in QuickBooks is the customer's credit until it is applied", async () => {
    fake.add('Payment', {
      CustomerRef: { value: '1' },
      Id: '1042',
      Line: [],
      PaymentRefNum: '1042',
      TotalAmt: 25,
      TxnDate: '2026-11-20',
      UnappliedAmt: 25,
    });
    fake.add('Payment', {
      CustomerRef: { value: '1' },
      Id: '1043',
      Line: [],
      PaymentRefNum: 'CHK-77',
      TotalAmt: 12.5,
      TxnDate: '2026-11-21',
      UnappliedAmt: 12.5,
    });
    await sync();
    const byNumber = async () => new Map((await credits()).map((c) => [c.number, c]));
    expect((await byNumber()).get('1042')).toMatchObject({
      amount: 2_500,
      kind: 'unapplied_payment',
      remaining: 2_500,
    });
    expect((await byNumber()).get('CHK-77')).toMatchObject({ amount: 1_250, remaining: 1_250 });

    // Staff apply 15.00 of it to an invoice, then the rest; the other is deleted.
    const invoice = newInvoice(40);
    fake.edit('Payment', '1042', {
      Line: [{ Amount: 15, LinkedTxn: [{ TxnId: invoice, TxnType: 'Invoice' }] }],
      UnappliedAmt: 10,
    });
    fake.edit('Invoice', invoice, { Balance: 25 });
    await sync();
    expect((await byNumber()).get('1042')).toMatchObject({ amount: 2_500, remaining: 1_000 });
    expect(await settleInvoice(invoice)).toMatchObject({ sourceBalance: 2_500 });
    fake.edit('Payment', '1042', {
      Line: [{ Amount: 25, LinkedTxn: [{ TxnId: invoice, TxnType: 'Invoice' }] }],
      UnappliedAmt: 0,
    });
    fake.remove('Payment', '1043');
    await sync();
    expect((await byNumber()).get('1042')).toMatchObject({ remaining: 0 });
    expect((await byNumber()).get('CHK-77')).toMatchObject({ remaining: 0 });
    // A full query (no CDC) reconciles the same way: applied and deleted payments are no credit.
    fake.add('Payment', {
      CustomerRef: { value: '1' },
      Id: '1044',
      Line: [],
      TotalAmt: 5,
      TxnDate: '2026-11-22',
      UnappliedAmt: 5,
    });
    await sync({ full: true });
    const after = await byNumber();
    expect(after.get('1042')).toMatchObject({ remaining: 0 });
    expect(after.get('CHK-77')).toMatchObject({ remaining: 0 });
    expect(after.get('1044')).toMatchObject({ kind: 'unapplied_payment', remaining: 500 });
  });

  it('a payment Settle pushed that QuickBooks left unapplied is a failing push, never a credit', async () => {
    const invoice = newInvoice();
    await sync();
    const paymentId = await payInvoice(invoice);
    fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'customer-mismatch');
    await pushes.pushDue();
    const failed = await syncOf(paymentId);
    expect(failed).toMatchObject({ cause: 'left_unapplied', status: 'failed' });
    expect(fake.get('Payment', failed.externalId!)).toMatchObject({ UnappliedAmt: 100 });
    const before = (await credits()).length;
    await sync();
    expect(await credits()).toHaveLength(before);
    // Even when staff rewrote its note and reference, its id says it is Settle's.
    fake.edit('Payment', failed.externalId!, { PaymentRefNum: '555', PrivateNote: 'Check' });
    await sync();
    await sync({ full: true });
    expect((await credits()).some((c) => c.number === '555')).toBe(false);
    expect(await credits()).toHaveLength(before);
    // Applied by hand since: still nothing (not even a spent credit).
    fake.edit('Payment', failed.externalId!, { UnappliedAmt: 0 });
    await sync();
    expect(await credits()).toHaveLength(before);
  });

  it('a refunded payment is reversed in QuickBooks: its payment voided, the invoice open again', async () => {
    const invoice = '214';
    const paymentId = await payInvoice(invoice);
    await pushes.pushDue();
    const pushed = await syncOf(paymentId);
    expect(pushed.status).toBe('synced');
    await t.http
      .post(`/api/v1/payments/${paymentId}/refunds`)
      .set('authorization', billing)
      .set('idempotency-key', `refund-${paymentId}`)
      .send({ reason: 'Customer asked' })
      .expect(201);
    expect(await syncOf(paymentId)).toMatchObject({ action: 'reverse', status: 'pending' });
    // Until QuickBooks takes the payment back, its invoice is not payable again.
    expect(await settleInvoice(invoice)).toMatchObject({ openBalance: 0, sourceBalance: 0 });
    await pushes.pushDue();
    expect(await syncOf(paymentId)).toMatchObject({ action: 'reverse', status: 'synced' });
    expect(fake.get('Payment', pushed.externalId!)!.TotalAmt).toBe(0);
    expect(fake.get('Invoice', invoice)!.Balance).toBe(100);
    expect(await settleInvoice(invoice)).toMatchObject({
      openBalance: 10_000,
      sourceBalance: 10_000,
      status: 'open',
    });
  });

  describe('partial refunds', () => {
    const refund = (paymentId: string, amount: number, key: string) =>
      t.http
        .post(`/api/v1/payments/${paymentId}/refunds`)
        .set('authorization', billing)
        .set('idempotency-key', `refund-${paymentId}-${key}`)
        .send({ amount })
        .expect(201);

    /** A payment of 100.00 on a new QuickBooks invoice of 100.00, pushed and synced. */
    const pushedPayment = async () => {
      const invoice = newInvoice();
      await sync();
      const paymentId = await payInvoice(invoice);
      await pushes.pushDue();
      const pushed = await syncOf(paymentId);
      expect(pushed).toMatchObject({ action: 'push', status: 'synced' });
      expect(fake.get('Invoice', invoice)!.Balance).toBe(0);
      return { externalId: pushed.externalId!, invoice, paymentId };
    };

    it('adjusts the QuickBooks payment down by the refund: the invoice is owed again in both', async () => {
      const { externalId, invoice, paymentId } = await pushedPayment();
      await refund(paymentId, 3_000, '1');
      expect(await syncOf(paymentId)).toMatchObject({ action: 'adjust', status: 'pending' });
      // Until QuickBooks has the adjustment, the invoice keeps its balance there (not payable twice).
      expect(await settleInvoice(invoice)).toMatchObject({ openBalance: 0, sourceBalance: 0 });

      expect(await pushes.pushDue()).toEqual({ failed: 0, retrying: 0, synced: 1 });
      expect(await syncOf(paymentId)).toMatchObject({
        action: 'adjust',
        externalId,
        status: 'synced',
      });
      expect(fake.get('Payment', externalId)).toMatchObject({
        Line: [{ Amount: 70, LinkedTxn: [{ TxnId: invoice, TxnType: 'Invoice' }] }],
        TotalAmt: 70,
        UnappliedAmt: 0,
      });
      expect(fake.get('Invoice', invoice)!.Balance).toBe(30);
      expect(await settleInvoice(invoice)).toMatchObject({
        openBalance: 3_000,
        sourceBalance: 3_000,
        status: 'open',
      });
      const update = fake
        .requestsTo(/\/payment$/)
        .filter((r) => r.method === 'POST')
        .at(-1)!;
      expect(update.query).toMatchObject({ operation: 'update' });
      expect(update.query.requestid).toMatch(/^[0-9a-f-]{36}-a-\d+$/);
      expect(JSON.parse(update.body)).toMatchObject({ Id: externalId, sparse: true });
      // Nothing more to send.
      expect(await pushes.pushDue()).toEqual({ failed: 0, retrying: 0, synced: 0 });
      const timeline = (
        await t.http.get(`/api/v1/payments/${paymentId}`).set('authorization', billing)
      ).body.timeline as { summary: string }[];
      expect(timeline.map((e) => e.summary)).toContain(
        'Adjusted in accounting to $70.00 after a partial refund',
      );
    });

    it('two partial refunds: each adjusts it, or one adjustment carries both; then the rest refunded voids it', async () => {
      const { externalId, invoice, paymentId } = await pushedPayment();
      await refund(paymentId, 2_000, '1');
      await pushes.pushDue();
      expect(fake.get('Payment', externalId)!.TotalAmt).toBe(80);
      await refund(paymentId, 1_000, '2');
      await pushes.pushDue();
      expect(fake.get('Payment', externalId)!.TotalAmt).toBe(70);
      expect(fake.get('Invoice', invoice)!.Balance).toBe(30);

      // Two refunds before the push job runs: one update to what is left.
      const updates = () =>
        fake.requestsTo(/\/payment$/).filter((r) => r.query.operation === 'update').length;
      const before = updates();
      await refund(paymentId, 500, '3');
      await refund(paymentId, 1_500, '4');
      expect(await pushes.pushDue()).toEqual({ failed: 0, retrying: 0, synced: 1 });
      expect(updates()).toBe(before + 1);
      expect(fake.get('Payment', externalId)).toMatchObject({ TotalAmt: 50, UnappliedAmt: 0 });
      expect(fake.get('Invoice', invoice)!.Balance).toBe(50);
      expect(await settleInvoice(invoice)).toMatchObject({
        openBalance: 5_000,
        sourceBalance: 5_000,
      });

      // The rest refunded: the QuickBooks payment is voided and the invoice owed in full again.
      await refund(paymentId, 5_000, '5');
      expect(await syncOf(paymentId)).toMatchObject({ action: 'reverse', status: 'pending' });
      await pushes.pushDue();
      expect(await syncOf(paymentId)).toMatchObject({ action: 'reverse', status: 'synced' });
      expect(fake.get('Payment', externalId)!.TotalAmt).toBe(0);
      expect(fake.get('Invoice', invoice)!.Balance).toBe(100);
      expect(await settleInvoice(invoice)).toMatchObject({
        openBalance: 10_000,
        sourceBalance: 10_000,
      });
    });

    it('a partial then a full refund before the adjustment is sent: the payment is voided instead', async () => {
      const { externalId, invoice, paymentId } = await pushedPayment();
      await refund(paymentId, 4_000, '1');
      expect(await syncOf(paymentId)).toMatchObject({ action: 'adjust', status: 'pending' });
      await refund(paymentId, 6_000, '2');
      expect(await syncOf(paymentId)).toMatchObject({ action: 'reverse', status: 'pending' });
      await pushes.pushDue();
      expect(fake.get('Payment', externalId)).toMatchObject({ PrivateNote: 'Voided', TotalAmt: 0 });
      expect(fake.get('Invoice', invoice)!.Balance).toBe(100);
      expect(await settleInvoice(invoice)).toMatchObject({
        openBalance: 10_000,
        sourceBalance: 10_000,
      });
    });

    it('a partial refund while the push still waits: the push sends what is left, no adjustment', async () => {
      const invoice = newInvoice();
      await sync();
      const paymentId = await payInvoice(invoice);
      await refund(paymentId, 4_000, '1');
      expect(await syncOf(paymentId)).toMatchObject({ action: 'push', status: 'pending' });
      expect(await settleInvoice(invoice)).toMatchObject({
        openBalance: 4_000,
        sourceBalance: 10_000,
      });
      await pushes.pushDue();
      const pushed = await syncOf(paymentId);
      expect(pushed).toMatchObject({ action: 'push', status: 'synced' });
      expect(fake.get('Payment', pushed.externalId!)).toMatchObject({ TotalAmt: 60 });
      expect(fake.get('Invoice', invoice)!.Balance).toBe(40);
      expect(await settleInvoice(invoice)).toMatchObject({
        openBalance: 4_000,
        sourceBalance: 4_000,
      });
      expect(await pushes.pushDue()).toEqual({ failed: 0, retrying: 0, synced: 0 });
    });

    it("a payment on two invoices: QuickBooks re-opens each by what Settle's refund gave back (last first)", async () => {
      const first = newInvoice();
      const second = newInvoice();
      await sync();
      const response = await pay(t, billing, {
        allocations: [
          { amount: 6_000, invoiceId: invoiceOf.get(first)! },
          { amount: 4_000, invoiceId: invoiceOf.get(second)! },
        ],
        organizationId,
        paymentMethodId: methodId,
      });
      expect(response.status).toBe(201);
      const paymentId = response.body.id as string;
      await pushes.pushDue();
      const { externalId } = await syncOf(paymentId);
      expect(fake.get('Invoice', first)!.Balance).toBe(40);
      expect(fake.get('Invoice', second)!.Balance).toBe(60);
      // 50.00 back: all 40.00 of the second invoice, 10.00 of the first.
      await refund(paymentId, 5_000, '1');
      await pushes.pushDue();
      expect(fake.get('Payment', externalId!)).toMatchObject({
        Line: [{ Amount: 50, LinkedTxn: [{ TxnId: first, TxnType: 'Invoice' }] }],
        TotalAmt: 50,
      });
      expect(fake.get('Invoice', first)!.Balance).toBe(50);
      expect(fake.get('Invoice', second)!.Balance).toBe(100);
      expect(await settleInvoice(first)).toMatchObject({
        openBalance: 5_000,
        sourceBalance: 5_000,
      });
      expect(await settleInvoice(second)).toMatchObject({
        openBalance: 10_000,
        sourceBalance: 10_000,
      });
    });

    it('a stale SyncToken (5010) is retried; a deposited payment (6540) fails for staff; the rest refunded, it is to be reversed', async () => {
      const { externalId, invoice, paymentId } = await pushedPayment();
      await refund(paymentId, 1_000, '1');
      fake.injectScenario({ method: 'POST', path: /\/payment$/ }, 'stale');
      expect(await pushes.pushDue()).toEqual({ failed: 0, retrying: 1, synced: 0 });
      expect(await pushes.pushDue(new Date(Date.now() + 2 * MINUTE))).toMatchObject({ synced: 1 });
      expect(fake.get('Payment', externalId)!.TotalAmt).toBe(90);

      fake.deposit(externalId);
      await refund(paymentId, 1_000, '2');
      expect(await pushes.pushDue()).toMatchObject({ failed: 1 });
      const failed = await syncOf(paymentId);
      expect(failed).toMatchObject({ action: 'adjust', cause: 'business_rule', status: 'failed' });
      expect(failed.error).toContain('6540');
      expect(fake.get('Payment', externalId)!.TotalAmt).toBe(90);
      // Accounting still counts the payment: the invoice is not payable twice meanwhile.
      expect(await settleInvoice(invoice)).toMatchObject({ openBalance: 1_000 });
      // Refunded in full now: accounting still has the payment, so it is to be reversed there.
      await refund(paymentId, 8_000, '3');
      expect(await syncOf(paymentId)).toMatchObject({ action: 'reverse', status: 'pending' });
    });

    it('a partial refund landing while the push is on its way is adjusted right after', async () => {
      const invoice = newInvoice();
      await sync();
      const paymentId = await payInvoice(invoice);
      const posts = () => fake.requestsTo(/\/payment$/).filter((r) => r.method === 'POST').length;
      const before = posts();
      // QuickBooks is slow: the push (of the whole 100.00) is on its way when the refund lands.
      fake.company.latencyMs = 1_500;
      const pushing = pushes.pushDue();
      await eventually(async () => expect(posts()).toBe(before + 1), 5_000);
      await refund(paymentId, 2_500, '1');
      fake.company.latencyMs = 0;
      expect(await pushing).toMatchObject({ synced: 0 });
      const pushed = await syncOf(paymentId);
      expect(pushed).toMatchObject({ action: 'adjust', status: 'pending' });
      expect(fake.get('Payment', pushed.externalId!)!.TotalAmt).toBe(100);
      // Accounting counts the 100.00 for now; Settle holds nothing more on the invoice.
      expect(await settleInvoice(invoice)).toMatchObject({ openBalance: 0, sourceBalance: 0 });

      await pushes.pushDue();
      expect(await syncOf(paymentId)).toMatchObject({ action: 'adjust', status: 'synced' });
      expect(fake.get('Payment', pushed.externalId!)!.TotalAmt).toBe(75);
      expect(fake.get('Invoice', invoice)!.Balance).toBe(25);
      expect(await settleInvoice(invoice)).toMatchObject({
        openBalance: 2_500,
        sourceBalance: 2_500,
      });
    });
  });
});
