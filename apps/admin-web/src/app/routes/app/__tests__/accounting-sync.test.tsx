import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { noEmailsHandlers } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { emptyOverviewHandlers } from '@/testing/mocks/overview';
import { recordRequests, server } from '@/testing/mocks/server';
import { noAttention, sessionHandlers } from '@/testing/mocks/session';
import { PAYMENT_ID, paymentResponse, paymentSummary } from '@/testing/payment-fixtures';
import { currentUrl, renderApp } from '@/testing/render-app';

type Payment = components['schemas']['PaymentResponseDto'];
type Sync = components['schemas']['AccountingSyncDto'];

const failingSync: Sync = {
  status: 'failed',
  action: 'push',
  externalId: null,
  error: 'The amount applied exceeds the balance of invoice 1001',
  cause: 'credit_memo_applied',
  advice: {
    label: 'Credit memo applied',
    happened: 'A credit memo was applied to the invoice after the payment.',
    whatToDo: 'Un-apply the credit memo in accounting; the payment syncs by itself.',
  },
  attempts: 1,
  lastAttemptAt: '2024-06-01T16:00:00Z',
  nextAttemptAt: null,
};

const failing = (over: Partial<Payment> = {}) =>
  paymentResponse({ accountingSync: failingSync, ...over });

/** The failing-to-sync list with one payment; `after` is what each action answers. */
function failingListApi(after: Payment | null) {
  const requests = recordRequests();
  const paths = [
    '/api/v1/payments/{id}/accounting-sync/retry',
    '/api/v1/payments/{id}/accounting-sync/dismiss',
    '/api/v1/payments/{id}/hide',
    '/api/v1/payments/{id}/unhide',
  ] as const;
  server.use(
    api.get('/api/v1/payments', () =>
      HttpResponse.json({ data: [paymentSummary(failing())], page: 1, pageSize: 25, total: 1 }),
    ),
    ...paths.map((path) =>
      after
        ? api.post(path, () => HttpResponse.json(after))
        : api.post(path, () => problem(409, 'Not allowed now')),
    ),
  );
  return { requests };
}

async function choose(action: string, confirmLabel: string) {
  const user = renderApp('/payments?accountingSync=failed').user;
  const table = await screen.findByRole('table', { name: 'Payments' });
  const row = await within(table).findByRole('row', { name: /PAY-000123/ });
  await user.click(within(row).getByRole('button', { name: 'Actions for PAY-000123' }));
  await user.click(screen.getByRole('menuitem', { name: action }));
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByRole('button', { name: confirmLabel }));
  return { dialog, row };
}

