import { eventually } from '@settle/testing';
import { randomUUID } from 'node:crypto';

import { apiKey, daysFromToday, invoiceBody, upsertInvoice } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, payment } from '../utils/payment-factories';
import { AutopayRunsService } from '../../src/modules/autopay/autopay-runs.service';
import { OutboxDispatcher } from '../../src/modules/outbox';
import { createTestApp, createUser, expectProblem, loginAs, TestApp } from '../utils/test-app';

interface Run {
  id: string;
  runDate: string;
  status: string;
  counts: {
    evaluated: number;
    charged: number;
    failed: number;
    pendingApproval: number;
    skipped: number;
  };
  problems: string[];
}

describe('AutoPay runs', () => {
  let t: TestApp;
  let admin: string;
  let billing: string;
  const today = daysFromToday(0);

  beforeAll(async () => {
    t = await createTestApp();
    const session = await loginAs(t, 'admin');
    admin = await apiKey(t, session.cookie, session.csrf, 'admin');
    billing = await apiKey(t, session.cookie, session.csrf, 'billing');
  });
  afterAll(() => t.close());

  const rule = (organizationId: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/organizations/${organizationId}/autopay-rules`)
      .set('authorization', billing)
      .send(body)
      .expect(201)
      .then((r) => r.body as { id: string });

  const startRun = async (date?: string) => {
    const started = await t.http
      .post('/api/v1/autopay/runs')
      .set('authorization', admin)
      .send(date ? { date } : {})
      .expect(202);
    expect(started.body).toMatchObject({ runDate: date ?? today, status: 'queued' });
    return started.body.id as string;
  };

  const finished = async (id: string) => {
    let run: Run | undefined;
    await eventually(async () => {
      run = (await t.http.get(`/api/v1/autopay/runs/${id}`).set('authorization', billing)).body;
      expect(run?.status).toBe('succeeded');
    }, 30_000);
    return run!;
  };

  /** Every AutoPay payment of the invoice, as the payments list shows them. */
  const autopayPayments = async (invoiceId: string) =>
    (
      await t.http
        .get(`/api/v1/payments?invoiceId=${invoiceId}&pageSize=50`)
        .set('authorization', billing)
        .expect(200)
    ).body.data.filter((p: { origin: string }) => p.origin === 'autopay') as {
      id: string;
      status: string;
      amount: number;
      autopayRuleId: string;
      autopayRunDate: string;
    }[];

  const invoiceOf = async (organizationId: string, fields: Record<string, unknown>) =>
    upsertInvoice(
      t,
      billing,
      `ap-run-${randomUUID()}`,
      invoiceBody(organizationId, { number: `AP-${randomUUID().slice(0, 6)}`, ...fields }),
    );

  it('charges on each trigger type, first match wins, over-cap and approval wait, twice run charges once', async () => {
    // Trigger types: due today, invoiced 5 days ago, and the invoice's day of the month.
    const { org } = await organizationWithInvoices(t, billing, []);
    const visa = await addMethod(t, billing, org.id, 'pm_card_visa');
    const dueToday = await invoiceOf(org.id, {
      dueDate: today,
      issueDate: daysFromToday(-30),
      sourceBalance: 1000,
      terms: 'Net 30',
      total: 1000,
    });
    const dueLater = await invoiceOf(org.id, {
      dueDate: daysFromToday(10),
      issueDate: daysFromToday(-20),
      sourceBalance: 2000,
      terms: 'Net 30',
      total: 2000,
    });
    const invoiced = await invoiceOf(org.id, {
      dueDate: daysFromToday(25),
      issueDate: daysFromToday(-5),
      sourceBalance: 3000,
      terms: 'Net 30 EOM',
      total: 3000,
    });
    const onTheDay = await invoiceOf(org.id, {
      dueDate: daysFromToday(30),
      issueDate: today,
      sourceBalance: 4000,
      terms: 'Due on receipt',
      total: 4000,
    });
    const dueRule = await rule(org.id, {
      criteria: { terms: ['Net 30'] },
      paymentMethodId: visa.id,
      trigger: { days: 0, type: 'days_after_due' },
    });
    const invoiceRule = await rule(org.id, {
      criteria: { terms: ['net 30 eom'] },
      trigger: { days: 5, type: 'days_after_invoice' },
    });
    const monthRule = await rule(org.id, {
      trigger: { dayOfMonth: Number(today.slice(8)), type: 'day_of_month' },
    });

    // Cap and order: the first rule caps at 500, the second wants approval for anything.
    const other = await organizationWithInvoices(t, billing, []);
    await addMethod(t, billing, other.org.id, 'pm_card_visa');
    const small = await invoiceOf(other.org.id, { dueDate: today, sourceBalance: 400, total: 400 });
    const big = await invoiceOf(other.org.id, { dueDate: today, sourceBalance: 9000, total: 9000 });
    const bigToo = await invoiceOf(other.org.id, {
      dueDate: today,
      sourceBalance: 7000,
      total: 7000,
    });
    const capped = await rule(other.org.id, {
      criteria: { maxAmount: 500 },
      trigger: { days: 0, type: 'days_after_due' },
    });
    const approval = await rule(other.org.id, {
      approval: 'always',
      trigger: { days: 0, type: 'days_after_due' },
    });

    // A rule whose card was removed is invalid and charges nothing.
    const broken = await organizationWithInvoices(t, billing, []);
    const gone = await addMethod(t, billing, broken.org.id, 'pm_card_visa');
    const brokenInvoice = await invoiceOf(broken.org.id, { dueDate: today });
    await rule(broken.org.id, {
      paymentMethodId: gone.id,
      trigger: { days: 0, type: 'days_after_due' },
    });
    await t.http
      .delete(`/api/v1/organizations/${broken.org.id}/payment-methods/${gone.id}`)
      .set('authorization', billing)
      .expect(204);

    // Two runs of the same day at once: each invoice is charged once.
    const [first, second] = await Promise.all([startRun(), startRun()]);
    const runs = [await finished(first), await finished(second)];
    const total = (key: keyof Run['counts']) => runs.reduce((sum, r) => sum + r.counts[key], 0);
    expect(total('charged')).toBe(4);
    expect(total('pendingApproval')).toBe(2);

    const one = async (invoiceId: string) => {
      const made = await autopayPayments(invoiceId);
      expect(made).toHaveLength(1);
      expect(made[0].autopayRunDate).toBe(today);
      return made[0];
    };
    expect(await one(dueToday.id)).toMatchObject({
      amount: 1000,
      autopayRuleId: dueRule.id,
      status: 'succeeded',
    });
    expect(await one(invoiced.id)).toMatchObject({
      amount: 3000,
      autopayRuleId: invoiceRule.id,
      status: 'succeeded',
    });
    expect(await one(onTheDay.id)).toMatchObject({
      amount: 4000,
      autopayRuleId: monthRule.id,
      status: 'succeeded',
    });
    expect(await autopayPayments(dueLater.id)).toEqual([]);
    expect(await one(small.id)).toMatchObject({ autopayRuleId: capped.id, status: 'succeeded' });
    const waiting = await one(big.id);
    expect(waiting).toMatchObject({ autopayRuleId: approval.id, status: 'pending_approval' });
    const waitingToo = await one(bigToo.id);
    expect(await autopayPayments(brokenInvoice.id)).toEqual([]);

    const queue = await t.http
      .get(`/api/v1/autopay/approvals?organizationId=${other.org.id}`)
      .set('authorization', billing)
      .expect(200);
    expect(queue.body.data.map((p: { id: string }) => p.id).sort()).toEqual(
      [waiting.id, waitingToo.id].sort(),
    );

    const approveOnce = () =>
      t.http
        .post('/api/v1/autopay/approvals/approve')
        .set('authorization', billing)
        .set('idempotency-key', 'approve-waiting-once')
        .send({ paymentIds: [waiting.id] })
        .expect(200);
    const approved = await approveOnce();
    expect(approved.body.data).toEqual([
      { error: null, ok: true, paymentId: waiting.id, status: 'succeeded' },
    ]);
    // the same request again (a client retrying after a lost answer) replays the first answer
    const replayed = await approveOnce();
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(approved.body);
    const rejected = await t.http
      .post('/api/v1/autopay/approvals/reject')
      .set('authorization', billing)
      .send({ paymentIds: [waitingToo.id, waiting.id] })
      .expect(200);
    expect(rejected.body.data).toMatchObject([
      { ok: true, paymentId: waitingToo.id, status: 'cancelled' },
      { ok: false, paymentId: waiting.id, status: null },
    ]);
    expect((await payment(t, billing, waitingToo.id)).status).toBe('cancelled');

    // Run again the same day: nothing new is charged, the rejected one stays rejected.
    const again = await finished(await startRun());
    expect(again.counts).toMatchObject({ charged: 0, failed: 0, pendingApproval: 0 });
    expect(await autopayPayments(bigToo.id)).toHaveLength(1);
  });

  it('emails subscribed staff the summary of a run and what waits for approval, once per run', async () => {
    // today: invoices Settle learns of now are charged from today on, not on a past date
    const runDate = today;
    const { org } = await organizationWithInvoices(t, billing, []);
    await addMethod(t, billing, org.id, 'pm_card_visa');
    const numbers = {
      charged: `AP-C-${randomUUID().slice(0, 6)}`,
      waiting: `AP-W-${randomUUID().slice(0, 6)}`,
    };
    await invoiceOf(org.id, {
      dueDate: runDate,
      issueDate: daysFromToday(-30),
      number: numbers.charged,
      sourceBalance: 1500,
      terms: 'Net 15',
      total: 1500,
    });
    await invoiceOf(org.id, {
      dueDate: runDate,
      issueDate: daysFromToday(-30),
      number: numbers.waiting,
      sourceBalance: 2500,
      terms: 'Net 30',
      total: 2500,
    });
    await rule(org.id, {
      approval: 'always',
      criteria: { terms: ['Net 30'] },
      trigger: { days: 0, type: 'days_after_due' },
    });
    await rule(org.id, { trigger: { days: 0, type: 'days_after_due' } });
    const reader = await createUser(t, 'billing');
    const approver = await createUser(t, 'admin');
    const bystander = await createUser(t, 'viewer');
    const subscription = (userId: string, kinds: Record<string, boolean>) => ({
      dailySummary: false,
      emailFailures: false,
      paymentMade: false,
      userId,
      ...kinds,
    });
    await t.http
      .put('/api/v1/settings/email/staff-notifications')
      .set('authorization', admin)
      .send({
        subscriptions: [
          subscription(reader.id, { autopayRuns: true }),
          subscription(approver.id, { autopayApprovals: true }),
          subscription(bystander.id, { accessRequests: true, dailySummary: true }),
        ],
      })
      .expect(200);

    const runId = await startRun(runDate);
    const run = await finished(runId);
    // this file's other tests left invoices due today too: the summary says what this run did
    expect(run.counts.charged).toBeGreaterThanOrEqual(1);
    expect(run.counts.pendingApproval).toBeGreaterThanOrEqual(1);
    const dispatcher = t.app.get(OutboxDispatcher, { strict: false });
    await dispatcher.dispatch();
    const staffEmails = () =>
      t.dataSource.query(
        `SELECT type, "to", subject, text FROM emails WHERE dedupe_key LIKE $1 ORDER BY type`,
        [`notice:%:${runId}:run:%`],
      ) as Promise<{ type: string; to: string[]; subject: string; text: string }[]>;
    // the app's own dispatcher may have taken the events a moment before ours: wait for its emails
    let emails: Awaited<ReturnType<typeof staffEmails>> = [];
    await eventually(async () => {
      emails = await staffEmails();
      expect(emails).toHaveLength(2);
    }, 10_000);
    const [approval, summary] = emails;
    expect(summary).toMatchObject({
      subject: expect.stringMatching(
        new RegExp(
          `^AutoPay on .+: ${run.counts.charged} charged, ${run.counts.failed} failed, ${run.counts.pendingApproval} to approve$`,
        ),
      ),
      to: [reader.email],
      type: 'staff_autopay_summary',
    });
    expect(approval).toMatchObject({ to: [approver.email], type: 'autopay_approval_needed' });
    const [{ total }] = await t.dataSource.query(
      `SELECT sum(total)::int AS total FROM payments
        WHERE status = 'pending_approval' AND autopay_run_date = $1`,
      [today],
    );
    expect(approval.subject).toContain(`($${(total / 100).toFixed(2)})`);
    expect(approval.text).toContain(numbers.waiting);
    expect(approval.text).not.toContain(numbers.charged);

    // the run's end is announced once: dispatching again or re-running the job adds nothing
    await dispatcher.dispatch();
    await t.app.get(AutopayRunsService).execute(runId);
    await dispatcher.dispatch();
    expect(await staffEmails()).toHaveLength(2);
  });

  it('records a declined charge as failed with the reason', async () => {
    const { org } = await organizationWithInvoices(t, billing, []);
    await addMethod(t, billing, org.id, 'pm_card_chargeDeclinedInsufficientFunds');
    const invoice = await invoiceOf(org.id, { dueDate: today, number: 'AP-DECLINE' });
    await rule(org.id, { trigger: { days: 0, type: 'days_after_due' } });
    const run = await finished(await startRun());
    expect(run.counts.failed).toBe(1);
    expect(run.problems.some((p) => p.startsWith('Invoice AP-DECLINE:'))).toBe(true);
    const [made] = await autopayPayments(invoice.id);
    expect(made.status).toBe('failed');
  });

  it('tries a retryable decline again the next day, and not a final one', async () => {
    const yesterday = daysFromToday(-1);
    const { org } = await organizationWithInvoices(t, billing, []);
    await addMethod(t, billing, org.id, 'pm_card_chargeDeclinedProcessingError');
    const invoice = await invoiceOf(org.id, { dueDate: yesterday, number: 'AP-RETRY' });
    const other = await organizationWithInvoices(t, billing, []);
    await addMethod(t, billing, other.org.id, 'pm_card_chargeDeclined');
    const final = await invoiceOf(other.org.id, { dueDate: yesterday, number: 'AP-FINAL' });
    // As if both were synced before yesterday's run (a run never charges before Settle knew).
    await t.dataSource.query(
      `UPDATE invoices SET created_at = now() - interval '3 days' WHERE id = ANY($1)`,
      [[invoice.id, final.id]],
    );
    await rule(org.id, { trigger: { days: 0, type: 'days_after_due' } });
    await rule(other.org.id, { trigger: { days: 0, type: 'days_after_due' } });

    await finished(await startRun(yesterday));
    expect((await autopayPayments(invoice.id)).map((p) => [p.autopayRunDate, p.status])).toEqual([
      [yesterday, 'failed'],
    ]);
    const explained = await t.http
      .get(`/api/v1/invoices/${invoice.id}/autopay`)
      .set('authorization', billing)
      .expect(200);
    expect(explained.body).toMatchObject({ date: today, willCharge: true });
    expect(explained.body.reasons[0]).toMatchObject({ code: 'retry' });

    await finished(await startRun());
    const attempts = (await autopayPayments(invoice.id)).map((p) => p.autopayRunDate).sort();
    expect(attempts).toEqual([yesterday, today]);
    // A generic decline is final: one attempt, and the explainer says why.
    expect(await autopayPayments(final.id)).toHaveLength(1);
    const why = await t.http
      .get(`/api/v1/invoices/${final.id}/autopay`)
      .set('authorization', billing)
      .expect(200);
    expect(why.body.reasons.map((r: { code: string }) => r.code)).toContain('already_charged');
  });

  it('retries on the schedule staff set: checked, admins only, used by the explainer and the run', async () => {
    const settings = (body: object, who = admin) =>
      t.http.put('/api/v1/settings/autopay').set('authorization', who).send(body);
    expect(
      (await t.http.get('/api/v1/settings/autopay').set('authorization', billing).expect(200)).body,
    ).toEqual({ retryOffsetsDays: [1, 3] });
    const backwards = await settings({ retryOffsetsDays: [3, 1] }).expect(400);
    expect(backwards.body.errors).toEqual([
      { field: 'retryOffsetsDays', message: 'each retry must come after the one before' },
    ]);
    const tooFar = await settings({ retryOffsetsDays: [0, 31] }).expect(400);
    expect(tooFar.body.errors.map((e: { field: string }) => e.field)).toContain('retryOffsetsDays');
    await settings({ retryOffsetsDays: [2] }, billing).expect(403);

    const twoDaysAgo = daysFromToday(-2);
    const { org } = await organizationWithInvoices(t, billing, []);
    await addMethod(t, billing, org.id, 'pm_card_chargeDeclinedProcessingError');
    const invoice = await invoiceOf(org.id, { dueDate: twoDaysAgo, number: 'AP-SCHEDULE' });
    await t.dataSource.query(
      `UPDATE invoices SET created_at = now() - interval '5 days' WHERE id = $1`,
      [invoice.id],
    );
    await rule(org.id, { trigger: { days: 0, type: 'days_after_due' } });
    await finished(await startRun(twoDaysAgo));

    // with [1, 3] the retry was yesterday (missed): [2] puts it today; [] ends the chain
    await settings({ retryOffsetsDays: [2] }).expect(200);
    const explain = async () =>
      (
        await t.http
          .get(`/api/v1/invoices/${invoice.id}/autopay`)
          .set('authorization', billing)
          .expect(200)
      ).body;
    expect(await explain()).toMatchObject({ date: today, willCharge: true });
    await settings({ retryOffsetsDays: [] }).expect(200);
    expect((await explain()).reasons.map((r: { code: string }) => r.code)).toEqual([
      'retries_exhausted',
    ]);
    await finished(await startRun());
    expect(await autopayPayments(invoice.id)).toHaveLength(1);

    await settings({ retryOffsetsDays: [2] }).expect(200);
    await finished(await startRun());
    expect((await autopayPayments(invoice.id)).map((p) => p.autopayRunDate).sort()).toEqual([
      twoDaysAgo,
      today,
    ]);
    await settings({ retryOffsetsDays: [1, 3] }).expect(200);
  });

  it('forecasts each date’s charges after scheduled payments, approval marked, range checked', async () => {
    const { org } = await organizationWithInvoices(t, billing, []);
    const visa = await addMethod(t, billing, org.id, 'pm_card_visa');
    const soon = await invoiceOf(org.id, {
      dueDate: daysFromToday(3),
      sourceBalance: 5000,
      total: 5000,
    });
    const later = await invoiceOf(org.id, {
      dueDate: daysFromToday(20),
      sourceBalance: 80000,
      total: 80000,
    });
    await invoiceOf(org.id, { dueDate: daysFromToday(60), sourceBalance: 100, total: 100 });
    const dueRule = await rule(org.id, {
      approval: 'above',
      approvalThreshold: 50000,
      trigger: { days: 0, type: 'days_after_due' },
    });
    // 1,000.00 already scheduled lowers what AutoPay would take on the later invoice.
    await t.http
      .post('/api/v1/payments')
      .set('authorization', billing)
      .set('idempotency-key', randomUUID())
      .send({
        allocations: [{ amount: 1000, invoiceId: later.id }],
        organizationId: org.id,
        paymentMethodId: visa.id,
        scheduledFor: daysFromToday(5),
      })
      .expect(201);

    const forecast = await t.http
      .get(
        `/api/v1/autopay/forecast?from=${today}&to=${daysFromToday(30)}&organizationId=${org.id}`,
      )
      .set('authorization', billing)
      .expect(200);
    expect(forecast.body).toEqual({
      days: [
        {
          charges: [
            expect.objectContaining({
              amount: 5000,
              invoiceId: soon.id,
              needsApproval: false,
              organizationName: org.name,
              paymentMethodId: visa.id,
              ruleId: dueRule.id,
            }),
          ],
          date: daysFromToday(3),
        },
        {
          charges: [
            expect.objectContaining({ amount: 79000, invoiceId: later.id, needsApproval: true }),
          ],
          date: daysFromToday(20),
        },
      ],
    });
    const backwards = await t.http
      .get(`/api/v1/autopay/forecast?from=${today}&to=${daysFromToday(-1)}`)
      .set('authorization', billing)
      .expect(400);
    expect(backwards.body.errors[0].field).toBe('to');
    await t.http
      .get(`/api/v1/autopay/forecast?from=${today}&to=${daysFromToday(200)}`)
      .set('authorization', billing)
      .expect(400);
  });

  it('lets only admins run AutoPay, and refuses a future date', async () => {
    const refused = await t.http
      .post('/api/v1/autopay/runs')
      .set('authorization', billing)
      .send({})
      .expect(403);
    expectProblem(refused.body, 403, 'forbidden');
    const future = await t.http
      .post('/api/v1/autopay/runs')
      .set('authorization', admin)
      .send({ date: daysFromToday(1) })
      .expect(400);
    expect(future.body.errors[0].field).toBe('date');
    await t.http
      .get(`/api/v1/autopay/runs/${randomUUID()}`)
      .set('authorization', billing)
      .expect(404);
    const list = await t.http.get('/api/v1/autopay/runs').set('authorization', billing).expect(200);
    expect(list.body.total).toBeGreaterThan(0);
  });
});
