import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, type HttpHandler } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ORG_ID, demoBalance, demoCompany, page } from '@/testing/ar-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import {
  openInvoices,
  paymentMethods,
  paymentResponse,
  sandboxGateway,
} from '@/testing/payment-fixtures';
import { currentUrl, renderApp } from '@/testing/render-app';

const [inv1001, inv1002] = openInvoices;
const PLAN_ID = 'dddddddd-0000-4000-8000-000000000001';

const quote: components['schemas']['PaymentQuoteDto'] = {
  amount: 250300,
  fee: 7509,
  total: 257809,
  currency: 'USD',
  allocations: [
    { invoiceId: inv1001!.id, invoiceNumber: '1001', amount: 50000, openBalance: 100000 },
    { invoiceId: inv1002!.id, invoiceNumber: '1002', amount: 200300, openBalance: 200300 },
  ],
  adjustments: [],
};

const installment = (n: number, scheduledFor: string, amount: number, fee: number) =>
  paymentResponse({
    id: `eeeeeeee-0000-4000-8000-00000000020${n}`,
    number: `PAY-00020${n}`,
    status: 'scheduled',
    scheduledFor,
    amount,
    fee,
    total: amount + fee,
    installment: { planId: PLAN_ID, number: n, count: 3 },
    processedAt: null,
  });

const plan: components['schemas']['InstallmentsResponseDto'] = {
  planId: PLAN_ID,
  payments: [
    installment(1, '2026-03-10', 83434, 2503),
    installment(2, '2026-04-10', 83433, 2503),
    installment(3, '2026-05-10', 83433, 2503),
  ],
};

/** Demo Company's open invoices and methods; `overrides` answer first. */
function installmentsApi(...overrides: HttpHandler[]) {
  const requests = recordRequests();
  server.use(
    ...overrides,
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    api.get('/api/v1/organizations/{id}/balance', () => HttpResponse.json(demoBalance)),
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 200))),
    api.get('/api/v1/payments', () => HttpResponse.json(page([], 25))),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: paymentMethods }),
    ),
    api.get('/api/v1/payment-gateway', () => HttpResponse.json(sandboxGateway)),
    api.post('/api/v1/payments/quote', () => HttpResponse.json(quote)),
    api.post('/api/v1/payments/installments', () => HttpResponse.json(plan, { status: 201 })),
  );
  return { requests };
}

/** Open Invoices → select 1001 and 1002 → Pay in installments → 500.00 of 1001, 3 monthly. */
async function planThree(user: ReturnType<typeof renderApp>['user']) {
  // the first visit loads the route modules: allow for a slow machine
  await user.click(await screen.findByLabelText('Select invoice 1001', {}, { timeout: 5000 }));
  await user.click(screen.getByLabelText('Select invoice 1002'));
  await user.click(screen.getByRole('button', { name: 'Pay in installments' }));
  const amount = await screen.findByLabelText('Amount for 1001', {}, { timeout: 5000 });
  expect(amount).toHaveValue('1000.00');
  await user.clear(amount);
  await user.type(amount, '500');
  expect(screen.getByLabelText('Company Visa')).toBeChecked();
  expect(screen.getByLabelText('Number of installments')).toHaveValue(3);
  expect(screen.getByLabelText('Every')).toHaveValue('month');
  expect(screen.getByLabelText('First installment on')).toHaveValue('2026-03-10');
}

