import { screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { page, seedArOverview } from '@/testing/ar-fixtures';
import { noEmailsHandlers } from '@/testing/email-fixtures';
import { api } from '@/testing/mocks/api';
import { autopayApprovalsHandler, autopayForecastHandler } from '@/testing/mocks/overview';
import { recordRequests, server } from '@/testing/mocks/server';
import { PAYMENT_ID, paymentResponse } from '@/testing/payment-fixtures';
import { currentUrl, renderApp } from '@/testing/render-app';

type Schemas = components['schemas'];

const calendarPayment = (
  over: Pick<Schemas['CalendarPaymentDto'], 'id' | 'number' | 'total' | 'status' | 'kind'> &
    Partial<Schemas['CalendarPaymentDto']>,
): Schemas['CalendarPaymentDto'] => ({
  organizationId: '00000000-0000-4000-8000-000000000104',
  organizationName: 'Ponderosa Ranch',
  currency: 'USD',
  ...over,
});

const november: Schemas['PaymentsCalendarResponseDto'] = {
  from: '2026-11-01',
  to: '2026-12-05',
  days: [
    {
      date: '2026-11-03',
      count: 1,
      totals: [{ currency: 'USD', collected: 107500, expected: 0 }],
      payments: [
        calendarPayment({
          id: PAYMENT_ID,
          number: 'PAY-000100',
          total: 107500,
          status: 'succeeded',
          kind: 'made',
        }),
      ],
    },
    {
      date: '2026-11-24',
      count: 3,
      totals: [
        { currency: 'USD', collected: 0, expected: 50000 },
        { currency: 'CAD', collected: 20000, expected: 0 },
      ],
      payments: [
        calendarPayment({
          id: 'p-12',
          number: 'PAY-000012',
          organizationName: 'Demo Company',
          total: 50000,
          status: 'scheduled',
          kind: 'scheduled',
        }),
        calendarPayment({
          id: 'p-13',
          number: 'PAY-000013',
          total: 10000,
          status: 'failed',
          kind: 'made',
        }),
        calendarPayment({
          id: 'p-14',
          number: 'PAY-000014',
          total: 20000,
          currency: 'CAD',
          status: 'succeeded',
          kind: 'made',
        }),
      ],
    },
  ],
};

interface Attention {
  unresolvedAchReturns: number;
  lockedPaymentMethods: number;
  paymentsAwaitingGateway?: number;
  overAllocatedInvoices?: number;
  failedEmailsLast7Days?: number;
  syncAlerts?: Schemas['SyncAlertDto'][];
  autopayApprovals?: number;
}

const autopayCharge = (
  over: Partial<Schemas['AutopayForecastChargeDto']>,
): Schemas['AutopayForecastChargeDto'] => ({
  organizationId: '00000000-0000-4000-8000-000000000104',
  organizationName: 'Ponderosa Ranch',
  invoiceId: '00000000-0000-4000-8000-000000000301',
  invoiceNumber: 'INV-301',
  ruleId: '00000000-0000-4000-8000-000000000401',
  paymentMethodId: '00000000-0000-4000-8000-000000000501',
  amount: 62800,
  currency: 'USD',
  needsApproval: false,
  ...over,
});

function overviewApi(
  attention: Attention = { unresolvedAchReturns: 2, lockedPaymentMethods: 1 },
  forecast: Schemas['AutopayForecastDayDto'][] = [],
) {
  const { autopayApprovals = 0, ...counts } = attention;
  const requests = recordRequests();
  server.use(
    autopayApprovalsHandler(autopayApprovals),
    autopayForecastHandler(forecast),
    api.get('/api/v1/reports/ar-overview', () => HttpResponse.json(seedArOverview)),
    api.get('/api/v1/reports/attention', () =>
      HttpResponse.json({
        paymentsAwaitingGateway: 0,
        failedPaymentsLast7Days: 0,
        overAllocatedInvoices: 0,
        failedEmailsLast7Days: 0,
        syncAlerts: [],
        paymentsFailingToSync: 0,
        accountingSyncAlert: null,
        ...counts,
      }),
    ),
    api.get('/api/v1/reports/payments-calendar', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const from = query.get('from') ?? '';
      return HttpResponse.json(
        from === '2026-11-01' ? november : { from, to: query.get('to') ?? '', days: [] },
      );
    }),
    api.get('/api/v1/payments/{id}', () =>
      HttpResponse.json(paymentResponse({ number: 'PAY-000100' })),
    ),
    ...noEmailsHandlers(),
  );
  return { requests };
}

