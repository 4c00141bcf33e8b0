import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';

import { page } from '@/testing/ar-fixtures';
import { autopayRun } from '@/testing/autopay-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers } from '@/testing/mocks/session';
import { paymentSummary } from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';

const P1 = 'cccccccc-0000-4000-8000-000000000101';
const P2 = 'cccccccc-0000-4000-8000-000000000102';
const P3 = 'cccccccc-0000-4000-8000-000000000103';

const waiting = [
  paymentSummary({
    id: P1,
    number: 'PAY-000101',
    status: 'pending_approval',
    origin: 'autopay',
    autopayRunDate: '2026-03-05',
    amount: 120000,
    fee: 0,
    total: 120000,
  }),
  paymentSummary({
    id: P2,
    number: 'PAY-000102',
    status: 'pending_approval',
    origin: 'autopay',
    autopayRunDate: '2026-03-05',
    amount: 30050,
    fee: 0,
    total: 30050,
  }),
  paymentSummary({
    id: P3,
    number: 'PAY-000103',
    status: 'pending_approval',
    origin: 'autopay',
    autopayRunDate: '2026-03-05',
    amount: 5000,
    fee: 0,
    total: 5000,
  }),
];

/** The AutoPay page's API: approvals kept in memory, a run history; `overrides` answer first. */
function autopayApi(...overrides: HttpHandler[]) {
  let pending = [...waiting];
  let retryOffsetsDays = [1, 3];
  const requests = recordRequests();
  server.use(
    ...overrides,
    api.get('/api/v1/settings/autopay', () => HttpResponse.json({ retryOffsetsDays })),
    api.put('/api/v1/settings/autopay', async ({ request }) => {
      ({ retryOffsetsDays } = await request.json());
      return HttpResponse.json({ retryOffsetsDays });
    }),
    api.get('/api/v1/autopay/approvals', () => HttpResponse.json(page(pending))),
    api.post('/api/v1/autopay/approvals/approve', async ({ request }) => {
      const { paymentIds } = await request.json();
      pending = pending.filter((p) => !paymentIds.includes(p.id));
      return HttpResponse.json({
        data: paymentIds.map((paymentId, i) =>
          i === 0
            ? { paymentId, ok: true, status: 'succeeded', error: null }
            : { paymentId, ok: true, status: 'failed', error: null },
        ),
      });
    }),
    api.get('/api/v1/autopay/runs', () =>
      HttpResponse.json(
        page(
          [
            autopayRun({
              problems: ['PAY-000099 (Demo Company): card declined'],
            }),
          ],
          10,
        ),
      ),
    ),
  );
  return { requests };
}

