import fc from 'fast-check';

import {
  retryScheduleProblem,
  AutopayExistingPayment,
  AutopayInvoiceInput,
  AutopayMethodInput,
  autopayChargeOn,
  autopayRuleProblems,
  AutopayRuleInput,
  autopayRunDate,
  criteriaMismatch,
  explainInvoiceAutopay,
  needsApproval,
  orderedRules,
} from './autopay';
import { addDays, addMonths, daysBetween, daysInMonth, todayIn } from './calendar-date';
import { startOfDayIn } from './time-zone';

const visa: AutopayMethodInput = {
  expMonth: 12,
  expYear: 2030,
  id: 'm-visa',
  isDefault: true,
  label: 'Visa •••• 4242',
  removed: false,
  status: 'active',
};
const bank: AutopayMethodInput = {
  id: 'm-bank',
  isDefault: false,
  label: 'Bank •••• 6789',
  removed: false,
  status: 'active',
};

function rule(overrides: Partial<AutopayRuleInput> = {}): AutopayRuleInput {
  return {
    approval: 'never',
    approvalThreshold: null,
    criteria: {},
    enabled: true,
    id: 'r1',
    paymentMethodId: null,
    position: 0,
    trigger: { days: 0, type: 'days_after_due' },
    ...overrides,
  };
}

function invoice(overrides: Partial<AutopayInvoiceInput> = {}): AutopayInvoiceInput {
  return {
    currency: 'USD',
    dueDate: '2026-03-31',
    id: 'i1',
    issueDate: '2026-03-01',
    openBalance: 50000,
    source: 'connectwise',
    status: 'open',
    terms: 'Net 30',
    ...overrides,
  };
}

