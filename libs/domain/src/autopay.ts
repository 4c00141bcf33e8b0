import {
  addDays,
  assertCalendarDate,
  CalendarDate,
  daysInMonth,
  isCalendarDate,
} from './calendar-date';
import { isCardExpired } from './card-expiry';
import { toDecimalString } from './money';

/**
 * AutoPay rule evaluation: which rule (if any) charges an open invoice, on which calendar date,
 * with which method, for how much, and why or why not. Every date here is a calendar date on the
 * MSP's calendar (`todayIn(mspTimeZone)`), so no server time zone or DST change can move a run
 * date by a day.
 */

export const AUTOPAY_TRIGGER_TYPES = [
  'days_after_due',
  'days_after_invoice',
  'day_of_month',
] as const;
/** @public The AutoPay rules API (next step of the AutoPay issue) types its DTOs with it. */
export type AutopayTriggerType = (typeof AUTOPAY_TRIGGER_TYPES)[number];

export const AUTOPAY_APPROVALS = ['never', 'always', 'above'] as const;
/** @public The AutoPay rules API (next step of the AutoPay issue) types its DTOs with it. */
export type AutopayApproval = (typeof AUTOPAY_APPROVALS)[number];

/** How far from the due or invoice date a rule may run: a year either way. */
export const AUTOPAY_MAX_DAYS = 365;

/** Stored loosely, so that a rule saved before a limit changed is reported, not thrown on. */
export interface AutopayTrigger {
  type: string;
  days?: number | null;
  dayOfMonth?: number | null;
}

export interface AutopayCriteria {
  /** The most this rule charges, in the invoice's minor units; more is left for a person. */
  maxAmount?: number | null;
  /** Invoice terms the rule applies to (case and surrounding space ignored); empty: any. */
  terms?: readonly string[] | null;
  /** Invoice sources (`connectwise`, `quickbooks`, ...) the rule applies to; empty: any. */
  sources?: readonly string[] | null;
}

export interface AutopayRuleInput {
  id: string;
  position: number;
  /** null: the organization's default method, whichever it is on the day. */
  paymentMethodId: string | null;
  trigger: AutopayTrigger;
  criteria: AutopayCriteria;
  approval: string;
  approvalThreshold?: number | null;
  enabled: boolean;
}

export interface AutopayMethodInput {
  id: string;
  status: 'active' | 'expired' | 'locked';
  isDefault: boolean;
  /** Removed methods are kept for history; a rule pointing at one cannot charge. */
  removed: boolean;
  expMonth?: number | null;
  expYear?: number | null;
  /** How messages name it, e.g. "Visa •••• 4242". */
  label?: string;
}

export interface AutopayInvoiceInput {
  id: string;
  number?: string;
  status: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  currency: string;
  openBalance: number;
  terms: string | null;
  source: string;
  /**
   * The MSP-calendar date Settle first saw the invoice. A rule date before it (an invoice synced
   * late) moves to this date instead of being missed.
   */
  knownSince?: CalendarDate | null;
}

/** A payment already promised for this invoice: its amount allocated to the invoice. */
export interface AutopayExistingPayment {
  id: string;
  status: string;
  amount: number;
  scheduledFor: CalendarDate | null;
  /** Set on payments AutoPay made: the run date they were made for. */
  autopayRunDate?: CalendarDate | null;
  /** Why the gateway declined it, for failed payments: decides whether AutoPay tries again. */
  failureCode?: string | null;
}

/**
 * Days after a declined AutoPay charge's date that it is tried again, when the decline may pass
 * (insufficient funds, a processing error): the next day, then two days later.
 */
export const AUTOPAY_RETRY_OFFSETS: readonly number[] = [1, 3];
/** Retries a schedule may hold, and how far after the charge's date the last may be. */
export const AUTOPAY_MAX_RETRIES = 5;
export const AUTOPAY_MAX_RETRY_DAY = 30;

/**
 * What is wrong with a retry schedule (days after the first charge's date, each later than the
 * one before), or null. An empty schedule is valid: declined charges are not tried again.
 */
