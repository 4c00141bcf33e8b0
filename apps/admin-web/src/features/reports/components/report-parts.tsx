import { isApiError } from '@settle/api-client';
import { ErrorState, TextField } from '@settle/ui';
import { useSearchParams } from 'react-router';

import { addDays, isCalendarDate, todayIn } from '@/lib/calendar-date';
import { useMsp } from '@/lib/msp-context';

export function failure(error: unknown, fallback: string) {
  return (
    <ErrorState
      message={isApiError(error) ? error.detail : fallback}
      requestId={isApiError(error) ? error.requestId : null}
    />
  );
}

/** `from` and `to` from the address, `days` back from the MSP's today by default. */
export function usePeriod(days: number) {
  const { timeZone } = useMsp();
  const [searchParams, setSearchParams] = useSearchParams();
  const today = todayIn(timeZone);
  const read = (key: string, fallback: string) => {
    const value = searchParams.get(key);
    return value && isCalendarDate(value) ? value : fallback;
  };
  const period = { from: read('from', addDays(today, -days)), to: read('to', today) };
  const setPeriod = (next: Partial<typeof period>) => {
    const sp = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(next)) if (value) sp.set(key, value);
    sp.delete('page');
    setSearchParams(sp, { replace: true });
  };
  return { period, setPeriod, today };
}

export function PeriodFields({
  period,
  onChange,
  max,
}: {
  period: { from: string; to: string };
  onChange: (next: { from?: string; to?: string }) => void;
  max: string;
}) {
  return (
    <>
      <TextField
        label="From"
        type="date"
        value={period.from}
        max={period.to}
        onChange={(e) => isCalendarDate(e.target.value) && onChange({ from: e.target.value })}
      />
      <TextField
        label="To"
        type="date"
        value={period.to}
        min={period.from}
        max={max}
        onChange={(e) => isCalendarDate(e.target.value) && onChange({ to: e.target.value })}
      />
    </>
  );
}

/** `page` and `pageSize` from the address. */
export function usePaging() {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Number(searchParams.get('page'));
  const pageSize = Number(searchParams.get('pageSize'));
  const paging = {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [10, 25, 50, 100].includes(pageSize) ? pageSize : 25,
  };
  const setPaging = (next: Partial<typeof paging>) => {
    const sp = new URLSearchParams(searchParams);
    const merged = { ...paging, ...next };
    sp.set('page', String(merged.page));
    sp.set('pageSize', String(merged.pageSize));
    setSearchParams(sp, { replace: true });
  };
  return { paging, setPaging };
}

/** The search parameter `key`, one of `values` (the first by default). */
export function useChoice<T extends string>(key: string, values: readonly T[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const raw = searchParams.get(key);
  const value =
    raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : values[0]!;
  const setValue = (next: T) => {
    const sp = new URLSearchParams(searchParams);
    sp.set(key, next);
    sp.delete('page');
    setSearchParams(sp, { replace: true });
  };
  return [value, setValue] as const;
}