const calendarDate = fc
  .date({
    max: new Date('2060-12-31T00:00:00Z'),
    min: new Date('1990-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('autopayRunDate', () => {
  it('counts days before and after the due date, and after the invoice date', () => {
    const inv = { dueDate: '2026-03-31', issueDate: '2026-03-01' };
    expect(autopayRunDate({ days: 3, type: 'days_after_due' }, inv)).toBe('2026-04-03');
    expect(autopayRunDate({ days: -5, type: 'days_after_due' }, inv)).toBe('2026-03-26');
    expect(autopayRunDate({ days: 0, type: 'days_after_due' }, inv)).toBe('2026-03-31');
    expect(autopayRunDate({ days: 10, type: 'days_after_invoice' }, inv)).toBe('2026-03-11');
  });

  it('crosses month ends, year ends and leap days as calendar dates', () => {
    expect(
      autopayRunDate(
        { days: 1, type: 'days_after_due' },
        { dueDate: '2024-02-28', issueDate: '2024-01-29' },
      ),
    ).toBe('2024-02-29');
    expect(
      autopayRunDate(
        { days: 1, type: 'days_after_due' },
        { dueDate: '2025-02-28', issueDate: '2025-01-29' },
      ),
    ).toBe('2025-03-01');
    expect(
      autopayRunDate(
        { days: -1, type: 'days_after_due' },
        { dueDate: '2027-01-01', issueDate: '2026-12-01' },
      ),
    ).toBe('2026-12-31');
    // The US spring-forward and fall-back days are ordinary calendar days here.
    expect(
      autopayRunDate(
        { days: 1, type: 'days_after_due' },
        { dueDate: '2026-03-07', issueDate: '2026-02-05' },
      ),
    ).toBe('2026-03-08');
    expect(
      autopayRunDate(
        { days: 1, type: 'days_after_due' },
        { dueDate: '2026-10-31', issueDate: '2026-10-01' },
      ),
    ).toBe('2026-11-01');
  });

  it('takes the day of the month on or after the invoice date, clamped to the month end', () => {
    const on = (dayOfMonth: number, issueDate: string) =>
      autopayRunDate({ dayOfMonth, type: 'day_of_month' }, { dueDate: issueDate, issueDate });
    expect(on(15, '2026-03-01')).toBe('2026-03-15');
    expect(on(15, '2026-03-15')).toBe('2026-03-15');
    expect(on(15, '2026-03-16')).toBe('2026-04-15');
    expect(on(31, '2026-02-10')).toBe('2026-02-28');
    expect(on(31, '2024-02-10')).toBe('2024-02-29');
    expect(on(30, '2026-01-31')).toBe('2026-02-28');
    expect(on(31, '2026-04-05')).toBe('2026-04-30');
    expect(on(1, '2026-12-02')).toBe('2027-01-01');
    expect(on(29, '2023-02-01')).toBe('2023-02-28');
  });

  it('refuses a trigger that cannot give a date', () => {
    const inv = { dueDate: '2026-03-31', issueDate: '2026-03-01' };
    expect(() => autopayRunDate({ days: 1.5, type: 'days_after_due' }, inv)).toThrow(RangeError);
    expect(() => autopayRunDate({ days: -1, type: 'days_after_invoice' }, inv)).toThrow(RangeError);
    expect(() => autopayRunDate({ dayOfMonth: 32, type: 'day_of_month' }, inv)).toThrow(RangeError);
    expect(() => autopayRunDate({ type: 'weekly' }, inv)).toThrow(RangeError);
  });
});

describe('autopayRunDate over any date (property)', () => {
  it('is exactly `days` calendar days from the due or invoice date', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ max: 365, min: -365 }), (due, days) => {
        const date = autopayRunDate(
          { days, type: 'days_after_due' },
          { dueDate: due, issueDate: due },
        );
        expect(daysBetween(due, date)).toBe(days);
        if (days >= 0) {
          const after = autopayRunDate(
            { days, type: 'days_after_invoice' },
            { dueDate: due, issueDate: due },
          );
          expect(daysBetween(due, after)).toBe(days);
        }
      }),
    );
  });

  it('is the clamped day of the month, within a month of the invoice date', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ max: 31, min: 1 }), (issueDate, dayOfMonth) => {
        const date = autopayRunDate(
          { dayOfMonth, type: 'day_of_month' },
          { dueDate: issueDate, issueDate },
        );
        const [y, m, d] = date.split('-').map(Number);
        expect(d).toBe(Math.min(dayOfMonth, daysInMonth(y, m)));
        expect(date >= issueDate).toBe(true);
        // The first such date: the month before it does not already qualify.
        expect(date <= addMonths(issueDate, 1)).toBe(true);
        const previousCandidate = addMonths(`${date.slice(0, 8)}01`, -1);
        const [py, pm] = previousCandidate.split('-').map(Number);
        const previous = `${previousCandidate.slice(0, 8)}${String(Math.min(dayOfMonth, daysInMonth(py, pm))).padStart(2, '0')}`;
        expect(previous < issueDate).toBe(true);
      }),
    );
  });

  it('never moves with the time zone or DST: the run sees each MSP calendar date once', () => {
    const zones = [
      'America/Chicago',
      'America/New_York',
      'America/St_Johns',
      'Europe/London',
      'Australia/Lord_Howe',
      'Pacific/Auckland',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({
          max: new Date('2040-01-01T00:00:00Z'),
          min: new Date('2000-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ max: 22, min: 0 }),
        fc.integer({ max: 60, min: -60 }),
        (zone, instant, hour, days) => {
          // A daily run some hours after the zone's midnight (a DST day has 23 to 25 hours) is
          // on that MSP date, and the next day's run on the next date: no gap and no repeat.
          const today = todayIn(zone, instant);
          const tomorrow = addDays(today, 1);
          const runToday = startOfDayIn(today, zone) + hour * 3_600_000;
          const runTomorrow = startOfDayIn(tomorrow, zone) + hour * 3_600_000;
          expect(todayIn(zone, new Date(runToday))).toBe(today);
          expect(todayIn(zone, new Date(runTomorrow))).toBe(tomorrow);
          // The rule date is calendar arithmetic on the MSP date: the same in every zone.
          const date = autopayRunDate(
            { days, type: 'days_after_due' },
            { dueDate: today, issueDate: today },
          );
          expect(date).toBe(addDays(today, days));
          const inv = invoice({ dueDate: today, issueDate: addDays(today, -30) });
          const explained = explainInvoiceAutopay(
            inv,
            [rule({ trigger: { days, type: 'days_after_due' } })],
            [{ ...bank, isDefault: true }],
            [],
            today,
          );
          expect(explained.date).toBe(date);
          expect(explained.willCharge).toBe(date >= today);
        },
      ),
    );
  });
});

