import { DemoDataService } from '../../src/modules/demo-data/demo-data.service';
import { createTestApp, TestApp } from '../utils/test-app';

describe('demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    expect(await t.app.get(DemoDataService).loadIfEmpty()).toBe(true);
  });
  afterAll(() => t.close());

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
});
