import { eventually, startFakeConnectWise, type FakeConnectWise } from '@settle/testing';

import { SyncRunsService } from '../../src/modules/integrations';
import { apiKey } from '../utils/ar-factories';
import { pdfText } from '../utils/email-factories';
import { accessProfileIds, signedInContact } from '../utils/portal-factories';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';

interface SyncAlert {
  kind: string;
  integrationId: string;
  integrationName: string;
  since: string;
  everSynced: boolean;
  error: string | null;
}

const HOUR_MS = 60 * 60 * 1000;

describe('Synced invoice PDFs, and sync alerts: failed, and not running for 48 hours', () => {
  let t: TestApp;
  let fake: FakeConnectWise;
  let admin: string;
  let billing: string;
  let adminEmail: string;
  let integrationId: string;

  beforeAll(async () => {
    fake = await startFakeConnectWise({ companyId: 'msp' });
    const acme = fake.add('companies', { name: 'Acme Dental' });
    fake.add('invoices', { company: { id: acme.id, name: acme.name }, total: 250 });
    t = await createTestApp({
      EMAIL_DISPATCH_INTERVAL_MS: '300',
      SETTLE_WEBHOOKS_ALLOW_PRIVATE: 'true',
    });
    const session = await loginAs(t, 'admin');
    [{ email: adminEmail }] = await t.dataSource.query(
      `SELECT email FROM users WHERE role = 'admin'`,
    );
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
    const created = await t.http
      .post('/api/v1/integrations')
      .set('authorization', admin)
      .send({
        credentials: { privateKey: fake.privateKey },
        kind: 'connectwise',
        name: 'ConnectWise',
        schedule: 'hourly',
        settings: {
          clientId: '6ae5b3f4-58c6-4f4b-a6a8-1f1f1f1f1f1f',
          companyId: 'msp',
          publicKey: fake.publicKey,
          site: fake.url,
        },
      })
      .expect(201);
    integrationId = created.body.id;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const sync = async () => {
    const started = await t.http
      .post(`/api/v1/integrations/${integrationId}/sync-runs`)
      .set('authorization', admin)
      .send({})
      .expect(202);
    let status = '';
    await eventually(async () => {
      const run = await t.http
        .get(`/api/v1/sync-runs/${started.body.id}`)
        .set('authorization', billing);
      status = run.body.status;
      expect(['succeeded', 'failed']).toContain(status);
    }, 30_000);
    return status;
  };

  const setKey = (privateKey: string) =>
    t.http
      .patch(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .send({ credentials: { privateKey } })
      .expect(200);

  const alerts = async () =>
    (await t.http.get('/api/v1/reports/attention').set('authorization', billing).expect(200)).body
      .syncAlerts as SyncAlert[];

  const events = async (type: string): Promise<number> =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = $1`, [
        type,
      ])
    )[0].n;

  /** The staff emails of a type, once the outbox has been turned into emails. */
  const emailsOf = async (type: string, expected: number) => {
    let rows: { to: string[]; template_data: Record<string, unknown> }[] = [];
    await eventually(async () => {
      rows = await t.dataSource.query(
        `SELECT "to", template_data FROM emails WHERE type = $1 ORDER BY created_at`,
        [type],
      );
      expect(rows).toHaveLength(expected);
    }, 15_000);
    return rows;
  };

  it('a healthy integration raises nothing', async () => {
    expect(await sync()).toBe('succeeded');
    expect(await alerts()).toEqual([]);
  });

  it("a synced invoice's PDF is Settle's link, read from the source with the integration's keys", async () => {
    const [cw] = fake.all('invoices');
    const invoices = await t.http
      .get('/api/v1/invoices?pageSize=200')
      .set('authorization', billing)
      .expect(200);
    const invoice = (
      invoices.body.data as {
        id: string;
        externalId: string;
        organizationId: string;
        pdfUrl: string;
      }[]
    ).find((i) => i.externalId === String(cw!.id))!;
    expect(invoice.pdfUrl).toBe(`/api/v1/integrations/${integrationId}/invoices/${cw!.id}/pdf`);

    const binary = (request: ReturnType<typeof t.http.get>) =>
      request.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const staff = await binary(t.http.get(invoice.pdfUrl).set('authorization', billing)).expect(
      200,
    );
    expect(staff.headers['content-type']).toBe('application/pdf');
    expect(staff.headers['content-disposition']).toBe(
      `inline; filename="${cw!.invoiceNumber}.pdf"`,
    );
    expect(await pdfText(staff.body as Buffer)).toContain(`Invoice ${cw!.invoiceNumber}`);
    const [asked] = fake.requestsTo(new RegExp(`/finance/invoices/${cw!.id}/pdf$`));
    expect(asked!.headers.authorization).toBe(
      `Basic ${Buffer.from(`msp+${fake.publicKey}:${fake.privateKey}`).toString('base64')}`,
    );

    // The customer gets it through the portal, never seeing where it came from.
    const profiles = await accessProfileIds(t, admin);
    const contact = await signedInContact(
      t,
      admin,
      invoice.organizationId,
      profiles['Billing Admin'],
    );
    const portal = await binary(
      t.http
        .get(`/api/v1/portal/organizations/${invoice.organizationId}/invoices/${invoice.id}/pdf`)
        .set('cookie', contact.cookie)
        .set('x-csrf-token', contact.csrf),
    ).expect(200);
    expect((portal.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fake.requestsTo(/\/pdf$/)).toHaveLength(2);

    // An id the integration never synced, and an invoice the source deleted: 404.
    await t.http
      .get(`/api/v1/integrations/${integrationId}/invoices/999/pdf`)
      .set('authorization', billing)
      .expect(404);
    fake.remove('invoices', cw!.id);
    await t.http.get(invoice.pdfUrl).set('authorization', billing).expect(404);
  });

  it('a failed sync is on the Overview and emailed to the admins once, however often it fails', async () => {
    await t.http
      .post('/api/v1/webhook-endpoints')
      .set('authorization', admin)
      .send({ events: ['sync_run.failed'], url: 'http://127.0.0.1:9/hooks' })
      .expect(201);
    await setKey('wrong');
    expect(await sync()).toBe('failed');
    const [failed] = await alerts();
    expect(failed).toMatchObject({
      integrationId,
      integrationName: 'ConnectWise',
      kind: 'sync_failed',
    });
    expect(failed!.error).toMatch(/Authentication failed/);
    expect(await sync()).toBe('failed');
    expect(await alerts()).toHaveLength(1);
    expect(await events('integration.sync_failed')).toBe(1);
    const [email] = await emailsOf('staff_sync_failed', 1);
    expect(email!.to).toEqual([adminEmail]);
    expect(email!.template_data).toMatchObject({
      integrationName: 'ConnectWise',
      integrationsUrl: 'http://localhost:3000/integrations',
    });
    expect(String(email!.template_data.error)).toMatch(/Authentication failed/);
    // integrators hear of every failed run, each with the run as GET /sync-runs/{id} shows it
    let bodies: { type: string; data: { objectType: string; object: Record<string, unknown> } }[] =
      [];
    await eventually(async () => {
      const rows: { body: string }[] = await t.dataSource.query(
        `SELECT body FROM webhook_deliveries WHERE event_type = 'sync_run.failed' ORDER BY created_at`,
      );
      bodies = rows.map((r) => JSON.parse(r.body));
      expect(bodies).toHaveLength(2);
    }, 15_000);
    for (const body of bodies) {
      expect(body.data.objectType).toBe('sync_run');
      expect(body.data.object).toMatchObject({ integrationId, status: 'failed' });
      expect(String(body.data.object.error)).toMatch(/Authentication failed/);
    }
  });

  it('the sync clock finds it not running after 48 hours and says so once', async () => {
    const runs = t.app.get(SyncRunsService);
    // It needs attention, so the clock starts no run; the last success was just now.
    await runs.tick(new Date(Date.now() + 47 * HOUR_MS));
    expect((await alerts()).map((a) => a.kind)).toEqual(['sync_failed']);
    await runs.tick(new Date(Date.now() + 49 * HOUR_MS));
    await runs.tick(new Date(Date.now() + 50 * HOUR_MS));
    const notRunning = (await alerts()).find((a) => a.kind === 'sync_not_running');
    expect(notRunning).toMatchObject({ everSynced: true, integrationId, kind: 'sync_not_running' });
    expect(await events('integration.sync_not_running')).toBe(1);
    const [email] = await emailsOf('staff_sync_not_running', 1);
    expect(email!.template_data).toMatchObject({ integrationName: 'ConnectWise' });
    expect(email!.template_data.lastSynced).not.toBe('never');
  });

  it('a successful sync ends both; the next failure is a new episode with a new email', async () => {
    await setKey(fake.privateKey);
    expect(await sync()).toBe('succeeded');
    expect(await alerts()).toEqual([]);
    await setKey('wrong again');
    expect(await sync()).toBe('failed');
    expect((await alerts()).map((a) => a.kind)).toEqual(['sync_failed']);
    await emailsOf('staff_sync_failed', 2);
  });
});
