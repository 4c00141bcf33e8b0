import {
  apiKey,
  daysFromToday,
  invoiceBody,
  upsertInvoice,
  upsertOrganization,
} from '../utils/ar-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

describe('invoices and A/R reports', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());

  const invoiceCount = async () =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM invoices'))[0].n as number;

  it('upserts by external id: 201 then 200, one row, updated, balances follow', async () => {
    const org = await upsertOrganization(t, bearer, 'I-1', 'Invoice Co');
    const body = invoiceBody(org.id, {
      number: 'INV-500',
      poNumber: 'PO-9',
      sourceBalance: 125050,
      terms: 'Net 30',
      total: 125050,
    });
    const first = await t.http
      .put('/api/v1/invoices/external/quickbooks/qb-500')
      .set('authorization', bearer)
      .send(body)
      .expect(201);
    expect(first.body).toMatchObject({
      currency: 'USD',
      externalId: 'qb-500',
      number: 'INV-500',
      openBalance: 125050,
      organizationId: org.id,
      organizationName: 'Invoice Co',
      pastDue: true,
      poNumber: 'PO-9',
      source: 'quickbooks',
      sourceBalance: 125050,
      status: 'open',
      total: 125050,
    });
    const second = await t.http
      .put('/api/v1/invoices/external/quickbooks/qb-500')
      .set('authorization', bearer)
      .send({ ...body, sourceBalance: 100000 })
      .expect(200);
    expect(second.body).toMatchObject({
      id: first.body.id,
      openBalance: 100000,
      sourceBalance: 100000,
    });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM invoices WHERE external_id = 'qb-500'`,
    );
    expect(n).toBe(1);
    const balance = await t.http
      .get(`/api/v1/organizations/${org.id}/balance`)
      .set('authorization', bearer)
      .expect(200);
    expect(balance.body.totalBalance).toBe(100000);

    const paid = await t.http
      .put('/api/v1/invoices/external/quickbooks/qb-500')
      .set('authorization', bearer)
      .send({ ...body, sourceBalance: 0 })
      .expect(200);
    expect(paid.body).toMatchObject({ openBalance: 0, pastDue: false, status: 'paid' });
    const after = await t.http
      .get(`/api/v1/organizations/${org.id}/balance`)
      .set('authorization', bearer)
      .expect(200);
    expect(after.body.totalBalance).toBe(0);
  });

  it('refuses floats, negatives, strings, bad dates and impossible balances, naming each field', async () => {
    const org = await upsertOrganization(t, bearer, 'I-2', 'Strict Co');
    const before = await invoiceCount();
    const bad = await t.http
      .put('/api/v1/invoices/external/quickbooks/qb-bad')
      .set('authorization', bearer)
      .send(
        invoiceBody(org.id, {
          currency: 'usd',
          dueDate: '2026-02-30',
          sourceBalance: -5,
          total: 10.5,
        }),
      )
      .expect(400);
    expectProblem(bad.body, 400, 'validation-error');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'total', message: 'must be an integer amount in minor units' },
        { field: 'sourceBalance', message: 'must not be less than 0' },
        { field: 'currency', message: 'must be an upper-case ISO 4217 code such as USD' },
        { field: 'dueDate', message: 'must be a real calendar date' },
      ]),
    );
    const stringAmount = await t.http
      .put('/api/v1/invoices/external/quickbooks/qb-bad')
      .set('authorization', bearer)
      .send(invoiceBody(org.id, { total: '100' }))
      .expect(400);
    expect(stringAmount.body.errors.map((e: { field: string }) => e.field)).toContain('total');
    const rules = await t.http
      .put('/api/v1/invoices/external/quickbooks/qb-bad')
      .set('authorization', bearer)
      .send(
        invoiceBody(org.id, { issueDate: daysFromToday(1), sourceBalance: 20000, total: 10000 }),
      )
      .expect(400);
    expect(rules.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'sourceBalance', message: 'must not be greater than total' },
        { field: 'dueDate', message: 'must not be before issueDate' },
      ]),
    );
    const orphan = await t.http
      .put('/api/v1/invoices/external/quickbooks/qb-bad')
      .set('authorization', bearer)
      .send(invoiceBody('4f3e2d1c-0b9a-4877-8665-544332211000'))
      .expect(400);
    expect(orphan.body.errors).toEqual([{ field: 'organizationId', message: 'does not exist' }]);
    expect(await invoiceCount()).toBe(before);
  });

  it('bulk-upserts 1,000 rows in one go, and writes nothing when one row is bad', async () => {
    const org = await upsertOrganization(t, bearer, 'I-3', 'Bulk Co');
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      ...invoiceBody(org.id, { number: `B-${i}`, sourceBalance: 100 + i, total: 100 + i }),
      externalId: `bulk-${i}`,
      source: 'quickbooks',
    }));
    const before = await invoiceCount();
    rows[3] = { ...rows[3], total: 1.5 };
    const badType = await t.http
      .post('/api/v1/invoices/bulk')
      .set('authorization', bearer)
      .send({ invoices: rows })
      .expect(400);
    expect(badType.body.errors).toEqual([
      { field: 'invoices.3.total', message: 'must be an integer amount in minor units' },
    ]);
    rows[3] = { ...rows[3], total: 103 };
    rows[7] = { ...rows[7], sourceBalance: 99999 };
    const badRule = await t.http
      .post('/api/v1/invoices/bulk')
      .set('authorization', bearer)
      .send({ invoices: rows })
      .expect(400);
    expect(badRule.body.errors).toEqual([
      { field: 'invoices.7.sourceBalance', message: 'must not be greater than total' },
    ]);
    expect(await invoiceCount()).toBe(before);

    rows[7] = { ...rows[7], sourceBalance: 107 };
    const ok = await t.http
      .post('/api/v1/invoices/bulk')
      .set('authorization', bearer)
      .send({ invoices: rows })
      .expect(200);
    expect(ok.body).toMatchObject({ created: 1000, updated: 0 });
    expect(ok.body.invoices[999]).toEqual({ created: true, id: expect.any(String), index: 999 });
    const replay = await t.http
      .post('/api/v1/invoices/bulk')
      .set('authorization', bearer)
      .send({ invoices: rows })
      .expect(200);
    expect(replay.body).toMatchObject({ created: 0, updated: 1000 });
    expect(replay.body.invoices[5].id).toBe(ok.body.invoices[5].id);
    expect(await invoiceCount()).toBe(before + 1000);

    const tooMany = await t.http
      .post('/api/v1/invoices/bulk')
      .set('authorization', bearer)
      .send({ invoices: [...rows, rows[0]] })
      .expect(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'invoices' });
    const dup = await t.http
      .post('/api/v1/invoices/bulk')
      .set('authorization', bearer)
      .send({ invoices: [rows[0], rows[0]] })
      .expect(400);
    expect(dup.body.errors).toEqual([
      { field: 'invoices.1.externalId', message: 'repeats row 0 (same source and externalId)' },
    ]);
  });

  it('lists by organization, status, past due and date range, sorted and paged; 404s an unknown invoice', async () => {
    const org = await upsertOrganization(t, bearer, 'I-4', 'Filter Co');
    await upsertInvoice(
      t,
      bearer,
      'f-1',
      invoiceBody(org.id, {
        dueDate: daysFromToday(-20),
        number: 'F-1',
        total: 300,
        sourceBalance: 300,
      }),
    );
    await upsertInvoice(
      t,
      bearer,
      'f-2',
      invoiceBody(org.id, {
        dueDate: daysFromToday(10),
        number: 'F-2',
        total: 200,
        sourceBalance: 200,
      }),
    );
    await upsertInvoice(
      t,
      bearer,
      'f-3',
      invoiceBody(org.id, {
        dueDate: daysFromToday(-5),
        number: 'F-3',
        total: 100,
        sourceBalance: 0,
      }),
    );
    const get = (query: object) =>
      t.http
        .get('/api/v1/invoices')
        .query({ organizationId: org.id, ...query })
        .set('authorization', bearer)
        .expect(200);
    const numbers = (response: { body: { data: { number: string }[] } }) =>
      response.body.data.map((i) => i.number);
    expect(numbers(await get({ sort: 'number' }))).toEqual(['F-1', 'F-2', 'F-3']);
    expect(numbers(await get({ status: 'open', sort: '-total' }))).toEqual(['F-1', 'F-2']);
    expect(numbers(await get({ pastDue: 'true' }))).toEqual(['F-1']);
    expect(numbers(await get({ dueFrom: daysFromToday(-10), dueTo: daysFromToday(0) }))).toEqual([
      'F-3',
    ]);
    const paged = await get({ page: 2, pageSize: 2, sort: 'number' });
    expect(paged.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(numbers(paged)).toEqual(['F-3']);
    expect(numbers(await get({ q: 'f-2' }))).toEqual(['F-2']);
    const bad = await t.http
      .get('/api/v1/invoices')
      .query({ dueFrom: 'yesterday', sort: 'amount', status: 'late' })
      .set('authorization', bearer)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'dueFrom',
      'sort',
      'status',
    ]);
    await t.http
      .get('/api/v1/invoices/2b1f0e9d-8c7b-4a69-9584-736251403f2e')
      .set('authorization', bearer)
      .expect(404);
  });

  it("reads one invoice, an organization's credits, and one organization's aging", async () => {
    const org = await upsertOrganization(t, bearer, 'I-5', 'Credit Co');
    const invoice = await upsertInvoice(
      t,
      bearer,
      'cr-1',
      invoiceBody(org.id, {
        dueDate: daysFromToday(-75),
        number: 'CR-1',
        sourceBalance: 800,
        total: 900,
      }),
    );
    const one = await t.http
      .get(`/api/v1/invoices/${invoice.id}`)
      .set('authorization', bearer)
      .expect(200);
    expect(one.body).toMatchObject({
      id: invoice.id,
      number: 'CR-1',
      openBalance: 800,
      pastDue: true,
      total: 900,
    });
    await t.dataSource.query(
      `INSERT INTO credits (organization_id, kind, number, issue_date, currency, amount, remaining, source, external_id)
       VALUES ($1, 'credit_memo', 'CM-9', '2026-01-15', 'USD', 500, 250, 'quickbooks', 'cm-9')`,
      [org.id],
    );
    const credits = await t.http
      .get(`/api/v1/organizations/${org.id}/credits`)
      .set('authorization', bearer)
      .expect(200);
    expect(credits.body).toEqual({
      data: [
        {
          amount: 500,
          currency: 'USD',
          id: expect.any(String),
          issueDate: '2026-01-15',
          kind: 'credit_memo',
          number: 'CM-9',
          remaining: 250,
        },
      ],
    });
    const aging = await t.http
      .get('/api/v1/reports/aging')
      .query({ organizationId: org.id })
      .set('authorization', bearer)
      .expect(200);
    expect(aging.body).toMatchObject({ currency: 'USD', days61to90: 800, total: 800 });
    await t.http
      .get('/api/v1/reports/aging')
      .query({ organizationId: '5d4c3b2a-1908-4776-8655-443322110099' })
      .set('authorization', bearer)
      .expect(404);
    await t.http
      .get('/api/v1/organizations/5d4c3b2a-1908-4776-8655-443322110099/credits')
      .set('authorization', bearer)
      .expect(404);
  });

  it('lets a viewer read invoices but not write them', async () => {
    const viewer = await loginAs(t, 'viewer');
    await t.http.get('/api/v1/invoices').set('cookie', viewer.cookie).expect(200);
    await t.http
      .post('/api/v1/invoices/bulk')
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.csrf)
      .send({ invoices: [] })
      .expect(403);
  });

  it('reports A/R as seed 000 shows it: totals over everyone, a searchable sorted list, the top six', async () => {
    await t.dataSource.query('TRUNCATE invoices, organization_balances, credits CASCADE');
    const orgs = await Promise.all(
      ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'].map((name, i) =>
        upsertOrganization(t, bearer, `R-${i}`, name),
      ),
    );
    const amounts = [5000, 7000, 1000, 9000, 3000, 8000, 2000];
    await t.http
      .post('/api/v1/invoices/bulk')
      .set('authorization', bearer)
      .send({
        invoices: orgs.flatMap((org, i) => [
          {
            ...invoiceBody(org.id, {
              dueDate: daysFromToday(-3),
              number: `R-${i}-a`,
              sourceBalance: amounts[i],
              total: amounts[i],
            }),
            externalId: `r-${i}-a`,
            source: 'quickbooks',
          },
          {
            ...invoiceBody(org.id, {
              dueDate: daysFromToday(20),
              number: `R-${i}-b`,
              sourceBalance: 100,
              total: 100,
            }),
            externalId: `r-${i}-b`,
            source: 'quickbooks',
          },
        ]),
      })
      .expect(200);
    await t.dataSource.query(
      `INSERT INTO credits (organization_id, kind, number, issue_date, currency, amount, remaining, source, external_id)
       VALUES ($1, 'unapplied_payment', 'U-1', now()::date, 'USD', 5000, 5000, 'quickbooks', 'u-1')`,
      [orgs[0].id],
    );

    const overview = await t.http
      .get('/api/v1/reports/ar-overview')
      .query({ pageSize: 3 })
      .set('authorization', bearer)
      .expect(200);
    expect(overview.body.totals).toEqual({
      companies: 7,
      currency: 'USD',
      openInvoices: 14,
      totalBalance: 35700,
      totalPastDue: 35000,
    });
    expect(overview.body.companies).toMatchObject({ page: 1, pageSize: 3, total: 7 });
    expect(overview.body.companies.data.map((c: { name: string }) => c.name)).toEqual([
      'Delta',
      'Foxtrot',
      'Bravo',
    ]);
    expect(overview.body.companies.data[0]).toEqual({
      balance: 9100,
      name: 'Delta',
      openInvoices: 2,
      organizationId: orgs[3].id,
      pastDue: 9000,
    });
    expect(overview.body.highestBalances.map((c: { name: string }) => c.name)).toEqual([
      'Delta',
      'Foxtrot',
      'Bravo',
      'Alpha',
      'Echo',
      'Golf',
    ]);

    const searched = await t.http
      .get('/api/v1/reports/ar-overview')
      .query({ q: 'o', sort: 'name' })
      .set('authorization', bearer)
      .expect(200);
    expect(searched.body.companies.data.map((c: { name: string }) => c.name)).toEqual([
      'Bravo',
      'Echo',
      'Foxtrot',
      'Golf',
    ]);
    expect(searched.body.totals.totalBalance).toBe(35700);

    const aging = await t.http
      .get('/api/v1/reports/aging')
      .set('authorization', bearer)
      .expect(200);
    expect(aging.body).toMatchObject({
      current: 700,
      days1to30: 35000,
      days31to60: 0,
      total: 35700,
    });
    await t.http
      .get('/api/v1/reports/ar-overview')
      .query({ sort: 'revenue' })
      .set('authorization', bearer)
      .expect(400);
  });

  it('moves past-due amounts with the calendar', async () => {
    await t.dataSource.query('TRUNCATE invoices, organization_balances CASCADE');
    const org = await upsertOrganization(t, bearer, 'CAL-1', 'Calendar Co');
    await upsertInvoice(
      t,
      bearer,
      'cal-1',
      invoiceBody(org.id, { dueDate: daysFromToday(0), sourceBalance: 4200, total: 4200 }),
    );
    const today = await t.http
      .get('/api/v1/reports/ar-overview')
      .set('authorization', bearer)
      .expect(200);
    expect(today.body.totals.totalPastDue).toBe(0);
    // Pretend the balances were computed yesterday and the invoice fell due then.
    await t.dataSource.query(`UPDATE invoices SET due_date = due_date - 1`);
    await t.dataSource.query(`UPDATE organization_balances SET as_of = as_of - 1`);
    // Each process re-checks for a new day at most once a minute: let that minute pass.
    const realNow = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(realNow + 61_000);
    const tomorrow = await t.http
      .get('/api/v1/reports/ar-overview')
      .set('authorization', bearer)
      .expect(200);
    expect(tomorrow.body.totals).toMatchObject({ totalBalance: 4200, totalPastDue: 4200 });
    jest.restoreAllMocks();
  });
});
