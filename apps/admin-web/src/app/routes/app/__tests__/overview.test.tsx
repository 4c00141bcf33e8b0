import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { seedArOverview } from '@/testing/ar-fixtures';
import { api } from '@/testing/mocks/api';
import { emptyOverviewHandlers } from '@/testing/mocks/overview';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

describe('overview', () => {
  it('shows the A/R tiles and the companies of seed 000', async () => {
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/reports/ar-overview', () => HttpResponse.json(seedArOverview)),
      ...emptyOverviewHandlers(),
    );
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('tile-total-balance')).toHaveTextContent('$20,383.33'),
    );
    expect(screen.getByTestId('tile-total-past-due')).toHaveTextContent('$20,383.33');
    expect(screen.getByTestId('tile-open-invoices')).toHaveTextContent('16');
    expect(screen.getByTestId('tile-companies')).toHaveTextContent('7');

    const table = screen.getByRole('table', { name: 'A/R by Company' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toHaveTextContent('BNG Design');
    expect(rows[0]).toHaveTextContent('$5,740.00');
    expect(within(rows[6]!).getByRole('link', { name: 'A. Datum Corporation' })).toHaveAttribute(
      'href',
      `/organizations/${seedArOverview.companies.data[6]!.organizationId}`,
    );
    expect(screen.getByText('Showing 1 – 7 of 7 items')).toBeInTheDocument();
    expect(screen.getByLabelText('Rows per page')).toHaveValue('10');
    expect(screen.getByRole('link', { name: 'All Customers' })).toHaveAttribute(
      'href',
      '/organizations',
    );

    const request = requests.find((c) => c.path === '/api/v1/reports/ar-overview');
    const query = new URLSearchParams(request?.search);
    expect(query.get('sort')).toBe('-balance');
    expect(query.get('pageSize')).toBe('10');

    // the chart is lazy-loaded: the skeleton gives way to the figure
    expect(await screen.findByRole('figure', { name: /Highest balances/ })).toBeInTheDocument();
  });

  it('shows an empty state when there is no A/R', async () => {
    server.use(
      api.get('/api/v1/reports/ar-overview', () =>
        HttpResponse.json({
          totals: {
            totalBalance: 0,
            totalPastDue: 0,
            openInvoices: 0,
            companies: 0,
            currency: 'USD',
          },
          companies: { data: [], page: 1, pageSize: 10, total: 0 },
          highestBalances: [],
        }),
      ),
      ...emptyOverviewHandlers(),
    );
    renderApp('/');
    expect(await screen.findByText('No receivables yet')).toBeInTheDocument();
    expect(screen.getByText('No balances to chart')).toBeInTheDocument();
    expect(screen.getByTestId('tile-total-balance')).toHaveTextContent('$0.00');
  });

  it('sorts the company list from the column header', async () => {
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/reports/ar-overview', () => HttpResponse.json(seedArOverview)),
      ...emptyOverviewHandlers(),
    );
    const { user } = renderApp('/');
    const table = await screen.findByRole('table', { name: 'A/R by Company' });
    await user.click(within(table).getByRole('button', { name: /Company Name/ }));
    await waitFor(() =>
      expect(
        requests.some(
          (c) =>
            c.path === '/api/v1/reports/ar-overview' &&
            new URLSearchParams(c.search).get('sort') === 'name',
        ),
      ).toBe(true),
    );
  });
});
