import { HttpResponse } from 'msw';

import { api } from './api';

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
    api.get('/api/v1/reports/attention', () =>
      HttpResponse.json({
        unresolvedAchReturns: 0,
        lockedPaymentMethods: 0,
        paymentsAwaitingGateway: 0,
        failedPaymentsLast7Days: 0,
        overAllocatedInvoices: 0,
      }),
    ),
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
