import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { seedArOverview } from '@/testing/ar-fixtures';
import { api } from '@/testing/mocks/api';
import { autopayApprovalsHandler, autopayForecastHandler } from '@/testing/mocks/overview';
import { recordRequests, server } from '@/testing/mocks/server';
import { testSettings } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';

/**
 * 02:00 UTC on December 1st is still 20:00 on November 30th in Chicago: a browser in UTC must
 * open the calendar on the MSP's day, not its own.
 */
describe('payments calendar: the MSP’s today, whatever the browser’s zone', () => {
  const browserZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'UTC';
  });
  afterAll(() => {
    process.env.TZ = browserZone;
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T02:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens on November 2026 with Nov 30 as today when the MSP is in America/Chicago', async () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
    expect(new Date().getDate()).toBe(1);
    // The settings (and with them the MSP's zone) arrive late: nothing dated may be asked before.
    let sendSettings: () => void = () => {};
    const settingsSent = new Promise<void>((resolve) => (sendSettings = resolve));
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/settings/general', async () => {
        await settingsSent;
        return HttpResponse.json({ ...testSettings, timeZone: 'America/Chicago' });
      }),
      api.get('/api/v1/reports/ar-overview', () => HttpResponse.json(seedArOverview)),
      autopayApprovalsHandler(0),
      autopayForecastHandler(),
      api.get('/api/v1/reports/attention', () =>
        HttpResponse.json({
          unresolvedAchReturns: 0,
          lockedPaymentMethods: 0,
          paymentsAwaitingGateway: 0,
          failedPaymentsLast7Days: 0,
          overAllocatedInvoices: 0,
          failedEmailsLast7Days: 0,
          syncAlerts: [],
          paymentsFailingToSync: 0,
          accountingSyncAlert: null,
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
    );
    const { container } = renderApp('/');
    expect(await screen.findByText('Loading your workspace…')).toBeInTheDocument();
    expect(requests.some((r) => r.path === '/api/v1/reports/payments-calendar')).toBe(false);
    sendSettings();
    const calendar = await screen.findByRole('region', { name: 'Payments calendar' });

    expect(
      await within(calendar).findByRole('heading', { name: 'November 2026' }),
    ).toBeInTheDocument();
    const today = container.querySelector('[aria-current="date"]');
    await waitFor(() => expect(today).toHaveAttribute('data-date', '2026-11-30'));
    expect(container.querySelector('[data-date="2026-12-01"]')).toHaveClass(
      'app-calendar__day--outside',
    );
    expect(within(calendar).queryByRole('button', { name: 'Today' })).not.toBeInTheDocument();
    await waitFor(() => {
      const asked = requests.filter((r) => r.path === '/api/v1/reports/payments-calendar');
      // one month asked for, in the MSP's zone only
      expect(asked.map((r) => new URLSearchParams(r.search).get('from'))).toEqual(['2026-11-01']);
      expect(new URLSearchParams(asked[0]?.search).get('to')).toBe('2026-12-05');
    });
  });
});