describe('payments failing to sync', () => {
  it('counts them on the Overview, with Resolve Now to the failing list, and the 10% alert', async () => {
    server.use(
      api.get('/api/v1/reports/attention', () =>
        HttpResponse.json({
          ...noAttention,
          paymentsFailingToSync: 3,
          accountingSyncAlert: { since: '2024-06-01T16:00:00Z', failing: 3, pushed: 20 },
        }),
      ),
      ...emptyOverviewHandlers(),
    );
    renderApp('/');
    const card = await screen.findByRole('region', { name: 'Payments failing to sync' });
    expect(await within(card).findByTestId('attention-Payments failing to sync')).toHaveTextContent(
      '3',
    );
    expect(within(card).getByRole('link', { name: 'Resolve Now' })).toHaveAttribute(
      'href',
      '/payments?accountingSync=failed',
    );
    expect(screen.getByRole('region', { name: 'Many payments failing to sync' })).toHaveTextContent(
      '3 of the 20 payments sent to accounting in the last 30 days',
    );
  });

  it('shows the source error, the cause in words and what to do, filtered from the URL', async () => {
    const { requests } = failingListApi(null);
    renderApp('/payments?accountingSync=failed');
    const table = await screen.findByRole('table', { name: 'Payments' });
    const row = await within(table).findByRole('row', { name: /PAY-000123/ });
    expect(row).toHaveTextContent('Failing');
    expect(row).toHaveTextContent('Credit memo applied.');
    expect(row).toHaveTextContent(
      'Accounting said: The amount applied exceeds the balance of invoice 1001',
    );
    expect(row).toHaveTextContent('What to do: Un-apply the credit memo');
    expect(screen.getByLabelText('Sync')).toHaveValue('failed');
    const listed = requests.filter((r) => r.path === '/api/v1/payments').at(-1);
    expect(new URLSearchParams(listed?.search).get('accountingSync')).toBe('failed');
  });

  it('says so when nothing is failing to sync', async () => {
    server.use(
      api.get('/api/v1/payments', () =>
        HttpResponse.json({ data: [], page: 1, pageSize: 25, total: 0 }),
      ),
    );
    renderApp('/payments?accountingSync=failed');
    expect(
      await screen.findByText('No payments are failing to sync to accounting.'),
    ).toBeInTheDocument();
  });

  it('retries after a confirmation, and the toast says it waits to sync again', async () => {
    const { requests } = failingListApi(
      failing({ accountingSync: { ...failingSync, status: 'pending', attempts: 0 } }),
    );
    await choose('Retry', 'Retry');
    expect(
      await screen.findByText('PAY-000123 is waiting to sync to accounting again.'),
    ).toBeInTheDocument();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `POST /api/v1/payments/${PAYMENT_ID}/accounting-sync/retry`,
    );
  });

  it('dismisses syncing after a confirmation that says to record it by hand first', async () => {
    const { requests } = failingListApi(
      failing({ accountingSync: { ...failingSync, status: 'dismissed' } }),
    );
    const { dialog } = await choose('Dismiss Syncing', 'Dismiss Syncing');
    expect(dialog).toHaveTextContent('recorded by hand in your accounting package');
    expect(
      await screen.findByText('Settle no longer sends PAY-000123 to accounting.'),
    ).toBeInTheDocument();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `POST /api/v1/payments/${PAYMENT_ID}/accounting-sync/dismiss`,
    );
  });

  it('hides a payment from the portal after a confirmation', async () => {
    const { requests } = failingListApi(failing({ hiddenFromPortal: true }));
    await choose('Hide from portal', 'Hide');
    expect(
      await screen.findByText('PAY-000123 is hidden from the customer portal.'),
    ).toBeInTheDocument();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `POST /api/v1/payments/${PAYMENT_ID}/hide`,
    );
  });

  it('says why when the API refuses, and keeps the list as it was', async () => {
    failingListApi(null);
    await choose('Retry', 'Retry');
    expect(await screen.findByText('Retry syncing: not done')).toBeInTheDocument();
    expect(screen.getByText('Not allowed now')).toBeInTheDocument();
    expect(currentUrl()).toBe('/payments?accountingSync=failed');
  });

  it('offers no actions to viewers', async () => {
    server.use(...sessionHandlers({ role: 'viewer' }));
    failingListApi(null);
    renderApp('/payments?accountingSync=failed');
    const table = await screen.findByRole('table', { name: 'Payments' });
    await within(table).findByRole('row', { name: /PAY-000123/ });
    expect(
      within(table).queryByRole('button', { name: 'Actions for PAY-000123' }),
    ).not.toBeInTheDocument();
  });

  it("shows the payment's accounting sync state and history on its detail", async () => {
    const payment = failing({
      timeline: [
        {
          type: 'accounting_sync_queued',
          actor: 'Settle',
          summary: 'Waiting to sync to accounting',
          data: null,
          at: '2024-06-01T15:00:02Z',
        },
        {
          type: 'accounting_sync_failed',
          actor: 'Settle',
          summary: 'The sync to accounting failed (Credit memo applied)',
          data: null,
          at: '2024-06-01T16:00:00Z',
        },
      ],
    });
    server.use(
      ...noEmailsHandlers(),
      api.get('/api/v1/payments/{id}', () => HttpResponse.json(payment)),
    );
    renderApp(`/payments/${PAYMENT_ID}`);
    const card = await screen.findByRole('region', { name: 'Accounting sync' });
    expect(card).toHaveTextContent('Failing');
    expect(card).toHaveTextContent('What to do: Un-apply the credit memo');
    const history = within(card).getByRole('list', { name: 'Accounting sync history' });
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(2));
    expect(within(card).getByRole('button', { name: 'Actions for PAY-000123' })).toBeVisible();
  });

  it('says when a partly refunded payment waits to be adjusted in accounting, and once it is', async () => {
    const adjusting: Sync = {
      ...failingSync,
      action: 'adjust',
      advice: null,
      cause: null,
      error: null,
      externalId: '312',
      status: 'pending',
    };
    let answer = paymentResponse({ accountingSync: adjusting, amountRefunded: 3000 });
    server.use(
      ...noEmailsHandlers(),
      api.get('/api/v1/payments/{id}', () => HttpResponse.json(answer)),
    );
    const { unmount } = renderApp(`/payments/${PAYMENT_ID}`);
    const card = await screen.findByRole('region', { name: 'Accounting sync' });
    expect(card).toHaveTextContent('Waiting to adjust for a refund');
    unmount();
    answer = paymentResponse({ accountingSync: { ...adjusting, status: 'synced' } });
    renderApp(`/payments/${PAYMENT_ID}`);
    expect(await screen.findByRole('region', { name: 'Accounting sync' })).toHaveTextContent(
      'Adjusted for a refund',
    );
  });
});