describe('autopayRuleProblems', () => {
  const today = '2026-03-10';

  it('accepts a rule with a usable method and a sound trigger', () => {
    expect(autopayRuleProblems(rule(), [visa], today)).toEqual([]);
    expect(autopayRuleProblems(rule({ paymentMethodId: 'm-bank' }), [visa, bank], today)).toEqual(
      [],
    );
  });

  it('flags a rule with no usable method: none, removed, locked, expired', () => {
    const codes = (r: AutopayRuleInput, methods: AutopayMethodInput[]) =>
      autopayRuleProblems(r, methods, today).map((p) => p.code);
    expect(codes(rule(), [bank])).toEqual(['method_missing']);
    expect(codes(rule(), [])).toEqual(['method_missing']);
    expect(codes(rule({ paymentMethodId: 'gone' }), [visa])).toEqual(['method_removed']);
    expect(codes(rule({ paymentMethodId: 'm-bank' }), [{ ...bank, removed: true }])).toEqual([
      'method_removed',
    ]);
    expect(codes(rule(), [{ ...visa, status: 'locked' }])).toEqual(['method_locked']);
    expect(codes(rule(), [{ ...visa, status: 'expired' }])).toEqual(['method_expired']);
    expect(codes(rule(), [{ ...visa, expMonth: 2, expYear: 2026 }])).toEqual(['method_expired']);
    expect(codes(rule(), [{ ...visa, expMonth: 3, expYear: 2026 }])).toEqual([]);
  });

  it('follows the organization default when the rule has no method of its own', () => {
    const moved = [
      { ...visa, isDefault: false },
      { ...bank, isDefault: true },
    ];
    expect(autopayRuleProblems(rule(), moved, today)).toEqual([]);
    expect(explainInvoiceAutopay(invoice(), [rule()], moved, [], today).paymentMethodId).toBe(
      'm-bank',
    );
  });

  it('flags a bad trigger, approval or cap', () => {
    const codes = (r: AutopayRuleInput) => autopayRuleProblems(r, [visa], today).map((p) => p.code);
    expect(codes(rule({ trigger: { days: 400, type: 'days_after_due' } }))).toEqual([
      'trigger_invalid',
    ]);
    expect(codes(rule({ trigger: { type: 'days_after_due' } }))).toEqual(['trigger_invalid']);
    expect(codes(rule({ trigger: { days: -2, type: 'days_after_invoice' } }))).toEqual([
      'trigger_invalid',
    ]);
    expect(codes(rule({ trigger: { dayOfMonth: 0, type: 'day_of_month' } }))).toEqual([
      'trigger_invalid',
    ]);
    expect(codes(rule({ trigger: { days: 1, type: 'hourly' } }))).toEqual(['trigger_invalid']);
    expect(codes(rule({ approval: 'above' }))).toEqual(['approval_invalid']);
    expect(codes(rule({ approval: 'sometimes' }))).toEqual(['approval_invalid']);
    expect(codes(rule({ criteria: { maxAmount: -1 } }))).toEqual(['criteria_invalid']);
    expect(codes(rule({ criteria: { maxAmount: 1.5 } }))).toEqual(['criteria_invalid']);
  });
});

