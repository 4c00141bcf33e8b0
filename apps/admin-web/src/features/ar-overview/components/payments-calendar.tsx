import { isApiError } from '@settle/api-client';
import { collectedOrExpected } from '@settle/domain';
import { Button, formatMoney } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { useAutopayForecast, type AutopayForecastCharge } from '@/api/autopay/get-autopay-forecast';
import { paths } from '@/config/paths';
import { addMonths, dayLabel, monthGrid, monthLabel, monthOf, todayIn } from '@/lib/calendar-date';
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
/** AutoPay charges listed in a day cell before "+N more AutoPay". */
const AUTOPAY_PER_DAY = 3;

const STATUS_WORDS: Record<CalendarPaymentDto['status'], string> = {
  scheduled: 'scheduled',
  pending_approval: 'awaiting approval',
  processing: 'processing',
  succeeded: 'succeeded',
  failed: 'declined',
  cancelled: 'cancelled',
  returned: 'returned',
  refunded: 'refunded',
};

/**
 * A month of payments (seed 000 "Payments Calendar"), Sunday first: scheduled ones on their date,
 * others on the day they were made. It opens on the MSP's today, in the MSP's time zone, whatever
 * the browser's zone. `organizationId` narrows it to one organization. Below 600 px the grid
 * turns into a list of the days that have payments (app.css).
 */
