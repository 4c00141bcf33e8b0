import { randomUUID } from 'node:crypto';

import { apiKey, invoiceBody, upsertInvoice } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface ListedInvoice {
  id: string;
  number: string;
  status: string;
  openBalance: number;
  sourceBalance: number;
  awaitingAccounting: boolean;
}

describe('invoice lists for the Open Invoices screen', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const response = await t.http.get(`/api/v1/invoices?${query}`).set('cookie', admin.cookie);
    expect(response.status).toBe(200);
    return response.body as { data: ListedInvoice[]; total: number };
  };

  it('shows an invoice Settle has fully paid as waiting for accounting, and no longer payable', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [30000, 20000, 10000]);
    const [paidInFull, paidInPart, untouched] = invoices;
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    await pay(t, bearer, {
      allocations: [
        { amount: 30000, invoiceId: paidInFull.id },
        { amount: 5000, invoiceId: paidInPart.id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);

    const all = await list(`organizationId=${org.id}&sort=number`);
    expect(
      all.data.map(({ awaitingAccounting, id, openBalance, sourceBalance, status }) => ({
        awaitingAccounting,
        id,
        openBalance,
        sourceBalance,
        status,
      })),
    ).toEqual([
      {
        awaitingAccounting: true,
        id: paidInFull.id,
        openBalance: 0,
        sourceBalance: 30000,
        status: 'open',
      },
      {
        awaitingAccounting: false,
        id: paidInPart.id,
        openBalance: 15000,
        sourceBalance: 20000,
        status: 'open',
      },
      {
        awaitingAccounting: false,
        id: untouched.id,
        openBalance: 10000,
        sourceBalance: 10000,
        status: 'open',
      },
    ]);

    const payable = await list(`organizationId=${org.id}&payable=true&sort=number`);
    expect(payable.data.map((i) => i.id)).toEqual([paidInPart.id, untouched.id]);
    expect(payable.total).toBe(2);
    const notPayable = await list(`organizationId=${org.id}&payable=false`);
    expect(notPayable.data.map((i) => i.id)).toEqual([paidInFull.id]);

    // One invoice read alone says the same.
    const one = await t.http.get(`/api/v1/invoices/${paidInFull.id}`).set('cookie', admin.cookie);
    expect(one.body).toMatchObject({ awaitingAccounting: true, openBalance: 0 });

    // Paying it again is refused in words, naming the invoice; nothing is charged.
    const again = await pay(t, bearer, {
      allocations: [
        { amount: 1000, invoiceId: untouched.id },
        { amount: 100, invoiceId: paidInFull.id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(422);
    expect(again.body.errors).toEqual([
      { field: 'allocations.1.invoiceId', message: 'is paid, waiting for accounting' },
    ]);
    expect(
      (await list(`organizationId=${org.id}&payable=true`)).data.map((i) => i.openBalance),
    ).toEqual(expect.arrayContaining([10000, 15000]));
  });

  it('is neither payable nor waiting once the source says it is paid, or when it is void', async () => {
    const { org } = await organizationWithInvoices(t, bearer, []);
    const paid = await upsertInvoice(
      t,
      bearer,
      `paid-${randomUUID()}`,
      invoiceBody(org.id, { number: 'INV-PAID', sourceBalance: 0, total: 5000 }),
    );
    const voided = await upsertInvoice(
      t,
      bearer,
      `void-${randomUUID()}`,
      invoiceBody(org.id, { number: 'INV-VOID', sourceBalance: 5000, total: 5000, voided: true }),
    );
    const all = await list(`organizationId=${org.id}&sort=number`);
    expect(all.data.map((i) => [i.id, i.status, i.awaitingAccounting])).toEqual([
      [paid.id, 'paid', false],
      [voided.id, 'void', false],
    ]);
    expect((await list(`organizationId=${org.id}&payable=true`)).total).toBe(0);
    expect((await list(`organizationId=${org.id}&payable=false`)).total).toBe(2);
  });

  it('loads exactly the invoices named by id, wherever they sit in the list', async () => {
    const { invoices } = await organizationWithInvoices(
      t,
      bearer,
      Array.from({ length: 30 }, (_, i) => 1000 + i),
    );
    const wanted = [invoices[29].id, invoices[0].id, invoices[17].id];
    const named = await list(`id=${wanted.join('&id=')}&pageSize=5`);
    expect(named.total).toBe(3);
    expect(named.data.map((i) => i.id).sort()).toEqual([...wanted].sort());
    // One id is a list of one; ids combine with the other filters.
    expect((await list(`id=${wanted[0]}`)).data.map((i) => i.id)).toEqual([wanted[0]]);
    expect((await list(`id=${wanted.join('&id=')}&payable=false`)).total).toBe(0);
    // An id that names nothing finds nothing.
    expect((await list(`id=${randomUUID()}`)).total).toBe(0);
  });

  it('refuses a bad id or payable filter with a 400 naming the field', async () => {
    const refused = async (query: string, field: string) => {
      const response = await t.http.get(`/api/v1/invoices?${query}`).set('cookie', admin.cookie);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectProblem(response.body, 400, 'validation-error');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    };
    await refused('id=not-a-uuid', 'id');
    await refused(`id=${randomUUID()}&id=42`, 'id');
    await refused(Array.from({ length: 201 }, () => `id=${randomUUID()}`).join('&'), 'id');
    await refused('payable=yes', 'payable');
    // 200 ids are allowed.
    const most = Array.from({ length: 200 }, () => `id=${randomUUID()}`).join('&');
    expect((await list(most)).total).toBe(0);
  });
});
