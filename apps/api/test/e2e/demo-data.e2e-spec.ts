import {
  DEMO_CONNECTWISE,
  eventually,
  startDemoConnectWise,
  type FakeConnectWise,
} from '@settle/testing';

import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, TestApp } from '../utils/test-app';

describe('demo data', () => {
  let t: TestApp;
  let fake: FakeConnectWise;

  beforeAll(async () => {
    // what npm start runs as a process of its own, here in the test's
    fake = await startDemoConnectWise();
    t = await createTestApp({
      SETTLE_DEMO_CONNECTWISE: JSON.stringify({ ...DEMO_CONNECTWISE, site: fake.url }),
    });
    expect(await t.app.get(DemoDataService).loadIfEmpty()).toBe(true);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
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
});