describe('criteria and approval', () => {
  const inv = invoice();

  it('matches terms and sources ignoring case and space, and caps the amount', () => {
    expect(criteriaMismatch({ terms: [' net 30 '] }, inv, 100)).toBeNull();
    expect(criteriaMismatch({ terms: ['Net 15'] }, inv, 100)?.code).toBe('terms_mismatch');
    expect(criteriaMismatch({ terms: ['Net 30'] }, { ...inv, terms: null }, 100)?.code).toBe(
      'terms_mismatch',
    );
    expect(criteriaMismatch({ sources: ['ConnectWise'] }, inv, 100)).toBeNull();
    expect(criteriaMismatch({ sources: ['quickbooks'] }, inv, 100)?.code).toBe('source_mismatch');
    expect(criteriaMismatch({ maxAmount: 100 }, inv, 100)).toBeNull();
    expect(criteriaMismatch({ maxAmount: 100 }, inv, 101)).toEqual({
      code: 'over_cap',
      message: "$1.01 is over the rule's cap of $1.00",
    });
    expect(criteriaMismatch({ maxAmount: 0, sources: [], terms: [] }, inv, 0)).toBeNull();
  });

  it('asks for approval never, always, or strictly above the threshold', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), (amount, threshold) => {
        expect(needsApproval({ approval: 'never' }, amount)).toBe(false);
        expect(needsApproval({ approval: 'always' }, amount)).toBe(true);
        expect(needsApproval({ approval: 'above', approvalThreshold: threshold }, amount)).toBe(
          amount > threshold,
        );
      }),
    );
  });
});