export function retryScheduleProblem(offsets: readonly number[]): string | null {
  if (offsets.length > AUTOPAY_MAX_RETRIES)
    return `must hold at most ${AUTOPAY_MAX_RETRIES} retries`;
  if (offsets.some((days) => !Number.isInteger(days) || days < 1 || days > AUTOPAY_MAX_RETRY_DAY))
    return `each retry must be a whole number of days from 1 to ${AUTOPAY_MAX_RETRY_DAY}`;
  if (offsets.some((days, i) => i > 0 && days <= offsets[i - 1]))
    return 'each retry must come after the one before';
  return null;
}

/**
 * Declines that a later attempt may turn into a payment: money not there yet, or the network or
 * issuer having a moment. A card reported lost, a closed account or a generic refusal is not
 * tried again (retrying those is what card-testing detection looks for).
 */
const RETRYABLE_DECLINES: ReadonlySet<string> = new Set([
  'insufficient_funds',
  'processing_error',
  'try_again_later',
  'issuer_not_available',
  'reenter_transaction',
  'r01',
  'r09',
]);

export function isRetryableDecline(code: string | null | undefined): boolean {
  return typeof code === 'string' && RETRYABLE_DECLINES.has(code.trim().toLowerCase());
}

export interface AutopayProblem {
  code:
    | 'method_missing'
    | 'method_removed'
    | 'method_locked'
    | 'method_expired'
    | 'trigger_invalid'
    | 'approval_invalid'
    | 'criteria_invalid';
  message: string;
}

export interface AutopayReason {
  code: string;
  message: string;
}

export interface AutopayExplanation {
  willCharge: boolean;
  /** The date the charge happens (or would have happened); null when no rule applies. */
  date: CalendarDate | null;
  ruleId: string | null;
  paymentMethodId: string | null;
  amount: number;
  needsApproval: boolean;
  reasons: AutopayReason[];
}

const TENTATIVE_STATUSES: ReadonlySet<string> = new Set(['scheduled', 'pending_approval']);
/** Statuses of an AutoPay payment that count as "this run date was already handled". */
const HANDLED_STATUSES: ReadonlySet<string> = new Set([
  'scheduled',
  'pending_approval',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
  'returned',
  'refunded',
]);

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Why a trigger cannot produce a date, or null when it can. */
export function triggerProblem(trigger: AutopayTrigger): string | null {
  switch (trigger.type) {
    case 'days_after_due':
      return isWhole(trigger.days, -AUTOPAY_MAX_DAYS, AUTOPAY_MAX_DAYS)
        ? null
        : `days must be a whole number from -${AUTOPAY_MAX_DAYS} to ${AUTOPAY_MAX_DAYS}`;
    case 'days_after_invoice':
      return isWhole(trigger.days, 0, AUTOPAY_MAX_DAYS)
        ? null
        : `days must be a whole number from 0 to ${AUTOPAY_MAX_DAYS}`;
    case 'day_of_month':
      return isWhole(trigger.dayOfMonth, 1, 31)
        ? null
        : 'dayOfMonth must be a whole number from 1 to 31';
    default:
      return `the trigger type must be one of ${AUTOPAY_TRIGGER_TYPES.join(', ')}`;
  }
}

/**
 * The calendar date a rule's trigger charges an invoice on:
 * - `days_after_due`: the due date plus `days` (negative: before the due date);
 * - `days_after_invoice`: the invoice date plus `days`;
 * - `day_of_month`: the first date on or after the invoice date whose day is `dayOfMonth`,
 *   clamped to the month's last day (31 in February is the 28th, or the 29th in leap years).
 * Throws RangeError for a trigger `triggerProblem` refuses.
 */
export function autopayRunDate(
  trigger: AutopayTrigger,
  invoice: Pick<AutopayInvoiceInput, 'issueDate' | 'dueDate'>,
): CalendarDate {
  const problem = triggerProblem(trigger);
  if (problem) throw new RangeError(`Invalid AutoPay trigger: ${problem}`);
  switch (trigger.type) {
    case 'days_after_due':
      return addDays(assertCalendarDate(invoice.dueDate), trigger.days as number);
    case 'days_after_invoice':
      return addDays(assertCalendarDate(invoice.issueDate), trigger.days as number);
    default: {
      const issued = assertCalendarDate(invoice.issueDate);
      const [year, month, day] = issued.split('-').map(Number);
      const wanted = trigger.dayOfMonth as number;
      const thisMonth = Math.min(wanted, daysInMonth(year, month));
      if (thisMonth >= day) return dateOf(year, month, thisMonth);
      const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
      return dateOf(nextYear, nextMonth, Math.min(wanted, daysInMonth(nextYear, nextMonth)));
    }
  }
}

