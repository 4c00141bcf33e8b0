import { isApiError } from '@settle/api-client';
import { countsTowardTotals } from '@settle/domain';
import { Button, formatMoney } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { addMonths, monthGrid, monthLabel, monthOf, todayIn } from '@/lib/calendar-date';
import { useMsp } from '@/lib/msp-context';

import { usePaymentsCalendar } from '../api/get-payments-calendar';
import type { CalendarDayDto, CalendarPaymentDto } from '../api/types';

const WEEKDAYS = [
  ['Sun', 'Sunday'],
  ['Mon', 'Monday'],
  ['Tue', 'Tuesday'],
  ['Wed', 'Wednesday'],
  ['Thu', 'Thursday'],
  ['Fri', 'Friday'],
  ['Sat', 'Saturday'],
] as const;
/** Payments listed in a day cell before "+N more". */
const PER_DAY = 4;

/**
 * A month of payments (seed 000 "Payments Calendar"), Sunday first: scheduled ones on their date,
 * others on the day they were made. `organizationId` narrows it to one organization.
 */
export function PaymentsCalendar({ organizationId }: { organizationId?: string }) {
  const { timeZone } = useMsp();
  const today = todayIn(timeZone);
  const [month, setMonth] = useState(() => monthOf(today));
  const weeks = monthGrid(month);
  const from = weeks[0]![0]!;
  const to = weeks[weeks.length - 1]![6]!;
  const calendar = usePaymentsCalendar({ from, to });

  const days = new Map<string, CalendarDayDto>();
  for (const day of calendar.data?.days ?? []) {
    if (!organizationId) {
      days.set(day.date, day);
      continue;
    }
    const payments = day.payments.filter((p) => p.organizationId === organizationId);
    if (payments.length)
      days.set(day.date, {
        date: day.date,
        payments,
        count: payments.length,
        totals: totalsByCurrency(payments),
      });
  }
  const loading = calendar.isPending || calendar.isPlaceholderData;
  const label = monthLabel(month);

  return (
    <section aria-label="Payments calendar" className="app-calendar">
      <div className="app-calendar__header">
        <Button
          size="sm"
          aria-label="Previous month"
          onClick={() => setMonth((m) => addMonths(m, -1))}
        >
          ‹
        </Button>
        <h3 className="app-calendar__month" aria-live="polite">
          {label}
        </h3>
        <Button size="sm" aria-label="Next month" onClick={() => setMonth((m) => addMonths(m, 1))}>
          ›
        </Button>
        {month !== monthOf(today) && (
          <Button size="sm" variant="ghost" onClick={() => setMonth(monthOf(today))}>
            Today
          </Button>
        )}
        <span className="app-calendar__legend ui-muted">
          <span className="app-cal-payment app-cal-payment--scheduled app-cal-payment--sample">
            Scheduled
          </span>
          <span className="app-cal-payment app-cal-payment--made app-cal-payment--sample">
            Made
          </span>
        </span>
      </div>
      {calendar.isError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {isApiError(calendar.error) ? calendar.error.detail : 'Could not load the calendar.'}{' '}
          <button
            type="button"
            className="ui-button ui-button--sm"
            onClick={() => void calendar.refetch()}
          >
            Try again
          </button>
        </div>
      )}
      <table className="app-calendar__grid" aria-label={label} aria-busy={loading || undefined}>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th key={short} scope="col">
                <abbr title={long}>{short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((date) => (
                <DayCell
                  key={date}
                  date={date}
                  day={days.get(date)}
                  outside={monthOf(date) !== month}
                  today={date === today}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && !calendar.isError && days.size === 0 && (
        <p className="ui-muted app-note-text">No payments this month.</p>
      )}
    </section>
  );
}

function DayCell({
  date,
  day,
  outside,
  today,
}: {
  date: string;
  day: CalendarDayDto | undefined;
  outside: boolean;
  today: boolean;
}) {
  const shown = day?.payments.slice(0, PER_DAY) ?? [];
  const more = (day?.payments.length ?? 0) - shown.length;
  return (
    <td
      data-date={date}
      className={[
        'app-calendar__day',
        outside && 'app-calendar__day--outside',
        today && 'app-calendar__day--today',
        day && 'app-calendar__day--busy',
      ]
        .filter(Boolean)
        .join(' ')}
      aria-current={today ? 'date' : undefined}
    >
      <div className="app-calendar__day-head">
        <span className="app-calendar__date">{Number(date.slice(8))}</span>
        {day && (
          <span className="app-calendar__sum" data-testid={`calendar-sum-${date}`}>
            {day.count}
            {day.totals.length > 0 &&
              ` · ${day.totals.map((t) => formatMoney(t.total, t.currency)).join(' + ')}`}
          </span>
        )}
      </div>
      {shown.length > 0 && (
        <ul className="app-calendar__payments">
          {shown.map((p) => (
            <li key={p.id}>
              <CalendarPayment payment={p} />
            </li>
          ))}
        </ul>
      )}
      {more > 0 && (
        <Link
          className="app-calendar__more"
          to={paths.app.payments.getHref({ from: date, to: date })}
        >
          +{more} more
        </Link>
      )}
    </td>
  );
}

function CalendarPayment({ payment: p }: { payment: CalendarPaymentDto }) {
  return (
    <Link
      to={paths.app.payment.getHref(p.id)}
      className={`app-cal-payment app-cal-payment--${p.kind} app-cal-payment--${p.status}`}
      title={`${p.number} · ${p.organizationName} · ${formatMoney(p.total, p.currency)} · ${p.kind === 'scheduled' ? 'scheduled' : 'made'} (${p.status.replace('_', ' ')})`}
    >
      <span className="app-cal-payment__number">{p.number}</span>
      <span className="app-cal-payment__org">{p.organizationName}</span>
      <span className="app-cal-payment__amount">{formatMoney(p.total, p.currency)}</span>
      <span className="ui-visually-hidden">
        {p.kind === 'scheduled' ? ', scheduled' : ', made'}, {p.status.replace('_', ' ')}
      </span>
    </Link>
  );
}

/** Money the day adds up to, per currency: declined, returned and refunded payments are not money. */
function totalsByCurrency(payments: CalendarPaymentDto[]): CalendarDayDto['totals'] {
  const totals: CalendarDayDto['totals'] = [];
  for (const payment of payments.filter((p) => countsTowardTotals(p.status))) {
    const sum = totals.find((t) => t.currency === payment.currency);
    if (sum) sum.total += payment.total;
    else totals.push({ currency: payment.currency, total: payment.total });
  }
  return totals;
}