describe('explainInvoiceAutopay', () => {
  const today = '2026-03-10';

  it('charges with the first enabled, valid, matching rule', () => {
    const rules = [
      rule({ criteria: { maxAmount: 10000 }, id: 'small', position: 0 }),
      rule({ enabled: false, id: 'off', position: 1 }),
      rule({ id: 'locked', paymentMethodId: 'm-locked', position: 2 }),
      rule({
        id: 'bank',
        paymentMethodId: 'm-bank',
        position: 3,
        trigger: { days: -5, type: 'days_after_due' },
      }),
      rule({ id: 'later', position: 4 }),
    ];
    const methods = [visa, bank, { ...bank, id: 'm-locked', status: 'locked' as const }];
    const explained = explainInvoiceAutopay(invoice(), rules, methods, [], today);
    expect(explained).toMatchObject({
      amount: 50000,
      date: '2026-03-26',
      needsApproval: false,
      paymentMethodId: 'm-bank',
      ruleId: 'bank',
      willCharge: true,
    });
    expect(explained.reasons.map((r) => r.code)).toEqual([
      'over_cap',
      'rule_disabled',
      'method_locked',
      'matched',
    ]);
    expect(explained.reasons[3].message).toBe(
      'Rule 4 charges $500.00 to Bank •••• 6789 on Mar 26, 2026',
    );
  });

  it('orders by position, not by the order it was given', () => {
    const rules = [rule({ id: 'second', position: 5 }), rule({ id: 'first', position: 1 })];
    expect(explainInvoiceAutopay(invoice(), rules, [visa], [], today).ruleId).toBe('first');
    expect(orderedRules(rules).map((r) => r.id)).toEqual(['first', 'second']);
  });

  it('says why not: not open, nothing owed, no rules, no match', () => {
    const codes = (inv: AutopayInvoiceInput, rules: AutopayRuleInput[]) =>
      explainInvoiceAutopay(inv, rules, [visa], [], today).reasons.map((r) => r.code);
    expect(codes(invoice({ status: 'paid' }), [rule()])).toEqual(['not_open']);
    expect(codes(invoice({ openBalance: 0 }), [rule()])).toEqual(['nothing_owed']);
    expect(codes(invoice(), [])).toEqual(['no_rules']);
    expect(codes(invoice(), [rule({ criteria: { sources: ['quickbooks'] } })])).toEqual([
      'source_mismatch',
      'no_rule_matches',
    ]);
    const method = explainInvoiceAutopay(
      invoice(),
      [rule()],
      [{ ...visa, status: 'locked' }],
      [],
      today,
    );
    expect(method).toMatchObject({ date: null, ruleId: null, willCharge: false });
    expect(method.reasons.map((r) => r.code)).toEqual(['method_locked', 'no_rule_matches']);
  });

  it('leaves scheduled payments out, and charges nothing when they cover the balance', () => {
    const scheduled = (amount: number, status = 'scheduled'): AutopayExistingPayment => ({
      amount,
      id: `p-${amount}`,
      scheduledFor: '2026-04-15',
      status,
    });
    const partly = explainInvoiceAutopay(invoice(), [rule()], [visa], [scheduled(20000)], today);
    expect(partly).toMatchObject({ amount: 30000, willCharge: true });
    expect(partly.reasons.map((r) => r.code)).toEqual(['reduced_by_scheduled', 'matched']);
    const covered = explainInvoiceAutopay(
      invoice(),
      [rule()],
      [visa],
      [scheduled(20000), scheduled(30000, 'pending_approval')],
      today,
    );
    expect(covered.willCharge).toBe(false);
    expect(covered.reasons.map((r) => r.code)).toEqual(['already_scheduled']);
    // Failed and cancelled promises hold nothing back.
    const stale = explainInvoiceAutopay(
      invoice(),
      [rule()],
      [visa],
      [scheduled(20000, 'failed'), scheduled(30000, 'cancelled')],
      today,
    );
    expect(stale.amount).toBe(50000);
  });

  it('judges the cap and approval on what is left to charge', () => {
    const scheduled: AutopayExistingPayment = {
      amount: 45000,
      id: 'p',
      scheduledFor: null,
      status: 'scheduled',
    };
    const rules = [
      rule({ approval: 'above', approvalThreshold: 4000, criteria: { maxAmount: 5000 } }),
    ];
    const explained = explainInvoiceAutopay(invoice(), rules, [visa], [scheduled], today);
    expect(explained).toMatchObject({ amount: 5000, needsApproval: true, willCharge: true });
    expect(explained.reasons.map((r) => r.code)).toEqual([
      'reduced_by_scheduled',
      'matched',
      'needs_approval',
    ]);
  });

  it('charges once per (invoice, date), never on a passed date', () => {
    const made: AutopayExistingPayment = {
      amount: 50000,
      autopayRunDate: '2026-03-31',
      id: 'p',
      scheduledFor: '2026-03-31',
      status: 'failed',
    };
    const again = explainInvoiceAutopay(invoice(), [rule()], [visa], [made], today);
    expect(again).toMatchObject({ date: '2026-03-31', willCharge: false });
    expect(again.reasons.map((r) => r.code)).toEqual(['already_charged']);
    const passed = explainInvoiceAutopay(invoice(), [rule()], [visa], [], '2026-04-01');
    expect(passed).toMatchObject({ date: '2026-03-31', ruleId: 'r1', willCharge: false });
    expect(passed.reasons.map((r) => r.code)).toEqual(['run_date_passed']);
  });

  it('moves a date before Settle knew of the invoice to the day it did', () => {
    const late = explainInvoiceAutopay(
      invoice({ knownSince: '2026-04-02' }),
      [rule()],
      [visa],
      [],
      '2026-04-02',
    );
    expect(late).toMatchObject({ date: '2026-04-02', willCharge: true });
    expect(late.reasons[0].code).toBe('run_date_moved');
  });

  it('does not charge a card that will have expired by the date', () => {
    const explained = explainInvoiceAutopay(
      invoice(),
      [rule()],
      [{ ...visa, expMonth: 3, expYear: 2026 }],
      [],
      today,
    );
    expect(explained).toMatchObject({ date: '2026-03-31', willCharge: true });
    const later = explainInvoiceAutopay(
      invoice({ dueDate: '2026-04-02' }),
      [rule()],
      [{ ...visa, expMonth: 3, expYear: 2026 }],
      [],
      today,
    );
    expect(later.willCharge).toBe(false);
    expect(later.reasons.map((r) => r.code)).toEqual(['method_expired']);
  });
});

