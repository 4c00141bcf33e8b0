import { formatMoney } from '@settle/ui';

/** "$1,200.00" or, across currencies, "$1,200.00 and CA$50.00". */
export function totalText(items: readonly { amount: number; currency: string }[]): string {
  const sums = new Map<string, number>();
  for (const i of items) sums.set(i.currency, (sums.get(i.currency) ?? 0) + i.amount);
  return [...sums].map(([currency, sum]) => formatMoney(sum, currency)).join(' and ');
}
