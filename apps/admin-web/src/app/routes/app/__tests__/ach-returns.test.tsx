import { screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, page } from '@/testing/ar-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

type AchReturn = components['schemas']['AchReturnResponseDto'];

const achReturn = (n: number, over: Partial<AchReturn> = {}): AchReturn => ({
  id: `r-${n}`,
  paymentId: `p-${n}`,
  paymentNumber: `PAY-00010${n}`,
  organizationId: ORG_ID,
  organizationName: 'Demo Company',
  returnCode: 'R01',
  description: 'Insufficient funds',
  amount: 50000 * n,
  currency: 'USD',
  status: 'unresolved',
  note: null,
  closedBy: null,
  closedAt: null,
  createdAt: '2024-06-03T10:00:00Z',
  ...over,
});

describe('ACH returns', () => {
  it('dismisses the selected returns only after a note and a final warning', async () => {
    const returns = [
      achReturn(1),
      achReturn(2, { returnCode: 'R02', description: 'Account closed' }),
    ];
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/ach-returns', () =>
        HttpResponse.json(page(returns.filter((r) => r.status === 'unresolved'))),
      ),
      api.post('/api/v1/ach-returns/{id}/dismiss', async ({ params, request }) => {
        const { note } = await request.json();
        const r = returns.find((x) => x.id === params.id)!;
        Object.assign(r, { status: 'dismissed', note });
        return HttpResponse.json(r);
      }),
    );
    const { user } = renderApp('/ach-returns');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'ACH Returns' }),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'ACH returns' });
    await within(table).findByText('PAY-000102');
    expect(within(table).getByRole('row', { name: /PAY-000102/ })).toHaveTextContent(
      'R02 Account closed',
    );
    const dismiss = screen.getByRole('button', { name: 'Dismiss selected' });
    expect(dismiss).toBeDisabled();

    await user.click(screen.getByLabelText('Select all'));
    expect(screen.getByLabelText('Select return PAY-000101')).toBeChecked();
    expect(screen.getByLabelText('Select return PAY-000102')).toBeChecked();
    await user.click(dismiss);

    const dialog = screen.getByRole('dialog', { name: 'Dismiss ACH returns' });
    expect(dialog).toHaveTextContent(/final and cannot be undone/);
    expect(dialog).toHaveTextContent(/adjust the invoice and the payment there by hand/);
    expect(within(dialog).getByRole('list', { name: 'Selected returns' })).toHaveTextContent(
      'PAY-000101',
    );

    // the note is required
    await user.click(within(dialog).getByRole('button', { name: 'Dismiss' }));
    expect(within(dialog).getByLabelText('Note')).toHaveAccessibleDescription(/Enter a note/);
    expect(requests.some((c) => c.method === 'POST')).toBe(false);

    await user.type(within(dialog).getByLabelText('Note'), 'Voided in QuickBooks');
    await user.click(within(dialog).getByRole('button', { name: 'Dismiss' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Dismiss ACH returns' })).not.toBeInTheDocument(),
    );
    const posts = requests.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.path).sort()).toEqual([
      '/api/v1/ach-returns/r-1/dismiss',
      '/api/v1/ach-returns/r-2/dismiss',
    ]);
    expect(posts[0]!.body).toEqual({ note: 'Voided in QuickBooks' });
    expect(await screen.findByText('No unresolved ACH returns')).toBeInTheDocument();
  });

  it('keeps the dialog open and names the returns that could not be resolved', async () => {
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/ach-returns', () => HttpResponse.json(page([achReturn(1), achReturn(2)]))),
      api.post('/api/v1/ach-returns/{id}/resolve', ({ params }) =>
        params.id === 'r-2'
          ? problem(409, 'The return is already closed')
          : HttpResponse.json(achReturn(1, { status: 'resolved' })),
      ),
    );
    const { user } = renderApp('/ach-returns');
    await user.click(await screen.findByLabelText('Select return PAY-000101'));
    await user.click(screen.getByLabelText('Select return PAY-000102'));
    await user.click(screen.getByRole('button', { name: 'Resolve selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Resolve ACH returns' });
    expect(dialog).toHaveTextContent(/Resolving is final/);
    await user.type(within(dialog).getByLabelText('Note'), 'Customer paid by card');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'PAY-000102: The return is already closed',
    );
    expect(requests.filter((c) => c.method === 'POST')).toHaveLength(2);
  });
});
