import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoBalance, demoCompany, page } from '@/testing/ar-fixtures';
import { emailSummary, noEmailsHandlers } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import {
  PAYMENT_ID,
  openInvoices,
  paymentMethods,
  paymentResponse,
  paymentSummary,
  sandboxGateway,
} from '@/testing/payment-fixtures';
import { currentUrl, renderApp } from '@/testing/render-app';

const [inv1001, inv1002] = openInvoices;
const SCHEDULED_ID = 'cccccccc-0000-4000-8000-000000000012';

const quote: components['schemas']['PaymentQuoteDto'] = {
  amount: 250300,
  fee: 7509,
  total: 257809,
  currency: 'USD',
  allocations: [
    { invoiceId: inv1001!.id, invoiceNumber: '1001', amount: 50000, openBalance: 100000 },
    { invoiceId: inv1002!.id, invoiceNumber: '1002', amount: 200300, openBalance: 200300 },
  ],
  adjustments: [
    {
      paymentId: SCHEDULED_ID,
      paymentNumber: 'PAY-000012',
      scheduledFor: '2099-12-01',
      fromAmount: 200300,
      toAmount: 0,
      cancelled: true,
    },
  ],
};

/** Demo Company's open invoices, methods and one scheduled payment; `overrides` answer first. */
function payApi(...overrides: HttpHandler[]) {
  const requests = recordRequests();
  server.use(
    ...overrides,
    ...noEmailsHandlers(),
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    api.get('/api/v1/organizations/{id}/balance', () => HttpResponse.json(demoBalance)),
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 200))),
    api.get('/api/v1/payments', ({ request }) =>
      new URL(request.url).searchParams.get('status') === 'scheduled'
        ? HttpResponse.json(
            page(
              [
                paymentSummary({
                  id: SCHEDULED_ID,
                  number: 'PAY-000012',
                  status: 'scheduled',
                  scheduledFor: '2099-12-01',
                  allocations: [
                    {
                      invoiceId: inv1002!.id,
                      invoiceNumber: '1002',
                      amount: 200300,
                      requestedAmount: 200300,
                      amountRefunded: 0,
                    },
                  ],
                }),
              ],
              200,
            ),
          )
        : HttpResponse.json(page([], 25)),
    ),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: paymentMethods }),
    ),
    api.get('/api/v1/payment-gateway', () => HttpResponse.json(sandboxGateway)),
    api.post('/api/v1/payments/quote', () => HttpResponse.json(quote)),
    api.post('/api/v1/payments', () => HttpResponse.json(paymentResponse(), { status: 201 })),
  );
  return { requests };
}

/** Open Invoices → select 1001 and 1002 → Pay selected → pay 500.00 of 1001 by "Operating account". */
async function fillDetails(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByLabelText('Select invoice 1001'));
  await user.click(screen.getByLabelText('Select invoice 1002'));
  await user.click(screen.getByRole('button', { name: 'Pay selected' }));

  const amount = await screen.findByLabelText('Amount for 1001');
  expect(amount).toHaveValue('1000.00');
  expect(screen.getByLabelText('Amount for 1002')).toHaveValue('2003.00');
  expect(screen.queryByLabelText('Amount for 1003')).not.toBeInTheDocument();
  await user.clear(amount);
  await user.type(amount, '500');

  expect(screen.getByLabelText('Company Visa')).toBeChecked();
  expect(screen.getByLabelText('Old bank account')).toBeDisabled();
  await user.click(screen.getByLabelText('Operating account'));
  expect(screen.getByLabelText('Operating account')).toBeChecked();
}