function dateOf(year: number, month: number, day: number): CalendarDate {
  return assertCalendarDate(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/** The method a rule charges: its own, or the organization's default on the day. */
export function ruleMethod(
  rule: Pick<AutopayRuleInput, 'paymentMethodId'>,
  methods: readonly AutopayMethodInput[],
): AutopayMethodInput | null {
  if (rule.paymentMethodId === null) return methods.find((m) => m.isDefault && !m.removed) ?? null;
  return methods.find((m) => m.id === rule.paymentMethodId) ?? null;
}

function methodExpiredOn(method: AutopayMethodInput, date: CalendarDate): boolean {
  if (method.status === 'expired') return true;
  return (
    typeof method.expMonth === 'number' &&
    typeof method.expYear === 'number' &&
    isWhole(method.expMonth, 1, 12) &&
    isWhole(method.expYear, 1000, 9999) &&
    isCardExpired(method.expMonth, method.expYear, date)
  );
}

/**
 * Everything that stops a rule from ever charging, as of `today`: no usable method (none, removed,
 * locked, expired) or a trigger, approval or criterion that makes no sense. Empty: valid.
 */
export function autopayRuleProblems(
  rule: AutopayRuleInput,
  methods: readonly AutopayMethodInput[],
  today: CalendarDate,
): AutopayProblem[] {
  assertCalendarDate(today);
  const problems: AutopayProblem[] = [];
  const method = ruleMethod(rule, methods);
  if (!method) {
    problems.push(
      rule.paymentMethodId === null
        ? {
            code: 'method_missing',
            message: 'The organization has no default payment method to charge',
          }
        : { code: 'method_removed', message: 'The payment method was removed' },
    );
  } else if (method.removed) {
    problems.push({ code: 'method_removed', message: 'The payment method was removed' });
  } else if (method.status === 'locked') {
    problems.push({
      code: 'method_locked',
      message: 'The payment method is locked until staff unlock it',
    });
  } else if (methodExpiredOn(method, today)) {
    problems.push({ code: 'method_expired', message: 'The payment method has expired' });
  }
  const trigger = triggerProblem(rule.trigger);
  if (trigger) problems.push({ code: 'trigger_invalid', message: trigger });
  if (!(AUTOPAY_APPROVALS as readonly string[]).includes(rule.approval)) {
    problems.push({
      code: 'approval_invalid',
      message: `approval must be one of ${AUTOPAY_APPROVALS.join(', ')}`,
    });
  } else if (rule.approval === 'above' && !isAmount(rule.approvalThreshold)) {
    problems.push({
      code: 'approval_invalid',
      message: 'approval "above" needs an approvalThreshold in minor units',
    });
  }
  const { maxAmount } = rule.criteria;
  if (maxAmount !== undefined && maxAmount !== null && !isAmount(maxAmount))
    problems.push({
      code: 'criteria_invalid',
      message: 'maxAmount must be a non-negative whole number of minor units',
    });
  return problems;
}

function normalized(value: string): string {
  return value.trim().toLowerCase();
}

/** Why the rule's criteria refuse this invoice for this amount, or null when they accept it. */
export function criteriaMismatch(
  criteria: AutopayCriteria,
  invoice: Pick<AutopayInvoiceInput, 'terms' | 'source' | 'currency'>,
  amount: number,
): AutopayReason | null {
  const terms = criteria.terms ?? [];
  if (terms.length > 0) {
    const invoiceTerms = invoice.terms === null ? null : normalized(invoice.terms);
    if (invoiceTerms === null || !terms.some((t) => normalized(t) === invoiceTerms))
      return {
        code: 'terms_mismatch',
        message: `the invoice's terms (${invoice.terms ?? 'none'}) are not among ${terms.join(', ')}`,
      };
  }
  const sources = criteria.sources ?? [];
  if (sources.length > 0 && !sources.some((s) => normalized(s) === normalized(invoice.source)))
    return {
      code: 'source_mismatch',
      message: `the invoice's source (${invoice.source}) is not among ${sources.join(', ')}`,
    };
  const cap = criteria.maxAmount;
  if (cap !== undefined && cap !== null && amount > cap)
    return {
      code: 'over_cap',
      message: `${money(amount, invoice.currency)} is over the rule's cap of ${money(cap, invoice.currency)}`,
    };
  return null;
}

/** Whether a charge of `amount` by this rule waits for staff approval. */
export function needsApproval(
  rule: Pick<AutopayRuleInput, 'approval' | 'approvalThreshold'>,
  amount: number,
): boolean {
  if (rule.approval === 'always') return true;
  if (rule.approval === 'above') return amount > (rule.approvalThreshold ?? 0);
  return false;
}

/** Rules in the order they are tried: by position, ties by id so the order is total. */
export function orderedRules<T extends Pick<AutopayRuleInput, 'position' | 'id'>>(
  rules: readonly T[],
): T[] {
  return [...rules].sort(
    (a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** "$628.00": how staff and contacts read an amount in the explanations. */
function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { currency, style: 'currency' }).format(
      Number(toDecimalString(amount, currency)),
    );
  } catch {
    return `${amount} ${currency} minor units`;
  }
}

const DAY = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
  year: 'numeric',
});

