import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const ORG_A = '00000000-0000-4000-8000-0000000000a1';
const ORG_B = '00000000-0000-4000-8000-0000000000b2';

function agingApi() {
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/reports/aging', () =>
      HttpResponse.json({
        current: 120000,
        days1to30: 45050,
        days31to60: 0,
        days61to90: 30000,
        days90plus: 9999,
        total: 205049,
        currency: 'USD',
        asOf: '2026-03-05',
      }),
    ),
    api.get('/api/v1/reports/aging/organizations', () =>
      HttpResponse.json({
        data: [
          {
            organizationId: ORG_A,
            name: 'Bluebird Dental',
            current: 100000,
            days1to30: 45050,
            days31to60: 0,
            days61to90: 30000,
            days90plus: 0,
            total: 175050,
          },
          {
            organizationId: ORG_B,
            name: 'Cobalt Law',
            current: 20000,
            days1to30: 0,
            days31to60: 0,
            days61to90: 0,
            days90plus: 9999,
            total: 29999,
          },
        ],
        page: 1,
        pageSize: 25,
        total: 2,
        currency: 'USD',
        asOf: '2026-03-05',
      }),
    ),
  );
  return { requests };
}

describe('reports / aging', () => {
  it('shows the bucket totals as of the MSP day, a chart of them, and each organization by bucket', async () => {
    agingApi();
    renderApp('/reports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    expect(await screen.findByTestId('aging-as-of')).toHaveTextContent(
      'Open balances as of Mar 5, 2026, in USD, by days past due.',
    );
    const tiles = [
      ['Current', '$1,200.00'],
      ['1–30 days', '$450.50'],
      ['31–60 days', '$0.00'],
      ['61–90 days', '$300.00'],
      ['90+ days', '$99.99'],
      ['Total', '$2,050.49'],
    ];
    for (const [label, value] of tiles) {
      const term = screen.getAllByText(label, { selector: 'dt' })[0]!;
      expect(term.nextElementSibling).toHaveTextContent(value!);
    }
    expect(
      screen.getByRole('figure', {
        name: 'Aging chart. Current: $1,200.00; 1–30 days: $450.50; 31–60 days: $0.00; 61–90 days: $300.00; 90+ days: $99.99',
      }),
    ).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: 'Organizations by aging bucket' });
    const row = (await within(table).findByRole('link', { name: 'Bluebird Dental' })).closest(
      'tr',
    )!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Bluebird Dental', '$1,000.00', '$450.50', '—', '$300.00', '—', '$1,750.50']);
    expect(within(table).getByRole('link', { name: 'Cobalt Law' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_B}/balance`,
    );
  });

  it('keeps search and sort in the address and offers every organization as CSV', async () => {
    const { requests } = agingApi();
    renderApp('/reports?q=blue&sort=days90plus');
    expect(await screen.findByRole('button', { name: 'Download CSV' })).toBeInTheDocument();
    await screen.findByRole('link', { name: 'Bluebird Dental' });
    const list = requests.find((c) => c.path === '/api/v1/reports/aging/organizations');
    expect(Object.fromEntries(new URLSearchParams(list?.search))).toEqual({
      q: 'blue',
      sort: 'days90plus',
      page: '1',
      pageSize: '25',
    });
  });
});
