import { screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { page } from '@/testing/ar-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server, type RecordedRequest } from '@/testing/mocks/server';
import { currentUrl, renderApp } from '@/testing/render-app';

const ponderosa: components['schemas']['OrganizationSummaryDto'] = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Ponderosa Ranch',
  status: 'active',
  city: 'Virginia City',
  region: 'NV',
  contactsCount: 3,
  openInvoices: 1,
  balance: 107500,
  pastDue: 107500,
  currency: 'USD',
  lastPortalLoginAt: null,
};

function orgsApi() {
  const requests = recordRequests();
  server.use(api.get('/api/v1/organizations', () => HttpResponse.json(page([ponderosa]))));
  return { requests };
}

const orgRequests = (requests: RecordedRequest[]) =>
  requests
    .filter((c) => c.method === 'GET' && c.path === '/api/v1/organizations')
    .map((c) => new URLSearchParams(c.search));

describe('organizations', () => {
  it('sends q from the URL (the top-bar search) and still lists a single match', async () => {
    const { requests } = orgsApi();
    renderApp('/organizations?q=ponderosa');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organizations' }),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Organizations' });
    expect(await within(table).findByRole('link', { name: 'Ponderosa Ranch' })).toHaveAttribute(
      'href',
      `/organizations/${ponderosa.id}`,
    );
    expect(within(table).getByText('Virginia City, NV')).toBeInTheDocument();
    expect(within(table).getAllByText('$1,075.00')).toHaveLength(2);
    expect(screen.getByLabelText('Search organizations')).toHaveValue('ponderosa');
    expect(orgRequests(requests)[0]?.get('q')).toBe('ponderosa');
    expect(currentUrl()).toBe('/organizations?q=ponderosa');
  });

  it('searches with q from its own box, and filters by status and open balance', async () => {
    const { requests } = orgsApi();
    const { user } = renderApp('/organizations');
    await screen.findByRole('link', { name: 'Ponderosa Ranch' });
    expect(orgRequests(requests)[0]?.get('q')).toBeNull();

    await user.type(screen.getByLabelText('Search organizations'), 'bng');
    await waitFor(() => expect(orgRequests(requests).some((q) => q.get('q') === 'bng')).toBe(true));
    await waitFor(() => expect(currentUrl()).toBe('/organizations?q=bng'));

    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    await user.click(screen.getByLabelText('Has open balance'));
    await waitFor(() =>
      expect(
        orgRequests(requests).some(
          (q) =>
            q.get('status') === 'all' && q.get('hasOpenBalance') === 'true' && q.get('q') === 'bng',
        ),
      ).toBe(true),
    );
  });

  it('shows API field errors in the New organization dialog', async () => {
    server.use(
      api.get('/api/v1/organizations', () => HttpResponse.json(page([ponderosa]))),
      api.post('/api/v1/organizations', () =>
        problem(400, 'Validation failed', {
          errors: [{ field: 'address.country', message: 'must be an ISO 3166-1 alpha-2 code' }],
        }),
      ),
    );
    const { user } = renderApp('/organizations');
    await user.click(await screen.findByRole('button', { name: 'New organization' }));
    const dialog = screen.getByRole('dialog', { name: 'New organization' });
    await user.type(within(dialog).getByLabelText('Name'), 'Cartwright LLC');
    await user.type(within(dialog).getByLabelText('Country (2 letters)'), 'ZZ');
    await user.click(within(dialog).getByRole('button', { name: 'Create organization' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Country (2 letters)')).toHaveAccessibleDescription(
        'must be an ISO 3166-1 alpha-2 code',
      ),
    );
  });
});
