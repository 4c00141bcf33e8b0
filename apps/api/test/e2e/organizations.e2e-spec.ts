import {
  apiKey,
  upsertInvoice,
  invoiceBody,
  upsertOrganization,
  daysFromToday,
} from '../utils/ar-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

describe('organizations', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('creates, reads, updates and hides an organization, and audits each change', async () => {
    const created = await t.http
      .post('/api/v1/organizations')
      .set('authorization', bearer)
      .send({
        address: { city: 'Fargo', country: 'US', line1: '1 Main St', region: 'ND' },
        name: 'Northwind',
        phone: '+1 701 555 0100',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      address: { city: 'Fargo', country: 'US', line1: '1 Main St', line2: null, region: 'ND' },
      contactsCount: 0,
      links: [],
      name: 'Northwind',
      status: 'active',
    });
    const id = created.body.id;
    await t.http.get(`/api/v1/organizations/${id}`).set('authorization', bearer).expect(200);
    const updated = await t.http
      .patch(`/api/v1/organizations/${id}`)
      .set('authorization', bearer)
      .send({ name: 'Northwind Traders' })
      .expect(200);
    expect(updated.body).toMatchObject({ address: { city: 'Fargo' }, name: 'Northwind Traders' });
    const hidden = await t.http
      .post(`/api/v1/organizations/${id}/hide`)
      .set('authorization', bearer)
      .expect(200);
    expect(hidden.body.status).toBe('hidden');
    const active = await t.http
      .get('/api/v1/organizations')
      .query({ q: 'Northwind' })
      .set('authorization', bearer)
      .expect(200);
    expect(active.body.total).toBe(0);
    const all = await t.http
      .get('/api/v1/organizations')
      .query({ q: 'northwind', status: 'all' })
      .set('authorization', bearer)
      .expect(200);
    expect(all.body.data.map((o: { id: string }) => o.id)).toEqual([id]);
    const audit = await t.http
      .get('/api/v1/audit-log')
      .query({ entityId: id })
      .set('cookie', admin.cookie)
      .expect(200);
    expect(audit.body.data.map((e: { action: string }) => e.action).sort()).toEqual([
      'organization.created',
      'organization.updated',
      'organization.updated',
    ]);
  });

  it('upserts by external id: 201 then 200 with the same id, one row, updated, with a PSA chip', async () => {
    const first = await t.http
      .put('/api/v1/organizations/external/connectwise/CW-77')
      .set('authorization', bearer)
      .send({ name: 'Contoso' })
      .expect(201);
    const again = await t.http
      .put('/api/v1/organizations/external/connectwise/CW-77')
      .set('authorization', bearer)
      .send({ name: 'Contoso Ltd', phone: '555' })
      .expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body).toMatchObject({
      links: [{ externalId: 'CW-77', kind: 'psa', source: 'connectwise' }],
      name: 'Contoso Ltd',
      phone: '555',
    });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM organizations WHERE name LIKE 'Contoso%'`,
    );
    expect(n).toBe(1);
  });

  describe('parents', () => {
    const create = async (name: string, parentOrganizationId?: string) =>
      (
        await t.http
          .post('/api/v1/organizations')
          .set('authorization', bearer)
          .send({ name, parentOrganizationId })
          .expect(201)
      ).body.id as string;
    const reparent = (id: string, parentOrganizationId: string | null) =>
      t.http
        .patch(`/api/v1/organizations/${id}`)
        .set('authorization', bearer)
        .send({ parentOrganizationId });
    const parentOf = async (id: string) =>
      (await t.http.get(`/api/v1/organizations/${id}`).set('authorization', bearer).expect(200))
        .body.parentOrganizationId;
    const expectCycleRefused = (response: { body: Record<string, unknown> }) => {
      expectProblem(response.body, 422, 'rule-violation');
      expect(response.body.errors).toEqual([
        { field: 'parentOrganizationId', message: 'would make the organization its own ancestor' },
      ]);
    };

    it('refuses a parent that would make a two-organization cycle (A→B→A)', async () => {
      const a = await create('Cycle A');
      const b = await create('Cycle B', a);
      expectCycleRefused(await reparent(a, b).expect(422));
      expect(await parentOf(a)).toBeNull();
      expect(await parentOf(b)).toBe(a);
    });

    it('follows the whole chain: refuses A→B→C→A, and any grandchild as parent', async () => {
      const a = await create('Chain A');
      const b = await create('Chain B', a);
      const c = await create('Chain C', b);
      const d = await create('Chain D', c);
      expectCycleRefused(await reparent(a, c).expect(422));
      expectCycleRefused(await reparent(a, d).expect(422));
      expectCycleRefused(await reparent(b, d).expect(422));
      expect(await parentOf(a)).toBeNull();
    });

    it('still re-parents within and across trees when no cycle results', async () => {
      const a = await create('Tree A');
      const b = await create('Tree B', a);
      const c = await create('Tree C', b);
      const other = await create('Tree Other');
      // C moves up beside B, then the whole A tree goes under another organization.
      const moved = await reparent(c, a).expect(200);
      expect(moved.body).toMatchObject({
        parentOrganizationId: a,
        parentOrganizationName: 'Tree A',
      });
      await reparent(a, other).expect(200);
      // Now that C no longer descends from B, B may go under C.
      await reparent(b, c).expect(200);
      expect(await parentOf(b)).toBe(c);
      await reparent(b, null).expect(200);
      expect(await parentOf(b)).toBeNull();
    });

    it('lets only one of two concurrent moves that would together make a cycle through', async () => {
      const a = await create('Race A');
      const b = await create('Race B');
      const statuses = (await Promise.all([reparent(a, b), reparent(b, a)])).map((r) => r.status);
      expect(statuses.sort()).toEqual([200, 422]);
      const parents = [await parentOf(a), await parentOf(b)];
      expect(parents.filter(Boolean)).toHaveLength(1);
    });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await count('organizations');
    const bad = await t.http
      .post('/api/v1/organizations')
      .set('authorization', bearer)
      .send({ address: { country: 'usa' }, name: '', parentOrganizationId: 'nope', tier: 'gold' })
      .expect(400);
    expectProblem(bad.body, 400, 'validation-error');
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'address.country', 'parentOrganizationId', 'tier']),
    );
    const missingParent = await t.http
      .post('/api/v1/organizations')
      .set('authorization', bearer)
      .send({ name: 'Orphan', parentOrganizationId: '0b7f3c64-5a2e-4b51-9d7e-3f6c2a1b9e00' })
      .expect(400);
    expect(missingParent.body.errors).toEqual([
      { field: 'parentOrganizationId', message: 'does not exist' },
    ]);
    const badSlug = await t.http
      .put('/api/v1/organizations/external/Connect%20Wise/1')
      .set('authorization', bearer)
      .send({ name: 'x' })
      .expect(400);
    expect(badSlug.body.errors).toEqual([
      { field: 'source', message: 'must be 1-40 characters of a-z, 0-9 and -' },
    ]);
    expect(await count('organizations')).toBe(before);
  });

  it('404s unknown organizations everywhere, and 400s malformed ids', async () => {
    const unknown = '6a1c9a3e-2b7d-4f0e-8c55-1d2e3f4a5b6c';
    for (const path of ['', '/balance', '/notes', '/contacts', '/notification-emails']) {
      const response = await t.http
        .get(`/api/v1/organizations/${unknown}${path}`)
        .set('authorization', bearer)
        .expect(404);
      expectProblem(response.body, 404, 'not-found');
    }
    await t.http
      .patch(`/api/v1/organizations/${unknown}`)
      .set('authorization', bearer)
      .send({ name: 'x' })
      .expect(404);
    const malformed = await t.http
      .get('/api/v1/organizations/123')
      .set('authorization', bearer)
      .expect(400);
    expect(malformed.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('lets a viewer read but not write', async () => {
    const viewer = await loginAs(t, 'viewer');
    await t.http.get('/api/v1/organizations').set('cookie', viewer.cookie).expect(200);
    await t.http
      .post('/api/v1/organizations')
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.csrf)
      .send({ name: 'No' })
      .expect(403);
    await t.http
      .put('/api/v1/organizations/external/connectwise/V1')
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.csrf)
      .send({ name: 'No' })
      .expect(403);
  });

  it('lists the organizations whose convenience fee is waived', async () => {
    const waived = await upsertOrganization(t, bearer, 'waiver-1', 'Waiver Granted');
    await upsertOrganization(t, bearer, 'waiver-2', 'Waiver Not Granted');
    await t.http
      .patch(`/api/v1/organizations/${waived.id}`)
      .set('authorization', bearer)
      .send({ convenienceFeeWaived: true })
      .expect(200);

    const list = (convenienceFeeWaived: string) =>
      t.http
        .get('/api/v1/organizations')
        .query({ convenienceFeeWaived, q: 'Waiver', sort: 'name' })
        .set('authorization', bearer);
    expect((await list('true').expect(200)).body.data.map((o: { id: string }) => o.id)).toEqual([
      waived.id,
    ]);
    expect(
      (await list('false').expect(200)).body.data.map((o: { name: string }) => o.name),
    ).toEqual(['Waiver Not Granted']);
    await list('maybe').expect(400);
  });

  it('lists with balances, sorts by balance, filters by open balance, and shows the balance panel and aging', async () => {
    const rich = await upsertOrganization(t, bearer, 'BAL-1', 'Balance Rich');
    const poor = await upsertOrganization(t, bearer, 'BAL-2', 'Balance Poor');
    await upsertInvoice(
      t,
      bearer,
      'bal-1',
      invoiceBody(rich.id, {
        dueDate: daysFromToday(-45),
        number: 'B-1',
        sourceBalance: 30000,
        total: 30000,
      }),
    );
    await upsertInvoice(
      t,
      bearer,
      'bal-2',
      invoiceBody(rich.id, {
        dueDate: daysFromToday(5),
        number: 'B-2',
        sourceBalance: 12345,
        total: 20000,
      }),
    );
    await upsertInvoice(
      t,
      bearer,
      'bal-3',
      invoiceBody(rich.id, {
        dueDate: daysFromToday(-100),
        number: 'B-3',
        sourceBalance: 0,
        total: 5000,
      }),
    );
    await t.dataSource.query(
      `INSERT INTO credits (organization_id, kind, number, issue_date, currency, amount, remaining, source, external_id)
       VALUES ($1, 'credit_memo', 'CM-1', now()::date, 'USD', 900, 700, 'quickbooks', 'cm-1')`,
      [rich.id],
    );

    const list = await t.http
      .get('/api/v1/organizations')
      .query({ q: 'Balance', sort: '-balance' })
      .set('authorization', bearer)
      .expect(200);
    expect(
      list.body.data.map(
        (o: { name: string; balance: number; pastDue: number; openInvoices: number }) => [
          o.name,
          o.balance,
          o.pastDue,
          o.openInvoices,
        ],
      ),
    ).toEqual([
      ['Balance Rich', 42345, 30000, 2],
      ['Balance Poor', 0, 0, 0],
    ]);
    const withBalance = await t.http
      .get('/api/v1/organizations')
      .query({ hasOpenBalance: 'true', q: 'Balance' })
      .set('authorization', bearer)
      .expect(200);
    expect(withBalance.body.data.map((o: { id: string }) => o.id)).toEqual([rich.id]);
    await t.http
      .get('/api/v1/organizations')
      .query({ hasOpenBalance: 'yes' })
      .set('authorization', bearer)
      .expect(400);

    const panel = await t.http
      .get(`/api/v1/organizations/${rich.id}/balance`)
      .set('authorization', bearer)
      .expect(200);
    expect(panel.body).toEqual({
      aging: {
        current: 12345,
        days1to30: 0,
        days31to60: 30000,
        days61to90: 0,
        days90plus: 0,
        total: 42345,
      },
      creditsAvailable: 700,
      currency: 'USD',
      oldestInvoice: { dueDate: daysFromToday(-45), id: expect.any(String), number: 'B-1' },
      openInvoices: 2,
      pastDue: 30000,
      totalBalance: 42345,
      unappliedPayments: 0,
    });
    const empty = await t.http
      .get(`/api/v1/organizations/${poor.id}/balance`)
      .set('authorization', bearer)
      .expect(200);
    expect(empty.body).toMatchObject({ oldestInvoice: null, openInvoices: 0, totalBalance: 0 });
  });

  describe('notes', () => {
    it('keeps author and time, lists newest first, and records edits in the audit log', async () => {
      const org = await upsertOrganization(t, bearer, 'NOTE-1', 'Noted Inc');
      const first = await t.http
        .post(`/api/v1/organizations/${org.id}/notes`)
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .send({ body: 'Call before the 5th' })
        .expect(201);
      expect(first.body).toMatchObject({
        authorId: expect.any(String),
        authorName: 'Test admin',
        body: 'Call before the 5th',
      });
      await t.http
        .post(`/api/v1/organizations/${org.id}/notes`)
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .send({ body: 'Second' })
        .expect(201);
      const list = await t.http
        .get(`/api/v1/organizations/${org.id}/notes`)
        .set('cookie', admin.cookie)
        .expect(200);
      expect(list.body.data.map((n: { body: string }) => n.body)).toEqual([
        'Second',
        'Call before the 5th',
      ]);

      const edited = await t.http
        .patch(`/api/v1/organizations/${org.id}/notes/${first.body.id}`)
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .send({ body: 'Call before the 10th' })
        .expect(200);
      expect(edited.body.body).toBe('Call before the 10th');
      const history = await t.http
        .get('/api/v1/audit-log')
        .query({ action: 'organization_note.updated', entityId: first.body.id })
        .set('cookie', admin.cookie)
        .expect(200);
      expect(history.body.data[0]).toMatchObject({
        after: { body: 'Call before the 10th' },
        before: { body: 'Call before the 5th' },
      });

      // Another billing user may not change the admin's note; an empty body is refused.
      const billing = await loginAs(t, 'billing');
      await t.http
        .patch(`/api/v1/organizations/${org.id}/notes/${first.body.id}`)
        .set('cookie', billing.cookie)
        .set('x-csrf-token', billing.csrf)
        .send({ body: 'mine now' })
        .expect(403);
      const empty = await t.http
        .post(`/api/v1/organizations/${org.id}/notes`)
        .set('cookie', billing.cookie)
        .set('x-csrf-token', billing.csrf)
        .send({ body: '   ' })
        .expect(400);
      expect(empty.body.errors[0].field).toBe('body');

      await t.http
        .delete(`/api/v1/organizations/${org.id}/notes/${first.body.id}`)
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .expect(204);
      await t.http
        .delete(`/api/v1/organizations/${org.id}/notes/${first.body.id}`)
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.csrf)
        .expect(404);
    });
  });

  it('suggests organizations as a name is typed: a case-insensitive substring, by name, 8 at most', async () => {
    const made = [
      'Acme Corp',
      'ACCESS Networks',
      'Black Cat IT',
      'Pacific MSP',
      'Northern Lights',
      'Tracy & Co',
      'Stack Works',
      'Maclean Group',
      'Lacey Legal',
      'Jackson Tech',
      '100%_Sure',
    ];
    for (const [index, name] of made.entries())
      await upsertOrganization(t, bearer, `SUGGEST-${index}`, name);
    const hidden = await upsertOrganization(t, bearer, 'SUGGEST-H', 'Hidden Acorn');
    await t.http
      .post(`/api/v1/organizations/${hidden.id}/hide`)
      .set('authorization', bearer)
      .expect(200);

    const suggest = async (q: string) => {
      const response = await t.http
        .get('/api/v1/organizations')
        .query({ pageSize: '8', q })
        .set('cookie', admin.cookie)
        .expect(200);
      return response.body as { data: { name: string }[]; total: number };
    };
    const [{ n: matching }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM organizations WHERE status = 'active' AND name ILIKE '%ac%'`,
    );
    const ac = await suggest('ac');
    expect(matching).toBeGreaterThan(8);
    expect(ac.total).toBe(matching);
    expect(ac.data).toHaveLength(8);
    const names = ac.data.map((o) => o.name);
    expect(names.every((name) => name.toLowerCase().includes('ac'))).toBe(true);
    expect(names).toEqual(
      [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    expect(names).not.toContain('Hidden Acorn');
    expect(names).toEqual(expect.arrayContaining(['ACCESS Networks', 'Acme Corp']));
    // The user's own % and _ are matched as characters, not as wildcards.
    expect((await suggest('%_')).data.map((o) => o.name)).toEqual(['100%_Sure']);
    expect((await suggest('ACME C')).data.map((o) => o.name)).toEqual(['Acme Corp']);
  });
});
