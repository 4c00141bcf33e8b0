import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoBalance, demoCompany } from '@/testing/ar-fixtures';
import { noEmailsHandlers } from '@/testing/email-fixtures';
import { api } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import {
  openInvoices,
  paymentMethods,
  paymentResponse,
  paymentSummary,
  sandboxGateway,
} from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';

type Invoice = components['schemas']['InvoiceResponseDto'];
type PaymentSummary = components['schemas']['PaymentSummaryDto'];

/** 1004 is paid in full through Settle; its source (ConnectWise) still says $300.00 is owed. */
const awaiting: Invoice = {
  ...openInvoices[2]!,
  id: 'aaaaaaaa-0000-4000-8000-000000001004',
  number: '1004',
  externalId: '1004',
  total: 30000,
  sourceBalance: 30000,
  openBalance: 0,
  awaitingAccounting: true,
};

/**
 * GET /invoices as the API answers it: `id` (repeatable) names invoices, `payable=true` keeps
 * open invoices with something left to pay, then one page of them.
 */
function invoicesHandler(all: readonly Invoice[]): HttpHandler {
  return api.get('/api/v1/invoices', ({ request }) => {
    const query = new URL(request.url).searchParams;
    const ids = query.getAll('id');
    const rows = all
      .filter((i) => ids.length === 0 || ids.includes(i.id))
      .filter(
        (i) =>
          query.get('payable') !== 'true' ||
          (i.status === 'open' && i.openBalance > 0 && !i.awaitingAccounting),
      );
    const page = Number(query.get('page') ?? 1);
    const pageSize = Number(query.get('pageSize') ?? 25);
    return HttpResponse.json({
      data: rows.slice((page - 1) * pageSize, page * pageSize),
      page,
      pageSize,
      total: rows.length,
    });
  });
}

/** GET /payments?status=scheduled&invoiceId=… with the payments on any of those invoices. */
function scheduledHandler(payments: PaymentSummary[]): HttpHandler {
  return api.get('/api/v1/payments', ({ request }) => {
    const ids = new URL(request.url).searchParams.getAll('invoiceId');
    const data = payments.filter((p) => p.allocations.some((a) => ids.includes(a.invoiceId)));
    return HttpResponse.json({ data, page: 1, pageSize: 200, total: data.length });
  });
}

function openInvoicesApi(invoices: readonly Invoice[], ...overrides: HttpHandler[]) {
  const requests = recordRequests();
  server.use(
    ...overrides,
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    // the balance's own count is deliberately different: the menu must not use it
    api.get('/api/v1/organizations/{id}/balance', () =>
      HttpResponse.json({ ...demoBalance, openInvoices: 4 }),
    ),
    invoicesHandler(invoices),
    scheduledHandler([]),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: paymentMethods }),
    ),
    api.get('/api/v1/payment-gateway', () => HttpResponse.json(sandboxGateway)),
  );
  return { requests };
}

/** `count` invoices of $10.00 each, numbered from `first`, due one day apart in 2099. */
function manyInvoices(count: number, first: number): Invoice[] {
  return Array.from({ length: count }, (_, n) => ({
    ...openInvoices[2]!,
    id: `aaaaaaaa-0000-4000-8000-${String(first + n).padStart(12, '0')}`,
    number: String(first + n),
    externalId: String(first + n),
    dueDate: `2099-01-${String(n + 1).padStart(2, '0')}`,
    total: 1000,
    sourceBalance: 1000,
    openBalance: 1000,
  }));
}

