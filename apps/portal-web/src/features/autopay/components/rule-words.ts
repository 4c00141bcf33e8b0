import { formatMoney } from '@settle/ui';

import type { PortalPaymentMethod } from '@/api/payment-methods';
import { methodName } from '@/components/payment-method-label';

import type { AutopayRule } from '../api/autopay-rules';

type Trigger = AutopayRule['trigger'];

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const daysWord = (n: number) => (Math.abs(n) === 1 ? '1 day' : `${Math.abs(n)} days`);

/** "3 days after it is due", "on the 15th of the month (on or after its date)". */
export function triggerWords(trigger: Trigger): string {
  const days = trigger.days ?? 0;
  switch (trigger.type) {
    case 'days_after_due':
      if (days === 0) return 'on the day it is due';
      return days > 0 ? `${daysWord(days)} after it is due` : `${daysWord(days)} before it is due`;
    case 'days_after_invoice':
      if (days === 0) return 'on the day it is issued';
      return days > 0
        ? `${daysWord(days)} after it is issued`
        : `${daysWord(days)} before its invoice date`;
    case 'day_of_month': {
      const day = trigger.dayOfMonth ?? 1;
      // the API clamps a day the month lacks to the month's last day
      const clamp = day > 28 ? ' (or the last day of a shorter month)' : '';
      return `on the ${ordinal(day)} of the month, on or after it is issued${clamp}`;
    }
    default:
      return 'on its trigger date';
  }
}

/**
 * The rule in one sentence, then its limits: "Pays each invoice 3 days after it is due, with
 * Office Visa." "At most $500.00 per invoice."
 */
export function ruleWords(
  rule: AutopayRule,
  methods: readonly PortalPaymentMethod[] | undefined,
  currency: string,
): { sentence: string; limits: string[] } {
  const method = rule.paymentMethodId
    ? methods?.find((m) => m.id === rule.paymentMethodId)
    : undefined;
  const payWith = !rule.paymentMethodId
    ? 'your default payment method'
    : method
      ? methodName(method)
      : 'a saved payment method';
  const sentence = `Pays each invoice ${triggerWords(rule.trigger)}, with ${payWith}.`;
  const limits: string[] = [];
  const money = (minor: number) => formatMoney(minor, currency);
  if (rule.criteria.maxAmount !== null)
    limits.push(`At most ${money(rule.criteria.maxAmount)} per invoice.`);
  if (rule.criteria.terms.length)
    limits.push(`Only invoices with terms ${rule.criteria.terms.join(', ')}.`);
  if (rule.criteria.sources.length)
    limits.push(`Only invoices from ${rule.criteria.sources.join(', ')}.`);
  if (rule.approval === 'always') limits.push('Each charge waits for your provider to approve it.');
  if (rule.approval === 'above' && rule.approvalThreshold !== null)
    limits.push(
      `Charges over ${money(rule.approvalThreshold)} wait for your provider to approve them.`,
    );
  return { sentence, limits };
}
