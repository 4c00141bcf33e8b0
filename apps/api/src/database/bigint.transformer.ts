import { ValueTransformer } from 'typeorm';

/**
 * Money columns are PostgreSQL bigint, which `pg` returns as strings. Amounts in Settle stay
 * below 2^53 minor units, so a JavaScript number holds them exactly; refuse anything else
 * rather than round it.
 */
export const bigintMoney: ValueTransformer = {
  from: (value: string | null) => {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed))
      throw new Error(`bigint ${value} is outside the safe integer range`);
    return parsed;
  },
  to: (value: number | null | undefined) => value,
};
