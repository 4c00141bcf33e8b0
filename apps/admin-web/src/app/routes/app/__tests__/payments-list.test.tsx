import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoCompany } from '@/testing/ar-fixtures';
import { api } from '@/testing/mocks/api';
import { recordRequests, server, type RecordedRequest } from '@/testing/mocks/server';
import { PAYMENT_ID, paymentSummary } from '@/testing/payment-fixtures';
import { currentUrl, renderApp } from '@/testing/render-app';

function listApi() {
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    api.get('/api/v1/payments', () =>
      HttpResponse.json({
        data: [
          paymentSummary(),
          paymentSummary({
            id: 'p-2',
            number: 'PAY-000124',
            status: 'failed',
            failureMessage: 'Your card was declined.',
            // the name a method gets by default, which says its last four digits already
            paymentMethod: {
              id: 'pm-visa',
              type: 'card',
              brand: 'visa',
              last4: '4242',
              friendlyName: 'VISA •••• 4242',
            },
          }),
        ],
        page: 1,
        pageSize: 25,
        total: 2,
      }),
    ),
  );
  return { requests };
}

const lastQuery = (requests: RecordedRequest[]) =>
  new URLSearchParams(requests.filter((c) => c.path === '/api/v1/payments').at(-1)?.search);

describe('payments list', () => {
  it('lists payments linking to their detail, with filters and sorting kept in the URL', async () => {
    const { requests } = listApi();
    const { user } = renderApp('/payments?status=failed');
    expect(await screen.findByRole('heading', { level: 1, name: 'Payments' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Payments' });
    expect(await within(table).findByRole('link', { name: 'PAY-000123' })).toHaveAttribute(
      'href',
      `/payments/${PAYMENT_ID}`,
    );
    const declined = within(table).getByRole('row', { name: /PAY-000124/ });
    expect(declined).toHaveTextContent('Your card was declined.');
    // the last four digits once, whether the name says them or not
    expect(declined.textContent?.match(/4242/g)).toHaveLength(1);
    expect(within(table).getByRole('row', { name: /PAY-000123/ })).toHaveTextContent(
      'Operating account ••4444',
    );
    expect(lastQuery(requests).get('status')).toBe('failed');
    expect(lastQuery(requests).get('sort')).toBe('-createdAt');
    expect(screen.getByLabelText('Status')).toHaveValue('failed');

    await user.click(within(table).getByRole('button', { name: /Amount/ }));
    await waitFor(() => expect(lastQuery(requests).get('sort')).toBe('amount'));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2024-06-01' } });
    await waitFor(() => expect(lastQuery(requests).get('from')).toBe('2024-06-01'));
    await user.type(screen.getByRole('searchbox', { name: 'Search payments' }), 'PAY-0001{Enter}');
    await waitFor(() => expect(lastQuery(requests).get('q')).toBe('PAY-0001'));
    expect(currentUrl()).toBe('/payments?q=PAY-0001&status=failed&from=2024-06-01&sort=amount');
  });

  it('filters by organization from a link and can clear it', async () => {
    const { requests } = listApi();
    const { user } = renderApp(`/payments?organizationId=${ORG_ID}`);
    expect(await screen.findByRole('link', { name: 'Demo Company' })).toBeInTheDocument();
    expect(lastQuery(requests).get('organizationId')).toBe(ORG_ID);
    await user.click(screen.getByRole('button', { name: 'Show all organizations' }));
    await waitFor(() => expect(currentUrl()).toBe('/payments'));
  });
});
