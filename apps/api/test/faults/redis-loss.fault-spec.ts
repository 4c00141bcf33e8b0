import { eventually, freePort, startRedisServer, stopProcess } from '@settle/testing';
import Redis from 'ioredis';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import {
  Api,
  settleEnvironment,
  SettleProcess,
  signInAsDemoAdmin,
  startSettle,
} from '../utils/settle-process';

const DUE_TODAY = 30;
const LATER = 10;
const RECURRING = ['autopay-clock', 'check-settlements', 'payments-maintenance', 'sweep-payments'];

/**
 * Issue 17, item 8: kill -9 redis-server while the worker charges a burst of payments due today,
 * with more scheduled for later days, and bring back an empty Redis on the same port. The
 * repeatable jobs must be registered again, every later payment must have its delayed job back,
 * and every payment due today must still be charged; payments taken while Redis is gone too.
 */
describe('kill -9 of redis-server during a burst', () => {
  let redisPort: number;
  let redis: ChildProcess;
  let env: Record<string, string>;
  let settle: SettleProcess | undefined;
  let db: Client;
  let inspect: Redis;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedisServer(redisPort);
    env = await settleEnvironment('redis-loss', { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    inspect = new Redis(redisPort, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
    inspect.on('error', () => undefined);
  });
  afterAll(async () => {
    await settle?.kill();
    inspect.disconnect();
    await stopProcess(redis);
    await db.end();
  });

  it('registers the repeatable jobs again, re-creates delayed jobs and still runs every payment', async () => {
    settle = await startSettle(env);
    const api = await signInAsDemoAdmin(settle.url);
    const sandbox = await api('PUT', '/settings/payments', {
      convenienceFee: { capMinor: null, enabled: false, percentBasisPoints: 0 },
      gateway: 'sandbox',
      sandbox: { achSettlementHours: 96, latencyMs: 1_000 },
    });
    expect(sandbox.status).toBe(200);
    const today = await mspToday(api);
    const payers = await organizationsWithInvoices(api, today, DUE_TODAY + LATER + 5);
    await eventually(async () => expect(await recurringJobs()).toEqual(RECURRING), 10_000);

    const later = await Promise.all(
      payers.slice(0, LATER).map((p, i) => schedule(api, p, addDays(today, 1 + (i % 5)))),
    );
    const dueToday = payers.slice(LATER, LATER + DUE_TODAY).map((p) => schedule(api, p, today));
    // Let the worker start on the burst, then take Redis away with everything in it.
    await eventually(async () => expect(await settledCount(db)).toBeGreaterThan(0), 20_000, 20);
    await stopProcess(redis);
    const settledBeforeKill = await settledCount(db);
    const taken = await Promise.all(dueToday);
    // Payments keep being taken while Redis is gone; their jobs come back with the sweep.
    const whileDown = await Promise.all(
      payers.slice(LATER + DUE_TODAY).map((p, i) => schedule(api, p, addDays(today, 2 + i))),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    redis = await startRedisServer(redisPort);
    const backAt = Date.now();

    for (const answer of [...later, ...taken, ...whileDown]) expect(answer.status).toBe(201);
    await eventually(async () => expect(await recurringJobs()).toEqual(RECURRING), 20_000, 200);
    const future = [...later, ...whileDown].map(
      (a) => a.body as { id: string; scheduledFor: string },
    );
    await eventually(
      async () => {
        const delayed = await inspect.zrange(`${env.QUEUE_PREFIX}:payments:delayed`, 0, -1);
        for (const payment of future)
          expect(delayed).toContain(`run-${payment.id}-${payment.scheduledFor}`);
      },
      20_000,
      200,
    );
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT status, count(*)::int AS n FROM payments WHERE id = ANY($1) GROUP BY status`,
          [taken.map((a) => a.body.id)],
        );
        expect(rows).toEqual([{ n: DUE_TODAY, status: 'succeeded' }]);
      },
      60_000,
      250,
    );
    const { rows: charges } = await db.query(
      `SELECT count(*)::int AS n FROM sandbox_charges
        WHERE idempotency_key LIKE ANY (SELECT 'settle-payment-' || id || '-%' FROM unnest($1::uuid[]) AS id)`,
      [taken.map((a) => a.body.id)],
    );
    expect(charges[0].n).toBe(DUE_TODAY);
    expect(settledBeforeKill).toBeLessThan(DUE_TODAY);
    console.log(
      `redis loss: ${settledBeforeKill} of ${DUE_TODAY} charged before the kill; jobs re-registered, ${future.length} delayed jobs back and ${DUE_TODAY} due payments charged ${Date.now() - backAt} ms after Redis returned`,
    );
  });

  async function recurringJobs(): Promise<string[]> {
    if (inspect.status === 'wait' || inspect.status === 'end')
      await inspect.connect().catch(() => undefined);
    const keys = await inspect.zrange(`${env.QUEUE_PREFIX}:payments:repeat`, 0, -1);
    return [...new Set(keys.map((key) => key.split(':')[0]))].sort();
  }
});

interface Payer {
  organizationId: string;
  methodId: string;
  invoiceId: string;
}

async function mspToday(api: Api): Promise<string> {
  const general = await api('GET', '/settings/general');
  return new Intl.DateTimeFormat('en-CA', { timeZone: general.body.timeZone }).format(new Date());
}

async function organizationsWithInvoices(api: Api, today: string, count: number): Promise<Payer[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const org = await api('PUT', `/organizations/external/faults/redis-${i}`, {
        name: `Redis Payer ${i}`,
      });
      const method = await api('POST', `/organizations/${org.body.id}/payment-methods`, {
        token: 'pm_card_visa',
      });
      const invoice = await api('POST', '/invoices/bulk', {
        invoices: [
          {
            currency: 'USD',
            dueDate: today,
            externalId: `redis-inv-${i}`,
            issueDate: today,
            number: `RL-${i}`,
            organizationId: org.body.id,
            source: 'faults',
            sourceBalance: 5_000,
            total: 5_000,
          },
        ],
      });
      expect([method.status, invoice.status]).toEqual([201, 200]);
      return {
        invoiceId: invoice.body.invoices[0].id,
        methodId: method.body.id,
        organizationId: org.body.id,
      };
    }),
  );
}

function schedule(api: Api, payer: Payer, date: string) {
  return api(
    'POST',
    '/payments',
    {
      allocations: [{ amount: 5_000, invoiceId: payer.invoiceId }],
      organizationId: payer.organizationId,
      paymentMethodId: payer.methodId,
      scheduledFor: date,
    },
    { 'idempotency-key': randomUUID() },
  );
}

async function settledCount(db: Client): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM payments p JOIN organizations o ON o.id = p.organization_id
      WHERE o.name LIKE 'Redis Payer %' AND p.status = 'succeeded'`,
  );
  return rows[0].n;
}

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}