/** "Dec 2, 2026": a calendar date as the explanations write it. */
function day(date: CalendarDate): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number);
  return DAY.format(new Date(Date.UTC(year, month - 1, dayOfMonth)));
}

// Rules are named by their place in the order, as staff see them in the list.
function ruleName(index: number): string {
  return `Rule ${index + 1}`;
}

function methodName(method: AutopayMethodInput): string {
  return method.label ?? 'the payment method';
}

/**
 * Why an invoice will, or will not, be charged by AutoPay, judged on `today` (the MSP's calendar
 * date). The first enabled, valid rule whose criteria match wins; its date is when the charge
 * happens, once per (invoice, date). `payments` are the invoice's payments with the amount
 * allocated to it: scheduled and pending-approval ones lower what AutoPay would charge (the
 * overpayment guard), and an AutoPay payment for the date means that date is already handled.
 */
export function explainInvoiceAutopay(
  invoice: AutopayInvoiceInput,
  rules: readonly AutopayRuleInput[],
  methods: readonly AutopayMethodInput[],
  payments: readonly AutopayExistingPayment[],
  today: CalendarDate,
  retryOffsets: readonly number[] = AUTOPAY_RETRY_OFFSETS,
): AutopayExplanation {
  assertCalendarDate(today);
  const reasons: AutopayReason[] = [];
  const none = (): AutopayExplanation => ({
    amount: 0,
    date: null,
    needsApproval: false,
    paymentMethodId: null,
    reasons,
    ruleId: null,
    willCharge: false,
  });

  if (invoice.status !== 'open') {
    reasons.push({ code: 'not_open', message: `The invoice is ${invoice.status}, not open` });
    return none();
  }
  if (invoice.openBalance <= 0) {
    reasons.push({ code: 'nothing_owed', message: 'The invoice has no open balance' });
    return none();
  }
  const tentative = payments
    .filter((p) => TENTATIVE_STATUSES.has(p.status))
    .reduce((sum, p) => sum + p.amount, 0);
  const amount = Math.max(0, invoice.openBalance - tentative);
  if (rules.length === 0) {
    reasons.push({ code: 'no_rules', message: 'The organization has no AutoPay rules' });
    return none();
  }
  if (amount === 0) {
    reasons.push({
      code: 'already_scheduled',
      message: `Scheduled or pending payments already cover the open balance of ${money(invoice.openBalance, invoice.currency)}`,
    });
    return none();
  }

  const ordered = orderedRules(rules);
  let winner: { rule: AutopayRuleInput; index: number; method: AutopayMethodInput } | null = null;
  for (const [index, rule] of ordered.entries()) {
    const name = ruleName(index);
    if (!rule.enabled) {
      reasons.push({ code: 'rule_disabled', message: `${name} is disabled` });
      continue;
    }
    const problems = autopayRuleProblems(rule, methods, today);
    if (problems.length > 0) {
      const first = problems[0];
      reasons.push({
        code: first.code.startsWith('method_') ? first.code : 'rule_invalid',
        message: `${name} cannot run: ${problems.map((p) => p.message).join('; ')}`,
      });
      continue;
    }
    const mismatch = criteriaMismatch(rule.criteria, invoice, amount);
    if (mismatch) {
      reasons.push({ code: mismatch.code, message: `${name} does not match: ${mismatch.message}` });
      continue;
    }
    winner = { index, method: ruleMethod(rule, methods) as AutopayMethodInput, rule };
    break;
  }
  if (!winner) {
    reasons.push({
      code: 'no_rule_matches',
      message: 'No enabled, valid rule matches the invoice',
    });
    return none();
  }

  const { rule, index, method } = winner;
  const name = ruleName(index);
  const ruleDate = autopayRunDate(rule.trigger, invoice);
  let date = ruleDate;
  if (invoice.knownSince && isCalendarDate(invoice.knownSince) && invoice.knownSince > ruleDate) {
    date = invoice.knownSince;
    reasons.push({
      code: 'run_date_moved',
      message: `${name}'s date ${day(ruleDate)} was before Settle knew of the invoice, so it runs on ${day(date)}`,
    });
  }
  const approval = needsApproval(rule, amount);
  const result = (willCharge: boolean): AutopayExplanation => ({
    amount,
    date,
    needsApproval: approval,
    paymentMethodId: method.id,
    reasons,
    ruleId: rule.id,
    willCharge,
  });

  // The rule's date, then a retry date after each retryable decline: the first without a payment
  // is the one to charge. Anything but a retryable decline ends the chain.
  const attempts = [date, ...retryOffsets.map((days) => addDays(date, days))];
  let declined: AutopayExistingPayment | null = null;
  for (const [attempt, attemptDate] of attempts.entries()) {
    date = attemptDate;
    const made = payments.find(
      (p) => p.autopayRunDate === attemptDate && HANDLED_STATUSES.has(p.status),
    );
    if (!made) {
      if (declined)
        reasons.push({
          code: 'retry',
          message: `The charge of ${day(declined.autopayRunDate!)} was declined (${declined.failureCode}); AutoPay tries again on ${day(attemptDate)}`,
        });
      break;
    }
    if (made.status !== 'failed' || !isRetryableDecline(made.failureCode)) {
      reasons.push({
        code: 'already_charged',
        message: `AutoPay already made a payment for ${day(attemptDate)} (${made.status})`,
      });
      return result(false);
    }
    if (attempt === attempts.length - 1) {
      reasons.push({
        code: 'retries_exhausted',
        message: `AutoPay tried ${attempts.length} time${attempts.length === 1 ? '' : 's'} (${attempts.map(day).join(', ')}) and every charge was declined`,
      });
      return result(false);
    }
    declined = made;
  }
  if (date < today) {
    reasons.push({
      code: 'run_date_passed',
      message: `${name} matches, but its date ${day(date)} has passed`,
    });
    return result(false);
  }
  if (methodExpiredOn(method, date)) {
    reasons.push({
      code: 'method_expired',
      message: `${name} matches, but ${methodName(method)} will have expired by ${day(date)}`,
    });
    return result(false);
  }
  if (tentative > 0)
    reasons.push({
      code: 'reduced_by_scheduled',
      message: `Scheduled or pending payments of ${money(tentative, invoice.currency)} are left out of the charge`,
    });
  reasons.push({
    code: 'matched',
    message: `${name} charges ${money(amount, invoice.currency)} to ${methodName(method)} on ${day(date)}`,
  });
  if (approval)
    reasons.push({
      code: 'needs_approval',
      message:
        rule.approval === 'always'
          ? `${name} needs staff approval for every charge`
          : `${money(amount, invoice.currency)} is over ${name}'s approval threshold of ${money(rule.approvalThreshold ?? 0, invoice.currency)}`,
    });
  return result(true);
}

/**
 * What the run for `runDate` charges this invoice, or null: the explainer, on that very date.
 * @public The daily AutoPay run (next step of the AutoPay issue) is its caller.
 */
export function autopayChargeOn(
  runDate: CalendarDate,
  invoice: AutopayInvoiceInput,
  rules: readonly AutopayRuleInput[],
  methods: readonly AutopayMethodInput[],
  payments: readonly AutopayExistingPayment[],
  retryOffsets: readonly number[] = AUTOPAY_RETRY_OFFSETS,
): AutopayExplanation | null {
  const explanation = explainInvoiceAutopay(
    invoice,
    rules,
    methods,
    payments,
    runDate,
    retryOffsets,
  );
  return explanation.willCharge && explanation.date === runDate ? explanation : null;
}
