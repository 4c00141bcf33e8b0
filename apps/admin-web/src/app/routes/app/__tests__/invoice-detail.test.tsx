import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoBalance, demoCompany, page } from '@/testing/ar-fixtures';
import { emailSummary, noEmailsHandlers } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import {
  openInvoices,
  paymentMethods,
  paymentSummary,
  sandboxGateway,
} from '@/testing/payment-fixtures';
import { currentUrl, renderApp } from '@/testing/render-app';

type Invoice = components['schemas']['InvoiceResponseDto'];

const [inv1001, inv1002] = openInvoices;

/** 1002 paid in full through Settle (PAY-000123 also paid part of 1001); ConnectWise still says $2,003.00. */
const awaiting: Invoice = {
  ...inv1002!,
  poNumber: 'PO-778',
  pdfUrl: 'https://psa.example.com/invoices/1002.pdf',
  openBalance: 0,
  sourceBalance: 200300,
  pastDue: false,
  awaitingAccounting: true,
};

const paid = paymentSummary({ status: 'succeeded' });
const cancelled = paymentSummary({
  id: 'cccccccc-0000-4000-8000-000000000009',
  number: 'PAY-000009',
  status: 'cancelled',
  amount: 200300,
  scheduledFor: '2024-05-20',
  processedAt: null,
  createdAt: '2024-05-01T15:00:00Z',
});
cancelled.allocations = [{ invoiceId: inv1002!.id, invoiceNumber: '1002', amount: 200300 }];

const activity: components['schemas']['InvoiceActivityEntryDto'][] = [
  {
    at: '2024-06-01T15:00:01Z',
    type: 'payment.succeeded',
    summary: 'Payment PAY-000123 of $2,503.00 succeeded',
    detail: 'Charge succeeded',
    paymentId: paid.id,
    paymentNumber: 'PAY-000123',
  },
  {
    at: '2024-01-01T12:00:00Z',
    type: 'invoice.imported',
    summary: 'Imported from connectwise',
    detail: null,
    paymentId: null,
    paymentNumber: null,
  },
  {
    at: '2023-01-01T06:00:00Z',
    type: 'invoice.issued',
    summary: 'Invoice 1002 issued for $2,003.00',
    detail: null,
    paymentId: null,
    paymentNumber: null,
  },
];

/** One invoice, its timeline and its payments; `overrides` answer first. */
function invoiceApi(invoice: Invoice, ...overrides: HttpHandler[]) {
  const requests = recordRequests();
  server.use(
    ...overrides,
    ...noEmailsHandlers(),
    api.get('/api/v1/invoices/{id}', () => HttpResponse.json(invoice)),
    api.get('/api/v1/invoices/{id}/activity', () => HttpResponse.json({ data: activity })),
    api.get('/api/v1/payments', () => HttpResponse.json(page([paid, cancelled], 200))),
    api.get('/api/v1/invoices/{invoiceId}/autopay', ({ params }) =>
      HttpResponse.json({
        invoiceId: params.invoiceId,
        willCharge: false,
        date: null,
        ruleId: null,
        paymentMethodId: null,
        amount: 0,
        currency: 'USD',
        needsApproval: false,
        reasons: [{ code: 'no_balance', message: 'Nothing is left to pay on this invoice' }],
      }),
    ),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: paymentMethods }),
    ),
  );
  return { requests };
}

