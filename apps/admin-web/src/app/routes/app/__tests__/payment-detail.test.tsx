import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, page } from '@/testing/ar-fixtures';
import { EMAIL_ID, emailSummary, noEmailsHandlers } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers } from '@/testing/mocks/session';
import { PAYMENT_ID, paymentResponse } from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';

/** The payment's detail; `overrides` answer first. */
function detailApi(
  payment: components['schemas']['PaymentResponseDto'],
  ...overrides: HttpHandler[]
) {
  const requests = recordRequests();
  server.use(
    ...overrides,
    ...noEmailsHandlers(),
    api.get('/api/v1/payments/{id}', () => HttpResponse.json(payment)),
  );
  return { requests };
}

describe('payment detail', () => {
  it('shows the amounts, allocations and the timeline in order', async () => {
    detailApi(paymentResponse({ amountRefunded: 10000 }));
    renderApp(`/payments/${PAYMENT_ID}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: /Payment PAY-000123/ }),
    ).toHaveTextContent('Succeeded');
    expect(screen.getByTestId('payment-amount')).toHaveTextContent('$2,503.00');
    expect(screen.getByTestId('payment-fee')).toHaveTextContent('$75.09');
    expect(screen.getByTestId('payment-total')).toHaveTextContent('$2,578.09');
    expect(screen.getByTestId('payment-refunded')).toHaveTextContent('$100.00');
    expect(screen.getAllByRole('link', { name: 'Demo Company' })[0]).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}`,
    );
    const allocations = screen.getByRole('table', { name: 'Allocations' });
    expect(within(allocations).getByRole('row', { name: /1001/ })).toHaveTextContent('$500.00');
    const events = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    expect(events.map((e) => e.querySelector('p')?.textContent)).toEqual([
      'Payment created for $2,503.00',
      'Charge sent to the sandbox gateway',
      'Charge succeeded',
    ]);
    expect(events[0]).toHaveTextContent('Ada Admin');
    expect(screen.queryByRole('button', { name: 'Cancel payment' })).not.toBeInTheDocument();
  });

  it('writes the dates in timeline entries in the app format, not as ISO', async () => {
    detailApi(
      paymentResponse({
        status: 'scheduled',
        scheduledFor: '2099-12-15',
        processedAt: null,
        timeline: [
          {
            type: 'scheduled',
            actor: 'Ada Admin',
            summary: 'Scheduled for 2099-12-01',
            data: null,
            at: '2026-03-05T15:04:00Z',
          },
          {
            type: 'rescheduled',
            actor: 'Ada Admin',
            summary: 'Rescheduled from 2099-12-01 to 2099-12-15',
            data: null,
            at: '2026-03-06T15:04:00Z',
          },
        ],
      }),
    );
    renderApp(`/payments/${PAYMENT_ID}`);
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(
      within(timeline)
        .getAllByRole('listitem')
        .map((e) => e.querySelector('p')?.textContent),
    ).toEqual(['Scheduled for Dec 1, 2099', 'Rescheduled from Dec 1, 2099 to Dec 15, 2099']);
    expect(timeline).not.toHaveTextContent(/\d{4}-\d{2}-\d{2}/);
  });

  it('refunds after showing the amount, with an Idempotency-Key per dialog', async () => {
    let payment = paymentResponse();
    const { requests } = detailApi(
      payment,
      api.get('/api/v1/payments/{id}', () => HttpResponse.json(payment)),
      api.post('/api/v1/payments/{id}/refunds', async ({ request }) => {
        const amount = (await request.json()).amount ?? payment.amount;
        payment = paymentResponse({ amountRefunded: amount });
        return HttpResponse.json(
          {
            id: 'rf-1',
            paymentId: PAYMENT_ID,
            amount,
            fee: 300,
            status: 'succeeded',
            failureMessage: null,
            reason: null,
            createdAt: '2024-06-02T10:00:00Z',
          },
          { status: 201 },
        );
      }),
    );
    const { user } = renderApp(`/payments/${PAYMENT_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = screen.getByRole('dialog', { name: 'Refund payment PAY-000123' });
    const amount = within(dialog).getByLabelText('Refund amount');
    expect(amount).toHaveValue('2503.00');
    await user.clear(amount);
    await user.type(amount, '100');
    await user.click(within(dialog).getByRole('button', { name: 'Review refund' }));

    // nothing moves until the confirmation showing the amount
    expect(requests.some((c) => c.method === 'POST')).toBe(false);
    expect(dialog).toHaveTextContent(/Refund \$100\.00 of payment PAY-000123 to Operating account/);
    await user.click(within(dialog).getByRole('button', { name: 'Refund $100.00' }));

    await waitFor(() =>
      expect(screen.getByTestId('payment-refunded')).toHaveTextContent('$100.00'),
    );
    const post = requests.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/payments/${PAYMENT_ID}/refunds`);
    expect(post.body).toEqual({ amount: 10000 });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('puts a refused refund amount back under the field', async () => {
    detailApi(
      paymentResponse(),
      api.post('/api/v1/payments/{id}/refunds', () =>
        problem(422, 'Over the refundable amount', {
          errors: [{ field: 'amount', message: 'exceeds the refundable 250300' }],
        }),
      ),
    );
    const { user } = renderApp(`/payments/${PAYMENT_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Review refund' }));
    await user.click(within(dialog).getByRole('button', { name: 'Refund $2,503.00' }));
    expect(await within(dialog).findByLabelText('Refund amount')).toHaveAccessibleDescription(
      'exceeds the refundable 250300',
    );
  });

  it('checks the refund amount before asking: over the refundable, or not a number', async () => {
    const { requests } = detailApi(paymentResponse({ amountRefunded: 200000 }));
    const { user } = renderApp(`/payments/${PAYMENT_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = screen.getByRole('dialog');
    const amount = within(dialog).getByLabelText('Refund amount');
    // what is left: 2,503.00 paid − 2,000.00 refunded; the sign of the currency in front
    expect(amount).toHaveValue('503.00');
    expect(within(dialog).getByText('$')).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '503.01');
    await user.click(within(dialog).getByRole('button', { name: 'Review refund' }));
    expect(amount).toHaveAccessibleDescription('Cannot be more than the refundable $503.00');
    await user.clear(amount);
    await user.type(amount, 'ten');
    await user.click(within(dialog).getByRole('button', { name: 'Review refund' }));
    expect(amount).toHaveAccessibleDescription('Enter an amount such as 1500.00');
    expect(requests.some((c) => c.method === 'POST')).toBe(false);
  });

  it('cancels and reschedules a scheduled payment', async () => {
    let payment = paymentResponse({
      status: 'scheduled',
      scheduledFor: '2099-12-01',
      processedAt: null,
    });
    const { requests } = detailApi(
      payment,
      api.get('/api/v1/payments/{id}', () => HttpResponse.json(payment)),
      api.patch('/api/v1/payments/{id}', async ({ request }) => {
        payment = { ...payment, ...(await request.json()) };
        return HttpResponse.json(payment);
      }),
      api.post('/api/v1/payments/{id}/cancel', () => {
        payment = { ...payment, status: 'cancelled' };
        return HttpResponse.json(payment);
      }),
    );
    const { user } = renderApp(`/payments/${PAYMENT_ID}`);
    expect(screen.queryByRole('button', { name: 'Refund' })).not.toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Reschedule' }));
    const reschedule = screen.getByRole('dialog', { name: /Reschedule/ });
    const date = within(reschedule).getByLabelText('New payment date');
    expect(date).toHaveValue('2099-12-01');
    fireEvent.change(date, { target: { value: '2099-12-15' } });
    await user.click(within(reschedule).getByRole('button', { name: 'Reschedule' }));
    await waitFor(() =>
      expect(requests.find((c) => c.method === 'PATCH')?.body).toEqual({
        scheduledFor: '2099-12-15',
      }),
    );
    expect(await screen.findByText('PAY-000123 moved to Dec 15, 2099.')).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Cancel payment' }));
    const cancel = screen.getByRole('dialog', { name: /Cancel payment/ });
    await user.type(within(cancel).getByLabelText('Reason'), 'Customer asked');
    await user.click(within(cancel).getByRole('button', { name: 'Cancel payment' }));
    expect(await screen.findByRole('heading', { level: 1, name: /PAY-000123/ })).toHaveTextContent(
      'Cancelled',
    );
    expect(requests.find((c) => c.path.endsWith('/cancel'))?.body).toEqual({
      reason: 'Customer asked',
    });
  });

  it('approves an AutoPay payment waiting for approval after stating what is charged', async () => {
    let payment = paymentResponse({
      status: 'pending_approval',
      origin: 'autopay',
      autopayRunDate: '2099-12-01',
      processedAt: null,
    });
    const { requests } = detailApi(
      payment,
      api.get('/api/v1/payments/{id}', () => HttpResponse.json(payment)),
      api.post('/api/v1/autopay/approvals/approve', async ({ request }) => {
        const { paymentIds } = await request.json();
        payment = { ...payment, status: 'succeeded' };
        return HttpResponse.json({
          data: paymentIds.map((paymentId) => ({
            paymentId,
            ok: true,
            status: 'succeeded',
            error: null,
          })),
        });
      }),
    );
    const { user } = renderApp(`/payments/${PAYMENT_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve PAY-000123' });
    expect(dialog).toHaveTextContent('$2,578.09 will be charged now to the payment method.');
    await user.click(within(dialog).getByRole('button', { name: 'Approve and charge $2,578.09' }));
    expect(await screen.findByText('PAY-000123 approved')).toBeInTheDocument();
    expect(requests.find((c) => c.path === '/api/v1/autopay/approvals/approve')?.body).toEqual({
      paymentIds: [PAYMENT_ID],
    });
    expect(await screen.findByRole('heading', { level: 1, name: /PAY-000123/ })).toHaveTextContent(
      'Succeeded',
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('says when a payment does not exist', async () => {
    server.use(api.get('/api/v1/payments/{id}', () => problem(404, 'Payment not found')));
    renderApp('/payments/nope');
    expect(await screen.findByText('Payment not found')).toBeInTheDocument();
  });

  it('lists the payment’s emails, and keeps them from viewers', async () => {
    detailApi(
      paymentResponse(),
      api.get('/api/v1/emails', () =>
        HttpResponse.json(
          page(
            [
              emailSummary({
                type: 'payment_receipt',
                category: 'receipts',
                subject: 'Receipt for payment PAY-000123',
                paymentId: PAYMENT_ID,
              }),
            ],
            10,
          ),
        ),
      ),
    );
    renderApp(`/payments/${PAYMENT_ID}`);
    const card = (await screen.findByRole('heading', { name: 'Emails' })).closest('section')!;
    expect(
      await within(card).findByRole('link', { name: 'Receipt for payment PAY-000123' }),
    ).toHaveAttribute('href', `/emails/${EMAIL_ID}`);
    expect(within(card).getByRole('link', { name: 'Open in Emails' })).toHaveAttribute(
      'href',
      `/emails?paymentId=${PAYMENT_ID}`,
    );

    server.use(...sessionHandlers({ role: 'viewer' }));
    const { container } = renderApp(`/payments/${PAYMENT_ID}`);
    const viewer = within(container);
    await viewer.findByRole('heading', { level: 1, name: /Payment PAY-000123/ });
    expect(viewer.getByRole('heading', { name: 'Timeline' })).toBeInTheDocument();
    expect(viewer.queryByRole('heading', { name: 'Emails' })).not.toBeInTheDocument();
  });
});
