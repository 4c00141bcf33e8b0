import { eventually } from '@settle/testing';

import { apiKey, daysFromToday, invoiceBody, upsertInvoice } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay, payment } from '../utils/payment-factories';
import {
  accessProfileIds,
  acceptInvitation,
  addContact,
  portalLogin,
} from '../utils/portal-factories';
import { createTestApp, loginAs, Session, TestApp } from '../utils/test-app';

describe('reports: transactions, monthly figures, AutoPay enrolment, payment methods, portal logins', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;
  const today = daysFromToday(0);
  const month = today.slice(0, 7);
  const seeded: Record<string, string> = {};

  const get = async (path: string, query: Record<string, string> = {}) => {
    const response = await t.http
      .get(`/api/v1/reports/${path}`)
      .query(query)
      .set('cookie', admin.cookie);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response;
  };
  const csvRows = (text: string) => text.split('\r\n').slice(0, -1);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    await t.dataSource.query('TRUNCATE invoices, organization_balances, organizations CASCADE');

    // Payer Co pays 50.00 by card, of which 20.00 is refunded; its bank debit of 40.00 comes back.
    const payer = await organizationWithInvoices(t, bearer, [10000, 8000]);
    seeded.payer = payer.org.id;
    const card = await addMethod(t, bearer, payer.org.id, 'pm_card_visa');
    seeded.card = card.id;
    const paid = await pay(t, bearer, {
      allocations: [{ amount: 5000, invoiceId: payer.invoices[0].id }],
      organizationId: payer.org.id,
      paymentMethodId: card.id,
    }).expect(201);
    seeded.paid = paid.body.id;
    await t.http
      .post(`/api/v1/payments/${paid.body.id}/refunds`)
      .set('authorization', bearer)
      .set('idempotency-key', 'activity-refund')
      .send({ amount: 2000 })
      .expect(201);
    const closed = await addMethod(t, bearer, payer.org.id, 'pm_usBankAccount_accountClosed');
    seeded.closed = closed.id;
    const debit = await pay(t, bearer, {
      allocations: [{ amount: 4000, invoiceId: payer.invoices[1].id }],
      organizationId: payer.org.id,
      paymentMethodId: closed.id,
    }).expect(201);
    seeded.debit = debit.body.id;
    await t.http
      .post('/api/v1/sandbox/clock')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ advanceHours: 97 })
      .expect(200);
    await eventually(async () =>
      expect((await payment(t, bearer, debit.body.id)).status).toBe('returned'),
    );
    // The card expires at the end of this month.
    const [year, monthNumber] = today.split('-').map(Number);
    await t.dataSource.query(
      'UPDATE payment_methods SET exp_year = $2, exp_month = $3 WHERE id = $1',
      [card.id, year, monthNumber],
    );
    // AutoPay on the default method (the card).
    await t.http
      .post(`/api/v1/organizations/${payer.org.id}/autopay-rules`)
      .set('authorization', bearer)
      .send({ trigger: { days: 0, type: 'days_after_due' } })
      .expect(201);

    // Idle Co owes 300.00 due today and has no AutoPay; its contact signs in three times.
    const idle = await organizationWithInvoices(t, bearer, []);
    seeded.idle = idle.org.id;
    await upsertInvoice(
      t,
      bearer,
      'activity-idle',
      invoiceBody(idle.org.id, {
        dueDate: today,
        number: 'IDLE-1',
        sourceBalance: 30000,
        total: 30000,
      }),
    );
    const profiles = await accessProfileIds(t, bearer);
    const contact = await addContact(t, bearer, idle.org.id, profiles['Billing Admin']);
    seeded.contact = contact.id;
    seeded.email = contact.email;
    await acceptInvitation(t, contact.id);
    await portalLogin(t, contact.email);
    await portalLogin(t, contact.email);
  });
  afterAll(() => t.close());

  it('lists the money moved in a period by type and method, with totals, filters and CSV', async () => {
    const period = { from: daysFromToday(-1), to: daysFromToday(5) };
    const { body } = await get('transactions', { ...period, pageSize: '10' });
    expect(body.totals).toEqual([
      { amount: 4000, count: 1, currency: 'USD', method: 'us_bank_account', type: 'ach_return' },
      { amount: 5000, count: 1, currency: 'USD', method: 'card', type: 'payment' },
      { amount: 4000, count: 1, currency: 'USD', method: 'us_bank_account', type: 'payment' },
      { amount: 2000, count: 1, currency: 'USD', method: 'card', type: 'refund' },
    ]);
    expect(body.total).toBe(4);
    expect(body.data).toHaveLength(4);
    expect(body.data[0]).toMatchObject({
      currency: 'USD',
      organizationId: seeded.payer,
      paymentNumber: expect.stringMatching(/^PAY-\d{6}$/),
    });

    const cards = (await get('transactions', { ...period, method: 'card' })).body;
    expect(cards.data.map((r: { type: string }) => r.type).sort()).toEqual(['payment', 'refund']);
    const refunds = (await get('transactions', { ...period, type: 'refund' })).body;
    expect(refunds.data).toEqual([
      expect.objectContaining({ amount: 2000, paymentId: seeded.paid }),
    ]);
    // Before the payments: nothing.
    expect(
      (await get('transactions', { from: daysFromToday(-60), to: daysFromToday(-30) })).body,
    ).toMatchObject({ data: [], total: 0, totals: [] });

    const csv = await get('transactions/export', { ...period, method: 'card' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="transactions-${period.from}-to-${period.to}.csv"`,
    );
    const rows = csvRows(csv.text);
    expect(rows[0]).toBe(
      'Date,Type,Method,Payment,Payment ID,Organization,Organization ID,Currency,Amount',
    );
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',').slice(1, 3).concat(r.split(',')[8]))
        .sort(),
    ).toEqual([
      ['payment', 'card', '50.00'],
      ['refund', 'card', '20.00'],
    ]);
  });

  it('gives invoices due and issued, money collected, A/R and DSO by month', async () => {
    const { body } = await get('monthly', { from: daysFromToday(-70), to: today });
    expect(body.currency).toBe('USD');
    expect(body.months.length).toBeGreaterThanOrEqual(3);
    const current = body.months.at(-1);
    expect(current.month).toBe(month);
    // 50.00 + 40.00 paid, less the 20.00 refund and the 40.00 return.
    expect(current.collected).toBe(3000);
    expect(current.due).toBeGreaterThanOrEqual(30000);
    // Open balances now: 100.00 - 50.00 + 20.00, 80.00 (the return restored it), 300.00.
    expect(current.receivableAtEnd).toBe(7000 + 8000 + 30000);
    for (const m of body.months)
      expect(m.dso).toBe(
        m.invoiced > 0
          ? Math.round((m.receivableAtEnd / m.invoiced) * daysIn(m.month) * 10) / 10
          : null,
      );
    const csv = await get('monthly/export', { from: daysFromToday(-70), to: today });
    const rows = csvRows(csv.text);
    expect(rows[0]).toBe('Month,Currency,Due,Invoiced,Collected,A/R at end,DSO');
    expect(rows.at(-1)).toMatch(new RegExp(`^${month},USD,[0-9.]+,[0-9.]+,30\\.00,450\\.00,`));
  });

  it('counts organizations with and without AutoPay and the open balance it covers', async () => {
    const { body } = await get('autopay-enrolment');
    expect(body.totals).toEqual({
      coveredBalance: 15000,
      currency: 'USD',
      enrolled: 1,
      openBalance: 45000,
      organizations: 2,
    });
    expect(
      body.data.map((r: { organizationId: string; enrolled: boolean }) => [
        r.organizationId,
        r.enrolled,
      ]),
    ).toEqual([
      [seeded.idle, false],
      [seeded.payer, true],
    ]);
    const without = (await get('autopay-enrolment', { enrolled: 'false' })).body;
    expect(without).toMatchObject({
      total: 1,
      data: [{ organizationId: seeded.idle, balance: 30000 }],
    });
    const rows = csvRows((await get('autopay-enrolment/export')).text);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(
      'Organization,Organization ID,AutoPay,Enabled rules,Currency,Open balance',
    );
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',').slice(1).join(','))
        .sort(),
    ).toEqual([`${seeded.idle},no,0,USD,300.00`, `${seeded.payer},yes,1,USD,150.00`].sort());
  });

  it('lists cards expiring in the next 60 days and locked methods', async () => {
    const expiring = (await get('payment-methods', { kind: 'expiring' })).body;
    expect(expiring).toMatchObject({ kind: 'expiring', total: 1 });
    expect(expiring.data[0]).toMatchObject({
      organizationId: seeded.payer,
      paymentMethodId: seeded.card,
      type: 'card',
    });
    expect(expiring.data[0].expiresOn.slice(0, 7)).toBe(month);
    const locked = (await get('payment-methods', { kind: 'locked' })).body;
    expect(locked).toMatchObject({ kind: 'locked', total: 1 });
    expect(locked.data[0]).toMatchObject({
      lockedAt: expect.any(String),
      paymentMethodId: seeded.closed,
      status: 'locked',
      type: 'us_bank_account',
    });
    const rows = csvRows((await get('payment-methods/export', { kind: 'locked' })).text);
    expect(rows[0]).toBe(
      'Organization,Organization ID,Type,Brand,Last 4,Expires on,Status,Locked reason,Locked at',
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`,${seeded.payer},us_bank_account,`);
  });

  it('counts portal sign-ins per contact in a period', async () => {
    const period = { from: daysFromToday(-1), to: daysFromToday(1) };
    const { body } = await get('portal-logins', period);
    expect(body).toMatchObject({ signIns: 3, total: 1 });
    expect(body.data).toEqual([
      {
        contactId: seeded.contact,
        email: seeded.email,
        lastSignInAt: expect.any(String),
        name: 'Pat Payer',
        organizations: expect.stringMatching(/^Payer \d+$/),
        signIns: 3,
      },
    ]);
    expect(
      (await get('portal-logins', { from: daysFromToday(-9), to: daysFromToday(-2) })).body,
    ).toMatchObject({ data: [], signIns: 0, total: 0 });
    const rows = csvRows((await get('portal-logins/export', period)).text);
    expect(rows[0]).toBe('Contact,Email,Organizations,Last sign-in,Sign-ins');
    expect(rows[1]).toMatch(new RegExp(`^Pat Payer,${seeded.email},Payer \\d+,[^,]+,3$`));
  });

  it('refuses bad periods and filters with a 400 naming the field', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['transactions', { from: today }, 'to'],
      ['transactions', { from: today, to: daysFromToday(-1) }, 'to'],
      ['transactions', { from: daysFromToday(-400), to: today }, 'to'],
      ['transactions', { from: today, to: today, method: 'cash' }, 'method'],
      ['transactions/export', { from: today, to: today, type: 'gift' }, 'type'],
      ['monthly', { from: '2026-13-01', to: today }, 'from'],
      ['monthly/export', { from: daysFromToday(-1200), to: today }, 'to'],
      ['payment-methods', { kind: 'stolen' }, 'kind'],
      ['payment-methods/export', {}, 'kind'],
      ['autopay-enrolment', { enrolled: 'maybe' }, 'enrolled'],
      ['portal-logins', { from: 'yesterday', to: today }, 'from'],
      ['portal-logins/export', { from: today, to: daysFromToday(-3) }, 'to'],
    ];
    for (const [path, query, field] of cases) {
      const response = await t.http
        .get(`/api/v1/reports/${path}`)
        .query(query)
        .set('cookie', admin.cookie);
      expect({ path, query, status: response.status }).toEqual({ path, query, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
      expect({ fields: [...new Set(fields)], path }).toEqual({ fields: [field], path });
    }
  });
});

function daysIn(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}