describe('open invoices', () => {
  it('lists only payable invoices: one paid through Settle and waiting for accounting is not there, and the menu agrees', async () => {
    const { requests } = openInvoicesApi([...openInvoices, awaiting]);
    renderApp(`/organizations/${ORG_ID}/open-invoices`);

    const table = await screen.findByRole('table', { name: 'Open Invoices' });
    await within(table).findByText('1001');
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows.map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      '1001',
      '1002',
      '1003',
    ]);
    expect(within(table).queryByText('1004')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Select invoice 1004')).not.toBeInTheDocument();
    expect(within(table).queryByText('$0.00')).not.toBeInTheDocument();
    expect(within(table).getAllByRole('checkbox', { name: /Select invoice/ })).toHaveLength(3);

    const list = requests.find(
      (c) =>
        c.path === '/api/v1/invoices' && new URLSearchParams(c.search).get('pageSize') === '25',
    );
    expect(new URLSearchParams(list?.search).get('payable')).toBe('true');

    const menu = screen.getByRole('navigation', { name: 'Organization sections' });
    await waitFor(() =>
      expect(within(menu).getByRole('link', { name: /Open Invoices/ })).toHaveTextContent(
        'Open Invoices (3)',
      ),
    );
    expect(screen.getByText('Showing 1 – 3 of 3 items')).toBeInTheDocument();
  });

  it('does not open a pay form for an invoice that waits for accounting', async () => {
    openInvoicesApi([...openInvoices, awaiting]);
    renderApp(`/organizations/${ORG_ID}/pay?invoices=${awaiting.id}`);

    expect(await screen.findByText('Nothing left to pay')).toBeInTheDocument();
    expect(screen.queryByLabelText('Amount for 1004')).not.toBeInTheDocument();
    expect(screen.queryByText('$0.00')).not.toBeInTheDocument();
  });

  it('marks scheduled payments from one payments request per page, with amount, date and a link', async () => {
    // 30 payable invoices, 25 a page: a payment is scheduled on 1002 (page 1) and on 1027 (page 2)
    const many = manyInvoices(30, 1001);
    const onPage1 = paymentSummary({
      id: 'cccccccc-0000-4000-8000-000000000001',
      number: 'PAY-000001',
      status: 'scheduled',
      scheduledFor: '2099-12-01',
      amount: 6000,
    });
    // one payment may cover several invoices: each marker shows its own share
    onPage1.allocations = [
      { invoiceId: many[1]!.id, invoiceNumber: '1002', amount: 1500 },
      { invoiceId: many[2]!.id, invoiceNumber: '1003', amount: 4500 },
    ];
    const onPage2 = paymentSummary({
      id: 'cccccccc-0000-4000-8000-000000000002',
      number: 'PAY-000002',
      status: 'scheduled',
      scheduledFor: '2099-12-15',
      amount: 5000,
    });
    onPage2.allocations = [{ invoiceId: many[26]!.id, invoiceNumber: '1027', amount: 5000 }];
    const { requests } = openInvoicesApi(many, scheduledHandler([onPage1, onPage2]));
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);

    const table = await screen.findByRole('table', { name: 'Open Invoices' });
    const row1002 = await within(table).findByRole('row', { name: /1002/ });
    const marker = await within(row1002).findByRole('link', {
      name: /^Scheduled \$15\.00 · Dec 1, 2099\s*\(payment PAY-000001\)$/,
    });
    expect(marker).toHaveAttribute('href', `/payments/${onPage1.id}`);
    expect(within(table).getByRole('row', { name: /1003/ })).toHaveTextContent(
      'Scheduled $45.00 · Dec 1, 2099',
    );
    expect(within(table).getByRole('row', { name: /1001/ })).not.toHaveTextContent('Scheduled');

    const paymentCalls = () => requests.filter((c) => c.path.startsWith('/api/v1/payments'));
    expect(paymentCalls()).toHaveLength(1);
    const first = new URLSearchParams(paymentCalls()[0]!.search);
    expect(first.get('status')).toBe('scheduled');
    expect(first.get('pageSize')).toBe('200');
    expect(first.getAll('invoiceId')).toEqual(many.slice(0, 25).map((i) => i.id));

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    const row1027 = await within(table).findByRole('row', { name: /1027/ });
    expect(
      await within(row1027).findByRole('link', { name: /Scheduled \$50\.00 · Dec 15, 2099/ }),
    ).toHaveAttribute('href', `/payments/${onPage2.id}`);
    expect(paymentCalls()).toHaveLength(2);
    expect(new URLSearchParams(paymentCalls()[1]!.search).getAll('invoiceId')).toEqual(
      many.slice(25).map((i) => i.id),
    );
    // never one request per payment
    expect(requests.some((c) => /^\/api\/v1\/payments\/[^/]+$/.test(c.path))).toBe(false);
  });

  it('marks what AutoPay will charge, from one forecast of the organization, yellow when it waits for approval', async () => {
    const many = manyInvoices(3, 3001);
    const charge = (invoice: Invoice, needsApproval: boolean) => ({
      organizationId: ORG_ID,
      organizationName: 'Demo Company',
      invoiceId: invoice.id,
      invoiceNumber: invoice.number ?? '',
      ruleId: 'dddddddd-0000-4000-8000-000000000001',
      paymentMethodId: 'dddddddd-0000-4000-8000-000000000002',
      amount: invoice.openBalance,
      currency: 'USD',
      needsApproval,
    });
    const { requests } = openInvoicesApi(
      many,
      api.get('/api/v1/autopay/forecast', () =>
        HttpResponse.json({
          days: [
            { date: '2099-01-05', charges: [charge(many[0]!, false)] },
            { date: '2099-01-20', charges: [charge(many[2]!, true)] },
          ],
        }),
      ),
    );
    renderApp(`/organizations/${ORG_ID}/open-invoices`);
    const table = await screen.findByRole('table', { name: 'Open Invoices' });
    const row3001 = await within(table).findByRole('row', { name: /3001/ });
    const approved = await within(row3001).findByRole('link', {
      name: /^AutoPay \$[\d,.]+ · Jan 5, 2099$/,
    });
    expect(approved).toHaveClass('ui-badge--success');
    expect(approved).toHaveAttribute('href', `/invoices/${many[0]!.id}`);
    expect(
      within(within(table).getByRole('row', { name: /3003/ })).getByRole('link', {
        name: /AutoPay .* · Jan 20, 2099 · needs approval/,
      }),
    ).toHaveClass('ui-badge--warning');
    expect(within(table).getByRole('row', { name: /3002/ })).not.toHaveTextContent('AutoPay');
    const forecasts = requests.filter((r) => r.path === '/api/v1/autopay/forecast');
    expect(forecasts).toHaveLength(1);
    expect(new URLSearchParams(forecasts[0]!.search).get('organizationId')).toBe(ORG_ID);
  });

  it('keeps a selection across pages and pays every selected invoice', async () => {
    const many = manyInvoices(30, 2001);
    const { requests } = openInvoicesApi(many);
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);

    await user.click(await screen.findByLabelText('Select invoice 2001'));
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await user.click(await screen.findByLabelText('Select invoice 2030'));
    expect(screen.getByText('2 selected · $20.00')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Pay selected' }));
    expect(await screen.findByLabelText('Amount for 2001')).toHaveValue('10.00');
    expect(screen.getByLabelText('Amount for 2030')).toHaveValue('10.00');
    expect(window.location.search).toBe(
      `?invoices=${encodeURIComponent(`${many[0]!.id},${many[29]!.id}`)}`,
    );
    // the pay flow asks for the chosen invoices by id, wherever they sit in the list
    const asked = requests.filter(
      (c) => c.path === '/api/v1/invoices' && new URLSearchParams(c.search).has('id'),
    );
    expect(asked.map((c) => new URLSearchParams(c.search).getAll('id'))).toEqual([
      [many[0]!.id, many[29]!.id],
    ]);
    expect(new URLSearchParams(asked[0]!.search).get('payable')).toBe('true');
  });

  it('pays an invoice in full: the confirmation stays, and the invoice leaves the list and the count', async () => {
    const invoices = openInvoices.map((i) => ({ ...i }));
    const inv1003 = invoices[2]!;
    const payment = paymentResponse({
      amount: 5000,
      fee: 150,
      total: 5150,
      allocations: [
        {
          invoiceId: inv1003.id,
          invoiceNumber: '1003',
          amount: 5000,
          requestedAmount: 5000,
          amountRefunded: 0,
        },
      ],
    });
    // while set, invoice lists wait: what the page shows before the answer comes is visible
    let held: Promise<void> | null = null;
    const { requests } = openInvoicesApi(
      invoices,
      ...noEmailsHandlers(),
      api.get('/api/v1/invoices', async () => {
        await held;
        return undefined; // then answered by the list handler below
      }),
      api.post('/api/v1/payments/quote', () =>
        HttpResponse.json({
          amount: 5000,
          fee: 150,
          total: 5150,
          currency: 'USD',
          allocations: [
            { invoiceId: inv1003.id, invoiceNumber: '1003', amount: 5000, openBalance: 5000 },
          ],
          adjustments: [],
        }),
      ),
      api.post('/api/v1/payments', () => {
        // what the API does: nothing left to pay, the source has not recorded it yet
        Object.assign(inv1003, { openBalance: 0, awaitingAccounting: true });
        return HttpResponse.json(payment, { status: 201 });
      }),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    const menu = await screen.findByRole('navigation', { name: 'Organization sections' });
    const count = within(menu).getByRole('link', { name: /Open Invoices/ });
    await waitFor(() => expect(count).toHaveTextContent('Open Invoices (3)'));

    await user.click(await screen.findByLabelText('Select invoice 1003'));
    await user.click(screen.getByRole('button', { name: 'Pay selected' }));
    expect(await screen.findByLabelText('Amount for 1003')).toHaveValue('50.00');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));

    expect(await screen.findByRole('heading', { name: 'Payment confirmed' })).toBeInTheDocument();
    // it says only what happened: no receipt email exists yet, so none is promised
    expect(await screen.findByText(/Checking for the receipt email/)).toBeInTheDocument();
    expect(screen.queryByText(/Receipt (sent|queued)/)).not.toBeInTheDocument();
    // the refetch after the payment no longer finds 1003 payable: the confirmation must stay
    await waitFor(() => expect(count).toHaveTextContent('Open Invoices (2)'));
    const refetched = requests.filter(
      (c) => c.path === '/api/v1/invoices' && new URLSearchParams(c.search).has('id'),
    );
    expect(refetched.length).toBeGreaterThan(1);
    expect(screen.getByRole('heading', { name: 'Payment confirmed' })).toBeInTheDocument();
    expect(screen.queryByText('Nothing left to pay')).not.toBeInTheDocument();

    // back on the list, the invoice just paid is not offered, not even from a stale copy
    let release: () => void = () => {};
    held = new Promise((resolve) => (release = resolve));
    await user.click(screen.getByRole('link', { name: 'Back to open invoices' }));
    const table = await screen.findByRole('table', { name: 'Open Invoices' });
    expect(table).toHaveAttribute('aria-busy', 'true');
    expect(within(table).queryByText('1003')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Select invoice 1003')).not.toBeInTheDocument();
    release();
    await within(table).findByText('1001');
    expect(within(table).queryByText('1003')).not.toBeInTheDocument();
    expect(within(table).getAllByRole('checkbox', { name: /Select invoice/ })).toHaveLength(2);
  });
});