describe('pay in installments', { timeout: 15_000 }, () => {
  beforeEach(() => {
    // 09:00 in Chicago: the MSP's today is 2026-03-10. Only Date is faked.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-10T14:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the schedule it will create, books nothing before Confirm, then lists the payments', async () => {
    const { requests } = installmentsApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await planThree(user);
    expect(currentUrl()).toBe(
      `/organizations/${ORG_ID}/installments?invoices=${encodeURIComponent(`${inv1001!.id},${inv1002!.id}`)}`,
    );
    await user.click(screen.getByRole('button', { name: 'Review the schedule' }));

    const schedule = await screen.findByRole('table', { name: 'Installment schedule' });
    const rows = within(schedule)
      .getAllByRole('row')
      .slice(1, 4)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    // the domain's split: leftover cents go to the first installments, 3% fee on a card
    expect(rows).toEqual([
      ['1', 'Mar 10, 2026', '1001 $166.67, 1002 $667.67', '$834.34', '$25.03', '$859.37'],
      ['2', 'Apr 10, 2026', '1001 $166.67, 1002 $667.66', '$834.33', '$25.03', '$859.36'],
      ['3', 'May 10, 2026', '1001 $166.66, 1002 $667.67', '$834.33', '$25.03', '$859.36'],
    ]);
    expect(screen.getByTestId('plan-amount')).toHaveTextContent('$2,503.00');
    expect(
      screen.getByText(/The first installment is charged today, as soon as you confirm\./),
    ).toBeInTheDocument();
    expect(screen.getByTestId('plan-total')).toHaveTextContent('$2,578.09');
    expect(requests.filter((c) => c.path === '/api/v1/payments/installments')).toHaveLength(0);
    expect(requests.find((c) => c.path === '/api/v1/payments/quote')?.body).toEqual({
      organizationId: ORG_ID,
      paymentMethodId: 'pm-default',
      allocations: [
        { invoiceId: inv1001!.id, amount: 50000 },
        { invoiceId: inv1002!.id, amount: 200300 },
      ],
      scheduledFor: '2026-03-10',
    });

    await user.click(screen.getByRole('button', { name: 'Confirm 3 installments' }));
    expect(
      await screen.findByRole('heading', { name: 'Installments scheduled' }),
    ).toBeInTheDocument();
    const post = requests.find((c) => c.path === '/api/v1/payments/installments');
    expect(post?.body).toEqual({
      organizationId: ORG_ID,
      paymentMethodId: 'pm-default',
      allocations: [
        { invoiceId: inv1001!.id, amount: 50000 },
        { invoiceId: inv1002!.id, amount: 200300 },
      ],
      count: 3,
      interval: 'month',
      firstDate: '2026-03-10',
    });
    expect(post?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    const created = screen.getByRole('table', { name: 'Scheduled installments' });
    expect(within(created).getByRole('link', { name: 'PAY-000202' })).toHaveAttribute(
      'href',
      '/payments/eeeeeeee-0000-4000-8000-000000000202',
    );
    expect(within(created).getByText('(3 of 3)')).toBeInTheDocument();
    expect(within(created).getByText('May 10, 2026')).toBeInTheDocument();
  });

  it('retries a failed confirm with the same Idempotency-Key', async () => {
    let attempts = 0;
    const { requests } = installmentsApi(
      api.post('/api/v1/payments/installments', () =>
        ++attempts === 1
          ? problem(503, 'The database is busy')
          : HttpResponse.json(plan, { status: 201 }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await planThree(user);
    await user.click(screen.getByRole('button', { name: 'Review the schedule' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm 3 installments' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The database is busy Nothing was booked twice',
    );
    await user.click(screen.getByRole('button', { name: 'Confirm 3 installments' }));
    expect(
      await screen.findByRole('heading', { name: 'Installments scheduled' }),
    ).toBeInTheDocument();
    const keys = requests
      .filter((c) => c.path === '/api/v1/payments/installments')
      .map((c) => c.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('checks the plan before asking the API, and puts a 400 back on the field it names', async () => {
    const { requests } = installmentsApi(
      api.post('/api/v1/payments/installments', () =>
        problem(400, 'Invalid request: count puts the last installment past 366 days', {
          errors: [{ field: 'count', message: 'puts the last installment past 366 days' }],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/open-invoices`);
    await planThree(user);
    const count = screen.getByLabelText('Number of installments');
    await user.clear(count);
    await user.type(count, '25');
    const amount = screen.getByLabelText('Amount for 1002');
    await user.clear(amount);
    await user.type(amount, '3000');
    await user.click(screen.getByRole('button', { name: 'Review the schedule' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Number of installments')).toHaveAccessibleDescription(
        'Enter 2 to 24 installments',
      ),
    );
    expect(screen.getByLabelText('Amount for 1002')).toHaveAccessibleDescription(
      'Cannot be more than the open balance of $2,003.00',
    );
    expect(requests.some((c) => c.path === '/api/v1/payments/quote')).toBe(false);

    await user.clear(count);
    await user.type(count, '12');
    await user.clear(amount);
    await user.type(amount, '2003');
    await user.click(screen.getByRole('button', { name: 'Review the schedule' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm 12 installments' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Number of installments')).toHaveAccessibleDescription(
        'puts the last installment past 366 days',
      ),
    );
    expect(
      screen.getByText(/The installments were not scheduled: Invalid request/),
    ).toBeInTheDocument();
  });
});