export function PaymentsCalendar({ organizationId }: { organizationId?: string }) {
  const { timeZone } = useMsp();
  const today = todayIn(timeZone);
  // null: the month of today, which follows the MSP's zone once the settings have loaded
  const [chosenMonth, setChosenMonth] = useState<string | null>(null);
  const month = chosenMonth ?? monthOf(today);
  const weeks = monthGrid(month);
  const from = weeks[0]![0]!;
  const to = weeks[weeks.length - 1]![6]!;
  const calendar = usePaymentsCalendar({ from, to, organizationId });
  // AutoPay is forecast from today on: earlier days show the payments runs made
  const forecast = useAutopayForecast({ from: from < today ? today : from, to, organizationId });

  const days = new Map((calendar.data?.days ?? []).map((day) => [day.date, day]));
  const autopayDays = new Map(
    (forecast.data?.days ?? []).map((day) => [day.date, day.charges] as const),
  );
  const loading = calendar.isPending || calendar.isPlaceholderData;
  const label = monthLabel(month);
  const inMonth = [...days.keys(), ...autopayDays.keys()].some((date) => monthOf(date) === month);

  return (
    <section aria-label="Payments calendar" className="app-calendar">
      <div className="app-calendar__header">
        <Button
          size="sm"
          aria-label="Previous month"
          onClick={() => setChosenMonth(addMonths(month, -1))}
        >
          ‹
        </Button>
        <h3 className="app-calendar__month" aria-live="polite">
          {label}
        </h3>
        <Button
          size="sm"
          aria-label="Next month"
          onClick={() => setChosenMonth(addMonths(month, 1))}
        >
          ›
        </Button>
        {month !== monthOf(today) && (
          <Button size="sm" variant="ghost" onClick={() => setChosenMonth(null)}>
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
          <span className="app-cal-payment app-cal-payment--autopay app-cal-payment--sample">
            AutoPay
          </span>
          <span className="app-cal-payment app-cal-payment--autopay-approval app-cal-payment--sample">
            AutoPay, needs approval
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
                  autopay={autopayDays.get(date) ?? []}
                  outside={monthOf(date) !== month}
                  today={date === today}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && !calendar.isError && !inMonth && (
        <p className="ui-muted app-note-text">No payments this month.</p>
      )}
      {forecast.isError && (
        <p className="ui-muted app-note-text" role="status">
          The AutoPay forecast could not be loaded:{' '}
          {isApiError(forecast.error) ? forecast.error.detail : 'no answer from the server'}.
        </p>
      )}
      <p className="ui-muted app-note-text app-calendar__note">
        Collected: payments that succeeded. Expected: scheduled or still processing. Declined,
        returned and refunded payments are listed but not added. Each currency adds up on its own.
        AutoPay: what the rules will charge on that day, as they stand today (after scheduled
        payments); yellow ones wait for approval. AutoPay is not added to the totals until it
        charges.
      </p>
    </section>
  );
}

function DayCell({
  date,
  day,
  autopay,
  outside,
  today,
}: {
  date: string;
  day: CalendarDayDto | undefined;
  autopay: AutopayForecastCharge[];
  outside: boolean;
  today: boolean;
}) {
  const shown = day?.payments.slice(0, PER_DAY) ?? [];
  const more = (day?.payments.length ?? 0) - shown.length;
  const autopayShown = autopay.slice(0, AUTOPAY_PER_DAY);
  const autopayMore = autopay.length - autopayShown.length;
  return (
    <td
      data-date={date}
      className={[
        'app-calendar__day',
        outside && 'app-calendar__day--outside',
        today && 'app-calendar__day--today',
        (day || autopay.length > 0) && 'app-calendar__day--busy',
      ]
        .filter(Boolean)
        .join(' ')}
      aria-current={today ? 'date' : undefined}
    >
      <div className="app-calendar__day-head">
        <span className="app-calendar__date" aria-hidden="true">
          {Number(date.slice(8))}
        </span>
        <span className="app-calendar__day-label">{dayLabel(date)}</span>
        {today && (
          <span className="app-calendar__today ui-badge" aria-hidden="true">
            Today
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
      {autopayShown.length > 0 && (
        <ul className="app-calendar__payments" aria-label={`AutoPay on ${dayLabel(date)}`}>
          {autopayShown.map((charge) => (
            <li key={charge.invoiceId}>
              <AutopayCharge charge={charge} />
            </li>
          ))}
        </ul>
      )}
      {autopayMore > 0 && (
        <Link className="app-calendar__more" to={paths.app.autopay.getHref()}>
          +{autopayMore} more AutoPay
        </Link>
      )}
      {day && day.totals.length > 0 && (
        <dl className="app-calendar__totals" data-testid={`calendar-sum-${date}`}>
          {day.totals.flatMap((t) =>
            (['collected', 'expected'] as const)
              .filter((kind) => t[kind] > 0)
              .map((kind) => (
                <div key={`${t.currency}-${kind}`}>
                  <dt>{kind === 'collected' ? 'Collected' : 'Expected'}</dt>
                  <dd>{formatMoney(t[kind], t.currency)}</dd>
                </div>
              )),
          )}
        </dl>
      )}
    </td>
  );
}

function CalendarPayment({ payment: p }: { payment: CalendarPaymentDto }) {
  const status = STATUS_WORDS[p.status];
  // money that did not happen says so in words, not only by colour
  const notMoney = collectedOrExpected(p.status) === null;
  return (
    <Link
      to={paths.app.payment.getHref(p.id)}
      className={`app-cal-payment app-cal-payment--${p.kind} app-cal-payment--${p.status}`}
      title={`${p.number} · ${p.organizationName} · ${formatMoney(p.total, p.currency)} · ${p.kind === 'scheduled' ? 'scheduled' : 'made'} (${status})`}
    >
      <span className="app-cal-payment__number">{p.number}</span>
      <span className="app-cal-payment__org">{p.organizationName}</span>
      <span className="app-cal-payment__amount">{formatMoney(p.total, p.currency)}</span>
      {notMoney ? (
        <span className="app-cal-payment__status">
          <span className="ui-visually-hidden">
            , {p.kind === 'scheduled' ? 'scheduled' : 'made'},{' '}
          </span>
          {status}
        </span>
      ) : (
        <span className="ui-visually-hidden">
          , {p.kind === 'scheduled' ? 'scheduled' : 'made'}, {status}
        </span>
      )}
    </Link>
  );
}

/** A charge AutoPay will make (seed 000: approved green, needing approval yellow). */
function AutopayCharge({ charge }: { charge: AutopayForecastCharge }) {
  const amount = formatMoney(charge.amount, charge.currency);
  const state = charge.needsApproval ? 'needs approval' : 'will be charged';
  return (
    <Link
      to={paths.app.invoice.getHref(charge.invoiceId)}
      className={`app-cal-payment app-cal-payment--${charge.needsApproval ? 'autopay-approval' : 'autopay'}`}
      title={`AutoPay · invoice ${charge.invoiceNumber} · ${charge.organizationName} · ${amount} · ${state}`}
    >
      <span className="app-cal-payment__number">AutoPay {charge.invoiceNumber}</span>
      <span className="app-cal-payment__org">{charge.organizationName}</span>
      <span className="app-cal-payment__amount">{amount}</span>
      {charge.needsApproval ? (
        <span className="app-cal-payment__status app-cal-payment__status--approval">
          needs approval
        </span>
      ) : (
        <span className="ui-visually-hidden">, AutoPay, {state}</span>
      )}
    </Link>
  );
}
