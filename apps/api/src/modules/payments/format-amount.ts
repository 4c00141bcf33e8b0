import { minorUnitDigits } from '@settle/domain';

/** For timeline summaries and messages only; amounts themselves stay integers in minor units. */
export function formatAmount(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { currency, style: 'currency' }).format(
    minor / 10 ** minorUnitDigits(currency),
  );
}
