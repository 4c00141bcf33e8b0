import { randomUUID } from 'node:crypto';

import { apiKey, daysFromToday, invoiceBody, upsertInvoice } from '../utils/ar-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { changedTables, rowCounter, RowCounts } from '../utils/row-counts';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

interface Rule {
  id: string;
  position: number;
  paymentMethodId: string | null;
  trigger: { type: string; days: number | null; dayOfMonth: number | null };
  criteria: { maxAmount: number | null; terms: string[]; sources: string[] };
  approval: string;
  approvalThreshold: number | null;
  enabled: boolean;
  locked: boolean;
  valid: boolean;
  problems: { code: string; message: string }[];
}

interface Explanation {
  invoiceId: string;
  willCharge: boolean;
  date: string | null;
  ruleId: string | null;
  paymentMethodId: string | null;
  amount: number;
  needsApproval: boolean;
  reasons: { code: string; message: string }[];
}

describe('AutoPay rules and the invoice explainer', () => {
  let t: TestApp;
  let admin: Session;
  let bearer: string;
  let counts: () => Promise<RowCounts>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    counts = await rowCounter(t.dataSource);
  });
  afterAll(() => t.close());

  const createRule = (organizationId: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/organizations/${organizationId}/autopay-rules`)
      .set('authorization', bearer)
      .send(body);

  const rules = async (organizationId: string) =>
    (
      await t.http
        .get(`/api/v1/organizations/${organizationId}/autopay-rules`)
        .set('authorization', bearer)
        .expect(200)
    ).body.data as Rule[];

  const explain = async (invoiceId: string) =>
    (
      await t.http
        .get(`/api/v1/invoices/${invoiceId}/autopay`)
        .set('authorization', bearer)
        .expect(200)
    ).body as Explanation;

  it('keeps rules in order, renumbers them on delete and reorders them on request', async () => {
    const { org } = await organizationWithInvoices(t, bearer, [1000]);
    const first = await createRule(org.id, { trigger: { days: 0, type: 'days_after_due' } });
    expect(first.status).toBe(201);
    // No method at all yet: the rule is kept but cannot run, and says why.
    expect(first.body).toMatchObject({
      approval: 'never',
      criteria: { maxAmount: null, sources: [], terms: [] },
      enabled: true,
      locked: false,
      paymentMethodId: null,
      position: 1,
      problems: [{ code: 'method_missing' }],
      trigger: { dayOfMonth: null, days: 0, type: 'days_after_due' },
      valid: false,
    });
    await addMethod(t, bearer, org.id, 'pm_card_visa');
    expect((await rules(org.id))[0]).toMatchObject({ problems: [], valid: true });

    const second = await createRule(org.id, {
      approval: 'above',
      approvalThreshold: 50000,
      criteria: { maxAmount: 100000, sources: ['quickbooks'], terms: ['Net 30'] },
      trigger: { dayOfMonth: 31, type: 'day_of_month' },
    }).expect(201);
    const third = await createRule(org.id, {
      locked: true,
      trigger: { days: 5, type: 'days_after_invoice' },
    }).expect(201);
    expect((await rules(org.id)).map((r) => [r.id, r.position])).toEqual([
      [first.body.id, 1],
      [second.body.id, 2],
      [third.body.id, 3],
    ]);

    const reordered = await t.http
      .put(`/api/v1/organizations/${org.id}/autopay-rules/order`)
      .set('authorization', bearer)
      .send({ ruleIds: [third.body.id, first.body.id, second.body.id] })
      .expect(200);
    expect(reordered.body.data.map((r: Rule) => r.id)).toEqual([
      third.body.id,
      first.body.id,
      second.body.id,
    ]);

    await t.http
      .delete(`/api/v1/autopay-rules/${first.body.id}`)
      .set('authorization', bearer)
      .expect(204);
    expect((await rules(org.id)).map((r) => [r.id, r.position])).toEqual([
      [third.body.id, 1],
      [second.body.id, 2],
    ]);
    await t.http
      .get(`/api/v1/autopay-rules/${first.body.id}`)
      .set('authorization', bearer)
      .expect(404);

    // A new trigger replaces the old one whole; approval other than "above" drops the threshold.
    const patched = await t.http
      .patch(`/api/v1/autopay-rules/${second.body.id}`)
      .set('authorization', bearer)
      .send({ approval: 'never', enabled: false, trigger: { days: -3, type: 'days_after_due' } })
      .expect(200);
    expect(patched.body).toMatchObject({
      approval: 'never',
      approvalThreshold: null,
      criteria: { maxAmount: 100000, sources: ['quickbooks'], terms: ['Net 30'] },
      enabled: false,
      trigger: { dayOfMonth: null, days: -3, type: 'days_after_due' },
    });

    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE organization_id = $1 AND action LIKE 'autopay%' ORDER BY occurred_at`,
      [org.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'autopay_rule.created',
      'autopay_rule.created',
      'autopay_rule.created',
      'autopay_rules.reordered',
      'autopay_rule.deleted',
      'autopay_rule.updated',
    ]);
  });

  it('refuses rules that can never work with a 400 naming the field, and writes nothing', async () => {
    const { org } = await organizationWithInvoices(t, bearer, [1000]);
    const other = await organizationWithInvoices(t, bearer, [1000]);
    const foreign = await addMethod(t, bearer, other.org.id, 'pm_card_visa');
    const existing = await createRule(org.id, { trigger: { days: 0, type: 'days_after_due' } });
    const cases: [Record<string, unknown>, string][] = [
      [{ trigger: { days: 400, type: 'days_after_due' } }, 'trigger.days'],
      [{ trigger: { days: -1, type: 'days_after_invoice' } }, 'trigger.days'],
      [{ trigger: { type: 'day_of_month' } }, 'trigger.dayOfMonth'],
      [{ trigger: { dayOfMonth: 32, type: 'day_of_month' } }, 'trigger.dayOfMonth'],
      [{ trigger: { type: 'weekly' } }, 'trigger.type'],
      [{}, 'trigger'],
      [{ approval: 'above', trigger: { days: 0, type: 'days_after_due' } }, 'approvalThreshold'],
      [{ approval: 'sometimes', trigger: { days: 0, type: 'days_after_due' } }, 'approval'],
      [
        { criteria: { maxAmount: 10.5 }, trigger: { days: 0, type: 'days_after_due' } },
        'criteria.maxAmount',
      ],
      [
        { criteria: { sources: ['Not A Slug'] }, trigger: { days: 0, type: 'days_after_due' } },
        'criteria.sources',
      ],
      [
        { paymentMethodId: foreign.id, trigger: { days: 0, type: 'days_after_due' } },
        'paymentMethodId',
      ],
    ];
    for (const [body, field] of cases) {
      const before = await counts();
      const response = await createRule(org.id, body);
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
      expectProblem(response.body, 400, 'validation-error');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(changedTables(before, await counts())).toEqual([]);
    }

    const before = await counts();
    const bad = await t.http
      .put(`/api/v1/organizations/${org.id}/autopay-rules/order`)
      .set('authorization', bearer)
      .send({ ruleIds: [existing.body.id, randomUUID()] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'ruleIds', message: "must name each of the organization's rules exactly once" },
    ]);
    expect(changedTables(before, await counts())).toEqual([]);

    await createRule(randomUUID(), { trigger: { days: 0, type: 'days_after_due' } }).expect(404);
    const viewer = await loginAs(t, 'viewer');
    await t.http
      .post(`/api/v1/organizations/${org.id}/autopay-rules`)
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.csrf)
      .send({ trigger: { days: 0, type: 'days_after_due' } })
      .expect(403);
  });

  it('explains, rule by rule, whether and when an invoice will be charged', async () => {
    const { org } = await organizationWithInvoices(t, bearer, []);
    const dueIn10 = daysFromToday(10);
    const invoice = await upsertInvoice(
      t,
      bearer,
      `autopay-${randomUUID()}`,
      invoiceBody(org.id, {
        dueDate: dueIn10,
        number: 'AP-1',
        sourceBalance: 150000,
        total: 150000,
      }),
    );
    expect(await explain(invoice.id)).toMatchObject({
      reasons: [{ code: 'no_rules' }],
      ruleId: null,
      willCharge: false,
    });

    const visa = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const bank = await addMethod(t, bearer, org.id, 'pm_usBankAccount_success');
    const capped = await createRule(org.id, {
      criteria: { maxAmount: 100000 },
      trigger: { days: -2, type: 'days_after_due' },
    }).expect(201);
    const fallback = await createRule(org.id, {
      approval: 'above',
      approvalThreshold: 120000,
      paymentMethodId: bank.id,
      trigger: { days: 0, type: 'days_after_due' },
    }).expect(201);

    // Over the first rule's cap, so the second one (first match wins) charges on the due date.
    const overCap = await explain(invoice.id);
    expect(overCap).toMatchObject({
      amount: 150000,
      date: dueIn10,
      needsApproval: true,
      paymentMethodId: bank.id,
      ruleId: fallback.body.id,
      willCharge: true,
    });
    expect(overCap.reasons.map((r) => r.code)).toEqual(['over_cap', 'matched', 'needs_approval']);
    expect(overCap.reasons[0].message).toBe(
      "Rule 1 does not match: $1,500.00 is over the rule's cap of $1,000.00",
    );

    // A scheduled payment of 600.00 lowers what AutoPay would charge, which now fits the cap.
    await pay(t, bearer, {
      allocations: [{ amount: 60000, invoiceId: invoice.id }],
      organizationId: org.id,
      paymentMethodId: visa.id,
      scheduledFor: daysFromToday(3),
    }).expect(201);
    const reduced = await explain(invoice.id);
    expect(reduced).toMatchObject({
      amount: 90000,
      date: daysFromToday(8),
      needsApproval: false,
      paymentMethodId: visa.id,
      ruleId: capped.body.id,
      willCharge: true,
    });
    expect(reduced.reasons.map((r) => r.code)).toEqual(['reduced_by_scheduled', 'matched']);

    // The second rule's card is removed: that rule cannot run, and says so.
    await t.http
      .patch(`/api/v1/autopay-rules/${capped.body.id}`)
      .set('authorization', bearer)
      .send({ enabled: false })
      .expect(200);
    await t.http
      .delete(`/api/v1/organizations/${org.id}/payment-methods/${bank.id}`)
      .set('authorization', bearer)
      .expect(204);
    const [, broken] = await rules(org.id);
    expect(broken).toMatchObject({ problems: [{ code: 'method_removed' }], valid: false });
    const none = await explain(invoice.id);
    expect(none).toMatchObject({ ruleId: null, willCharge: false });
    expect(none.reasons.map((r) => r.code)).toEqual([
      'rule_disabled',
      'method_removed',
      'no_rule_matches',
    ]);
  });

  it('moves a date that passed before Settle knew of the invoice to today', async () => {
    const { org, invoices } = await organizationWithInvoices(t, bearer, [5000]);
    await addMethod(t, bearer, org.id, 'pm_card_visa');
    await createRule(org.id, { trigger: { days: 0, type: 'days_after_due' } }).expect(201);
    const explanation = await explain(invoices[0].id);
    expect(explanation).toMatchObject({ amount: 5000, date: daysFromToday(0), willCharge: true });
    expect(explanation.reasons.map((r) => r.code)).toEqual(['run_date_moved', 'matched']);
    await t.http
      .get(`/api/v1/invoices/${randomUUID()}/autopay`)
      .set('authorization', bearer)
      .expect(404);
  });
});
