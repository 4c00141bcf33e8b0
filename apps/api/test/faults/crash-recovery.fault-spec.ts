import { eventually, FakeStripe, startFakeStripe } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import { chargeRequests, fakeStripeSettings } from '../utils/payment-factories';
import {
  Api,
  settleEnvironment,
  SettleProcess,
  signInAsDemoAdmin,
  startSettle,
} from '../utils/settle-process';

const PAYMENTS = 50;
const ORGANIZATIONS = 10;
const GATEWAY_CONCURRENCY = 8;
/** Each charge hangs this long at Stripe, so the kill finds calls in flight and more waiting. */
const STRIPE_HANG_MS = 2_500;

/**
 * Issue 17, item 7: kill -9 the API while it takes 50 payments. Some requests die before their
 * payment commits, some after it commits but before the charge is sent, some while Stripe is
 * making the charge (Stripe finishes it; Settle never hears the answer). After a restart, clients
 * retry with their Idempotency-Keys, and within 60 s every payment is final, with exactly one
 * Stripe charge per payment.
 */
describe('kill -9 of the API during a burst of payments', () => {
  let fake: FakeStripe;
  let env: Record<string, string>;
  let settle: SettleProcess | undefined;
  let db: Client;

  beforeAll(async () => {
    fake = await startFakeStripe();
    env = await settleEnvironment('crash', {
      PAYMENTS_GATEWAY_CONCURRENCY: String(GATEWAY_CONCURRENCY),
      STRIPE_API_BASE: fake.url,
    });
    db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await settle?.kill();
    await db.end();
    await fake.close();
  });

  it('heals within 60 s of the restart: every payment final, charges = payments', async () => {
    settle = await startSettle(env);
    const api = await signInAsDemoAdmin(settle.url);
    await useFakeStripe(api, fake);
    const work = await payers(api);

    fake.injectFault(
      { method: 'POST', path: /^\/v1\/payment_intents$/ },
      { hangMs: STRIPE_HANG_MS },
      PAYMENTS,
    );
    const keys = work.map(() => randomUUID());
    const firstTries = work.map((w, i) => pay(api, w, keys[i]).catch(() => null));
    await eventually(
      () => expect(chargeRequests(fake)).toBeGreaterThanOrEqual(GATEWAY_CONCURRENCY),
      20_000,
      20,
    );
    await settle.kill();
    const answeredBeforeKill = (await Promise.all(firstTries)).filter((a) => a?.status === 201);
    const { rows: committed } = await db.query(
      `SELECT count(*)::int AS n FROM payments WHERE organization_id = ANY($1)`,
      [work.map((w) => w.organizationId)],
    );
    // The kill must have cut the burst at every stage, or the test proves less than it says.
    expect(answeredBeforeKill.length).toBeLessThan(PAYMENTS);
    expect(committed[0].n).toBeGreaterThan(0);
    expect(committed[0].n).toBeLessThan(PAYMENTS);

    const restartedAt = Date.now();
    settle = await startSettle(env);
    const retries = await Promise.all(work.map((w, i) => retryUntilAnswered(api, w, keys[i])));
    const retriedWithin = Date.now() - restartedAt;

    expect(retries.map((r) => r.status)).toEqual(work.map(() => 201));
    const ids = retries.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(PAYMENTS);
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT status, count(*)::int AS n FROM payments WHERE id = ANY($1) GROUP BY status`,
          [ids],
        );
        expect(rows).toEqual([{ n: PAYMENTS, status: 'succeeded' }]);
      },
      60_000 - (Date.now() - restartedAt),
      250,
    );
    const healedWithin = Date.now() - restartedAt;
    const { rows: stored } = await db.query(
      `SELECT count(*)::int AS n FROM payments WHERE organization_id = ANY($1)`,
      [work.map((w) => w.organizationId)],
    );
    const { rows: open } = await db.query(
      `SELECT coalesce(sum(open_balance), 0)::int AS open FROM invoices WHERE id = ANY($1)`,
      [work.map((w) => w.invoiceId)],
    );
    // One payment per key, one Stripe charge per payment, every invoice paid once.
    expect(stored[0].n).toBe(PAYMENTS);
    expect(fake.paymentIntentsCreated()).toBe(PAYMENTS);
    expect(open[0].open).toBe(0);
    // Retries are answered once the process is back, not after a 120 s in-flight lock.
    expect(retriedWithin).toBeLessThan(30_000);
    expect(healedWithin).toBeLessThan(60_000);
    console.log(
      `crash recovery: ${answeredBeforeKill.length} answered and ${committed[0].n} committed before the kill; ` +
        `retries answered ${retriedWithin} ms and all final ${healedWithin} ms after the restart`,
    );
  });
});

interface Payer {
  amount: number;
  organizationId: string;
  methodId: string;
  invoiceId: string;
}

async function useFakeStripe(api: Api, fake: FakeStripe): Promise<void> {
  const answer = await api('PUT', '/settings/payments', fakeStripeSettings(fake));
  expect(answer.status).toBe(200);
}

/** Ten organizations with a Stripe card each and five open invoices each. */
async function payers(api: Api): Promise<Payer[]> {
  const today = new Date().toISOString().slice(0, 10);
  const organizations = await Promise.all(
    Array.from({ length: ORGANIZATIONS }, async (_, i) => {
      const org = await api('PUT', `/organizations/external/faults/crash-${i}`, {
        name: `Crash Payer ${i}`,
      });
      const method = await api('POST', `/organizations/${org.body.id}/payment-methods`, {
        token: 'pm_card_visa',
      });
      expect(method.status).toBe(201);
      return { id: org.body.id as string, methodId: method.body.id as string };
    }),
  );
  const invoices = Array.from({ length: PAYMENTS }, (_, i) => ({
    currency: 'USD',
    dueDate: today,
    externalId: `crash-inv-${i}`,
    issueDate: today,
    number: `CR-${i}`,
    organizationId: organizations[i % ORGANIZATIONS].id,
    source: 'faults',
    sourceBalance: 10_000 + i,
    total: 10_000 + i,
  }));
  const created = await api('POST', '/invoices/bulk', { invoices });
  expect(created.status).toBe(200);
  return invoices.map((invoice, i) => ({
    amount: invoice.total,
    invoiceId: created.body.invoices[i].id,
    methodId: organizations[i % ORGANIZATIONS].methodId,
    organizationId: invoice.organizationId,
  }));
}

function pay(api: Api, payer: Payer, key: string) {
  return api(
    'POST',
    '/payments',
    {
      allocations: [{ amount: payer.amount, invoiceId: payer.invoiceId }],
      organizationId: payer.organizationId,
      paymentMethodId: payer.methodId,
    },
    { 'idempotency-key': key },
  );
}

/** What a careful client does: retry with the same key until the answer is not "in flight". */
async function retryUntilAnswered(api: Api, payer: Payer, key: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const answer = await pay(api, payer, key).catch(() => null);
    if ((answer && answer.status !== 409) || Date.now() > deadline)
      return answer ?? { body: null, status: 0 };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