describe('invoice detail', () => {
  it('shows a paid invoice as waiting for accounting, with its figures, payments and timeline, and no Pay', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { requests } = invoiceApi(
      awaiting,
      api.get('/api/v1/invoices/{id}', async () => {
        await answered;
        return HttpResponse.json(awaiting);
      }),
    );
    renderApp(`/invoices/${awaiting.id}`);

    expect(await screen.findByText('Loading invoice…')).toBeInTheDocument();
    answer();
    const heading = await screen.findByRole('heading', { level: 1, name: /Invoice 1002/ });
    expect(await screen.findByText('AutoPay will not charge this invoice.')).toBeInTheDocument();
    expect(screen.getByText('Nothing is left to pay on this invoice')).toBeInTheDocument();
    expect(heading).toHaveTextContent('Paid — waiting for accounting');
    expect(heading).not.toHaveTextContent('Past due');
    expect(screen.getByText(/Paid in full through Settle/)).toHaveTextContent(
      'The source system (connectwise) still shows $2,003.00 owed',
    );
    expect(screen.queryByRole('link', { name: 'Pay invoice 1002' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View PDF/ })).toHaveAttribute('href', awaiting.pdfUrl);
    expect(screen.getByRole('link', { name: 'Demo Company' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}`,
    );

    expect(screen.getByTestId('invoice-total')).toHaveTextContent('$2,003.00');
    expect(screen.getByTestId('invoice-source-balance')).toHaveTextContent('$2,003.00');
    expect(screen.getByTestId('invoice-open-balance')).toHaveTextContent('$0.00');
    const details = screen.getByText('Issue date').closest('dl')!;
    expect(details).toHaveTextContent('Jan 1, 2023');
    expect(details).toHaveTextContent('Feb 15, 2023');
    expect(details).toHaveTextContent('Net 30');
    expect(details).toHaveTextContent('PO-778');
    expect(document.body).not.toHaveTextContent(/\d{4}-\d{2}-\d{2}/);

    // the payment covered 1001 and 1002: only 1002's share is shown here
    const applied = await screen.findByRole('table', { name: 'Payments applied' });
    const row = await within(applied).findByRole('row', { name: /PAY-000123/ });
    expect(within(row).getByRole('link', { name: 'PAY-000123' })).toHaveAttribute(
      'href',
      `/payments/${paid.id}`,
    );
    expect(row).toHaveTextContent('Succeeded');
    expect(row).toHaveTextContent('$2,003.00');
    expect(row).not.toHaveTextContent('$2,503.00');
    expect(within(applied).getByRole('row', { name: /PAY-000009/ })).toHaveTextContent('Cancelled');
    expect(screen.queryByRole('table', { name: 'Scheduled payments' })).not.toBeInTheDocument();
    expect(screen.getByText('No payment is scheduled against this invoice.')).toBeInTheDocument();
    const paymentsCall = requests.find((c) => c.path === '/api/v1/payments');
    expect(new URLSearchParams(paymentsCall?.search).getAll('invoiceId')).toEqual([awaiting.id]);

    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const events = within(timeline).getAllByRole('listitem');
    expect(events[0]).toHaveTextContent('Payment PAY-000123 of $2,503.00 succeeded');
    expect(events[0]).toHaveTextContent('Charge succeeded');
    expect(events[0]).toHaveClass('app-timeline__event--succeeded');
    expect(within(events[0]!).getByRole('link', { name: 'PAY-000123' })).toHaveAttribute(
      'href',
      `/payments/${paid.id}`,
    );
    expect(events[1]).toHaveTextContent('Imported from connectwise');
    expect(events[1]).toHaveTextContent(/Jan 1, 2024/);
    // issued on a day: no time of day is made up for it
    expect(events[2]).toHaveTextContent(/Invoice 1002 issued for \$2,003\.00\s*Jan 1, 2023$/);
  });

  it('shows a payable past-due invoice with its scheduled payment, and Pay opens the pay flow with it selected', async () => {
    const scheduled = paymentSummary({
      id: 'cccccccc-0000-4000-8000-000000000012',
      number: 'PAY-000012',
      status: 'scheduled',
      scheduledFor: '2099-12-01',
      processedAt: null,
    });
    scheduled.allocations = [{ invoiceId: inv1001!.id, invoiceNumber: '1001', amount: 25000 }];
    invoiceApi(
      inv1001!,
      api.get('/api/v1/payments', () => HttpResponse.json(page([scheduled], 200))),
      api.get('/api/v1/invoices/{invoiceId}/autopay', ({ params }) =>
        HttpResponse.json({
          invoiceId: params.invoiceId,
          willCharge: true,
          date: '2099-12-01',
          ruleId: 'aaaaaaaa-0000-4000-8000-000000000001',
          paymentMethodId: null,
          amount: 75000,
          currency: 'USD',
          needsApproval: true,
          reasons: [
            { code: 'scheduled_reduced', message: 'A scheduled payment of $250.00 is left out' },
            { code: 'matched', message: 'Rule 1 charges it on Dec 1, 2099' },
          ],
        }),
      ),
      api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 200))),
      api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
      api.get('/api/v1/organizations/{id}/balance', () => HttpResponse.json(demoBalance)),
      api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
        HttpResponse.json({ data: paymentMethods }),
      ),
      api.get('/api/v1/payment-gateway', () => HttpResponse.json(sandboxGateway)),
    );
    const { user } = renderApp(`/invoices/${inv1001!.id}`);

    const heading = await screen.findByRole('heading', { level: 1, name: /Invoice 1001/ });
    expect(heading).toHaveTextContent('Open');
    expect(heading).toHaveTextContent('Past due');
    expect(screen.queryByText(/Paid in full through Settle/)).not.toBeInTheDocument();
    expect(screen.getByTestId('invoice-open-balance')).toHaveTextContent('$1,000.00');

    const upcoming = await screen.findByRole('table', { name: 'Scheduled payments' });
    const row = await within(upcoming).findByRole('row', { name: /PAY-000012/ });
    expect(row).toHaveTextContent('Dec 1, 2099');
    expect(row).toHaveTextContent('$250.00');

    const autopay = (await screen.findByText('Will charge')).closest('section')!;
    expect(autopay).toHaveTextContent(
      "Will charge $750.00 on Dec 1, 2099 to the organization's default method, after staff approve it.",
    );
    expect(within(autopay).getByRole('list', { name: /Why AutoPay/ })).toHaveTextContent(
      'A scheduled payment of $250.00 is left out',
    );
    expect(screen.queryByRole('table', { name: 'Payments applied' })).not.toBeInTheDocument();
    expect(
      screen.getByText('No Settle payment has been made on this invoice.'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Pay invoice 1001' }));
    expect(await screen.findByLabelText('Amount for 1001')).toHaveValue('1000.00');
    expect(screen.queryByLabelText('Amount for 1002')).not.toBeInTheDocument();
    expect(currentUrl()).toBe(`/organizations/${ORG_ID}/pay?invoices=${inv1001!.id}`);
  });

  it('says the invoice does not exist on a 404', async () => {
    invoiceApi(
      awaiting,
      api.get('/api/v1/invoices/{id}', () => problem(404, 'Invoice not found')),
    );
    renderApp('/invoices/aaaaaaaa-0000-4000-8000-00000000dead');
    expect(
      await screen.findByText('This invoice does not exist or was removed'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failure with its request id, and tries again', async () => {
    let fail = true;
    invoiceApi(
      awaiting,
      api.get('/api/v1/invoices/{id}', () =>
        fail ? problem(500, 'Something went wrong on our side') : HttpResponse.json(awaiting),
      ),
    );
    const { user } = renderApp(`/invoices/${awaiting.id}`);
    expect(await screen.findByText('Something went wrong on our side')).toBeInTheDocument();
    expect(screen.getByText(/req-test-123/)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: /Invoice 1002/ })).toBeInTheDocument(),
    );
  });

  it('is opened from Invoice History, which shows the same status words', async () => {
    invoiceApi(
      awaiting,
      api.get('/api/v1/invoices', () => HttpResponse.json(page([inv1001!, awaiting], 25))),
      api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
      api.get('/api/v1/organizations/{id}/balance', () => HttpResponse.json(demoBalance)),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/invoice-history`);

    const table = await screen.findByRole('table', { name: 'Invoice History' });
    const row = await within(table).findByRole('row', { name: /1002/ });
    expect(row).toHaveTextContent('Paid — waiting for accounting');
    expect(within(table).getByRole('row', { name: /1001/ })).toHaveTextContent('Open');
    await user.click(within(row).getByRole('link', { name: '1002' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: /Invoice 1002/ }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe(`/invoices/${awaiting.id}`);
  });

  it('lists the emails sent about the invoice in its Emails card', async () => {
    const { requests } = invoiceApi(
      awaiting,
      api.get('/api/v1/emails', () =>
        HttpResponse.json(
          page(
            [
              emailSummary({
                type: 'invoice_past_due',
                subject: 'Invoice 1002 is past due',
                invoiceId: awaiting.id,
              }),
            ],
            10,
          ),
        ),
      ),
    );
    renderApp(`/invoices/${awaiting.id}`);
    const card = (await screen.findByRole('heading', { name: 'Emails' })).closest('section')!;
    const row = await within(card).findByRole('row', { name: /Invoice 1002 is past due/ });
    expect(row).toHaveTextContent('Invoice past due');
    expect(row).toHaveTextContent('demo@example.com');
    expect(within(card).getByRole('link', { name: 'Open in Emails' })).toHaveAttribute(
      'href',
      `/emails?invoiceId=${awaiting.id}`,
    );
    const asked = requests.find((r) => r.path === '/api/v1/emails')!;
    expect(new URLSearchParams(asked.search).get('invoiceId')).toBe(awaiting.id);
  });
});