describe('AutoPay over any rules and invoices (property)', () => {
  const trigger = fc.oneof(
    fc.record({ days: fc.integer({ max: 60, min: -60 }), type: fc.constant('days_after_due') }),
    fc.record({ days: fc.integer({ max: 60, min: 0 }), type: fc.constant('days_after_invoice') }),
    fc.record({ dayOfMonth: fc.integer({ max: 31, min: 1 }), type: fc.constant('day_of_month') }),
  );
  const methodIds = ['m-visa', 'm-bank', 'm-locked', 'm-gone', null] as const;
  const methods: AutopayMethodInput[] = [visa, bank, { ...bank, id: 'm-locked', status: 'locked' }];
  const rules = fc
    .array(
      fc.record({
        approval: fc.constantFrom('never', 'always', 'above'),
        approvalThreshold: fc.nat({ max: 100_000 }),
        criteria: fc.record({
          maxAmount: fc.option(fc.nat({ max: 100_000 }), { nil: null }),
          sources: fc.constantFrom([], ['connectwise'], ['quickbooks']),
          terms: fc.constantFrom([], ['Net 30'], ['Net 15']),
        }),
        enabled: fc.boolean(),
        paymentMethodId: fc.constantFrom(...methodIds),
        trigger,
      }),
      { maxLength: 6 },
    )
    .map((list) =>
      list.map((r, index) => ({ ...r, id: `r${index}`, position: index }) as AutopayRuleInput),
    );
  const anInvoice = fc.record({
    due: calendarDate,
    openBalance: fc.nat({ max: 100_000 }),
    source: fc.constantFrom('connectwise', 'quickbooks'),
    terms: fc.constantFrom('Net 30', 'Net 15', null),
  });

  it('picks exactly the first enabled, valid, matching rule, and charges within the balance', () => {
    fc.assert(
      fc.property(rules, anInvoice, calendarDate, (ruleList, inv, today) => {
        const input = invoice({
          dueDate: inv.due,
          issueDate: addDays(inv.due, -30),
          openBalance: inv.openBalance,
          source: inv.source,
          terms: inv.terms,
        });
        const explained = explainInvoiceAutopay(input, ruleList, methods, [], today);
        const expected = ruleList.find(
          (r) =>
            r.enabled &&
            autopayRuleProblems(r, methods, today).length === 0 &&
            criteriaMismatch(r.criteria, input, input.openBalance) === null,
        );
        if (input.openBalance === 0 || ruleList.length === 0) {
          expect(explained.ruleId).toBeNull();
        } else {
          expect(explained.ruleId).toBe(expected?.id ?? null);
        }
        expect(explained.reasons.length).toBeGreaterThan(0);
        if (explained.willCharge) {
          expect(explained.amount).toBeGreaterThan(0);
          expect(explained.amount).toBeLessThanOrEqual(input.openBalance);
          expect(explained.date! >= today).toBe(true);
          const winner = ruleList.find((r) => r.id === explained.ruleId)!;
          expect(explained.date! >= autopayRunDate(winner.trigger, input)).toBe(true);
          expect(explained.needsApproval).toBe(needsApproval(winner, explained.amount));
          // The run on that date charges the same thing; a run on another date charges nothing.
          expect(autopayChargeOn(explained.date!, input, ruleList, methods, [])).toEqual(
            explainInvoiceAutopay(input, ruleList, methods, [], explained.date!),
          );
          expect(
            autopayChargeOn(addDays(explained.date!, 1), input, ruleList, methods, []),
          ).toBeNull();
          // Once AutoPay made its payment for the date, the same date never charges again.
          const made: AutopayExistingPayment = {
            amount: explained.amount,
            autopayRunDate: explained.date,
            id: 'p',
            scheduledFor: explained.date,
            status: 'processing',
          };
          expect(autopayChargeOn(explained.date!, input, ruleList, methods, [made])).toBeNull();
        }
      }),
    );
  });
});

