import { formatDate, formatDateTime } from '@settle/ui';

// A calendar date (2026-03-05) or a timestamp (2026-03-05T15:04:00Z, with an offset or not).
const ISO_DATE =
  /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;

/**
 * Text written by the API ("Rescheduled from 2026-03-05 to 2026-03-12") with each ISO date in the
 * app's date format ("Rescheduled from Mar 5, 2026 to Mar 12, 2026"): calendar dates as they are,
 * timestamps in the MSP's time zone.
 */
export function formatDatesInText(text: string, timeZone: string, locale?: string): string {
  return text.replace(ISO_DATE, (iso) =>
    iso.length === 10 ? formatDate(iso, timeZone, locale) : formatDateTime(iso, timeZone, locale),
  );
}
