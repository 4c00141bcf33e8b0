import { randomUUID } from 'node:crypto';

import { apiKey } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices } from '../utils/payment-factories';
import { sessionFrom } from '../utils/portal-factories';
import { changedTables, rowCounter, RowCounts } from '../utils/row-counts';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

describe("staff's read-only Customer Portal view", () => {
  let t: TestApp;
  let staff: Session;
  let counts: () => Promise<RowCounts>;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginAs(t, 'viewer');
    counts = await rowCounter(t.dataSource);
  });
  afterAll(() => t.close());

  const link = async (organizationId: string) => {
    const response = await t.http
      .post(`/api/v1/organizations/${organizationId}/portal-view`)
      .set('cookie', staff.cookie)
      .set('x-csrf-token', staff.csrf)
      .expect(200);
    const url = new URL(response.body.url);
    expect(url.pathname).toBe('/api/v1/portal/auth/staff-view');
    return `${url.pathname}${url.search}`;
  };

  it('opens once, shows one organization read only, and changes nothing', async () => {
    const admin = await loginAs(t, 'admin');
    const bearer = await apiKey(t, admin.cookie, admin.csrf);
    const { org, invoices } = await organizationWithInvoices(t, bearer, [12000, 3000]);
    const other = await organizationWithInvoices(t, bearer, [5000]);
    const card = await addMethod(t, bearer, org.id, 'pm_card_visa');

    const path = await link(org.id);
    const opened = await t.http.get(path).expect(303);
    expect(opened.headers.location).toBe('/portal/');
    const view = sessionFrom(opened.headers['set-cookie']);
    // The link works once.
    const again = await t.http.get(path).expect(400);
    expect(again.body.errors[0].field).toBe('token');

    const me = await t.http.get('/api/v1/portal/me').set('cookie', view.cookie).expect(200);
    expect(me.body).toMatchObject({
      organizations: [
        {
          id: org.id,
          permissions: {
            manageAutopay: false,
            manageMethods: false,
            pay: false,
            viewCredits: true,
            viewInvoices: true,
          },
        },
      ],
      staffView: true,
    });
    const listed = await t.http
      .get(`/api/v1/portal/organizations/${org.id}/invoices`)
      .set('cookie', view.cookie)
      .expect(200);
    expect(listed.body.total).toBe(2);
    await t.http
      .get(`/api/v1/portal/organizations/${other.org.id}/invoices`)
      .set('cookie', view.cookie)
      .expect(404);

    const before = await counts();
    const pay = await t.http
      .post(`/api/v1/portal/organizations/${org.id}/payments`)
      .set('cookie', view.cookie)
      .set('x-csrf-token', view.csrf)
      .set('idempotency-key', randomUUID())
      .send({
        allocations: [{ amount: 100, invoiceId: invoices[0].id }],
        paymentMethodId: card.id,
      });
    expect(pay.status).toBe(403);
    expectProblem(pay.body, 403, 'forbidden');
    await t.http
      .post(`/api/v1/portal/organizations/${org.id}/payment-methods`)
      .set('cookie', view.cookie)
      .set('x-csrf-token', view.csrf)
      .set('idempotency-key', randomUUID())
      .send({ token: 'pm_card_visa' })
      .expect(403);
    expect(changedTables(before, await counts())).toEqual([]);

    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE organization_id = $1 AND action = 'organization.portal_viewed'`,
      [org.id],
    );
    expect(audit).toHaveLength(1);
    await t.http
      .post('/api/v1/portal/auth/logout')
      .set('cookie', view.cookie)
      .set('x-csrf-token', view.csrf)
      .expect(204);
    await t.http.get('/api/v1/portal/me').set('cookie', view.cookie).expect(401);
  });

  it('refuses a link older than a minute, an unknown organization, and an API key', async () => {
    const admin = await loginAs(t, 'admin');
    const bearer = await apiKey(t, admin.cookie, admin.csrf);
    const { org } = await organizationWithInvoices(t, bearer, [1000]);
    const path = await link(org.id);
    await t.dataSource.query(
      `UPDATE portal_sessions SET expires_at = now() - interval '1 second' WHERE awaiting_exchange`,
    );
    await t.http.get(path).expect(400);
    // An unexchanged link is no session.
    const fresh = await link(org.id);
    const token = new URL(fresh, 'http://x').searchParams.get('token');
    await t.http
      .get('/api/v1/portal/me')
      .set('cookie', `settle_portal_session=${token}`)
      .expect(401);

    await t.http
      .post(`/api/v1/organizations/${randomUUID()}/portal-view`)
      .set('cookie', staff.cookie)
      .set('x-csrf-token', staff.csrf)
      .expect(404);
    await t.http
      .post(`/api/v1/organizations/${org.id}/portal-view`)
      .set('authorization', bearer)
      .expect(403);
  });
});
