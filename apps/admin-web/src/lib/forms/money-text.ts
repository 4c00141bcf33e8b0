import { currencyFractionDigits, formatMoney, parseMoneyInput } from '@settle/ui';
import { z } from 'zod';

/**
 * The text of a money field (FormMoneyField) → integer minor units of `currency`, never through
 * a float. Refuses empty, zero and negative amounts, and anything over `max` (minor units), saying
 * "Cannot be more than <what> $2,003.00" with `what` such as "the open balance of".
 */
export function moneyText(currency: string, { max, what }: { max?: number; what?: string } = {}) {
  const digits = currencyFractionDigits(currency);
  return z.string().transform((text, ctx) => {
    const parsed = parseMoneyInput(text, digits);
    const error = !parsed.ok
      ? parsed.error
      : parsed.minor <= 0
        ? 'Enter an amount greater than zero'
        : max !== undefined && parsed.minor > max
          ? `Cannot be more than ${what ? `${what} ` : ''}${formatMoney(max, currency)}`
          : null;
    if (error || !parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: error ?? 'Enter an amount' });
      return z.NEVER;
    }
    return parsed.minor;
  });
}
