import {
  apiKey,
  daysFromToday,
  invoiceBody,
  upsertInvoice,
  upsertOrganization,
} from '../utils/ar-factories';
import { OrganizationAging1796111144703 } from '../../src/database/migrations/1796111144703-OrganizationAging';
import { addMethod, pay } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface AgingOrganization {
  organizationId: string;
  name: string;
  current: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  days90plus: number;
  total: number;
}

const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'days90plus'] as const;

describe('aging by organization, on screen and as CSV', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    viewer = await loginAs(t, 'viewer');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());
  beforeEach(() => t.dataSource.query('TRUNCATE invoices, organization_balances CASCADE'));

  const page = async (query: Record<string, string>, session = admin) => {
    const response = await t.http
      .get('/api/v1/reports/aging/organizations')
      .query(query)
      .set('cookie', session.cookie);
    expect(response.status).toBe(200);
    return response.body as {
      data: AgingOrganization[];
      page: number;
      pageSize: number;
      total: number;
      currency: string;
      asOf: string;
    };
  };

  /** An invoice of `amount` due `days` from today (negative: in the past). */
  const owe = (orgId: string, ref: string, days: number, amount: number) =>
    upsertInvoice(
      t,
      bearer,
      ref,
      invoiceBody(orgId, {
        dueDate: daysFromToday(days),
        number: ref,
        sourceBalance: amount,
        total: amount,
      }),
    );

  it('puts each open balance in the bucket the domain rule gives it, at every boundary', async () => {
    const org = await upsertOrganization(t, bearer, 'AG-1', 'Boundary Co');
    // One amount per day, each a distinct power of two, so a misplaced invoice shows.
    const days = [10, 0, -1, -30, -31, -60, -61, -90, -91, -400];
    for (const [index, day] of days.entries()) await owe(org.id, `ag1-${index}`, day, 2 ** index);
    const other = await upsertOrganization(t, bearer, 'AG-2', 'Other Co');
    await owe(other.id, 'ag2-0', -45, 7000);
    await upsertOrganization(t, bearer, 'AG-3', 'Nothing Owed Co');

    const report = await page({ sort: 'name' });
    expect(report).toMatchObject({ asOf: daysFromToday(0), currency: 'USD', page: 1, total: 2 });
    expect(report.data).toEqual([
      {
        current: 1 + 2,
        days1to30: 4 + 8,
        days31to60: 16 + 32,
        days61to90: 64 + 128,
        days90plus: 256 + 512,
        name: 'Boundary Co',
        organizationId: org.id,
        total: 1023,
      },
      {
        current: 0,
        days1to30: 0,
        days31to60: 7000,
        days61to90: 0,
        days90plus: 0,
        name: 'Other Co',
        organizationId: other.id,
        total: 7000,
      },
    ]);
    // The organizations add up to the overall aging, which libs/domain computes from invoices.
    const overall = (await t.http.get('/api/v1/reports/aging').set('cookie', admin.cookie)).body;
    for (const bucket of [...BUCKETS, 'total'] as const)
      expect({ bucket, sum: report.data.reduce((s, o) => s + o[bucket], 0) }).toEqual({
        bucket,
        sum: overall[bucket],
      });

    // Balances computed before the buckets existed get them from the migration.
    const runner = t.dataSource.createQueryRunner();
    try {
      const migration = new OrganizationAging1796111144703();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await page({ sort: 'name' })).toEqual(report);
  });

  it('follows payments, and moves balances on to older buckets as days pass', async () => {
    const org = await upsertOrganization(t, bearer, 'AG-4', 'Moving Co');
    const [dueToday] = [await owe(org.id, 'ag4-0', 0, 5000)];
    await owe(org.id, 'ag4-1', -30, 3000);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    await pay(t, bearer, {
      allocations: [{ amount: 1000, invoiceId: dueToday.id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect((await page({})).data[0]).toMatchObject({ current: 4000, days1to30: 3000, total: 7000 });

    // Pretend the balances were computed yesterday and each invoice fell due a day earlier.
    await t.dataSource.query(`UPDATE invoices SET due_date = due_date - 1`);
    await t.dataSource.query(`UPDATE organization_balances SET as_of = as_of - 1`);
    // Each process re-checks for a new day at most once a minute: let that minute pass.
    const realNow = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(realNow + 61_000);
    try {
      expect((await page({})).data[0]).toMatchObject({
        current: 0,
        days1to30: 4000,
        days31to60: 3000,
        total: 7000,
      });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('sorts by any bucket, searches by name and pages; viewers may read it', async () => {
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta'];
    const ids: Record<string, string> = {};
    for (const [index, name] of names.entries()) {
      ids[name] = (await upsertOrganization(t, bearer, `AG-S-${index}`, name)).id;
      await owe(ids[name], `ags-${index}-old`, -120, 1000 * (4 - index));
      await owe(ids[name], `ags-${index}-new`, 5, 100 * (index + 1));
    }
    const order = async (sort: string) => (await page({ sort })).data.map((o) => o.name);
    expect(await order('-days90plus')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await order('-current')).toEqual(['Delta', 'Charlie', 'Bravo', 'Alpha']);
    expect(await order('-total')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await order('-name')).toEqual(['Delta', 'Charlie', 'Bravo', 'Alpha']);
    // Default: largest balance first.
    expect((await page({})).data[0].name).toBe('Alpha');

    const second = await page({ pageSize: '2', page: '2', sort: 'name' }, viewer);
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 4 });
    expect(second.data.map((o) => o.name)).toEqual(['Charlie', 'Delta']);
    const found = await page({ q: 'RAV' });
    expect(found.data.map((o) => o.organizationId)).toEqual([ids.Bravo]);
    expect(found.total).toBe(1);
  });

  it('ages on a past day the invoices issued by then, on screen and as CSV', async () => {
    const org = await upsertOrganization(t, bearer, 'AG-P-1', 'Past Co');
    // Issued 30 days before its due date (invoiceBody's default).
    await owe(org.id, 'agp-1', -20, 1000); // issued day -50, due day -20
    await owe(org.id, 'agp-2', -50, 2000); // issued day -80, due day -50
    await owe(org.id, 'agp-3', 10, 4000); // issued day -20: not yet issued on day -30
    const late = await upsertOrganization(t, bearer, 'AG-P-2', 'Later Co');
    await owe(late.id, 'agp-4', 5, 8000); // issued day -25

    const asOf = daysFromToday(-30);
    const report = await page({ asOf, sort: 'name' });
    expect(report).toMatchObject({ asOf, currency: 'USD', total: 1 });
    // On day -30, agp-1 (due day -20) was current and agp-2 (due day -50) 20 days past due.
    expect(report.data).toEqual([
      {
        current: 1000,
        days1to30: 2000,
        days31to60: 0,
        days61to90: 0,
        days90plus: 0,
        name: 'Past Co',
        organizationId: org.id,
        total: 3000,
      },
    ]);
    // Today is read from the per-organization totals, and says the same as no asOf.
    expect(await page({ asOf: daysFromToday(0), sort: 'name' })).toEqual(
      await page({ sort: 'name' }),
    );
    // A page past the end still counts what there is.
    expect(await page({ asOf, page: '3', pageSize: '1' })).toMatchObject({ data: [], total: 1 });

    const csv = await t.http
      .get('/api/v1/reports/aging/export')
      .query({ asOf })
      .set('cookie', admin.cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="aging-${asOf}.csv"`);
    expect(csv.text.split('\r\n')).toEqual([
      'Organization,Organization ID,Currency,Current,1-30 days,31-60 days,61-90 days,Over 90 days,Total',
      `Past Co,${org.id},USD,10.00,20.00,0.00,0.00,0.00,30.00`,
      '',
    ]);
  });

  it('refuses an asOf that is not a date or is after today, naming it', async () => {
    for (const path of ['/api/v1/reports/aging/organizations', '/api/v1/reports/aging/export'])
      for (const asOf of ['2026-02-30', 'yesterday', daysFromToday(1)]) {
        const response = await t.http.get(path).query({ asOf }).set('cookie', admin.cookie);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
      }
  });

  it('refuses a bad sort or page size with a 400 naming the field', async () => {
    for (const [query, field] of [
      [{ sort: 'balance' }, 'sort'],
      [{ pageSize: '201' }, 'pageSize'],
      [{ page: '0' }, 'page'],
    ] as const) {
      const response = await t.http
        .get('/api/v1/reports/aging/organizations')
        .query(query)
        .set('cookie', admin.cookie);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectProblem(response.body, 400, 'validation-error');
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('exports every organization with an open balance as CSV, by name, in major units', async () => {
    const tricky = await upsertOrganization(t, bearer, 'AG-C-1', 'Smith, "Jones" & Co');
    await owe(tricky.id, 'agc-1', -100, 125050);
    const formula = await upsertOrganization(t, bearer, 'AG-C-2', '=HYPERLINK("http://x")');
    await owe(formula.id, 'agc-2', 3, 5);
    await upsertOrganization(t, bearer, 'AG-C-3', 'Owes Nothing');

    const response = await t.http.get('/api/v1/reports/aging/export').set('cookie', viewer.cookie);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="aging-${daysFromToday(0)}.csv"`,
    );
    expect(response.text.split('\r\n')).toEqual([
      'Organization,Organization ID,Currency,Current,1-30 days,31-60 days,61-90 days,Over 90 days,Total',
      `"'=HYPERLINK(""http://x"")",${formula.id},USD,0.05,0.00,0.00,0.00,0.00,0.05`,
      `"Smith, ""Jones"" & Co",${tricky.id},USD,0.00,0.00,0.00,0.00,1250.50,1250.50`,
      '',
    ]);
  });

  it('streams an export larger than one database batch, every organization once', async () => {
    const count = 1203;
    const orgs: { id: string; name: string }[] = await t.dataSource.query(
      `INSERT INTO organizations (name)
       SELECT 'Bulk ' || lpad(n::text, 4, '0') FROM generate_series(1, $1::int) AS n
       RETURNING id, name`,
      [count],
    );
    for (let start = 0; start < count; start += 1000) {
      const invoices = orgs.slice(start, start + 1000).map((org, index) => ({
        ...invoiceBody(org.id, {
          number: `B-${start + index}`,
          sourceBalance: 100 + start + index,
          total: 100 + start + index,
        }),
        externalId: `bulk-${start + index}`,
        source: 'quickbooks',
      }));
      await t.http
        .post('/api/v1/invoices/bulk')
        .set('authorization', bearer)
        .send({ invoices })
        .expect(200);
    }
    const response = await t.http.get('/api/v1/reports/aging/export').set('cookie', admin.cookie);
    expect(response.status).toBe(200);
    // Sent as it is read, in chunks, not as one body of known length.
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-length']).toBeUndefined();
    const rows = response.text.split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(count);
    expect(rows.map((row) => row.split(',')[0])).toEqual([...orgs.map((o) => o.name)].sort());
    const total = rows.reduce((sum, row) => sum + Math.round(Number(row.split(',')[8]) * 100), 0);
    expect(total).toBe(orgs.reduce((sum, _org, index) => sum + 100 + index, 0));
  });
});
