import {
  eventually,
  startFakeConnectWise,
  startFakeQuickBooks,
  type FakeConnectWise,
  type FakeQuickBooks,
} from '@settle/testing';

import { SecretBox } from '../../src/common/secret-box';
import { apiKey } from '../utils/ar-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface Run {
  id: string;
  status: string;
  full: boolean;
  counts: { created: number; updated: number; unchanged: number; deleted: number; failed: number };
  error: string | null;
}

interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
}

const RECONNECT = "QuickBooks no longer accepts Settle's authorization; reconnect";

describe('QuickBooks Online: connect, tokens and pull against the fake', () => {
  let t: TestApp;
  let fake: FakeQuickBooks;
  let session: Session;
  let admin: string;
  let billing: string;
  let integrationId: string;
  let box: SecretBox;

  beforeAll(async () => {
    // small CDC answers, so that an incremental run has to page through them; the fake's clock
    // is today's, as CDC's 30 days are counted from Settle's clock
    fake = await startFakeQuickBooks({ cdcMaxObjects: 2, now: new Date(), realmId: '4620816365' });
    t = await createTestApp({
      QBO_API_BASE: fake.url,
      QBO_CLIENT_ID: fake.clientId,
      QBO_CLIENT_SECRET: fake.clientSecret,
      QBO_OAUTH_BASE: fake.url,
      SYNC_PAGE_SIZE: '2',
    });
    box = new SecretBox(t.config.env.SETTLE_ENCRYPTION_KEY);
    session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const row = async () =>
    (
      (await t.dataSource.query(
        `SELECT status, status_message, settings, sealed_credentials, oauth_state_hash,
                oauth_state_expires_at, updated_at
           FROM integrations WHERE id = $1`,
        [integrationId],
      )) as {
        status: string;
        status_message: string | null;
        settings: Record<string, unknown>;
        sealed_credentials: string | null;
        oauth_state_hash: string | null;
        oauth_state_expires_at: Date | null;
        updated_at: Date;
      }[]
    )[0]!;

  const storedTokens = async (): Promise<StoredTokens> =>
    JSON.parse(box.open((await row()).sealed_credentials!)) as StoredTokens;

  const writeTokens = async (tokens: StoredTokens) =>
    t.dataSource.query('UPDATE integrations SET sealed_credentials = $2 WHERE id = $1', [
      integrationId,
      box.seal(JSON.stringify(tokens)),
    ]);

  /** "Connect QuickBooks" up to Intuit's redirect back: the callback path and query. */
  const authorize = async () => {
    const started = await t.http
      .get(`/api/v1/integrations/${integrationId}/oauth/authorize`)
      .set('cookie', session.cookie)
      .expect(302);
    const intuit = new URL(started.headers.location as string);
    expect(intuit.origin).toBe(fake.url);
    expect(intuit.pathname).toBe('/connect/oauth2');
    const consent = await fetch(intuit, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location')!);
    expect(back.pathname).toBe('/api/v1/integrations/oauth/callback');
    return { back: `${back.pathname}${back.search}`, intuit };
  };

  const callback = async (path: string) => {
    const answer = await t.http.get(path).set('cookie', session.cookie).expect(302);
    return new URL(answer.headers.location as string, 'http://admin.test');
  };

  const ended = async (id: string) => {
    let run: Run | undefined;
    await eventually(async () => {
      run = (await t.http.get(`/api/v1/sync-runs/${id}`).set('authorization', billing)).body;
      expect(['succeeded', 'failed']).toContain(run?.status);
    }, 30_000);
    return run!;
  };

  const sync = async (body: Record<string, unknown> = {}) => {
    const started = await t.http
      .post(`/api/v1/integrations/${integrationId}/sync-runs`)
      .set('authorization', admin)
      .send(body)
      .expect(202);
    return ended((started.body as Run).id);
  };

  const testConnection = async () =>
    (
      await t.http
        .post(`/api/v1/integrations/${integrationId}/test`)
        .set('authorization', admin)
        .expect(200)
    ).body as { ok: boolean; message: string; status: string };

  const tokenCalls = () => fake.requestsTo(/^\/oauth2\/v1\/tokens\/bearer$/).length;

  it('creates a QuickBooks integration without credentials, waiting for its sign-in', async () => {
    fake.add('Customer', { CompanyName: 'Harbor Dental', DisplayName: 'Harbor Dental', Id: '1' });
    const refused = await t.http
      .post('/api/v1/integrations')
      .set('authorization', admin)
      .send({
        credentials: { privateKey: 'x' },
        kind: 'quickbooks',
        name: 'QuickBooks',
        settings: {},
      })
      .expect(422);
    expectProblem(refused.body, 422, 'rule-violation');
    const created = await t.http
      .post('/api/v1/integrations')
      .set('authorization', admin)
      .send({
        kind: 'quickbooks',
        name: 'QuickBooks',
        schedule: 'off',
        settings: { depositAccountId: '35', hiddenCompanyStatuses: ['Inactive'] },
      })
      .expect(201);
    integrationId = created.body.id;
    expect(created.body).toMatchObject({
      credentialsSet: false,
      kind: 'quickbooks',
      settings: { depositAccountId: '35', paymentMethodId: null, realmId: null },
      status: 'needs_attention',
      statusMessage: 'Not connected to QuickBooks yet',
    });
    const tested = await testConnection();
    expect(tested).toMatchObject({ message: 'Not connected to QuickBooks yet', ok: false });
  });

  it('refuses the authorize redirect to anyone but an admin', async () => {
    const billingSession = await loginAs(t, 'billing');
    await t.http
      .get(`/api/v1/integrations/${integrationId}/oauth/authorize`)
      .set('cookie', billingSession.cookie)
      .expect(403);
  });

  it('connects through OAuth: authorize → Intuit → callback → connected, first sync started', async () => {
    const { back, intuit } = await authorize();
    expect(Object.fromEntries(intuit.searchParams)).toMatchObject({
      client_id: fake.clientId,
      redirect_uri: 'http://localhost:3000/api/v1/integrations/oauth/callback',
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
    });
    const state = intuit.searchParams.get('state')!;
    expect(state.startsWith(`${integrationId}.`)).toBe(true);
    const pending = await row();
    expect(pending.oauth_state_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending.oauth_state_hash).not.toContain(state);

    const landed = await callback(back);
    expect(landed.pathname).toBe('/integrations');
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      integration: integrationId,
      quickbooks: 'connected',
    });
    const connected = await t.http
      .get(`/api/v1/integrations/${integrationId}`)
      .set('authorization', billing)
      .expect(200);
    expect(connected.body).toMatchObject({
      credentialsSet: true,
      settings: { depositAccountId: '35', realmId: '4620816365' },
      status: 'connected',
      statusMessage: null,
    });
    const stored = await row();
    expect(stored.oauth_state_hash).toBeNull();
    const tokens = await storedTokens();
    expect(stored.sealed_credentials).not.toContain(tokens.accessToken);
    expect(stored.sealed_credentials).not.toContain(tokens.refreshToken);
    expect(JSON.stringify(connected.body)).not.toContain(tokens.accessToken);
    expect(new Date(tokens.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'integration.connected'`,
      [integrationId],
    );
    expect(audit).toHaveLength(1);
    const first = connected.body.lastRun as Run;
    expect(first).toMatchObject({ full: true });
    expect((await ended(first.id)).status).toBe('succeeded');
    expect(await testConnection()).toMatchObject({
      message: expect.stringContaining('QuickBooks company'),
      ok: true,
      status: 'connected',
    });
  });

  it('refuses a reused, wrong or expired state and writes nothing', async () => {
    const { back } = await authorize();
    const before = await row();
    const forged = back.replace(/state=[^&]+/, `state=${integrationId}.forged`);
    const wrong = await callback(forged);
    expect(wrong.searchParams.get('quickbooks')).toBe('error');
    expect(wrong.searchParams.get('reason')).toMatch(/not valid/);
    expect(await row()).toEqual(before);
    const garbage = await callback('/api/v1/integrations/oauth/callback?state=nonsense&code=x');
    expect(garbage.searchParams.get('quickbooks')).toBe('error');
    expect(await row()).toEqual(before);

    expect((await callback(back)).searchParams.get('quickbooks')).toBe('connected');
    const connected = await row();
    const reused = await callback(back);
    expect(reused.searchParams.get('quickbooks')).toBe('error');
    expect(await row()).toEqual(connected);

    const late = await authorize();
    await t.dataSource.query(
      `UPDATE integrations SET oauth_state_expires_at = now() - interval '1 second' WHERE id = $1`,
      [integrationId],
    );
    const expiredBefore = await row();
    const expired = await callback(late.back);
    expect(expired.searchParams.get('quickbooks')).toBe('error');
    expect(await row()).toEqual(expiredBefore);
    // let the syncs the connects started end before the next test counts token calls
    await eventually(async () => {
      const runs: { status: string }[] = await t.dataSource.query(
        `SELECT status FROM sync_runs WHERE integration_id = $1 AND status IN ('queued', 'running')`,
        [integrationId],
      );
      expect(runs).toHaveLength(0);
    }, 30_000);
  });

  it('a cancelled consent comes back with the reason and leaves the connection as it was', async () => {
    fake.denyNextAuthorization();
    const { back } = await authorize();
    const before = await row();
    const landed = await callback(back);
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      integration: integrationId,
      quickbooks: 'error',
      reason: 'The connection was cancelled in QuickBooks',
    });
    const after = await row();
    expect(after.sealed_credentials).toBe(before.sealed_credentials);
    expect(after.status).toBe('connected');
  });

  interface Invoice {
    id: string;
    externalId: string;
    number: string;
    source: string;
    total: number;
    sourceBalance: number;
    status: string;
    organizationId: string;
  }

  const invoices = async () =>
    (
      (await t.http.get('/api/v1/invoices?pageSize=200').set('authorization', billing).expect(200))
        .body.data as Invoice[]
    ).filter((i) => i.source === 'quickbooks');

  const organizations = async () =>
    (
      await t.http
        .get('/api/v1/organizations?pageSize=200')
        .set('authorization', billing)
        .expect(200)
    ).body.data as { id: string; name: string }[];

  it('first pull (query): customers, their contacts, invoices at the accounting balance, credit memos as credits', async () => {
    fake.edit('Customer', '1', {
      FamilyName: 'Ito',
      GivenName: 'Hana',
      PrimaryEmailAddr: { Address: 'Hana@Harbor.test' },
    });
    fake.add('Customer', { Active: false, DisplayName: 'Old Client', Id: '2' });
    fake.add('Invoice', {
      Balance: 100.25,
      CustomerRef: { value: '1' },
      DocNumber: 'INV-1001',
      DueDate: '2026-12-31',
      Id: '11',
      TotalAmt: 150.5,
      TxnDate: '2026-12-01',
    });
    fake.add('Invoice', {
      CustomerRef: { value: '1' },
      DocNumber: 'INV-1002',
      Id: '12',
      TotalAmt: 80,
    });
    fake.add('Invoice', {
      Balance: 0,
      CustomerRef: { value: '1' },
      DocNumber: 'INV-1003',
      Id: '13',
      PrivateNote: 'Voided',
      TotalAmt: 0,
    });
    fake.add('Invoice', {
      CustomerRef: { value: '2' },
      DocNumber: 'INV-2001',
      Id: '21',
      TotalAmt: 9,
    });
    fake.add('CreditMemo', {
      CustomerRef: { value: '1' },
      DocNumber: 'CM-1',
      Id: '11',
      RemainingCredit: 15,
      TotalAmt: 40,
      TxnDate: '2026-11-20',
    });
    const queries = fake.requestsTo(/\/query$/).length;
    const run = await sync({ full: true });
    expect(run).toMatchObject({ error: null, status: 'succeeded' });
    expect(fake.requestsTo(/\/query$/).length).toBeGreaterThan(queries);

    const harbor = (await organizations()).find((o) => o.name === 'Harbor Dental');
    expect(harbor).toBeDefined();
    // an inactive customer is hidden by the rule, and so are its invoices
    expect((await organizations()).some((o) => o.name === 'Old Client')).toBe(false);
    const contacts = await t.http
      .get(`/api/v1/organizations/${harbor!.id}/contacts`)
      .set('authorization', billing)
      .expect(200);
    expect(contacts.body.data).toEqual([
      expect.objectContaining({ email: 'hana@harbor.test', firstName: 'Hana', lastName: 'Ito' }),
    ]);
    const pulled = await invoices();
    expect(pulled.map((i) => i.externalId).sort()).toEqual(['11', '12', '13']);
    expect(pulled.find((i) => i.externalId === '11')).toMatchObject({
      number: 'INV-1001',
      organizationId: harbor!.id,
      sourceBalance: 10025,
      status: 'open',
      total: 15050,
    });
    expect(pulled.find((i) => i.externalId === '13')).toMatchObject({ status: 'void' });
    const credits = await t.http
      .get(`/api/v1/organizations/${harbor!.id}/credits`)
      .set('authorization', billing)
      .expect(200);
    expect(credits.body.data).toEqual([
      expect.objectContaining({
        amount: 4000,
        kind: 'credit_memo',
        number: 'CM-1',
        remaining: 1500,
      }),
    ]);
  });

  it('incremental pull (CDC, paged when an answer is full): an edit, a deletion, a new invoice', async () => {
    const cdcCalls = fake.requestsTo(/\/cdc$/).length;
    const queries = fake.requestsTo(/\/query$/).length;
    fake.edit('Invoice', '11', { Balance: 50 });
    fake.remove('Invoice', '12');
    fake.add('Invoice', {
      CustomerRef: { value: '1' },
      DocNumber: 'INV-1004',
      Id: '14',
      TotalAmt: 20,
    });
    fake.edit('CreditMemo', '11', { RemainingCredit: 0 });
    const run = await sync();
    expect(run).toMatchObject({ full: false, status: 'succeeded' });
    expect(fake.requestsTo(/\/query$/)).toHaveLength(queries);
    const cdc = fake.requestsTo(/\/cdc$/).slice(cdcCalls);
    // three record types; the invoices' four changes come two at a time
    expect(cdc.length).toBeGreaterThan(3);
    const pulled = await invoices();
    expect(pulled.find((i) => i.externalId === '11')).toMatchObject({ sourceBalance: 5000 });
    expect(pulled.find((i) => i.externalId === '12')).toMatchObject({ status: 'void' });
    expect(pulled.find((i) => i.externalId === '14')).toMatchObject({ total: 2000 });
    const harbor = (await organizations()).find((o) => o.name === 'Harbor Dental')!;
    const credits = await t.http
      .get(`/api/v1/organizations/${harbor.id}/credits`)
      .set('authorization', billing)
      .expect(200);
    expect(credits.body.data[0]).toMatchObject({ remaining: 0 });
    // the next run starts from the server's time of the last answer and finds nothing new
    const cursors: { cursors: Record<string, string> }[] = await t.dataSource.query(
      'SELECT cursors FROM integrations WHERE id = $1',
      [integrationId],
    );
    expect(cursors[0]!.cursors.invoice).toMatch(/-08:00$/);
    const again = await sync();
    expect(again.counts).toMatchObject({ created: 0, deleted: 0, updated: 0 });
  });

  it('an expired access token is refreshed once and the call retried; the new refresh token is stored', async () => {
    const before = await storedTokens();
    const calls = tokenCalls();
    fake.advanceClock(2 * 3600_000);
    expect(await testConnection()).toMatchObject({ ok: true });
    expect(tokenCalls()).toBe(calls + 1);
    const after = await storedTokens();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // the presented refresh token dies a day after its successor: only the stored one works on
    fake.advanceClock(25 * 3600_000);
    expect(await testConnection()).toMatchObject({ ok: true, status: 'connected' });
    expect(tokenCalls()).toBe(calls + 2);
  });

  it('a token ending within 60 s is refreshed before use, once for two callers at once', async () => {
    const tokens = await storedTokens();
    await writeTokens({
      ...tokens,
      accessTokenExpiresAt: new Date(Date.now() + 30_000).toISOString(),
    });
    const calls = tokenCalls();
    const expired401s = () => fake.requests.filter((r) => r.path.includes('/companyinfo/')).length;
    const companyCalls = expired401s();
    const [a, b] = await Promise.all([testConnection(), testConnection()]);
    expect(a.ok && b.ok).toBe(true);
    expect(tokenCalls()).toBe(calls + 1);
    // no call went out with the old token first
    expect(expired401s()).toBe(companyCalls + 2);
    expect((await storedTokens()).refreshToken).not.toBe(tokens.refreshToken);
  });

  it('invalid_grant: needs attention with the reason; Reconnect is a new sign-in; disconnect revokes', async () => {
    fake.advanceClock(120 * 24 * 3600_000);
    const tested = await testConnection();
    expect(tested).toMatchObject({ message: RECONNECT, ok: false, status: 'needs_attention' });
    expect((await row()).status_message).toBe(RECONNECT);

    const { back } = await authorize();
    expect((await callback(back)).searchParams.get('quickbooks')).toBe('connected');
    expect((await row()).status).toBe('connected');
    await eventually(async () => {
      const runs: { status: string }[] = await t.dataSource.query(
        `SELECT status FROM sync_runs WHERE integration_id = $1 AND status IN ('queued', 'running')`,
        [integrationId],
      );
      expect(runs).toHaveLength(0);
    }, 30_000);

    const revokes = fake.requestsTo(/^\/v2\/oauth2\/tokens\/revoke$/).length;
    const disconnected = await t.http
      .patch(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .send({ status: 'disconnected' })
      .expect(200);
    expect(disconnected.body).toMatchObject({ credentialsSet: false, status: 'disconnected' });
    expect(fake.requestsTo(/^\/v2\/oauth2\/tokens\/revoke$/)).toHaveLength(revokes + 1);
    const refused = await t.http
      .patch(`/api/v1/integrations/${integrationId}`)
      .set('authorization', admin)
      .send({ status: 'connected' })
      .expect(422);
    expectProblem(refused.body, 422, 'rule-violation');
  });
});

describe('QuickBooks beside a PSA: customers and invoices link to the ConnectWise ones', () => {
  let t: TestApp;
  let qbo: FakeQuickBooks;
  let cw: FakeConnectWise;
  let session: Session;
  let admin: string;
  let billing: string;
  let cwId: string;
  let qboId: string;

  beforeAll(async () => {
    qbo = await startFakeQuickBooks({ now: new Date() });
    cw = await startFakeConnectWise({ companyId: 'msp' });
    t = await createTestApp({
      QBO_API_BASE: qbo.url,
      QBO_CLIENT_ID: qbo.clientId,
      QBO_CLIENT_SECRET: qbo.clientSecret,
      QBO_OAUTH_BASE: qbo.url,
    });
    session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
  });
  afterAll(async () => {
    await t.close();
    await qbo.close();
    await cw.close();
  });

  const ended = async (id: string) => {
    let run: Run | undefined;
    await eventually(async () => {
      run = (await t.http.get(`/api/v1/sync-runs/${id}`).set('authorization', billing)).body;
      expect(['succeeded', 'failed']).toContain(run?.status);
    }, 30_000);
    return run!;
  };
  const sync = async (integrationId: string, body: Record<string, unknown> = {}) => {
    const started = await t.http
      .post(`/api/v1/integrations/${integrationId}/sync-runs`)
      .set('authorization', admin)
      .send(body)
      .expect(202);
    return ended((started.body as Run).id);
  };
  const organizations = async () =>
    (
      await t.http
        .get('/api/v1/organizations?pageSize=200')
        .set('authorization', billing)
        .expect(200)
    ).body.data as { id: string; name: string }[];
  const invoices = async () =>
    (await t.http.get('/api/v1/invoices?pageSize=200').set('authorization', billing).expect(200))
      .body.data as {
      id: string;
      number: string;
      source: string;
      externalId: string;
      sourceBalance: number;
      organizationId: string;
    }[];

  it('links a customer by name to the PSA organization (both chips) and leaves an unmatched one to be mapped', async () => {
    const harbor = cw.add('companies', { name: 'Harbor Dental' });
    cw.add('companies', { name: 'Lone Star Clinic' });
    cw.add('invoices', {
      balance: 100,
      company: { id: harbor.id, identifier: 'Harbor', name: 'Harbor Dental' },
      invoiceNumber: '1001',
      total: 100,
    });
    const connectwise = await t.http
      .post('/api/v1/integrations')
      .set('authorization', admin)
      .send({
        credentials: { privateKey: cw.privateKey },
        kind: 'connectwise',
        name: 'ConnectWise',
        schedule: 'off',
        settings: {
          clientId: '6ae5b3f4-58c6-4f4b-a6a8-1f1f1f1f1f1f',
          companyId: 'msp',
          publicKey: cw.publicKey,
          site: cw.url,
        },
      })
      .expect(201);
    cwId = connectwise.body.id;
    expect((await sync(cwId)).status).toBe('succeeded');
    const before = await organizations();
    expect(before.map((o) => o.name).sort()).toEqual(['Harbor Dental', 'Lone Star Clinic']);

    qbo.add('Customer', {
      CompanyName: 'Harbor Dental LLC',
      DisplayName: ' harbor dental ',
      Id: '1',
    });
    qbo.add('Customer', { DisplayName: 'Unknown Co', Id: '2' });
    qbo.add('Customer', { CompanyName: 'Lone Star Clinic', DisplayName: 'LSC', Id: '3' });
    qbo.add('Invoice', {
      Balance: 60,
      CustomerRef: { value: '1' },
      DocNumber: '1001',
      Id: '7',
      TotalAmt: 100,
    });
    qbo.add('Invoice', { CustomerRef: { value: '1' }, DocNumber: 'Q-77', Id: '8', TotalAmt: 25 });
    qbo.add('Invoice', { CustomerRef: { value: '2' }, DocNumber: 'U-1', Id: '9', TotalAmt: 5 });

    const created = await t.http
      .post('/api/v1/integrations')
      .set('authorization', admin)
      .send({ kind: 'quickbooks', name: 'QuickBooks', schedule: 'off', settings: {} })
      .expect(201);
    qboId = created.body.id;
    const started = await t.http
      .get(`/api/v1/integrations/${qboId}/oauth/authorize`)
      .set('cookie', session.cookie)
      .expect(302);
    const consent = await fetch(started.headers.location as string, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    await t.http.get(`${back.pathname}${back.search}`).set('cookie', session.cookie).expect(302);
    const connected = await t.http
      .get(`/api/v1/integrations/${qboId}`)
      .set('authorization', billing)
      .expect(200);
    expect(connected.body.status).toBe('connected');
    expect((await ended(connected.body.lastRun.id)).status).toBe('succeeded');

    // no organization is made while a PSA brings them
    const after = await organizations();
    expect(after.map((o) => o.id).sort()).toEqual(before.map((o) => o.id).sort());
    const harborOrg = after.find((o) => o.name === 'Harbor Dental')!;
    const profile = await t.http
      .get(`/api/v1/organizations/${harborOrg.id}`)
      .set('authorization', billing)
      .expect(200);
    expect(profile.body.links).toEqual(
      expect.arrayContaining([
        { externalId: String(harbor.id), kind: 'psa', source: 'connectwise' },
        { externalId: '1', kind: 'accounting', source: 'quickbooks' },
      ]),
    );
    const lone = after.find((o) => o.name === 'Lone Star Clinic')!;
    const loneProfile = await t.http
      .get(`/api/v1/organizations/${lone.id}`)
      .set('authorization', billing)
      .expect(200);
    expect(loneProfile.body.links).toContainEqual({
      externalId: '3',
      kind: 'accounting',
      source: 'quickbooks',
    });

    const unmapped = await t.http
      .get(`/api/v1/entities?integrationId=${qboId}&type=company&mapped=false&pageSize=50`)
      .set('authorization', billing)
      .expect(200);
    expect(unmapped.body.data.map((e: { name: string }) => e.name)).toEqual(['Unknown Co']);

    // the PSA's invoice 1001 is QuickBooks' invoice 7: one invoice, at the accounting balance
    const all = await invoices();
    const psaInvoice = all.find((i) => i.source === 'connectwise' && i.number === '1001')!;
    expect(psaInvoice.sourceBalance).toBe(6000);
    expect(all.filter((i) => i.number === '1001')).toHaveLength(1);
    expect(all.find((i) => i.number === 'Q-77')).toMatchObject({
      externalId: '8',
      organizationId: harborOrg.id,
      source: 'quickbooks',
    });
    expect(all.some((i) => i.number === 'U-1')).toBe(false);
    const ids: { id: string | null }[] = await t.dataSource.query(
      `SELECT accounting_external_id AS id FROM invoices WHERE id = $1`,
      [psaInvoice.id],
    );
    expect(ids[0]!.id).toBe('7');
  });

  it("the PSA's sync no longer writes the balance of an invoice accounting has; accounting's edits do", async () => {
    expect((await sync(cwId, { full: true })).status).toBe('succeeded');
    const psa = async () =>
      (await invoices()).find((i) => i.source === 'connectwise' && i.number === '1001')!;
    expect((await psa()).sourceBalance).toBe(6000);
    qbo.edit('Invoice', '7', { Balance: 0 });
    expect((await sync(qboId)).status).toBe('succeeded');
    expect(await psa()).toMatchObject({ sourceBalance: 0 });
  });

  it("a QuickBooks invoice's PDF is read from QuickBooks with the integration's tokens", async () => {
    const own = (await invoices()).find((i) => i.number === 'Q-77')!;
    const detail = await t.http
      .get(`/api/v1/invoices/${own.id}`)
      .set('authorization', billing)
      .expect(200);
    expect(detail.body.pdfUrl).toBe(`/api/v1/integrations/${qboId}/invoices/8/pdf`);
    const pdf = await t.http
      .get(`/api/v1/integrations/${qboId}/invoices/8/pdf`)
      .set('authorization', billing)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(qbo.requestsTo(/\/invoice\/8\/pdf$/).length).toBeGreaterThan(0);
  });

  it('mapping a waiting customer by hand brings its invoices, and one the PSA has is linked, not doubled', async () => {
    const lone = (await organizations()).find((o) => o.name === 'Lone Star Clinic')!;
    const loneCompany = cw.all('companies').find((c) => c.name === 'Lone Star Clinic')!;
    cw.add('invoices', {
      balance: 5,
      company: { id: loneCompany.id, identifier: 'LoneStar', name: 'Lone Star Clinic' },
      invoiceNumber: 'U-1',
      total: 5,
    });
    expect((await sync(cwId)).status).toBe('succeeded');
    qbo.edit('Invoice', '9', { Balance: 2 });
    expect((await sync(qboId)).status).toBe('succeeded');
    const waiting = await t.http
      .get(`/api/v1/entities?integrationId=${qboId}&type=company&mapped=false&pageSize=50`)
      .set('authorization', billing)
      .expect(200);
    await t.http
      .post(`/api/v1/entities/${waiting.body.data[0].id}/map`)
      .set('authorization', admin)
      .send({ organizationId: lone.id })
      .expect(200);
    const u1 = (await invoices()).filter((i) => i.number === 'U-1');
    expect(u1).toEqual([
      expect.objectContaining({
        organizationId: lone.id,
        source: 'connectwise',
        sourceBalance: 200,
      }),
    ]);
  });

  it('a second integration cannot connect the same QuickBooks company', async () => {
    const created = await t.http
      .post('/api/v1/integrations')
      .set('authorization', admin)
      .send({ kind: 'quickbooks', name: 'QuickBooks again', schedule: 'off', settings: {} })
      .expect(201);
    const started = await t.http
      .get(`/api/v1/integrations/${created.body.id}/oauth/authorize`)
      .set('cookie', session.cookie)
      .expect(302);
    const consent = await fetch(started.headers.location as string, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const landed = await t.http
      .get(`${back.pathname}${back.search}`)
      .set('cookie', session.cookie)
      .expect(302);
    const reason = new URL(landed.headers.location as string, 'http://admin.test').searchParams;
    expect(reason.get('reason')).toBe(
      'This QuickBooks company is already connected as "QuickBooks"',
    );
    const stored: { status: string; sealed_credentials: string | null }[] =
      await t.dataSource.query(
        'SELECT status, sealed_credentials FROM integrations WHERE id = $1',
        [created.body.id],
      );
    expect(stored[0]).toEqual({ sealed_credentials: null, status: 'needs_attention' });
  });
});
