import { eventually } from '@settle/testing';

import { apiKey, daysFromToday } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay, payment } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface CalendarDay {
  date: string;
  count: number;
  totals: { currency: string; collected: number; expected: number }[];
  payments: { id: string; status: string; currency: string; total: number; kind: string }[];
}

describe('payments calendar: what each day collected and expects', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());

  const calendar = async (query: string) =>
    (
      await t.http
        .get(`/api/v1/reports/payments-calendar?${query}`)
        .set('authorization', bearer)
        .expect(200)
    ).body as { days: CalendarDay[] };

  it('adds succeeded money as collected and coming money as expected, per currency; declines and returns are listed, not added', async () => {
    const today = daysFromToday(0);
    const usd = await organizationWithInvoices(t, bearer, [100000]);
    const usdInvoice = usd.invoices[0]!.id;
    const usdPay = (paymentMethodId: string, amount: number, scheduledFor?: string) =>
      pay(t, bearer, {
        allocations: [{ amount, invoiceId: usdInvoice }],
        organizationId: usd.org.id,
        paymentMethodId,
        scheduledFor,
      }).expect(201);

    // a bank debit the bank sends back: it looked like money for days, then was not
    const closedAccount = await addMethod(t, bearer, usd.org.id, 'pm_usBankAccount_accountClosed');
    const returned = await usdPay(closedAccount.id, 4000);
    await t.http
      .post('/api/v1/sandbox/clock')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ advanceHours: 97 })
      .expect(200);
    await eventually(async () =>
      expect((await payment(t, bearer, returned.body.id)).status).toBe('returned'),
    );

    const card = await addMethod(t, bearer, usd.org.id, 'pm_card_visa');
    const declinedCard = await addMethod(t, bearer, usd.org.id, 'pm_card_chargeDeclined');
    const bank = await addMethod(t, bearer, usd.org.id, 'pm_usBankAccount_success');
    const succeeded = await usdPay(card.id, 5000);
    const declined = await usdPay(declinedCard.id, 2000);
    const processing = await usdPay(bank.id, 3000);
    const scheduled = await usdPay(card.id, 1500, daysFromToday(2));
    expect(
      [succeeded, declined, processing, scheduled].map((r) => r.body.status as string),
    ).toEqual(['succeeded', 'failed', 'processing', 'scheduled']);

    const cad = await organizationWithInvoices(t, bearer, []);
    const cadInvoice = await t.http
      .put(`/api/v1/invoices/external/quickbooks/cad-${cad.org.id}`)
      .set('authorization', bearer)
      .send({
        currency: 'CAD',
        dueDate: today,
        issueDate: today,
        number: 'INV-CAD-1',
        organizationId: cad.org.id,
        sourceBalance: 9000,
        total: 9000,
      })
      .expect(201);
    const cadCard = await addMethod(t, bearer, cad.org.id, 'pm_card_visa');
    const cadPayment = await pay(t, bearer, {
      allocations: [{ amount: 7000, invoiceId: cadInvoice.body.id }],
      organizationId: cad.org.id,
      paymentMethodId: cadCard.id,
    }).expect(201);
    expect(cadPayment.body).toMatchObject({ currency: 'CAD', status: 'succeeded' });

    const { days } = await calendar(`from=${today}&to=${daysFromToday(7)}`);
    const day = (date: string) => days.find((d) => d.date === date)!;

    const statuses = day(today)
      .payments.map((p) => `${p.currency} ${p.total} ${p.status}`)
      .sort();
    expect(statuses).toEqual([
      'CAD 7000 succeeded',
      'USD 2000 failed',
      'USD 3000 processing',
      'USD 4000 returned',
      'USD 5000 succeeded',
    ]);
    expect(day(today).count).toBe(5);
    // never one sum across currencies; the declined 2000 and returned 4000 are in no total
    expect(day(today).totals).toEqual([
      { collected: 5000, currency: 'USD', expected: 3000 },
      { collected: 7000, currency: 'CAD', expected: 0 },
    ]);
    expect(day(daysFromToday(2))).toMatchObject({
      count: 1,
      payments: [{ id: scheduled.body.id, kind: 'scheduled', status: 'scheduled' }],
      totals: [{ collected: 0, currency: 'USD', expected: 1500 }],
    });

    // one organization's calendar: its payments and its totals only
    const cadOnly = await calendar(
      `from=${today}&to=${daysFromToday(7)}&organizationId=${cad.org.id}`,
    );
    expect(cadOnly.days).toEqual([
      {
        count: 1,
        date: today,
        payments: [expect.objectContaining({ id: cadPayment.body.id })],
        totals: [{ collected: 7000, currency: 'CAD', expected: 0 }],
      },
    ]);
  });

  it('lists a day whose payments all failed without a total', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [3000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_chargeDeclined');
    await pay(t, bearer, {
      allocations: [{ amount: 3000, invoiceId: invoices[0]!.id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    const { days } = await calendar(
      `from=${daysFromToday(0)}&to=${daysFromToday(0)}&organizationId=${org.id}`,
    );
    expect(days).toEqual([
      expect.objectContaining({
        count: 1,
        payments: [expect.objectContaining({ status: 'failed' })],
        totals: [],
      }),
    ]);
  });

  it('refuses a malformed organization filter', async () => {
    const response = await t.http
      .get(
        `/api/v1/reports/payments-calendar?from=${daysFromToday(0)}&to=${daysFromToday(1)}&organizationId=nope`,
      )
      .set('authorization', bearer)
      .expect(400);
    expectProblem(response.body, 400, 'validation-error');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'organizationId', message: 'must be a UUID' }),
    ]);
  });
});
