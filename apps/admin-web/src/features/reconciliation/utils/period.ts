import { addDays, addMonths, isCalendarDate, monthOf } from '@/lib/calendar-date';

export interface Period {
  from: string;
  to: string;
}

/** The longest period one run covers (the API refuses more). */
export const MAX_PERIOD_DAYS = 366;

export const PRESETS = [
  { key: 'this-month', label: 'This month' },
  { key: 'last-month', label: 'Last month' },
  { key: 'last-90-days', label: 'Last 90 days' },
] as const;
export type PresetKey = (typeof PRESETS)[number]['key'];

/** A preset's days, counted from the MSP's today; both ends included. */
export function presetPeriod(key: PresetKey, today: string): Period {
  const month = monthOf(today);
  switch (key) {
    case 'this-month':
      return { from: `${month}-01`, to: today };
    case 'last-month':
      return { from: `${addMonths(month, -1)}-01`, to: addDays(`${month}-01`, -1) };
    case 'last-90-days':
      return { from: addDays(today, -89), to: today };
  }
}

/** Days from `from` to `to`, both included. */
export function periodDays({ from, to }: Period): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** What is wrong with a period typed by hand, per field; empty when it can be run. */
export function periodErrors(period: Period, today: string): Partial<Record<keyof Period, string>> {
  const errors: Partial<Record<keyof Period, string>> = {};
  if (!isCalendarDate(period.from)) errors.from = 'Enter the first day of the period';
  else if (period.from > today) errors.from = 'The period cannot start in the future';
  if (!isCalendarDate(period.to)) errors.to = 'Enter the last day of the period';
  if (errors.from || errors.to) return errors;
  if (period.to < period.from) errors.to = 'The last day must be on or after the first';
  else if (periodDays(period) > MAX_PERIOD_DAYS) {
    errors.to = `A run covers at most ${MAX_PERIOD_DAYS} days; this period has ${periodDays(period)}`;
  }
  return errors;
}
