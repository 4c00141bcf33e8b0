const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function defaultLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Formats an ISO timestamp as a date in `timeZone`. A calendar date (`YYYY-MM-DD`, already in the
 * MSP's zone) is shown as is, never shifted by a zone.
 */
export function formatDate(
  iso: string | null | undefined,
  timeZone: string = browserTimeZone(),
  locale: string = defaultLocale(),
): string {
  if (!iso) return '—';
  const calendar = CALENDAR_DATE.test(iso);
  const date = new Date(calendar ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone: calendar ? 'UTC' : timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(date);
}

export function formatDateTime(
  iso: string | null | undefined,
  timeZone: string = browserTimeZone(),
  locale: string = defaultLocale(),
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}
