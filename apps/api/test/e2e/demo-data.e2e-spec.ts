import {
  DEMO_CONNECTWISE,
  DEMO_QUICKBOOKS,
  eventually,
  startDemoConnectWise,
  startDemoQuickBooks,
  type FakeConnectWise,
  type FakeQuickBooks,
} from '@settle/testing';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, TestApp } from '../utils/test-app';

describe('demo data', () => {
  let t: TestApp;
  let fake: FakeConnectWise;
  let qbo: FakeQuickBooks;

  beforeAll(async () => {
    // what npm start runs as a process of its own, here in the test's
    fake = await startDemoConnectWise();
    qbo = await startDemoQuickBooks();
    t = await createTestApp({
      QBO_API_BASE: qbo.url,
      QBO_CLIENT_ID: DEMO_QUICKBOOKS.clientId,
      QBO_CLIENT_SECRET: DEMO_QUICKBOOKS.clientSecret,
      QBO_OAUTH_BASE: qbo.url,
      SETTLE_DEMO_CONNECTWISE: JSON.stringify({ ...DEMO_CONNECTWISE, site: fake.url }),
      SETTLE_DEMO_QUICKBOOKS: 'true',
    });
    expect(await t.app.get(DemoDataService).loadIfEmpty()).toBe(true);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    await qbo.close();
  });

  it('gives the README’s portal login an organization with open invoices', async () => {
    const login = await t.http
      .post('/api/v1/portal/auth/login')
      .send({ email: 'demo@example.com', password: 'settle-demo' })
      .expect(200);
    expect(login.body.organizations).toEqual([
      expect.objectContaining({
        name: 'Demo Company',
        permissions: expect.objectContaining({ pay: true, viewInvoices: true }),
      }),
    ]);
    const cookie = login.headers['set-cookie'] as unknown as string[];
    const organizationId = login.body.organizations[0].id;
    const invoices = await t.http
      .get(`/api/v1/portal/organizations/${organizationId}/invoices?status=open`)
      .set('Cookie', cookie)
      .expect(200);
    expect(invoices.body.total).toBe(4);
  });

  it('loads once: a second start leaves the data alone', async () => {
    expect(await t.app.get(DemoDataService).loadIfEmpty()).toBe(false);
  });

  it('connects the fake ConnectWise and syncs it: the demo organizations are found linked, unchanged', async () => {
    const before: { id: string; updated_at: Date }[] = await t.dataSource.query(
      'SELECT id, updated_at FROM organizations ORDER BY id',
    );
    const demo = t.app.get(DemoDataService);
    await demo.connectDemoConnectWise(true);
    const [integration] = await t.dataSource.query(
      'SELECT id, name, sealed_credentials FROM integrations',
    );
    expect(integration.name).toBe('ConnectWise (demo)');
    expect(integration.sealed_credentials).not.toContain(DEMO_CONNECTWISE.privateKey);
    await eventually(async () => {
      const [run] = await t.dataSource.query('SELECT status FROM sync_runs');
      expect(run.status).toBe('succeeded');
    }, 30_000);
    const after: { id: string; name: string; updated_at: Date }[] = await t.dataSource.query(
      'SELECT id, name, updated_at FROM organizations ORDER BY id',
    );
    for (const org of before)
      expect(after.find((a) => a.id === org.id)?.updated_at).toEqual(org.updated_at);
    expect(after.filter((a) => !before.some((b) => b.id === a.id)).map((a) => a.name)).toEqual([
      'Contoso Dental',
    ]);
    // A later start with the fake where it was: nothing to do.
    await demo.connectDemoConnectWise(false);
    expect(await t.dataSource.query('SELECT id FROM sync_runs')).toHaveLength(1);
  });

  it('connects the fake QuickBooks through its OAuth and syncs it: customers found linked, invoices not doubled', async () => {
    type Invoice = { source: string; external_id: string; source_balance: string };
    const invoices = async (): Promise<Invoice[]> =>
      t.dataSource.query(
        `SELECT source, external_id, source_balance FROM invoices
          WHERE source = 'quickbooks' ORDER BY external_id`,
      );
    const before = await invoices();
    const organizations = await t.dataSource.query('SELECT count(*)::int AS n FROM organizations');
    const demo = t.app.get(DemoDataService);
    await demo.connectDemoQuickBooks(true);
    const quickbooks = async () =>
      (await t.dataSource.query(
        `SELECT id, status, settings, sealed_credentials FROM integrations WHERE kind = 'quickbooks'`,
      )) as { id: string; status: string; settings: { realmId: string } }[];
    const [connected] = await quickbooks();
    expect(connected).toMatchObject({
      settings: { realmId: DEMO_QUICKBOOKS.realmId },
      status: 'connected',
    });
    const runsOf = (id: string) =>
      t.dataSource.query('SELECT status FROM sync_runs WHERE integration_id = $1', [id]) as Promise<
        { status: string }[]
      >;
    await eventually(async () => {
      expect((await runsOf(connected!.id)).map((r) => r.status)).toEqual(['succeeded']);
    }, 30_000);
    // the demo's QuickBooks invoices are the fake's: found by their ids, at the same balances
    const after = await invoices();
    expect(after.filter((a) => a.external_id !== 'qb-1058')).toEqual(before);
    // Harbor Dental is named like no organization: it waits on the Entities page
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM organizations')).toEqual(
      organizations,
    );
    const unmapped: { name: string }[] = await t.dataSource.query(
      `SELECT name FROM external_entities
        WHERE integration_id = $1 AND type = 'company' AND organization_id IS NULL`,
      [connected!.id],
    );
    expect(unmapped.map((u) => u.name)).toEqual(['Harbor Dental']);

    // a later start (the fake forgot its tokens) signs the same integration in again
    await demo.connectDemoQuickBooks(false);
    const again = await quickbooks();
    expect(again).toHaveLength(1);
    expect(again[0]!.status).toBe('connected');
    await eventually(async () => {
      expect((await runsOf(connected!.id)).map((r) => r.status)).toEqual([
        'succeeded',
        'succeeded',
      ]);
    }, 30_000);
  });
});
