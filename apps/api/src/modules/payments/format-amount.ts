import { minorUnitDigits } from '@settle/domain';

// Building an Intl.NumberFormat costs far more than using one; there are a few currencies.
const formats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

/** For timeline summaries and messages only; amounts themselves stay integers in minor units. */
export function formatAmount(minor: number, currency: string): string {
  let entry = formats.get(currency);
  if (!entry) {
    entry = {
      digits: minorUnitDigits(currency),
      format: new Intl.NumberFormat('en-US', { currency, style: 'currency' }),
    };
    formats.set(currency, entry);
  }
  return entry.format.format(minor / 10 ** entry.digits);
}
