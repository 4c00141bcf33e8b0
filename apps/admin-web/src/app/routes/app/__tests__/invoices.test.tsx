import type { components } from '@settle/api-client';
import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { page } from '@/testing/ar-fixtures';
import { api } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const ORG_ID = '00000000-0000-4000-8000-0000000000a1';

const invoice: components['schemas']['InvoiceResponseDto'] = {
  id: '00000000-0000-4000-8000-00000000c001',
  organizationId: ORG_ID,
  organizationName: 'Bluebird Dental',
  number: 'INV-1001',
  issueDate: '2026-02-01',
  dueDate: '2026-03-03',
  terms: 'Net 30',
  poNumber: null,
  currency: 'USD',
  total: 50000,
  sourceBalance: 0,
  openBalance: 0,
  overAllocated: 20000,
  awaitingAccounting: false,
  status: 'open',
  pastDue: false,
  source: 'quickbooks',
  externalId: 'qb-1001',
  pdfUrl: null,
  createdAt: '2026-02-01T10:00:00Z',
  updatedAt: '2026-02-01T10:00:00Z',
};

describe('invoices across organizations', () => {
  it('lists only over-allocated invoices with what Settle holds beyond the source', async () => {
    const requests = recordRequests();
    server.use(api.get('/api/v1/invoices', () => HttpResponse.json(page([invoice]))));
    const { user } = renderApp('/invoices?overAllocated=true');
    const table = await screen.findByRole('table', { name: 'Invoices' });
    const row = (await within(table).findByText('INV-1001')).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'INV-1001',
      'Bluebird Dental',
      'Mar 3, 2026',
      '$500.00',
      '$0.00',
      '$0.00',
      '$200.00',
    ]);
    expect(within(row).getByRole('link', { name: 'Bluebird Dental' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}`,
    );
    expect(within(row).getByRole('link', { name: 'INV-1001' })).toHaveAttribute(
      'href',
      `/invoices/${invoice.id}`,
    );
    const first = requests.find((c) => c.path === '/api/v1/invoices');
    expect(new URLSearchParams(first?.search).get('overAllocated')).toBe('true');

    await user.click(screen.getByLabelText('Only over-allocated'));
    await screen.findByRole('table', { name: 'Invoices' });
    const last = requests.filter((c) => c.path === '/api/v1/invoices').at(-1);
    expect(new URLSearchParams(last?.search).has('overAllocated')).toBe(false);
  });
});
