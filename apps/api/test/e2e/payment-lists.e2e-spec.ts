import { randomUUID } from 'node:crypto';

import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

import { apiKey, daysFromToday } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface ListedPayment {
  id: string;
  status: string;
  allocations: { invoiceId: string; invoiceNumber: string; amount: number }[];
}

describe('payment lists for the Open Invoices markers', () => {
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
    const response = await t.http.get(`/api/v1/payments?${query}`).set('cookie', admin.cookie);
    expect(response.status).toBe(200);
    return response.body as { data: ListedPayment[]; total: number };
  };

  it('finds the scheduled payments of a page of invoices in one request, with their allocations', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [30000, 20000, 10000]);
    const [a, b, c] = invoices as unknown as { id: string; number: string }[];
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const onAandB = await pay(t, bearer, {
      allocations: [
        { amount: 5000, invoiceId: b.id },
        { amount: 7000, invoiceId: a.id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(5),
    }).expect(201);
    const onC = await pay(t, bearer, {
      allocations: [{ amount: 4000, invoiceId: c.id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(9),
    }).expect(201);
    // Paid now, so not scheduled: the status filter leaves it out.
    await pay(t, bearer, {
      allocations: [{ amount: 1000, invoiceId: c.id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    // Another organization's scheduled payment is on none of these invoices.
    const other = await organizationWithInvoices(t, bearer, [9000]);
    const otherMethod = await addMethod(t, bearer, other.org.id, 'pm_card_visa');
    await pay(t, bearer, {
      allocations: [{ amount: 9000, invoiceId: other.invoices[0].id }],
      organizationId: other.org.id,
      paymentMethodId: otherMethod.id,
      scheduledFor: daysFromToday(3),
    }).expect(201);

    const scheduled = await list(
      `status=scheduled&invoiceId=${a.id}&invoiceId=${b.id}&invoiceId=${c.id}&pageSize=200&sort=scheduledFor`,
    );
    expect(scheduled.total).toBe(2);
    expect(
      scheduled.data.map(({ allocations, id, status }) => ({ allocations, id, status })),
    ).toEqual([
      {
        allocations: [
          { amount: 5000, invoiceId: b.id, invoiceNumber: b.number },
          { amount: 7000, invoiceId: a.id, invoiceNumber: a.number },
        ],
        id: onAandB.body.id,
        status: 'scheduled',
      },
      {
        allocations: [{ amount: 4000, invoiceId: c.id, invoiceNumber: c.number }],
        id: onC.body.id,
        status: 'scheduled',
      },
    ]);
    expect(a.number).toMatch(/^INV-\d+-1$/);

    // A single invoiceId still works, as it did before it became repeatable.
    expect((await list(`invoiceId=${b.id}`)).data.map((p) => p.id)).toEqual([onAandB.body.id]);
    expect((await list(`invoiceId=${c.id}`)).total).toBe(2);
  });

  it('reads the allocations of a whole page in the same number of queries as one row', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [100000, 100000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    for (let i = 0; i < 12; i++)
      await pay(t, bearer, {
        allocations: [
          { amount: 100 + i, invoiceId: invoices[0].id },
          { amount: 200 + i, invoiceId: invoices[1].id },
        ],
        organizationId: org.id,
        paymentMethodId: method.id,
        scheduledFor: daysFromToday(2 + i),
      }).expect(201);
    const queriesFor = async (query: string) => {
      // once before counting, so that what is cached across requests (the security settings,
      // read at most every few seconds) is counted for neither
      await list(query);
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const body = await list(query);
        return { count: spy.mock.calls.length, rows: body.data.length };
      } finally {
        spy.mockRestore();
      }
    };
    const one = await queriesFor(`organizationId=${org.id}&pageSize=1`);
    const twelve = await queriesFor(`organizationId=${org.id}&pageSize=12`);
    expect(one.rows).toBe(1);
    // The spy sees the list's statements (a count and a page at least).
    expect(one.count).toBeGreaterThanOrEqual(2);
    expect(twelve.rows).toBe(12);
    expect(twelve.count).toBe(one.count);
    const page = await list(`organizationId=${org.id}&pageSize=12&sort=scheduledFor`);
    expect(page.data.every((p) => p.allocations.length === 2)).toBe(true);
    expect(page.data[11].allocations.map((a) => a.amount)).toEqual([111, 211]);
  });

  it('refuses a bad or too long invoiceId filter with a 400 naming the field', async () => {
    for (const query of [
      'invoiceId=nope',
      `invoiceId=${randomUUID()}&invoiceId=12`,
      Array.from({ length: 201 }, () => `invoiceId=${randomUUID()}`).join('&'),
    ]) {
      const response = await t.http.get(`/api/v1/payments?${query}`).set('cookie', admin.cookie);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectProblem(response.body, 400, 'validation-error');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'invoiceId' })]);
    }
    const most = Array.from({ length: 200 }, () => `invoiceId=${randomUUID()}`).join('&');
    expect((await list(most)).total).toBe(0);
  });
});
