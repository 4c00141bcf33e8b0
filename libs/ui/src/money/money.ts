function defaultLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

/** Number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3). */
export function currencyFractionDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** Formats integer minor units (cents) as money; never goes through a float sum. */
export function formatMoney(
  minor: number,
  currency: string,
  locale: string = defaultLocale(),
): string {
  const digits = currencyFractionDigits(currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return formatter.format(minor / 10 ** digits);
}

/** Short money for chart axes and tight spaces ($20K, $1.2M); still from integer minor units. */
export function formatMoneyCompact(
  minor: number,
  currency: string,
  locale: string = defaultLocale(),
): string {
  const digits = currencyFractionDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(minor / 10 ** digits);
}

/** The sign shown before an amount input: "$" for USD, "CA$" for CAD, "€" for EUR (en-US). */
export function currencySymbol(currency: string, locale: string = defaultLocale()): string {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}
