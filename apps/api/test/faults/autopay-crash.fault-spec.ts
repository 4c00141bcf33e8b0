import { eventually, FakeStripe, startFakeStripe } from '@settle/testing';
import { Client } from 'pg';

import { chargeRequests, fakeStripeSettings } from '../utils/payment-factories';
import {
  Api,
  settleEnvironment,
  SettleProcess,
  signInAsDemoAdmin,
  startSettle,
} from '../utils/settle-process';

jest.setTimeout(240_000);

const ORGANIZATIONS = 24;
const GATEWAY_CONCURRENCY = 4;
/** Each charge hangs this long at Stripe, so the kill finds charges in flight and more to come. */
const STRIPE_HANG_MS = 1_500;

/**
 * Issue 13: a worker killed (SIGKILL) in the middle of an AutoPay run, then started again,
 * completes the run with no duplicate and no gap. The run's job outlives the process in Redis
 * (Bull moves a job whose worker died back to waiting); charges cut off mid-call are finished by
 * the payments' crash recovery; the payments' (invoice, run date) identity keeps the second
 * attempt from charging what the first already did.
 */
describe('kill -9 of a worker during an AutoPay run', () => {
  let fake: FakeStripe;
  let env: Record<string, string>;
  let settle: SettleProcess | undefined;
  let db: Client;

  beforeAll(async () => {
    fake = await startFakeStripe();
    env = await settleEnvironment('autopay-crash', {
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

  it('finishes the run after the restart: every invoice charged exactly once', async () => {
    settle = await startSettle(env);
    const api = await signInAsDemoAdmin(settle.url);
    expect((await api('PUT', '/settings/payments', fakeStripeSettings(fake))).status).toBe(200);
    const invoiceIds = await organizationsWithRules(api);

    fake.injectFault(
      { method: 'POST', path: /^\/v1\/payment_intents$/ },
      { hangMs: STRIPE_HANG_MS },
      ORGANIZATIONS,
    );
    const started = await api('POST', '/autopay/runs', {});
    expect(started.status).toBe(202);
    const runId = started.body.id as string;
    await eventually(
      () => expect(chargeRequests(fake)).toBeGreaterThanOrEqual(GATEWAY_CONCURRENCY * 2),
      30_000,
      20,
    );
    await settle.kill();
    const beforeKill = await autopayPayments(db, invoiceIds);
    // the kill must cut the run short, or the test proves less than it says
    expect(beforeKill.length).toBeGreaterThan(0);
    expect(beforeKill.length).toBeLessThan(ORGANIZATIONS);

    const restartedAt = Date.now();
    settle = await startSettle(env);
    const again = await signInAsDemoAdmin(settle.url);
    await eventually(
      async () => {
        const run = await again('GET', `/autopay/runs/${runId}`);
        expect(run.body.status).toBe('succeeded');
        const payments = await autopayPayments(db, invoiceIds);
        expect(payments.filter((p) => p.status === 'succeeded')).toHaveLength(ORGANIZATIONS);
      },
      150_000,
      500,
    );
    const payments = await autopayPayments(db, invoiceIds);
    // one payment per invoice for the run's date, one Stripe charge per payment, nothing open
    expect(payments).toHaveLength(ORGANIZATIONS);
    expect(new Set(payments.map((p) => p.invoice_id)).size).toBe(ORGANIZATIONS);
    expect(fake.paymentIntentsCreated()).toBe(ORGANIZATIONS);
    const { rows: open } = await db.query(
      'SELECT coalesce(sum(open_balance), 0)::int AS open FROM invoices WHERE id = ANY($1)',
      [invoiceIds],
    );
    expect(open[0].open).toBe(0);
    console.log(
      `AutoPay crash: ${beforeKill.length} of ${ORGANIZATIONS} charges made before the kill; ` +
        `the run finished ${Date.now() - restartedAt} ms after the restart`,
    );
  });
});

/** Organizations with a Stripe card, a rule charging on the due date, and an invoice due today. */
async function organizationsWithRules(api: Api): Promise<string[]> {
  // the MSP's today, which is the run's date
  const { timeZone } = (await api('GET', '/settings/general')).body;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const organizations = await Promise.all(
    Array.from({ length: ORGANIZATIONS }, async (_, i) => {
      const org = await api('PUT', `/organizations/external/faults/autopay-${i}`, {
        name: `AutoPay Crash ${i}`,
      });
      const method = await api('POST', `/organizations/${org.body.id}/payment-methods`, {
        token: 'pm_card_visa',
      });
      expect(method.status).toBe(201);
      const rule = await api('POST', `/organizations/${org.body.id}/autopay-rules`, {
        trigger: { days: 0, type: 'days_after_due' },
      });
      expect(rule.status).toBe(201);
      return org.body.id as string;
    }),
  );
  const created = await api('POST', '/invoices/bulk', {
    invoices: organizations.map((organizationId, i) => ({
      currency: 'USD',
      dueDate: today,
      externalId: `autopay-crash-inv-${i}`,
      issueDate: today,
      number: `AC-${i}`,
      organizationId,
      source: 'faults',
      sourceBalance: 20_000 + i,
      total: 20_000 + i,
    })),
  });
  expect(created.status).toBe(200);
  return created.body.invoices.map((invoice: { id: string }) => invoice.id);
}

async function autopayPayments(
  db: Client,
  invoiceIds: string[],
): Promise<{ invoice_id: string; status: string }[]> {
  const { rows } = await db.query(
    `SELECT autopay_invoice_id AS invoice_id, status FROM payments
      WHERE autopay_invoice_id = ANY($1) AND autopay_run_date IS NOT NULL`,
    [invoiceIds],
  );
  return rows;
}