describe('pay selected open invoices', () => {
  it('selects two invoices, edits one amount, quotes the fee and confirms with an Idempotency-Key', async () => {
    const { requests } = payApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);

    const table = await screen.findByRole('table', { name: 'Open Invoices' });
    const pay = screen.getByRole('button', { name: 'Pay selected' });
    expect(pay).toBeDisabled();
    // 1002 has a scheduled payment (found in the scheduled payment's allocations)
    const row1002 = await within(table).findByRole('row', { name: /1002/ });
    expect(
      await within(row1002).findByRole('link', { name: /Scheduled \$2,003\.00 · Dec 1, 2099/ }),
    ).toHaveAttribute('href', `/payments/${SCHEDULED_ID}`);
    expect(within(row1002).getByText('Past due')).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /1003/ })).not.toHaveTextContent('Past due');

    await fillDetails(user);
    expect(currentUrl()).toBe(
      `/organizations/${ORG_ID}/pay?invoices=${encodeURIComponent(`${inv1001!.id},${inv1002!.id}`)}`,
    );
    await user.click(screen.getByRole('button', { name: 'Next' }));

    // Summary: the quote with its fee, total and the overpayment guard
    expect(await screen.findByTestId('quote-fee')).toHaveTextContent('$75.09');
    expect(screen.getByTestId('quote-amount')).toHaveTextContent('$2,503.00');
    expect(screen.getByTestId('quote-total')).toHaveTextContent('$2,578.09');
    expect(screen.getByRole('list', { name: 'Adjustments' })).toHaveTextContent(
      /Scheduled payment PAY-000012 on .*2099 will be cancelled/,
    );
    const expectedBody = {
      organizationId: ORG_ID,
      paymentMethodId: 'pm-ops',
      allocations: [
        { invoiceId: inv1001!.id, amount: 50000 },
        { invoiceId: inv1002!.id, amount: 200300 },
      ],
    };
    expect(requests.find((c) => c.path === '/api/v1/payments/quote')?.body).toEqual(expectedBody);
    expect(requests.some((c) => c.method === 'POST' && c.path === '/api/v1/payments')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Confirm payment' }));
    expect(await screen.findByRole('heading', { name: 'Payment confirmed' })).toBeInTheDocument();
    expect(screen.getByTestId('payment-number')).toHaveTextContent('PAY-000123');
    expect(screen.getByRole('link', { name: 'View payment' })).toHaveAttribute(
      'href',
      '/payments/bbbbbbbb-0000-4000-8000-000000000123',
    );

    const posts = requests.filter((c) => c.method === 'POST' && c.path === '/api/v1/payments');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual(expectedBody);
    expect(posts[0]!.headers.get('Idempotency-Key')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('shows a 422 on confirm under the invoice amount it is about', async () => {
    const { requests } = payApi(
      api.post('/api/v1/payments', () =>
        problem(422, 'The payment exceeds the open balance of invoice 1001', {
          errors: [{ field: 'allocations.0.amount', message: 'exceeds the open balance of 40000' }],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));

    const amount = await screen.findByLabelText('Amount for 1001');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(amount).toHaveAccessibleDescription('exceeds the open balance of 40000');
    expect(screen.getByLabelText('Amount for 1002')).not.toHaveAttribute('aria-invalid');
    expect(
      screen.getByText(/The payment was not made: The payment exceeds the open balance/),
    ).toBeInTheDocument();
    // the edited amount is kept
    expect(amount).toHaveValue('500');
    expect(
      requests.filter((c) => c.method === 'POST' && c.path === '/api/v1/payments'),
    ).toHaveLength(1);
  });

  it('retries a confirm that failed in transit with the same Idempotency-Key', async () => {
    let attempts = 0;
    const { requests } = payApi(
      api.post('/api/v1/payments', () =>
        ++attempts === 1
          ? problem(503, 'The gateway is not answering')
          : HttpResponse.json(paymentResponse(), { status: 201 }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));
    expect(await screen.findByText(/The gateway is not answering/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Confirm payment' }));
    expect(await screen.findByRole('heading', { name: 'Payment confirmed' })).toBeInTheDocument();
    const keys = requests
      .filter((c) => c.method === 'POST' && c.path === '/api/v1/payments')
      .map((c) => c.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it('shows a decline clearly as failed, with the gateway message', async () => {
    payApi(
      api.post('/api/v1/payments', () =>
        HttpResponse.json(
          paymentResponse({
            status: 'failed',
            failureCode: 'card_declined',
            failureMessage: 'Your card was declined.',
            processedAt: null,
          }),
          { status: 201 },
        ),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));
    expect(await screen.findByRole('heading', { name: 'Payment failed' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your card was declined.');
    expect(screen.queryByRole('heading', { name: 'Payment confirmed' })).not.toBeInTheDocument();
  });

  it('schedules a payment for a later date', async () => {
    const { requests } = payApi(
      api.post('/api/v1/payments', () =>
        HttpResponse.json(
          paymentResponse({ status: 'scheduled', scheduledFor: '2099-01-15', processedAt: null }),
          { status: 201 },
        ),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    await user.click(screen.getByLabelText('Schedule payment'));
    fireEvent.change(screen.getByLabelText('Payment date'), { target: { value: '2099-01-15' } });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));
    expect(await screen.findByRole('heading', { name: 'Payment scheduled' })).toBeInTheDocument();
    const post = requests.find((c) => c.method === 'POST' && c.path === '/api/v1/payments');
    expect(post?.body).toMatchObject({ scheduledFor: '2099-01-15' });
  });

  it('checks amounts before quoting: no float math, nothing over the open balance', async () => {
    const { requests } = payApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    const amount = screen.getByLabelText('Amount for 1001');
    await user.clear(amount);
    await user.type(amount, '12.345');
    const other = screen.getByLabelText('Amount for 1002');
    await user.clear(other);
    await user.type(other, '3000');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(amount).toHaveAccessibleDescription('Use at most 2 decimal places');
    expect(other).toHaveAccessibleDescription('Cannot be more than the open balance of $2,003.00');
    expect(requests.some((c) => c.path === '/api/v1/payments/quote')).toBe(false);
  });

  it('finds the chosen invoices by id, however far down the list (the 250th here)', async () => {
    // 250 open invoices; the pay flow must not read "the first 200" to find the one chosen
    const many = Array.from({ length: 250 }, (_, i) => ({
      ...inv1001!,
      id: `aaaaaaaa-0000-4000-8000-${String(100000000000 + i)}`,
      number: `INV-${i + 1}`,
    }));
    const chosen = many[249]!;
    const gone = 'aaaaaaaa-0000-4000-8000-999999999999';
    const { requests } = payApi(
      api.get('/api/v1/invoices', ({ request }) => {
        const query = new URL(request.url).searchParams;
        const ids = query.getAll('id');
        const payable = query.get('payable') === 'true';
        return HttpResponse.json(
          page(
            many.filter((i) => ids.includes(i.id) && payable),
            200,
          ),
        );
      }),
    );
    renderApp(`/organizations/${ORG_ID}/pay?invoices=${chosen.id},${gone}`);

    expect(await screen.findByLabelText('Amount for INV-250')).toHaveValue('1000.00');
    expect(
      screen.getByText('1 selected invoice is no longer open and was left out.'),
    ).toHaveAttribute('role', 'status');
    const get = requests.find((c) => c.method === 'GET' && c.path === '/api/v1/invoices')!;
    const query = new URLSearchParams(get.search);
    expect(query.getAll('id')).toEqual([chosen.id, gone]);
    expect(query.get('payable')).toBe('true');
    expect(query.get('organizationId')).toBe(ORG_ID);
  });

  it('says only what happened once paid: no receipt email promised before one exists', async () => {
    let paid = false;
    payApi(
      // once paid, the invoices are no longer payable: the confirmation must stay
      api.get('/api/v1/invoices', () => HttpResponse.json(page(paid ? [] : openInvoices, 200))),
      api.post('/api/v1/payments', () => {
        paid = true;
        return HttpResponse.json(paymentResponse(), { status: 201 });
      }),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    // the amount inputs show the invoice currency's sign
    expect(screen.getAllByText('$', { selector: '.ui-input-group__prefix' })).toHaveLength(2);
    expect(
      screen.getByText(/It also goes to the organization's default notification contacts/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));

    const result = (await screen.findByRole('heading', { name: 'Payment confirmed' })).closest(
      'section',
    )!;
    expect(result).toHaveTextContent('$2,578.09 was charged.');
    expect(within(result).getByTestId('payment-number')).toHaveTextContent('PAY-000123');
    // no email row yet: the screen looks for one and claims nothing
    expect(within(result).getByText(/Checking for the receipt email/)).toBeInTheDocument();
    expect(result).not.toHaveTextContent(/sent to|queued for/i);
    expect(within(result).getByRole('link', { name: 'View payment' })).toHaveAttribute(
      'href',
      '/payments/bbbbbbbb-0000-4000-8000-000000000123',
    );
    // the invoices refetched empty after the payment; the result is still shown
    await waitFor(() => expect(paid).toBe(true));
    expect(screen.queryByText('Nothing left to pay')).not.toBeInTheDocument();
  });

  it('puts a refused quote on its fields: method, recipient, and the rest in the alert', async () => {
    const { requests } = payApi(
      api.post('/api/v1/payments/quote', () =>
        problem(400, 'Invalid request', {
          errors: [
            { field: 'paymentMethodId', message: 'is locked' },
            { field: 'receiptRecipients.0', message: 'must be an email address' },
            { field: 'organizationId', message: 'is archived' },
          ],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    await user.type(screen.getByLabelText('Receipt recipient email'), 'ap@example.com');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('is locked')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Payment method' })).toHaveAccessibleDescription(
      'is locked',
    );
    expect(screen.getByLabelText('Receipt recipient email')).toHaveAccessibleDescription(
      'must be an email address',
    );
    expect(screen.getByText('organizationId is archived')).toHaveClass('ui-alert');
    expect(requests.find((c) => c.path === '/api/v1/payments/quote')?.body).toMatchObject({
      receiptRecipients: ['ap@example.com'],
    });
    // still on the details step
    expect(screen.getByRole('form', { name: 'Payment details' })).toBeInTheDocument();
  });

  it('lists who the receipt went to once the emails module writes and sends it', async () => {
    let polls = 0;
    const receipt = (status: 'queued' | 'sent') =>
      emailSummary({
        id: 'eeeeeeee-0000-4000-8000-000000000501',
        type: 'payment_receipt',
        category: 'receipts',
        status,
        to: ['ap@example.com', 'pat@example.com'],
        subject: 'Receipt for payment PAY-000123',
        paymentId: PAYMENT_ID,
        sentAt: status === 'sent' ? '2024-06-01T15:00:05Z' : null,
      });
    const skipped = emailSummary({
      id: 'eeeeeeee-0000-4000-8000-000000000502',
      type: 'payment_receipt',
      category: 'receipts',
      status: 'skipped',
      to: ['old@example'],
      lastError: 'Not a valid email address',
      paymentId: PAYMENT_ID,
      sentAt: null,
    });
    const staff = emailSummary({
      id: 'eeeeeeee-0000-4000-8000-000000000503',
      type: 'staff_payment_made',
      category: 'staff',
      to: ['ada@msp.example'],
      paymentId: PAYMENT_ID,
    });
    const { requests } = payApi(
      api.get('/api/v1/emails', () => {
        polls++;
        // the receipt follows the payment by a moment: none, then queued, then sent
        const rows =
          polls === 1
            ? []
            : polls === 2
              ? [receipt('queued'), skipped]
              : [receipt('sent'), skipped, staff];
        return HttpResponse.json(page(rows, 50));
      }),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));
    const result = (await screen.findByRole('heading', { name: 'Payment confirmed' })).closest(
      'section',
    )!;

    const list = await within(result).findByRole(
      'list',
      { name: 'Emails about this payment' },
      { timeout: 4000 },
    );
    expect(list).toHaveTextContent('Receipt queued for ap@example.com, pat@example.com');
    await waitFor(
      () =>
        expect(
          within(list)
            .getAllByRole('listitem')
            .map((li) => li.textContent),
        ).toEqual([
          'Receipt sent to ap@example.com, pat@example.com',
          'Receipt not sent to old@example: Not a valid email address',
        ]),
      { timeout: 4000 },
    );
    expect(within(list).getByRole('link', { name: /Receipt sent to/ })).toHaveAttribute(
      'href',
      '/emails/eeeeeeee-0000-4000-8000-000000000501',
    );
    // settled: no more polling
    const asked = requests.filter((r) => r.path === '/api/v1/emails');
    expect(new URLSearchParams(asked[0]!.search).get('paymentId')).toBe(PAYMENT_ID);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(requests.filter((r) => r.path === '/api/v1/emails')).toHaveLength(asked.length);
  });
});
