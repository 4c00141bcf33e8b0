import { eventually } from '@settle/testing';
import { randomUUID } from 'node:crypto';

import { AccountingSyncService } from '../../src/modules/payments';
import { SettingsService } from '../../src/modules/settings';
import { apiKey } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { accessProfileIds, signedInContact } from '../utils/portal-factories';
import { createTestApp, expectProblem, loginAs, TestApp } from '../utils/test-app';

const MINUTE = 60_000;

interface Sync {
  status: string;
  action: string;
  externalId: string | null;
  error: string | null;
  cause: string | null;
  advice: { label: string; happened: string; whatToDo: string } | null;
  attempts: number;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
}

describe('Payments accounting sync: the push contract, failing to sync, retry, dismiss, hide', () => {
  let t: TestApp;
  let sync: AccountingSyncService;
  let admin: string;
  let billing: string;
  let viewer: string;
  let organizationId: string;
  let methodId: string;
  let invoiceIds: string[];
  let portal: { cookie: string; csrf: string };

  beforeAll(async () => {
    t = await createTestApp({ EMAIL_DISPATCH_INTERVAL_MS: '300' });
    const session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
    viewer = await apiKey(t, session.cookie, session.csrf, 'viewer');
    sync = t.app.get(AccountingSyncService);
    const { invoices, org } = await organizationWithInvoices(
      t,
      admin,
      [100_000, 100_000, 100_000, 100_000, 100_000, 100_000],
    );
    organizationId = org.id;
    invoiceIds = invoices.map((i: { id: string }) => i.id);
    methodId = (await addMethod(t, admin, organizationId, 'pm_card_visa')).id;
    const profiles = await accessProfileIds(t, admin);
    portal = await signedInContact(t, admin, organizationId, profiles['Billing Admin']);
  });
  afterAll(() => t.close());

  const setPushActive = (active: boolean) =>
    t.dataSource.transaction((manager) =>
      t.app.get(SettingsService).setAccountingPushActive(manager, active),
    );

  let nextInvoice = 0;
  const payOne = async (amount = 10_000): Promise<string> => {
    const invoiceId = invoiceIds[nextInvoice++ % invoiceIds.length];
    const response = await pay(t, billing, {
      allocations: [{ amount, invoiceId }],
      organizationId,
      paymentMethodId: methodId,
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('succeeded');
    return response.body.id;
  };

  const get = async (id: string) =>
    (await t.http.get(`/api/v1/payments/${id}`).set('authorization', billing).expect(200)).body as {
      accountingSync: Sync;
      hiddenFromPortal: boolean;
      timeline: { type: string; summary: string }[];
    };

  const post = (path: string, bearer = billing) =>
    t.http.post(`/api/v1/payments/${path}`).set('authorization', bearer).send();

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await t.dataSource.query(sql, params))[0].n;

  const attention = async () =>
    (await t.http.get('/api/v1/reports/attention').set('authorization', billing).expect(200))
      .body as {
      paymentsFailingToSync: number;
      accountingSyncAlert: { since: string; failing: number; pushed: number } | null;
    };

  /** Claims until nothing is due at `now`; the claimed items by payment id. */
  const claimAll = async (now = new Date()) => {
    const items = await sync.claimAccountingPushes(50, now);
    return new Map(items.map((i) => [i.paymentId, i]));
  };

  let synced: string;
  let retrying: string;
  let failing: string;

  it('is not applicable while no accounting integration pushes payments', async () => {
    const id = await payOne();
    expect((await get(id)).accountingSync).toEqual({
      action: 'push',
      advice: null,
      attempts: 0,
      cause: null,
      error: null,
      externalId: null,
      lastAttemptAt: null,
      nextAttemptAt: null,
      status: 'not_applicable',
    });
    expect(await claimAll()).toEqual(new Map());
  });

  it('queues every payment that succeeds once pushing is on, and hands each to one worker', async () => {
    await setPushActive(true);
    synced = await payOne(12_345);
    retrying = await payOne();
    failing = await payOne();
    const before = await get(synced);
    expect(before.accountingSync).toMatchObject({ attempts: 0, status: 'pending' });
    expect(before.timeline.map((e) => e.type)).toContain('accounting_sync_queued');

    // Two workers at once: each payment goes to exactly one of them.
    const [a, b] = await Promise.all([
      sync.claimAccountingPushes(2),
      sync.claimAccountingPushes(2),
    ]);
    const ids = [...a, ...b].map((i) => i.paymentId).sort();
    expect(ids).toEqual([synced, retrying, failing].sort());
    const item = [...a, ...b].find((i) => i.paymentId === synced)!;
    expect(item).toEqual({
      action: 'push',
      allocations: [{ amount: 12_345, invoiceId: expect.any(String) }],
      amount: 12_345,
      attempt: 1,
      currency: 'USD',
      externalId: null,
      method: 'card',
      number: expect.stringMatching(/^PAY-\d{6}$/),
      organizationId,
      paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      paymentId: synced,
      reference: expect.any(String),
      requestKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // Leased: nothing is due again until the lease runs out, and then the attempt counts.
    expect(await claimAll()).toEqual(new Map());
    const afterLease = await claimAll(new Date(Date.now() + 6 * MINUTE));
    expect([...afterLease.keys()].sort()).toEqual(ids);
    expect(afterLease.get(synced)!.attempt).toBe(2);
  });

  it('records each outcome: synced, a retryable failure backing off, a refusal failing at once', async () => {
    expect(
      await sync.recordAccountingPush(synced, {
        amount: 12_345,
        externalId: 'qb-101',
        kind: 'synced',
      }),
    ).toEqual({ action: 'push', status: 'synced' });
    const now = new Date();
    await sync.recordAccountingPush(
      retrying,
      { cause: 'unknown', error: 'Throttled (429)', kind: 'failed', retryable: true },
      now,
    );
    await sync.recordAccountingPush(failing, {
      cause: 'credit_memo_applied',
      error: 'The amount applied exceeds the balance of invoice 1001',
      kind: 'failed',
      retryable: false,
    });
    expect((await get(synced)).accountingSync).toMatchObject({
      cause: null,
      externalId: 'qb-101',
      status: 'synced',
    });
    const backingOff = (await get(retrying)).accountingSync;
    expect(backingOff).toMatchObject({ attempts: 2, error: 'Throttled (429)', status: 'pending' });
    // Second attempt failed: 5 minutes.
    expect(Date.parse(backingOff.nextAttemptAt!) - now.getTime()).toBe(5 * MINUTE);
    const refused = await get(failing);
    expect(refused.accountingSync).toMatchObject({
      advice: { label: 'Credit memo applied' },
      cause: 'credit_memo_applied',
      error: 'The amount applied exceeds the balance of invoice 1001',
      nextAttemptAt: null,
      status: 'failed',
    });
    expect(refused.accountingSync.advice!.whatToDo).toMatch(/Un-apply the credit memo/);
    expect(refused.timeline.map((e) => e.type)).toContain('accounting_sync_failed');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'payment.accounting_sync_failed' AND aggregate_id = $1`,
        [failing],
      ),
    ).toBe(1);
  });

  it('lists payments failing to sync, and counts them on the Overview', async () => {
    const list = await t.http
      .get('/api/v1/payments?accountingSync=failed')
      .set('authorization', viewer)
      .expect(200);
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([failing]);
    expect(list.body.data[0].accountingSync.cause).toBe('credit_memo_applied');
    const pending = await t.http
      .get('/api/v1/payments?accountingSync=pending')
      .set('authorization', viewer)
      .expect(200);
    expect(pending.body.data.map((p: { id: string }) => p.id)).toEqual([retrying]);
    await t.http
      .get('/api/v1/payments?accountingSync=stuck')
      .set('authorization', viewer)
      .expect(400);
    expect((await attention()).paymentsFailingToSync).toBe(1);
  });

  it('alerts once when 10% or more of recent pushes fail, emailing each admin once', async () => {
    // 1 failing of 3 pushed.
    const alert = (await attention()).accountingSyncAlert;
    expect(alert).toEqual({ failing: 1, pushed: 3, since: expect.any(String) });
    // Exhaust the retryable one: it fails too, within the same episode.
    let now = new Date(Date.now() + 10 * MINUTE);
    for (let i = 0; i < 10; i++) {
      const claimed = await claimAll(now);
      if (!claimed.has(retrying)) break;
      await sync.recordAccountingPush(
        retrying,
        { cause: 'unknown', error: 'Throttled (429)', kind: 'failed', retryable: true },
        now,
      );
      now = new Date(now.getTime() + 7 * 60 * MINUTE);
    }
    expect((await get(retrying)).accountingSync).toMatchObject({ attempts: 6, status: 'failed' });
    expect((await attention()).paymentsFailingToSync).toBe(2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'accounting_sync.failing'`,
      ),
    ).toBe(1);
    const admins = await count(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    await eventually(async () => {
      expect(
        await count(
          `SELECT count(*)::int AS n FROM emails WHERE type = 'staff_accounting_sync_failing'`,
        ),
      ).toBe(admins);
    }, 15_000);
  });

  it('retries a failing payment (409 when its state does not allow it, a no-op when already so), audited', async () => {
    const retried = await post(`${failing}/accounting-sync/retry`).expect(200);
    expect(retried.body.accountingSync).toMatchObject({ attempts: 0, status: 'pending' });
    await post(`${failing}/accounting-sync/retry`).expect(200);
    const refused = await post(`${synced}/accounting-sync/retry`).expect(409);
    expectProblem(refused.body, 409, 'conflict');
    expect(refused.body.detail).toMatch(/synced/);
    await post(`${failing}/accounting-sync/retry`, viewer).expect(403);
    await post(`${randomUUID()}/accounting-sync/retry`).expect(404);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'payment.accounting_sync_retried' AND entity_id = $1`,
        [failing],
      ),
    ).toBe(1);
    expect((await claimAll()).has(failing)).toBe(true);
  });

  it('dismisses a failing payment for good: never claimed again', async () => {
    const dismissed = await post(`${retrying}/accounting-sync/dismiss`).expect(200);
    expect(dismissed.body.accountingSync.status).toBe('dismissed');
    await post(`${retrying}/accounting-sync/dismiss`).expect(200);
    expectProblem(
      (await post(`${synced}/accounting-sync/dismiss`).expect(409)).body,
      409,
      'conflict',
    );
    await post(`${retrying}/accounting-sync/retry`).expect(409);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'payment.accounting_sync_dismissed' AND entity_id = $1`,
        [retrying],
      ),
    ).toBe(1);
    expect((await claimAll(new Date(Date.now() + 24 * 60 * MINUTE))).has(retrying)).toBe(false);
  });

  it('re-checks failed payments of the given causes after an accounting sync', async () => {
    await sync.recordAccountingPush(failing, {
      cause: 'credit_memo_applied',
      error: 'Still over the balance',
      kind: 'failed',
      retryable: false,
    });
    expect(await sync.recheckFailed(['period_closed'])).toEqual([]);
    expect(await sync.recheckFailed(['credit_memo_applied', 'not_linked'])).toEqual([failing]);
    expect((await get(failing)).accountingSync).toMatchObject({ attempts: 0, status: 'pending' });
    await claimAll();
    await sync.recordAccountingPush(failing, {
      amount: 10_000,
      externalId: 'qb-102',
      kind: 'synced',
    });
    expect((await get(failing)).accountingSync.status).toBe('synced');
  });

  it('hides a payment from the portal, and shows it again', async () => {
    const portalList = async () =>
      (
        await t.http
          .get(`/api/v1/portal/organizations/${organizationId}/payments?pageSize=200`)
          .set('cookie', portal.cookie)
          .expect(200)
      ).body.data.map((p: { id: string }) => p.id) as string[];
    expect(await portalList()).toContain(synced);
    const hidden = await post(`${synced}/hide`).expect(200);
    expect(hidden.body.hiddenFromPortal).toBe(true);
    await post(`${synced}/hide`).expect(200);
    expect(await portalList()).not.toContain(synced);
    await t.http
      .get(`/api/v1/portal/organizations/${organizationId}/payments/${synced}`)
      .set('cookie', portal.cookie)
      .expect(404);
    const portalPayment = await t.http
      .get(`/api/v1/portal/organizations/${organizationId}/payments/${failing}`)
      .set('cookie', portal.cookie)
      .expect(200);
    expect(portalPayment.body).not.toHaveProperty('accountingSync');
    expect(portalPayment.body).not.toHaveProperty('hiddenFromPortal');
    await post(`${synced}/hide`, viewer).expect(403);
    await post(`${synced}/unhide`).expect(200);
    expect(await portalList()).toContain(synced);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('payment.hidden_from_portal', 'payment.shown_in_portal') AND entity_id = $1`,
        [synced],
      ),
    ).toBe(2);
  });

  it('queues the reversal of a synced payment refunded in full; forgets one never pushed', async () => {
    await t.http
      .post(`/api/v1/payments/${synced}/refunds`)
      .set('authorization', billing)
      .set('idempotency-key', randomUUID())
      .send({})
      .expect(201);
    expect((await get(synced)).accountingSync).toMatchObject({
      action: 'reverse',
      externalId: 'qb-101',
      status: 'pending',
    });
    const claimed = await claimAll();
    expect(claimed.get(synced)).toMatchObject({
      action: 'reverse',
      amount: 12_345,
      externalId: 'qb-101',
    });
    await sync.recordAccountingPush(synced, { kind: 'reversed' });
    expect((await get(synced)).accountingSync).toMatchObject({
      action: 'reverse',
      status: 'synced',
    });

    const unpushed = await payOne();
    await t.http
      .post(`/api/v1/payments/${unpushed}/refunds`)
      .set('authorization', billing)
      .set('idempotency-key', randomUUID())
      .send({})
      .expect(201);
    expect((await get(unpushed)).accountingSync.status).toBe('not_applicable');
  });

  it('ends the alert when fewer than 10% fail', async () => {
    await setPushActive(false);
    // Failing: none now (dismissed, synced); the episode ends at the next check.
    expect(await sync.checkFailingAlert()).toBe(false);
    expect((await attention()).accountingSyncAlert).toBeNull();
    expect((await sync.accountingSyncHealth()).failing).toBe(0);
  });
});
