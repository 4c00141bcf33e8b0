import { eventually } from '@settle/testing';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { AuthContext } from '../../src/common/auth-context';
import { AppException } from '../../src/common/errors/app.exception';
import { IdempotencyService } from '../../src/common/idempotency/idempotency.service';
import { ProcessLeaseService } from '../../src/common/process-lease/process-lease.service';
import { OrphanRecoveryService } from '../../src/modules/payments/orphan-recovery.service';
import { apiKey, daysFromToday } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay, payment } from '../utils/payment-factories';
import { failOnce } from '../utils/db-faults';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';

/**
 * Work is stamped with the lease of the process doing it; when that process is gone, its work is
 * picked up at once instead of after a timeout (issue 17, item 7). The kill -9 test in
 * test/faults runs this end to end; these pin down each rule.
 */
describe('process leases', () => {
  let t: TestApp;
  let bearer: string;
  let lease: ProcessLeaseService;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    lease = t.app.get(ProcessLeaseService);
  });
  afterAll(() => t.close());

  async function paidOnce() {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [4_000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const body = {
      allocations: [{ amount: 4_000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    };
    const key = randomUUID();
    const first = await pay(t, bearer, body, key).expect(201);
    return { body, first, key };
  }

  /** Makes the key look like its request is still running in the process `owner`. */
  async function leaveUnanswered(key: string, owner: string) {
    await t.dataSource.query(
      `UPDATE idempotency_keys SET response_status = NULL, response_body = NULL,
              locked_until = now() + interval '120 seconds', owner_process_id = $2
        WHERE key = $1`,
      [key, owner],
    );
  }

  it('stamps each claim, attempt and refund with the lease of the process that runs it', async () => {
    const { first, key } = await paidOnce();
    const [claim] = await t.dataSource.query(
      'SELECT owner_process_id, claim_token FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(claim).toEqual({ claim_token: expect.any(String), owner_process_id: lease.processId });
    const attempts = await t.dataSource.query(
      'SELECT owner_process_id FROM payment_attempts WHERE payment_id = $1',
      [first.body.id],
    );
    expect(attempts).toEqual([{ owner_process_id: lease.processId }]);
    await t.http
      .post(`/api/v1/payments/${first.body.id}/refunds`)
      .set('authorization', bearer)
      .set('idempotency-key', randomUUID())
      .send({ amount: 1_000 })
      .expect(201);
    const refunds = await t.dataSource.query(
      'SELECT owner_process_id FROM refunds WHERE payment_id = $1',
      [first.body.id],
    );
    expect(refunds).toEqual([{ owner_process_id: lease.processId }]);
    const [live] = await t.dataSource.query(
      'SELECT expires_at > now() AS live FROM process_leases WHERE id = $1',
      [lease.processId],
    );
    expect(live).toEqual({ live: true });
  });

  it('lets a retry take over at once the key of a request whose process is gone', async () => {
    const { body, first, key } = await paidOnce();
    await leaveUnanswered(key, randomUUID());
    const retried = await pay(t, bearer, body, key).expect(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toMatchObject({ id: first.body.id, status: 'succeeded' });
  });

  it('answers 409 while the process holding the key is alive', async () => {
    const { body, key } = await paidOnce();
    await leaveUnanswered(key, lease.processId);
    const retried = await pay(t, bearer, body, key);
    expect(retried.status).toBe(409);
    expect(retried.headers['retry-after']).toBe('2');
  });

  it('keeps a request whose key was taken over from committing under it', async () => {
    const idempotency = t.app.get(IdempotencyService);
    const key = randomUUID();
    const resourceId = randomUUID();
    const slow = idempotency.run(
      { auth: someone(), body: {}, endpoint: 'test', key },
      async (claim) => {
        // Meanwhile a retry, believing this process gone, took the key over.
        await t.dataSource.query(
          'UPDATE idempotency_keys SET claim_token = gen_random_uuid() WHERE key = $1',
          [key],
        );
        await t.dataSource.transaction((manager) => claim.attach(manager, resourceId));
        return { body: { id: resourceId }, status: 201 };
      },
      () => Promise.reject(new Error('not reached')),
    );
    await expect(slow).rejects.toBeInstanceOf(AppException);
    await expect(slow).rejects.toMatchObject({ status: 409 });
    const [row] = await t.dataSource.query(
      'SELECT resource_id, response_status FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(row).toEqual({ resource_id: null, response_status: null });
  });

  it('adopts the gateway attempts of a gone process and asks the gateway again at once', async () => {
    const orphan = await processingWithAttempt(randomUUID());
    const otherLease = randomUUID();
    await t.dataSource.query(
      `INSERT INTO process_leases (id, hostname, pid, role, started_at, expires_at)
       VALUES ($1, 'elsewhere', 1, 'worker', now(), now() + interval '1 minute')`,
      [otherLease],
    );
    const busy = await processingWithAttempt(otherLease);
    await t.app.get(OrphanRecoveryService).recover();
    await eventually(async () =>
      expect((await payment(t, bearer, orphan)).status).toBe('succeeded'),
    );
    const timeline = (await payment(t, bearer, orphan)).timeline.map(
      (e: { summary: string }) => e.summary,
    );
    expect(timeline).toContain('Asked sandbox again about attempt 1 (same idempotency key)');
    // A live process's call is its own business, however long it takes.
    expect((await payment(t, bearer, busy)).status).toBe('processing');
    await t.dataSource.query(
      `UPDATE process_leases SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [otherLease],
    );
    await t.app.get(OrphanRecoveryService).recover();
    await eventually(async () => expect((await payment(t, bearer, busy)).status).toBe('succeeded'));
  });

  it('resends the pending refund of a gone process with the same key, refunding once', async () => {
    const { first } = await paidOnce();
    // The gateway refunds, then recording its answer fails: the refund stays pending, as when
    // the process dies between the two.
    const undo = await failOnce(t.dataSource, {
      name: 'fail_refund_answer',
      on: 'UPDATE',
      table: 'refunds',
      when: "NEW.status = 'succeeded'",
    });
    try {
      const failed = await t.http
        .post(`/api/v1/payments/${first.body.id}/refunds`)
        .set('authorization', bearer)
        .set('idempotency-key', randomUUID())
        .send({ amount: 1_500 });
      expect(failed.status).toBe(500);
    } finally {
      await undo();
    }
    const [pending] = await t.dataSource.query(
      `SELECT id, status FROM refunds WHERE payment_id = $1`,
      [first.body.id],
    );
    expect(pending.status).toBe('pending');
    await t.dataSource.query('UPDATE refunds SET owner_process_id = $2 WHERE id = $1', [
      pending.id,
      randomUUID(),
    ]);
    await t.app.get(OrphanRecoveryService).recover();
    await eventually(async () =>
      expect(await payment(t, bearer, first.body.id)).toMatchObject({ amountRefunded: 1_500 }),
    );
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM sandbox_refunds WHERE idempotency_key = $1',
      [`settle-refund-${pending.id}`],
    );
    expect(n).toBe(1);
  });

  it("ends at start-up the leases of this host's processes that no longer run", async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const gone = randomUUID();
    const earlierLife = randomUUID();
    const elsewhere = randomUUID();
    await t.dataSource.query(
      `INSERT INTO process_leases (id, hostname, pid, role, started_at, expires_at)
       VALUES ($1, $4, $5, 'all', now(), now() + interval '1 minute'),
              ($2, $4, $6, 'all', now(), now() + interval '1 minute'),
              ($3, 'elsewhere', $5, 'all', now(), now() + interval '1 minute')`,
      [gone, earlierLife, elsewhere, hostname(), deadPid, process.pid],
    );
    await lease.endLeasesOfGoneProcesses();
    const left = await t.dataSource.query('SELECT id FROM process_leases WHERE id = ANY($1)', [
      [gone, earlierLife, elsewhere],
    ]);
    expect(left).toEqual([{ id: elsewhere }]);
  });

  function someone(): AuthContext {
    const id = randomUUID();
    return {
      id,
      kind: 'user',
      label: 'someone',
      name: 'Someone',
      requestId: null,
      role: 'admin',
      sessionId: null,
    };
  }

  /** A payment left `processing` with an unanswered attempt, as a process dying mid-call leaves it. */
  async function processingWithAttempt(owner: string): Promise<string> {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [3_000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const scheduled = await pay(t, bearer, {
      allocations: [{ amount: 3_000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(3),
    }).expect(201);
    const id = scheduled.body.id as string;
    await t.dataSource.query(`UPDATE payments SET status = 'processing' WHERE id = $1`, [id]);
    await t.dataSource.query(
      `INSERT INTO payment_attempts (payment_id, attempt_number, gateway_idempotency_key, amount, state, created_at, owner_process_id)
       VALUES ($1, 1, $2, 3000, 'pending', now(), $3)`,
      [id, `settle-payment-${id}-1`, owner],
    );
    return id;
  }
});