describe('overview: payments', () => {
  beforeEach(() => {
    // only Date is faked: timers stay real for react-query and user-event
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-15T18:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows what AutoPay will charge from today on: green when approved, yellow when it waits', async () => {
    const { requests } = overviewApi(undefined, [
      {
        date: '2026-11-20',
        charges: [
          autopayCharge({}),
          autopayCharge({
            invoiceId: '00000000-0000-4000-8000-000000000302',
            invoiceNumber: 'INV-302',
            organizationName: 'Demo Company',
            amount: 150000,
            needsApproval: true,
          }),
        ],
      },
    ]);
    const { container } = renderApp('/');
    const calendar = await screen.findByRole('region', { name: 'Payments calendar' });
    const day = container.querySelector<HTMLElement>('[data-date="2026-11-20"]')!;
    const autopay = await within(day).findByRole('list', { name: /^AutoPay on / });
    const approved = within(autopay).getByRole('link', { name: /AutoPay INV-301/ });
    expect(approved).toHaveClass('app-cal-payment--autopay');
    expect(approved).toHaveTextContent('Ponderosa Ranch');
    expect(approved).toHaveTextContent('$628.00');
    expect(approved).toHaveAttribute('href', '/invoices/00000000-0000-4000-8000-000000000301');
    const waiting = within(autopay).getByRole('link', { name: /AutoPay INV-302/ });
    expect(waiting).toHaveClass('app-cal-payment--autopay-approval');
    expect(waiting).toHaveTextContent('needs approval');
    // a forecast is not money yet: the day has no totals
    expect(within(day).queryByTestId('calendar-sum-2026-11-20')).toBeNull();
    // asked from the MSP's today (Nov 15 in Chicago) to the grid's last day
    const asked = requests.find((r) => r.path === '/api/v1/autopay/forecast');
    expect(Object.fromEntries(new URLSearchParams(asked?.search))).toEqual({
      from: '2026-11-15',
      to: '2026-12-05',
    });
    expect(within(calendar).getByText('AutoPay, needs approval')).toBeInTheDocument();
  });

  it('renders the month, Sunday first, with each payment on its day', async () => {
    const { requests } = overviewApi();
    const { container, user } = renderApp('/');

    const calendar = await screen.findByRole('region', { name: 'Payments calendar' });
    expect(within(calendar).getByRole('heading', { name: 'November 2026' })).toBeInTheDocument();
    const headers = within(calendar)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);

    const request = requests.find((c) => c.path === '/api/v1/reports/payments-calendar');
    expect(new URLSearchParams(request?.search).get('from')).toBe('2026-11-01');
    expect(new URLSearchParams(request?.search).get('to')).toBe('2026-12-05');

    const day = (date: string) => container.querySelector<HTMLElement>(`[data-date="${date}"]`)!;
    await waitFor(() => expect(day('2026-11-24')).toHaveTextContent('PAY-000012'));
    const busy = day('2026-11-24');
    // each currency on its own; the declined PAY-000013 is listed but in no total
    const sums = within(busy).getByTestId('calendar-sum-2026-11-24');
    expect([...sums.querySelectorAll('div')].map((row) => row.textContent)).toEqual([
      'Expected$500.00',
      'CollectedCA$200.00',
    ]);
    expect(within(busy).getByRole('link', { name: /PAY-000013/ })).toHaveTextContent('declined');
    const scheduled = within(busy).getByRole('link', { name: /PAY-000012/ });
    expect(scheduled).toHaveClass('app-cal-payment--scheduled');
    expect(scheduled).toHaveTextContent('Demo Company');
    expect(scheduled).toHaveTextContent('$500.00');
    expect(within(busy).getByRole('link', { name: /PAY-000013/ })).toHaveClass(
      'app-cal-payment--made',
      'app-cal-payment--failed',
    );
    expect(day('2026-11-03')).toHaveTextContent('PAY-000100');
    expect(day('2026-11-03')).toHaveTextContent('$1,075.00');
    expect(day('2026-11-04')).not.toHaveTextContent('PAY-');
    // the first cell is Sunday Nov 1, the grid runs to Saturday Dec 5; today is marked
    expect(calendar.querySelector('td')).toHaveAttribute('data-date', '2026-11-01');
    expect(day('2026-12-05')).toHaveClass('app-calendar__day--outside');
    expect(day('2026-11-15')).toHaveAttribute('aria-current', 'date');

    // next month asks for December's weeks
    await user.click(within(calendar).getByRole('button', { name: 'Next month' }));
    expect(
      await within(calendar).findByRole('heading', { name: 'December 2026' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        requests.some(
          (c) =>
            c.path === '/api/v1/reports/payments-calendar' &&
            new URLSearchParams(c.search).get('from') === '2026-11-29' &&
            new URLSearchParams(c.search).get('to') === '2027-01-02',
        ),
      ).toBe(true),
    );
    await user.click(within(calendar).getByRole('button', { name: 'Previous month' }));
    await within(calendar).findByRole('heading', { name: 'November 2026' });

    // a payment opens its detail; the first visit to the lazy payment route compiles it under
    // vitest, which took over 3 s on a busy machine
    await user.click(await within(day('2026-11-03')).findByRole('link', { name: /PAY-000100/ }));
    expect(
      await screen.findByRole('heading', { level: 1, name: /PAY-000100/ }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe(`/payments/${PAYMENT_ID}`);
  });

  it('shows the attention cards with Resolve Now links', async () => {
    overviewApi();
    renderApp('/');
    const ach = await screen.findByRole('region', { name: 'Unresolved ACH returns' });
    await waitFor(() => expect(ach).toHaveTextContent('2'));
    expect(within(ach).getByRole('link', { name: 'Resolve Now' })).toHaveAttribute(
      'href',
      '/ach-returns',
    );
    const locked = screen.getByRole('region', { name: 'Locked payment methods' });
    expect(locked).toHaveTextContent('1');
    expect(within(locked).getByRole('link', { name: 'Resolve Now' })).toHaveAttribute(
      'href',
      '/payment-methods/locked',
    );
    expect(screen.queryByRole('region', { name: 'Awaiting gateway' })).not.toBeInTheDocument();
  });

  it('adds an Awaiting gateway card only when some payments wait', async () => {
    overviewApi({
      unresolvedAchReturns: 0,
      lockedPaymentMethods: 0,
      paymentsAwaitingGateway: 3,
    });
    renderApp('/');
    const waiting = await screen.findByRole('region', { name: 'Awaiting gateway' });
    expect(waiting).toHaveTextContent('3');
    const ach = screen.getByRole('region', { name: 'Unresolved ACH returns' });
    expect(ach).toHaveTextContent('All clear.');
    expect(within(ach).queryByRole('link')).not.toBeInTheDocument();
  });

  it('adds an over-allocated invoices card that opens those invoices', async () => {
    const { requests } = overviewApi({
      unresolvedAchReturns: 0,
      lockedPaymentMethods: 0,
      overAllocatedInvoices: 1,
    });
    server.use(api.get('/api/v1/invoices', () => HttpResponse.json(page([]))));
    const { user } = renderApp('/');
    const card = await screen.findByRole('region', { name: 'Over-allocated invoices' });
    expect(card).toHaveTextContent('1');
    const link = within(card).getByRole('link', { name: 'View invoices' });
    expect(link).toHaveAttribute('href', '/invoices?overAllocated=true');

    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument();
    expect(screen.getByLabelText('Only over-allocated')).toBeChecked();
    await waitFor(() => expect(requests.some((c) => c.path === '/api/v1/invoices')).toBe(true));
    const list = requests.find((c) => c.path === '/api/v1/invoices');
    expect(new URLSearchParams(list?.search).get('overAllocated')).toBe('true');
  });

  it('adds a failed emails card that links to the failed emails', async () => {
    overviewApi({ unresolvedAchReturns: 0, lockedPaymentMethods: 0, failedEmailsLast7Days: 3 });
    renderApp('/');
    const card = await screen.findByRole('region', { name: 'Failed emails (7 days)' });
    expect(card).toHaveTextContent('3');
    expect(card).toHaveTextContent('3 emails failed');
    expect(within(card).getByRole('link', { name: 'View emails' })).toHaveAttribute(
      'href',
      '/emails?status=failed',
    );
    expect(screen.queryByText('Nothing needs your attention.')).not.toBeInTheDocument();
  });

  it('adds a card per sync alert, each linking to Integrations', async () => {
    overviewApi({
      unresolvedAchReturns: 0,
      lockedPaymentMethods: 0,
      syncAlerts: [
        {
          kind: 'sync_failed',
          integrationId: '00000000-0000-4000-8000-000000000701',
          integrationName: 'ConnectWise',
          since: '2026-12-01T15:14:00Z',
          everSynced: true,
          error: 'ConnectWise refused the credentials (401): Authentication failed',
        },
        {
          kind: 'sync_not_running',
          integrationId: '00000000-0000-4000-8000-000000000702',
          integrationName: 'QuickBooks',
          since: '2026-11-28T12:00:00Z',
          everSynced: false,
          error: null,
        },
      ],
    });
    renderApp('/');
    const failed = await screen.findByRole('region', { name: 'Sync failed: ConnectWise' });
    expect(failed).toHaveTextContent('Authentication failed');
    expect(within(failed).getByRole('link', { name: 'Open Integrations' })).toHaveAttribute(
      'href',
      '/integrations',
    );
    const stale = screen.getByRole('region', { name: 'Sync not running: QuickBooks' });
    expect(stale).toHaveTextContent('has never synced');
    expect(within(stale).getByRole('link', { name: 'Open Integrations' })).toHaveAttribute(
      'href',
      '/integrations',
    );
    expect(screen.queryByText('Nothing needs your attention.')).not.toBeInTheDocument();
  });

  it('adds an AutoPay card when payments wait for approval, opening the AutoPay page', async () => {
    overviewApi({ unresolvedAchReturns: 0, lockedPaymentMethods: 0, autopayApprovals: 4 });
    renderApp('/');
    const card = await screen.findByRole('region', { name: 'AutoPay needing approval' });
    expect(card).toHaveTextContent('4');
    expect(within(card).getByRole('link', { name: 'Review' })).toHaveAttribute('href', '/autopay');
    expect(screen.queryByText('Nothing needs your attention.')).not.toBeInTheDocument();
  });

  it('has no over-allocated card when nothing is over-allocated', async () => {
    overviewApi({ unresolvedAchReturns: 0, lockedPaymentMethods: 0, overAllocatedInvoices: 0 });
    renderApp('/');
    await screen.findByRole('region', { name: 'Unresolved ACH returns' });
    await waitFor(() =>
      expect(screen.getByText('Nothing needs your attention.')).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('region', { name: 'Over-allocated invoices' }),
    ).not.toBeInTheDocument();
  });
});
