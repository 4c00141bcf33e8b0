import { eventually, startFakeConnectWise, type FakeConnectWise } from '@settle/testing';

import { SyncRunsService } from '../../src/modules/integrations';
import { apiKey } from '../utils/ar-factories';
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

describe('Sync alerts: failed, and not running for 48 hours', () => {
  let t: TestApp;
  let fake: FakeConnectWise;
  let admin: string;
  let billing: string;
  let adminEmail: string;
  let integrationId: string;

  beforeAll(async () => {
    fake = await startFakeConnectWise({ companyId: 'msp' });
    fake.add('companies', { name: 'Acme Dental' });
    t = await createTestApp({ EMAIL_DISPATCH_INTERVAL_MS: '300' });
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

  it('a failed sync is on the Overview and emailed to the admins once, however often it fails', async () => {
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
