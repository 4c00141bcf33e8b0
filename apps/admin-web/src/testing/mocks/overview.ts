import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';

import { api } from './api';
import { noAttention } from './session';

type Schemas = components['schemas'];

/** The Overview's AutoPay notification asks how many payments wait: `total` of them. */
export function autopayApprovalsHandler(total: number) {
  return api.get('/api/v1/autopay/approvals', () =>
    HttpResponse.json({ data: [], page: 1, pageSize: 1, total }),
  );
}

/** The calendars' AutoPay forecast: these days' charges, whatever range is asked. */
export function autopayForecastHandler(days: Schemas['AutopayForecastDayDto'][] = []) {
  return api.get('/api/v1/autopay/forecast', () => HttpResponse.json({ days }));
}

/**
 * The Overview of an MSP with nothing receivable yet: no A/R, nothing needing attention, an
 * empty calendar. For tests that land on `/` but are about something else.
 */
export function emptyOverviewHandlers() {
  return [
    api.get('/api/v1/reports/ar-overview', ({ request }) =>
      HttpResponse.json({
        totals: {
          totalBalance: 0,
          totalPastDue: 0,
          openInvoices: 0,
          companies: 0,
          currency: 'USD',
        },
        companies: {
          data: [],
          page: 1,
          pageSize: Number(new URL(request.url).searchParams.get('pageSize') ?? 10),
          total: 0,
        },
        highestBalances: [],
      }),
    ),
    api.get('/api/v1/reports/attention', () => HttpResponse.json(noAttention)),
    autopayApprovalsHandler(0),
    autopayForecastHandler(),
    api.get('/api/v1/reports/payments-calendar', ({ request }) => {
      const query = new URL(request.url).searchParams;
      return HttpResponse.json({
        from: query.get('from') ?? '',
        to: query.get('to') ?? '',
        days: [],
      });
    }),
  ];
}

/** The Reports page of an MSP with nothing receivable: zero in every aging bucket. */
export function emptyAgingHandlers() {
  const asOf = '2026-03-05';
  return [
    api.get('/api/v1/reports/aging', () =>
      HttpResponse.json({
        current: 0,
        days1to30: 0,
        days31to60: 0,
        days61to90: 0,
        days90plus: 0,
        total: 0,
        currency: 'USD',
        asOf,
      }),
    ),
    api.get('/api/v1/reports/aging/organizations', () =>
      HttpResponse.json({ data: [], page: 1, pageSize: 25, total: 0, currency: 'USD', asOf }),
    ),
  ];
}