describe('AutoPay page', () => {
  it('approves the selected payments after a confirmation stating their count and total', async () => {
    const { requests } = autopayApi();
    const { user } = renderApp('/autopay');
    const table = await screen.findByRole('table', { name: 'Payments waiting for approval' });
    await within(table).findByRole('row', { name: /PAY-000101/ });
    expect(screen.getByRole('button', { name: 'Approve selected' })).toBeDisabled();

    await user.click(within(table).getByLabelText('Select payment PAY-000101'));
    await user.click(within(table).getByLabelText('Select payment PAY-000102'));
    expect(screen.getByText('2 selected, $1,500.50')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approve selected' }));

    const dialog = screen.getByRole('dialog', { name: 'Approve 2 payments' });
    expect(dialog).toHaveTextContent(
      '2 payments totalling $1,500.50 will be charged now to their payment methods.',
    );
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Approve and charge $1,500.50' }));

    expect(await screen.findByText('2 payments approved')).toBeInTheDocument();
    expect(screen.getByText('Charged: 1. Declined: 1.')).toBeInTheDocument();
    const approve = requests.find((r) => r.path === '/api/v1/autopay/approvals/approve');
    expect(approve?.body).toEqual({ paymentIds: [P1, P2] });
    // the confirmation carries its own key: a retry of it charges nothing twice
    expect(approve?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() =>
      expect(within(table).queryByRole('row', { name: /PAY-000101/ })).not.toBeInTheDocument(),
    );
    expect(within(table).getByRole('row', { name: /PAY-000103/ })).toBeInTheDocument();
  });

  it('says which payments were not approved, and why', async () => {
    autopayApi(
      api.post('/api/v1/autopay/approvals/approve', () =>
        HttpResponse.json({
          data: [
            {
              paymentId: P3,
              ok: false,
              status: 'pending_approval',
              error: 'The payment method is locked; reject this payment and charge another method',
            },
          ],
        }),
      ),
    );
    const { user } = renderApp('/autopay');
    const table = await screen.findByRole('table', { name: 'Payments waiting for approval' });
    await user.click(await within(table).findByLabelText('Select payment PAY-000103'));
    await user.click(screen.getByRole('button', { name: 'Approve selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve 1 payment' });
    expect(dialog).toHaveTextContent(
      '1 payment totalling $50.00 will be charged now to its payment method.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Approve and charge $50.00' }));
    expect(await screen.findByText('1 payment was not approved')).toBeInTheDocument();
    expect(screen.getByText(/PAY-000103: The payment method is locked/)).toBeInTheDocument();
  });

  it('shows the run history with its counts, and a run’s problems on demand', async () => {
    autopayApi();
    const { user } = renderApp('/autopay');
    const runs = await screen.findByRole('table', { name: 'AutoPay runs' });
    const row = await within(runs).findByRole('row', { name: /Mar 5, 2026/ });
    expect(row).toHaveTextContent('Finished');
    expect(row).toHaveTextContent('Daily run');
    await user.click(within(row).getByRole('button', { name: 'Show details' }));
    expect(
      await within(runs).findByText('PAY-000099 (Demo Company): card declined'),
    ).toBeInTheDocument();
  });

  it('Run now asks first, then follows the run until it finishes and shows its counts', async () => {
    const queued = autopayRun({
      id: 'dddddddd-0000-4000-8000-000000000009',
      runDate: '2026-03-06',
      status: 'queued',
      trigger: 'manual',
      requestedBy: 'Ada Admin',
      counts: { evaluated: 0, charged: 0, failed: 0, pendingApproval: 0, skipped: 0 },
      startedAt: null,
      finishedAt: null,
    });
    let polls = 0;
    const { requests } = autopayApi(
      api.post('/api/v1/autopay/runs', () => HttpResponse.json(queued, { status: 202 })),
      api.get('/api/v1/autopay/runs/{id}', () => {
        polls += 1;
        return HttpResponse.json(
          polls < 2
            ? { ...queued, status: 'running' }
            : {
                ...queued,
                status: 'succeeded',
                counts: { evaluated: 4, charged: 2, failed: 0, pendingApproval: 1, skipped: 1 },
                finishedAt: '2026-03-06T12:00:05Z',
              },
        );
      }),
    );
    const { user } = renderApp('/autopay');
    await user.click(await screen.findByRole('button', { name: 'Run now' }));
    const dialog = screen.getByRole('dialog', { name: 'Run AutoPay now' });
    expect(dialog).toHaveTextContent('AutoPay date is today');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Run AutoPay' }));

    expect(await screen.findByText(/charging; this page follows it/)).toBeInTheDocument();
    const counts = await screen.findByText('Invoices checked', {}, { timeout: 6000 });
    const dl = counts.closest('dl')!;
    expect(dl).toHaveTextContent('Invoices checked4Charged2Waiting for approval1Declined0Skipped1');
    expect(
      requests.find((r) => r.path === '/api/v1/autopay/runs' && r.method === 'POST')?.body,
    ).toEqual({});
    // finished: no more asking (one refresh with the lists the run changed, then quiet)
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(polls - after).toBeLessThanOrEqual(1);
    expect(polls).toBeLessThanOrEqual(4);
  }, 15_000);

  it('says when declined charges are retried, and lets an admin change it, checked before sending', async () => {
    const { requests } = autopayApi();
    const { user } = renderApp('/autopay');
    expect(
      await screen.findByText(/tries a charge declined .* again 1 day and 3 days after its date/),
    ).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Retry schedule' });
    const days = within(form).getByLabelText('Retry after (days)');
    expect(days).toHaveValue('1, 3');

    await user.clear(days);
    await user.type(days, '3, 1');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(
      await within(form).findByText('Each retry must come after the one before, such as 1, 3'),
    ).toBeInTheDocument();
    const puts = () => requests.filter((r) => r.method === 'PUT');
    expect(puts()).toEqual([]);

    await user.clear(days);
    await user.type(days, '2 5');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]!.body).toEqual({ retryOffsetsDays: [2, 5] });
    expect(await screen.findAllByText(/again 2 days and 5 days after its date/)).not.toHaveLength(
      0,
    );
  });

  it('offers Run now to admins only', async () => {
    server.use(...sessionHandlers({ role: 'billing' }));
    autopayApi();
    renderApp('/autopay');
    expect(await screen.findByRole('heading', { level: 1, name: 'AutoPay' })).toBeInTheDocument();
    await screen.findByRole('table', { name: 'AutoPay runs' });
    expect(screen.queryByRole('button', { name: 'Run now' })).not.toBeInTheDocument();
  });

  it('shows a failure to load the approvals with its request id', async () => {
    autopayApi(api.get('/api/v1/autopay/approvals', () => problem(500, 'Database unavailable')));
    renderApp('/autopay');
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
  });
});
