import { eventually, startFakeConnectWise, type FakeConnectWise } from '@settle/testing';

import { apiKey } from '../utils/ar-factories';
import { createTestApp, expectProblem, loginAs, TestApp } from '../utils/test-app';

interface Run {
  id: string;
  integrationId: string;
  status: string;
  full: boolean;
  counts: { created: number; updated: number; unchanged: number; deleted: number; failed: number };
  progress: { company: number; contact: number; invoice: number };
  error: string | null;
}

interface Invoice {
  id: string;
  externalId: string;
  source: string;
  total: number;
  sourceBalance: number;
  status: string;
  organizationId: string;
}

const PAGE_SIZE = 3;

describe('ConnectWise sync against the fake', () => {
  let t: TestApp;
  let fake: FakeConnectWise;
  let admin: string;
  let billing: string;
  let integrationId: string;

  const company = (name: string, extra: Record<string, unknown> = {}) =>
    fake.add('companies', { name, ...extra });
  const invoice = (companyId: number, total: number, extra: Record<string, unknown> = {}) =>
    fake.add('invoices', {
      company: { id: companyId, identifier: `C${companyId}`, name: `C${companyId}` },
      total,
      ...extra,
    });

  beforeAll(async () => {
    fake = await startFakeConnectWise({ companyId: 'msp' });
    t = await createTestApp({ SYNC_PAGE_SIZE: String(PAGE_SIZE) });
    const session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const settings = () => ({
    clientId: '6ae5b3f4-58c6-4f4b-a6a8-1f1f1f1f1f1f',
    companyId: 'msp',
    hiddenCompanyStatuses: ['Inactive'],
    hiddenCompanyTypes: ['Vendor'],
    publicKey: fake.publicKey,
    site: fake.url,
  });

  const syncNow = async (body: Record<string, unknown> = {}) => {
    const started = await t.http
      .post(`/api/v1/integrations/${integrationId}/sync-runs`)
      .set('authorization', admin)
      .send(body)
      .expect(202);
    return started.body as Run;
  };

  const ended = async (id: string) => {
    let run: Run | undefined;
    await eventually(async () => {
      run = (await t.http.get(`/api/v1/sync-runs/${id}`).set('authorization', billing)).body;
      expect(['succeeded', 'failed']).toContain(run?.status);
    }, 30_000);
    return run!;
  };

  const sync = async (body: Record<string, unknown> = {}) => ended((await syncNow(body)).id);

  const invoices = async () =>
    (await t.http.get('/api/v1/invoices?pageSize=200').set('authorization', billing).expect(200))
      .body.data as Invoice[];

  const invoiceOf = async (externalId: number) =>
    (await invoices()).find(
      (i) => i.source === 'connectwise' && i.externalId === String(externalId),
    );

  const organizations = async () =>
    (
      await t.http
        .get('/api/v1/organizations?pageSize=200')
        .set('authorization', billing)
        .expect(200)
    ).body.data as { id: string; name: string }[];

  it('connects ConnectWise with write-only credentials, and only an admin may', async () => {
    const body = {
      credentials: { privateKey: fake.privateKey },
      kind: 'connectwise',
      name: 'ConnectWise',
      schedule: 'off',
      settings: settings(),
    };
    const refused = await t.http
      .post('/api/v1/integrations')
      .set('authorization', billing)
      .send(body)
      .expect(403);
    expectProblem(refused.body, 403, 'forbidden');
    const created = await t.http
      .post('/api/v1/integrations')
      .set('authorization', admin)
      .send(body)
      .expect(201);
    integrationId = created.body.id;
    expect(created.body).toMatchObject({
      credentialsSet: true,
      kind: 'connectwise',
      lastRun: null,
      status: 'connected',
    });
    expect(JSON.stringify(created.body)).not.toContain(fake.privateKey);
    const stored: { sealed_credentials: string }[] = await t.dataSource.query(
      'SELECT sealed_credentials FROM integrations WHERE id = $1',
      [integrationId],
    );
    expect(stored[0]!.sealed_credentials).not.toContain(fake.privateKey);

    const tested = await t.http
      .post(`/api/v1/integrations/${integrationId}/test`)
      .set('authorization', admin)
      .expect(200);
    expect(tested.body).toMatchObject({ ok: true, status: 'connected' });
    const discovery = fake.requestsTo(/^\/login\/companyinfo\/msp$/);
    expect(discovery.length).toBeGreaterThan(0);
    const info = fake.requestsTo(/system\/info$/).at(-1)!;
    expect(info.headers.authorization).toBe(
      `Basic ${Buffer.from(`msp+${fake.publicKey}:${fake.privateKey}`).toString('base64')}`,
    );
    expect(info.headers.clientid).toBe(settings().clientId);
  });

  it('first sync: companies become organizations (hide rules apply), invoices come in cents', async () => {
    const acme = company('Acme Dental', { phoneNumber: '5551234' });
    const globex = company('Globex Law');
    const vendor = company('Paper Supplier', { types: [{ id: 2, name: 'Vendor' }] });
    company('Gone Inc', { status: { id: 2, name: 'Inactive' } });
    fake.add('contacts', {
      communicationItems: [
        {
          communicationType: 'Email',
          defaultFlag: true,
          id: 1,
          type: { id: 1, name: 'Email' },
          value: 'Ann@Acme.test',
        },
      ],
      company: { id: acme.id, identifier: 'A', name: acme.name },
      firstName: 'Ann',
      lastName: 'Lee',
    });
    const big = invoice(acme.id, 1082.5, { balance: 1000.25 });
    invoice(acme.id, 99.99);
    invoice(globex.id, 10);
    const vendors = invoice(vendor.id, 55);
    const paid = invoice(globex.id, 20, {
      balance: 0,
      status: { id: 9, isClosed: true, name: 'Paid' },
    });

    const run = await sync();
    expect(run).toMatchObject({
      counts: { created: 10, deleted: 0, failed: 0, unchanged: 0, updated: 0 },
      error: null,
      full: true,
      progress: { company: 4, contact: 1, invoice: 5 },
      status: 'succeeded',
    });
    const names = (await organizations()).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Acme Dental', 'Globex Law']));
    expect(names).not.toContain('Paper Supplier');
    expect(names).not.toContain('Gone Inc');

    const acmeInvoice = await invoiceOf(big.id);
    expect(acmeInvoice).toMatchObject({ sourceBalance: 100025, status: 'open', total: 108250 });
    expect(await invoiceOf(vendors.id)).toBeUndefined(); // the hidden vendor's
    expect(await invoiceOf(paid.id)).toMatchObject({ sourceBalance: 0, status: 'paid' });
    const profile = await t.http
      .get(`/api/v1/organizations/${acmeInvoice!.organizationId}`)
      .set('authorization', billing)
      .expect(200);
    expect(profile.body.links).toEqual([
      { externalId: String(acme.id), kind: 'psa', source: 'connectwise' },
    ]);
    // Balances follow the synced invoices (refreshed once, when the run ends).
    const balance = await t.http
      .get(`/api/v1/organizations/${acmeInvoice!.organizationId}/balance`)
      .set('authorization', billing)
      .expect(200);
    expect(balance.body).toMatchObject({ openInvoices: 2, totalBalance: 100025 + 9999 });
    const contacts = await t.http
      .get(`/api/v1/organizations/${acmeInvoice!.organizationId}/contacts`)
      .set('authorization', billing)
      .expect(200);
    expect(contacts.body.data).toEqual([
      expect.objectContaining({ email: 'ann@acme.test', firstName: 'Ann', lastName: 'Lee' }),
    ]);
    // Forward-only paging in id order, pages of PAGE_SIZE.
    const lists = fake.requestsTo(/finance\/invoices$/);
    expect(lists.length).toBeGreaterThanOrEqual(2);
    expect(lists[0]!.headers['pagination-type']).toBe('forward-only');
    expect(lists[0]!.query.pageSize).toBe(String(PAGE_SIZE));
  });

  it('an immediate re-sync asks only for what changed and writes nothing', async () => {
    const before = fake.requests.length;
    const lastWrites = () =>
      t.dataSource.query(
        `SELECT (SELECT max(updated_at) FROM invoices) AS invoices,
                (SELECT max(updated_at) FROM organizations) AS organizations,
                (SELECT max(updated_at) FROM contacts) AS contacts,
                (SELECT max(last_synced_at) FROM external_entities) AS entities`,
      );
    const writesBefore = await lastWrites();
    const run = await sync();
    expect(run).toMatchObject({
      counts: { created: 0, deleted: 0, updated: 0 },
      full: false,
      status: 'succeeded',
    });
    const asked = fake.requests.slice(before).filter((r) => /companies$/.test(r.path));
    expect(asked[0]!.query.conditions).toMatch(/^lastUpdated >= \[\d{4}-\d\d-\d\dT[\d:]+Z\]$/);
    expect(await lastWrites()).toEqual(writesBefore);
  });

  it('an edit in the source comes through; a deletion is found by a full run and voids the invoice', async () => {
    fake.edit('invoices', 1, { balance: 500 });
    fake.edit('companies', 2, { name: 'Globex Law LLP' });
    const edited = await sync();
    expect(edited.counts).toMatchObject({ created: 0, updated: 2 });
    const edited1 = await invoiceOf(1);
    expect(edited1).toMatchObject({ sourceBalance: 50000, total: 108250 });
    const balance = await t.http
      .get(`/api/v1/organizations/${edited1!.organizationId}/balance`)
      .set('authorization', billing)
      .expect(200);
    expect(balance.body.totalBalance).toBe(50000 + 9999);
    expect((await organizations()).map((o) => o.name)).toContain('Globex Law LLP');

    fake.remove('invoices', 2);
    const incremental = await sync();
    expect(incremental.counts.deleted).toBe(0);
    const full = await sync({ full: true });
    expect(full).toMatchObject({ full: true, status: 'succeeded' });
    expect(full.counts.deleted).toBe(1);
    expect(await invoiceOf(2)).toMatchObject({ status: 'void' });
  });

  it('a page that drifts while paging loses nothing (forward-only by id)', async () => {
    for (let i = 0; i < 4; i++) invoice(1, 1 + i);
    const ids = fake.all('invoices').map((i) => i.id);
    // After the first page is read, a record of that page is deleted: page-number paging would
    // now skip what slid onto page one.
    fake.afterListPage('invoices', () => fake.remove('invoices', ids[0]!));
    const run = await sync({ full: true });
    expect(run.status).toBe('succeeded');
    const synced: { external_id: string }[] = await t.dataSource.query(
      `SELECT external_id FROM external_entities WHERE type = 'invoice' AND deleted_at IS NULL`,
    );
    expect(synced.map((s) => Number(s.external_id)).sort((a, b) => a - b)).toEqual(ids.slice(1));
  });

  it('honours 429 Retry-After', async () => {
    fake.injectFault(
      { path: /company\/companies$/ },
      {
        body: { code: 'TooManyRequests', errors: [], message: 'Slow down' },
        headers: { 'retry-after': '1' },
        status: 429,
      },
    );
    const before = fake.requests.length;
    const run = await sync();
    expect(run).toMatchObject({ error: null, status: 'succeeded' });
    const [limited, retried] = fake.requests.slice(before).filter((r) => /companies$/.test(r.path));
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000);
  });

  it('two "Sync now" at once make one run', async () => {
    fake.injectFault({ path: /^\/login\/companyinfo/ }, { delayMs: 800 });
    const [a, b] = await Promise.all([syncNow(), syncNow()]);
    expect(a!.id).toBe(b!.id);
    await ended(a!.id);
    const runs = await t.http
      .get(`/api/v1/sync-runs?integrationId=${integrationId}&pageSize=200`)
      .set('authorization', billing)
      .expect(200);
    expect(runs.body.data.filter((r: Run) => r.id === a!.id)).toHaveLength(1);
    // The Overview's Synchronization Status: the last three runs with their integration's name.
    const lastThree = await t.http
      .get('/api/v1/sync-runs?pageSize=3')
      .set('authorization', billing)
      .expect(200);
    expect(lastThree.body.data).toHaveLength(3);
    expect(lastThree.body.data[0]).toMatchObject({ id: a!.id, integrationName: 'ConnectWise' });
    const active: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM sync_runs WHERE status IN ('queued', 'running')`,
    );
    expect(active[0]!.n).toBe(0);
  });

  it('a bad key: the run fails and the integration needs attention with the source’s message', async () => {
    await t.http
      .patch(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .send({ credentials: { privateKey: 'wrong' } })
      .expect(200);
    const run = await sync();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Authentication failed/);
    const integration = await t.http
      .get(`/api/v1/integrations/${integrationId}`)
      .set('authorization', billing)
      .expect(200);
    expect(integration.body).toMatchObject({
      lastRun: { id: run.id, status: 'failed' },
      status: 'needs_attention',
    });
    expect(integration.body.statusMessage).toMatch(/Authentication failed/);

    const tested = await t.http
      .post(`/api/v1/integrations/${integrationId}/test`)
      .set('authorization', admin)
      .expect(200);
    expect(tested.body).toMatchObject({ ok: false, status: 'needs_attention' });

    await t.http
      .patch(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .send({ credentials: { privateKey: fake.privateKey } })
      .expect(200);
    expect((await sync()).status).toBe('succeeded');
    const healed = await t.http
      .get(`/api/v1/integrations/${integrationId}`)
      .set('authorization', billing);
    expect(healed.body).toMatchObject({ status: 'connected', statusMessage: null });
  });

  describe('Entities', () => {
    interface Entity {
      id: string;
      type: string;
      externalId: string;
      name: string;
      organizationId: string | null;
      organizationName: string | null;
      hidden: boolean;
      deleted: boolean;
    }
    const entities = async (query: string) =>
      (
        await t.http
          .get(`/api/v1/entities?integrationId=${integrationId}&pageSize=200&${query}`)
          .set('authorization', billing)
          .expect(200)
      ).body as { data: Entity[]; total: number };
    const act = (id: string, action: string, body: object = {}, status = 200) =>
      t.http
        .post(`/api/v1/entities/${id}/${action}`)
        .set('authorization', admin)
        .send(body)
        .expect(status)
        .then((r) => r.body as Entity);

    it('lists records by type, mapped, hidden and search', async () => {
      const companies = await entities('type=company');
      expect(companies.data.map((c) => c.name).sort()).toEqual([
        'Acme Dental',
        'Globex Law LLP',
        'Gone Inc',
        'Paper Supplier',
      ]);
      const hidden = await entities('type=company&hidden=true');
      expect(hidden.data.map((c) => c.name).sort()).toEqual(['Gone Inc', 'Paper Supplier']);
      expect(hidden.data.every((c) => c.organizationId === null)).toBe(true);
      const mapped = await entities('type=company&mapped=true');
      expect(mapped.data.map((c) => c.organizationName).sort()).toEqual([
        'Acme Dental',
        'Globex Law LLP',
      ]);
      expect((await entities('q=acme')).data.map((e) => e.type).sort()).toEqual(['company']);
      const refused = await t.http
        .post(`/api/v1/entities/${mapped.data[0]!.id}/hide`)
        .set('authorization', billing)
        .expect(403);
      expectProblem(refused.body, 403, 'forbidden');
    });

    it('hide and unhide a company: its organization leaves the lists and comes back', async () => {
      const [acme] = (await entities('type=company&q=Acme')).data;
      const hidden = await act(acme!.id, 'hide');
      expect(hidden).toMatchObject({ hidden: true, organizationId: acme!.organizationId });
      expect((await organizations()).map((o) => o.name)).not.toContain('Acme Dental');
      // A sync leaves a hidden record alone.
      fake.edit('companies', Number(acme!.externalId), { name: 'Acme Dental Group' });
      await sync();
      const unhidden = await act(acme!.id, 'unhide');
      expect(unhidden.hidden).toBe(false);
      expect((await organizations()).map((o) => o.name)).toContain('Acme Dental');
    });

    it('resync one record reads it again now; one the source lost is marked deleted', async () => {
      const [acme] = (await entities('type=company&q=Acme')).data;
      const resynced = await act(acme!.id, 'resync');
      expect(resynced).toMatchObject({ name: 'Acme Dental Group' });
      expect((await organizations()).map((o) => o.name)).toContain('Acme Dental Group');

      const doomed = invoice(Number(acme!.externalId), 42);
      await sync();
      const [entity] = (await entities(`type=invoice&q=${doomed.invoiceNumber}`)).data;
      fake.remove('invoices', doomed.id);
      await act(entity!.id, 'resync');
      expect(await invoiceOf(doomed.id)).toMatchObject({ status: 'void' });
      expect((await entities(`type=invoice&q=${doomed.invoiceNumber}`)).total).toBe(0);
    });

    it('map a company to another organization: its chip and invoices move; unmap', async () => {
      const [globex] = (await entities('type=company&q=Globex')).data;
      const target = await t.http
        .post('/api/v1/organizations')
        .set('authorization', admin)
        .send({ name: 'Globex (typed in)' })
        .expect(201);
      const mapped = await act(globex!.id, 'map', { organizationId: target.body.id });
      expect(mapped).toMatchObject({
        organizationId: target.body.id,
        organizationName: 'Globex (typed in)',
      });
      const profile = await t.http
        .get(`/api/v1/organizations/${target.body.id}`)
        .set('authorization', billing)
        .expect(200);
      expect(profile.body.links).toEqual([
        { externalId: globex!.externalId, kind: 'psa', source: 'connectwise' },
      ]);
      expect(await invoiceOf(3)).toMatchObject({ organizationId: target.body.id });
      // the profile's chips ask for an organization's records: the company and what followed it
      const ofTarget = await entities(`organizationId=${target.body.id}`);
      expect(ofTarget.data.find((e) => e.type === 'company')).toMatchObject({ id: globex!.id });
      expect(ofTarget.data.every((e) => e.organizationId === target.body.id)).toBe(true);
      expect(ofTarget.total).toBeGreaterThan(1);

      const bad = await t.http
        .post(`/api/v1/entities/${globex!.id}/map`)
        .set('authorization', admin)
        .send({ organizationId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(bad.body.errors).toEqual([{ field: 'organizationId', message: 'does not exist' }]);
      const [anInvoice] = (await entities('type=invoice')).data;
      await act(anInvoice!.id, 'map', { organizationId: target.body.id }, 422);

      const unmapped = await act(globex!.id, 'unmap');
      expect(unmapped.organizationId).toBeNull();
      expect((await entities('type=company&mapped=false&hidden=false')).data).toEqual([
        expect.objectContaining({ id: globex!.id }),
      ]);
    });
  });
});