describe('AutoPay retries after a retryable decline', () => {
  const today = '2026-03-31';
  const declined = (date: string, failureCode: string | null): AutopayExistingPayment => ({
    amount: 50000,
    autopayRunDate: date,
    failureCode,
    id: `p-${date}`,
    scheduledFor: null,
    status: 'failed',
  });

  it('tries again the next day, then two days later, and then stops', () => {
    const first = [declined('2026-03-31', 'insufficient_funds')];
    expect(autopayChargeOn('2026-04-01', invoice(), [rule()], [visa], first)).toMatchObject({
      date: '2026-04-01',
      willCharge: true,
    });
    const explained = explainInvoiceAutopay(invoice(), [rule()], [visa], first, '2026-04-01');
    expect(explained.reasons.map((r) => r.code)).toEqual(['retry', 'matched']);
    const second = [...first, declined('2026-04-01', 'processing_error')];
    expect(autopayChargeOn('2026-04-02', invoice(), [rule()], [visa], second)).toBeNull();
    expect(autopayChargeOn('2026-04-03', invoice(), [rule()], [visa], second)).toMatchObject({
      date: '2026-04-03',
    });
    const third = [...second, declined('2026-04-03', 'insufficient_funds')];
    const done = explainInvoiceAutopay(invoice(), [rule()], [visa], third, '2026-04-03');
    expect(done).toMatchObject({ willCharge: false });
    expect(done.reasons.map((r) => r.code)).toEqual(['retries_exhausted']);
  });

  it('never retries a decline that will not pass, nor a charge that went through', () => {
    for (const code of ['card_declined', 'lost_card', 'expired_card', null]) {
      const made = [declined(today, code)];
      expect(autopayChargeOn('2026-04-01', invoice(), [rule()], [visa], made)).toBeNull();
    }
    const succeeded = [{ ...declined(today, null), status: 'succeeded' }];
    expect(autopayChargeOn('2026-04-01', invoice(), [rule()], [visa], succeeded)).toBeNull();
  });

  it('retries on exactly the configured days, at most once each (property)', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.integer({ max: 10, min: 1 }), { maxLength: 3 })
          .map((a) => [...a].sort((x, y) => x - y)),
        fc.integer({ max: 12, min: 0 }),
        (offsets, later) => {
          const made = [declined(today, 'insufficient_funds')];
          const day = addDays(today, later);
          const charged = explainInvoiceAutopay(invoice(), [rule()], [visa], made, day, offsets);
          const onRetryDay = charged.willCharge && charged.date === day;
          // Only the first retry day can charge while no retry was made yet.
          expect(onRetryDay).toBe(offsets.length > 0 && later === offsets[0]);
        },
      ),
    );
  });
});

describe('retryScheduleProblem', () => {
  it('accepts increasing whole days from 1 to 30, five at most, and no retries at all', () => {
    expect(retryScheduleProblem([])).toBeNull();
    expect(retryScheduleProblem([1, 3])).toBeNull();
    expect(retryScheduleProblem([1, 2, 5, 10, 30])).toBeNull();
  });

  it('names what is wrong', () => {
    expect(retryScheduleProblem([1, 2, 3, 4, 5, 6])).toBe('must hold at most 5 retries');
    expect(retryScheduleProblem([0])).toMatch(/^each retry must be a whole number of days/);
    expect(retryScheduleProblem([31])).toMatch(/^each retry must be a whole number of days/);
    expect(retryScheduleProblem([1.5])).toMatch(/^each retry must be a whole number of days/);
    expect(retryScheduleProblem([3, 3])).toBe('each retry must come after the one before');
    expect(retryScheduleProblem([5, 2])).toBe('each retry must come after the one before');
  });

  it('holds for any schedule: valid exactly when sorted, unique, whole, in range and short', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ max: 40, min: -2 }), { maxLength: 8 }), (offsets) => {
        const valid =
          offsets.length <= 5 &&
          offsets.every((d) => d >= 1 && d <= 30) &&
          offsets.every((d, i) => i === 0 || d > offsets[i - 1]);
        expect(retryScheduleProblem(offsets) === null).toBe(valid);
      }),
    );
  });
});

describe('a retry schedule of its own', () => {
  it('retries a retryable decline on the configured days, and not at all with none', () => {
    const declined = [
      {
        amount: 62_800,
        autopayRunDate: '2026-03-31' as const,
        failureCode: 'insufficient_funds',
        id: 'p1',
        scheduledFor: null,
        status: 'failed' as const,
      },
    ];
    expect(autopayChargeOn('2026-04-05', invoice(), [rule()], [visa], declined, [5])).toMatchObject(
      { date: '2026-04-05', willCharge: true },
    );
    expect(autopayChargeOn('2026-04-01', invoice(), [rule()], [visa], declined, [5])).toBeNull();
    expect(autopayChargeOn('2026-04-01', invoice(), [rule()], [visa], declined, [])).toBeNull();
    const noRetries = explainInvoiceAutopay(
      invoice(),
      [rule()],
      [visa],
      declined,
      '2026-04-01',
      [],
    );
    expect(noRetries.reasons.map((r) => r.code)).toEqual(['retries_exhausted']);
  });
});
