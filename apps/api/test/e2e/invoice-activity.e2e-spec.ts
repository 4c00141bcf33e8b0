import { randomUUID } from 'node:crypto';

import { apiKey, daysFromToday } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface ActivityEntry {
  at: string;
  type: string;
  summary: string;
  detail: string | null;
  paymentId: string | null;
  paymentNumber: string | null;
}

describe("an invoice's activity", () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());

  const activity = async (invoiceId: string, session = admin) => {
    const response = await t.http
      .get(`/api/v1/invoices/${invoiceId}/activity`)
      .set('cookie', session.cookie);
    expect(response.status).toBe(200);
    return response.body.data as ActivityEntry[];
  };

  it('tells, newest first, how the invoice came and what every payment on it did', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [10000, 5000]);
    const [invoice, sibling] = invoices;
    const visa = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const declined = await addMethod(t, bearer, org.id, 'pm_card_chargeDeclined');
    const failed = await pay(t, bearer, {
      allocations: [{ amount: 2500, invoiceId: invoice.id }],
      organizationId: org.id,
      paymentMethodId: declined.id,
    }).expect(201);
    expect(failed.body.status).toBe('failed');
    const paid = await pay(t, bearer, {
      allocations: [
        { amount: 2500, invoiceId: invoice.id },
        { amount: 1000, invoiceId: sibling.id },
      ],
      organizationId: org.id,
      paymentMethodId: visa.id,
    }).expect(201);
    const scheduled = await pay(t, bearer, {
      allocations: [{ amount: 3000, invoiceId: invoice.id }],
      organizationId: org.id,
      paymentMethodId: visa.id,
      scheduledFor: daysFromToday(7),
    }).expect(201);
    await t.http
      .post(`/api/v1/payments/${scheduled.body.id}/cancel`)
      .set('authorization', bearer)
      .send({ reason: 'customer asked' })
      .expect(200);
    // A payment on the sibling alone is not this invoice's business.
    await pay(t, bearer, {
      allocations: [{ amount: 500, invoiceId: sibling.id }],
      organizationId: org.id,
      paymentMethodId: visa.id,
    }).expect(201);

    const entries = await activity(invoice.id);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const ofPayment = (id: string) => entries.filter((e) => e.paymentId === id).map((e) => e.type);
    expect(ofPayment(failed.body.id)).toEqual([
      'payment.failed',
      'payment.gateway_response',
      'payment.attempt_sent',
      'payment.created',
    ]);
    expect(ofPayment(paid.body.id)).toEqual([
      'payment.succeeded',
      'payment.gateway_response',
      'payment.attempt_sent',
      'payment.created',
    ]);
    expect(ofPayment(scheduled.body.id)).toEqual([
      'payment.cancelled',
      'payment.scheduled',
      'payment.created',
    ]);
    // Every entry of this invoice's payments, its own two entries, and nothing else.
    expect(entries).toHaveLength(4 + 4 + 3 + 2);
    expect(new Set(entries.map((e) => e.paymentId))).toEqual(
      new Set([failed.body.id, paid.body.id, scheduled.body.id, null]),
    );

    const succeeded = entries.find(
      (e) => e.paymentId === paid.body.id && e.type === 'payment.succeeded',
    )!;
    expect(succeeded).toMatchObject({
      paymentNumber: paid.body.number,
      summary: `Payment ${paid.body.number} of $35.00 ($25.00 to this invoice) succeeded`,
    });
    const declinedEntry = entries.find(
      (e) => e.paymentId === failed.body.id && e.type === 'payment.failed',
    )!;
    expect(declinedEntry.summary).toBe(`Payment ${failed.body.number} of $25.00 failed`);
    expect(declinedEntry.detail).toMatch(/declined/i);
    const cancelled = entries.find((e) => e.type === 'payment.cancelled')!;
    expect(cancelled.summary).toBe(`Payment ${scheduled.body.number} of $30.00 was cancelled`);
    expect(cancelled.detail).toContain('customer asked');

    const own = entries.filter((e) => e.paymentId === null);
    expect(
      own.map(({ detail, paymentNumber, summary, type }) => ({
        detail,
        paymentNumber,
        summary,
        type,
      })),
    ).toEqual([
      {
        detail: null,
        paymentNumber: null,
        summary: 'Imported from quickbooks',
        type: 'invoice.imported',
      },
      {
        detail: null,
        paymentNumber: null,
        summary: expect.stringMatching(/^Invoice INV-\d+-1 issued for \$100\.00$/),
        type: 'invoice.issued',
      },
    ]);
    // Issued at the start of its issue date in the MSP's zone (America/Chicago by default).
    const { issueDate } = (
      await t.http.get(`/api/v1/invoices/${invoice.id}`).set('cookie', admin.cookie)
    ).body;
    const issued = own.find((e) => e.type === 'invoice.issued')!;
    expect(
      new Intl.DateTimeFormat('en-CA', {
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
        minute: '2-digit',
        month: '2-digit',
        timeZone: 'America/Chicago',
        year: 'numeric',
      }).format(new Date(issued.at)),
    ).toBe(`${issueDate}, 00:00`);

    // Viewers read it too.
    expect(await activity(invoice.id, await loginAs(t, 'viewer'))).toHaveLength(entries.length);
  });

  it('shows only the latest 200 entries', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [10000]);
    const visa = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const paid = await pay(t, bearer, {
      allocations: [{ amount: 100, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: visa.id,
    }).expect(201);
    // A long-lived payment's history: 250 more events, one a minute from now on.
    await t.dataSource.query(
      `INSERT INTO payment_events (payment_id, type, actor, summary, created_at)
       SELECT $1, 'reconciled', 'Settle', 'Checked ' || n, now() + n * interval '1 minute'
         FROM generate_series(1, 250) AS n`,
      [paid.body.id],
    );
    const entries = await activity(invoices[0].id);
    expect(entries).toHaveLength(200);
    expect(entries[0].detail).toBe('Checked 250');
    expect(entries[199].detail).toBe('Checked 51');
    expect(entries.some((e) => e.type === 'invoice.issued')).toBe(false);
  });

  it('404s an unknown invoice and 400s a malformed id', async () => {
    const missing = await t.http
      .get(`/api/v1/invoices/${randomUUID()}/activity`)
      .set('cookie', admin.cookie)
      .expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(missing.body, 404, 'not-found');
    const malformed = await t.http
      .get('/api/v1/invoices/not-an-id/activity')
      .set('cookie', admin.cookie)
      .expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});
