import { formatMoney } from '@settle/ui';

import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { methodName } from '@/components/payment-methods/payment-method-label';

import type { AutopayRuleDto } from '../api/types';

const days = (n: number) => `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`;

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "On the due date", "3 days before the due date", "On the 15th of the month". */
export function triggerText(trigger: AutopayRuleDto['trigger']): string {
  const n = trigger.days ?? 0;
  switch (trigger.type) {
    case 'days_after_due':
      if (n === 0) return 'On the due date';
      return n > 0 ? `${days(n)} after the due date` : `${days(-n)} before the due date`;
    case 'days_after_invoice':
      if (n === 0) return 'On the invoice date';
      return n > 0 ? `${days(n)} after the invoice date` : `${days(-n)} before the invoice date`;
    case 'day_of_month':
      return trigger.dayOfMonth
        ? `On the ${ordinal(trigger.dayOfMonth)} of the month`
        : 'On a day of the month not set';
    default:
      return 'On a date this version of Settle cannot describe';
  }
}

/** The method a rule charges, by name; a method no longer on file says so. */
export function ruleMethodText(
  paymentMethodId: string | null,
  methods: readonly PaymentMethodDto[] | undefined,
): string {
  if (paymentMethodId === null) return "the organization's default method";
  const method = methods?.find((m) => m.id === paymentMethodId);
  if (method) return methodName(method);
  return methods ? 'a payment method no longer on file' : 'the chosen payment method';
}

/**
 * A rule in plain words: "On the due date, charge Office Visa; up to $1,000.00; needs approval
 * above $500.00".
 */
export function ruleSummary(
  rule: AutopayRuleDto,
  methods: readonly PaymentMethodDto[] | undefined,
  currency: string,
): string {
  const parts = [
    `${triggerText(rule.trigger)}, charge ${ruleMethodText(rule.paymentMethodId, methods)}`,
  ];
  const { maxAmount, terms, sources } = rule.criteria;
  if (maxAmount !== null) parts.push(`up to ${formatMoney(maxAmount, currency)}`);
  if (terms.length) parts.push(`only invoices with terms ${terms.join(' or ')}`);
  if (sources.length) parts.push(`only invoices from ${sources.join(' or ')}`);
  if (rule.approval === 'always') parts.push('every charge needs approval');
  else if (rule.approval === 'above' && rule.approvalThreshold !== null)
    parts.push(`needs approval above ${formatMoney(rule.approvalThreshold, currency)}`);
  else parts.push('no approval needed');
  return parts.join('; ');
}
