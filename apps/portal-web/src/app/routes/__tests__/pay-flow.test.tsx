import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { OTHER_ORG, allRights, card, invoice, payment, signedIn } from '@/testing/mocks/portal';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const BASE = '/api/v1/portal/organizations/:organizationId';

const problem = (status: number, detail: string) =>
  HttpResponse.json(
    { type: 'about:blank', title: 'Error', status, detail, requestId: 'r' },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

/** The quote and payment endpoints, answering with `answers` in turn; records what was sent. */
function payEndpoints(answers: (() => Response)[]) {
  const quotes: unknown[] = [];
  const posts: { body: unknown; key: string | null }[] = [];
  server.use(
    http.post(`${BASE}/payments/quote`, async ({ request }) => {
      quotes.push(await request.json());
      return HttpResponse.json({
        amount: 150000,
        fee: 4500,
        total: 154500,
        currency: 'USD',
        allocations: [
          {
            invoiceId: invoice(1).id,
            invoiceNumber: 'INV-1001',
            amount: 100000,
            openBalance: 100000,
          },
          {
            invoiceId: invoice(2).id,
            invoiceNumber: 'INV-1002',
            amount: 50000,
            openBalance: 200000,
          },
        ],
        adjustments: [
          {
            paymentId: 'a0000000-0000-4000-8000-000000000001',
            paymentNumber: 'PAY-000017',
            scheduledFor: '2026-12-15',
            fromAmount: 200000,
            toAmount: 150000,
            cancelled: false,
          },
        ],
      });
    }),
    http.post(`${BASE}/payments`, async ({ request }) => {
      posts.push({ body: await request.json(), key: request.headers.get('Idempotency-Key') });
      const next = answers.shift();
      if (!next) throw new Error('unexpected payment');
      return next();
    }),
  );
  return { quotes, posts };
}

async function selectAndReview(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('checkbox', { name: 'Pay invoice INV-1001' }));
  await user.click(screen.getByRole('checkbox', { name: 'Pay invoice INV-1002' }));
  const amount = screen.getByLabelText('Amount to pay on invoice INV-1002');
  expect(amount).toHaveValue('2000.00');
  await user.clear(amount);
  await user.type(amount, '500');
  expect(screen.getByText('2 selected · $1,500.00')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Pay' }));
  expect(await screen.findByRole('heading', { name: 'Make a payment' })).toBeInTheDocument();
  expect(await screen.findByRole('radio', { name: /Office Visa/ })).toBeChecked();
  await user.click(screen.getByRole('button', { name: 'Review payment' }));
  return screen.findByRole('heading', { name: 'Confirm your payment' });
}

describe('pay flow', () => {
  it('pays a full and a partial invoice: quote with fee and adjustments, then one confirmed payment', async () => {
    signedIn();
    const { quotes, posts } = payEndpoints([
      () => HttpResponse.json(payment({ status: 'succeeded' }), { status: 201 }),
    ]);
    const { user } = renderApp('/portal/invoices');

    await selectAndReview(user);
    const expected = {
      paymentMethodId: card.id,
      allocations: [
        { invoiceId: invoice(1).id, amount: 100000 },
        { invoiceId: invoice(2).id, amount: 50000 },
      ],
    };
    expect(quotes).toEqual([expected]);
    expect(screen.getByTestId('quote-fee')).toHaveTextContent('$45.00');
    expect(screen.getByTestId('quote-total')).toHaveTextContent('$1,545.00');
    expect(
      within(screen.getByRole('list', { name: 'Adjustments' })).getByRole('listitem'),
    ).toHaveTextContent(
      'Scheduled payment PAY-000017 on Dec 15, 2026 will be reduced from $2,000.00 to $1,500.00.',
    );
    // nothing is paid before the explicit confirmation
    expect(posts).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Pay $1,545.00' }));
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeInTheDocument();
    expect(screen.getByText('$1,545.00 was charged.')).toBeInTheDocument();
    expect(screen.getByTestId('payment-number')).toHaveTextContent('PAY-000042');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual(expected);
    expect(posts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a confirmation that did not get through with the same Idempotency-Key', async () => {
    signedIn();
    const { posts } = payEndpoints([
      () => problem(503, 'The payment gateway is not answering'),
      () => HttpResponse.json(payment({ status: 'succeeded' }), { status: 201 }),
    ]);
    const { user } = renderApp('/portal/invoices');
    await selectAndReview(user);

    await user.click(screen.getByRole('button', { name: 'Pay $1,545.00' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The payment gateway is not answering Confirming again retries the same payment',
    );
    await user.click(screen.getByRole('button', { name: 'Pay $1,545.00' }));
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeInTheDocument();
    expect(posts).toHaveLength(2);
    expect(posts[1]!.key).toBe(posts[0]!.key);
  });

  it('says a declined payment failed, with the gateway message, and nothing was charged', async () => {
    signedIn();
    payEndpoints([
      () =>
        HttpResponse.json(
          payment({
            status: 'failed',
            failureCode: 'card_declined',
            failureMessage: 'Your card was declined.',
            processedAt: null,
          }),
          { status: 201 },
        ),
    ]);
    const { user } = renderApp('/portal/invoices');
    await selectAndReview(user);
    await user.click(screen.getByRole('button', { name: 'Pay $1,545.00' }));
    expect(await screen.findByRole('heading', { name: 'Payment failed' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The payment was declined: Your card was declined. (card_declined) Nothing was charged.',
    );
    expect(screen.queryByText('$1,545.00 was charged.')).not.toBeInTheDocument();
  });

  it('schedules a payment for a later date and says when it will be charged', async () => {
    signedIn();
    const { posts } = payEndpoints([
      () =>
        HttpResponse.json(
          payment({ status: 'scheduled', scheduledFor: '2030-01-15', processedAt: null }),
          {
            status: 201,
          },
        ),
    ]);
    const { user } = renderApp(`/portal/pay?pay=${invoice(1).id}:100000`);
    await user.click(await screen.findByRole('checkbox', { name: 'Pay on a later date' }));
    await user.type(screen.getByLabelText('Payment date'), '2030-01-15');
    await user.click(screen.getByRole('button', { name: 'Review payment' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm scheduled payment' }));
    expect(await screen.findByRole('heading', { name: 'Payment scheduled' })).toBeInTheDocument();
    expect(screen.getByText('$1,545.00 will be charged on Jan 15, 2030.')).toBeInTheDocument();
    expect(posts[0]!.body).toMatchObject({ scheduledFor: '2030-01-15' });
  });

  it('will not go on with an amount over the open balance', async () => {
    signedIn();
    const { user } = renderApp('/portal/invoices');
    await user.click(await screen.findByRole('checkbox', { name: 'Pay invoice INV-1001' }));
    const amount = screen.getByLabelText('Amount to pay on invoice INV-1001');
    await user.clear(amount);
    await user.type(amount, '1000.01');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Cannot be more than the open balance of $1,000.00',
    );
    expect(screen.getByRole('button', { name: 'Pay' })).toBeDisabled();
  });
});

describe('permissions', () => {
  it('lists invoices without selection or Pay when the profile may not pay', async () => {
    signedIn({ permissions: { ...allRights, pay: false } });
    renderApp('/portal/invoices');
    expect(await screen.findByRole('link', { name: 'Invoice INV-1001' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pay' })).not.toBeInTheDocument();
    expect(screen.getByText(/paying them is not part of it/)).toBeInTheDocument();
  });

  it('does not open the pay flow, nor ask for a quote, without the pay right', async () => {
    const { requests } = signedIn({ permissions: { ...allRights, pay: false } });
    renderApp(`/portal/pay?pay=${invoice(1).id}:100000`);
    expect(await screen.findByText('Not part of your access')).toBeInTheDocument();
    expect(screen.getByText(/does not include paying invoices/)).toBeInTheDocument();
    expect(requests).toEqual([]);
  });

  it('offers Pay on the invoice page only with the pay right', async () => {
    signedIn();
    server.use(http.get(`${BASE}/invoices/:invoiceId`, () => HttpResponse.json(invoice(1))));
    renderApp(`/portal/invoices/${invoice(1).id}`);
    expect(await screen.findByRole('link', { name: 'Pay $1,000.00' })).toHaveAttribute(
      'href',
      `/portal/pay?pay=${invoice(1).id}%3A100000`,
    );
  });

  it('shows no payment methods, and asks for none, without pay or manage methods', async () => {
    const { requests } = signedIn({
      permissions: { ...allRights, pay: false, manageMethods: false },
    });
    renderApp('/portal/payment-methods');
    expect(await screen.findByText('Not part of your access')).toBeInTheDocument();
    expect(requests).toEqual([]);
  });

  it('says why Review is off when every saved method is expired or locked', async () => {
    signedIn({ methods: [{ ...card, status: 'expired' }] });
    renderApp(`/portal/pay?pay=${invoice(1).id}:100000`);
    expect(await screen.findByText(/None of the saved methods can be used/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Office Visa/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Review payment' })).toBeDisabled();
  });

  it('shows no balance, and asks for none, without the view invoices right', async () => {
    const { requests } = signedIn({ permissions: { ...allRights, viewInvoices: false } });
    renderApp('/portal/');
    expect(await screen.findByText('Not part of your access')).toBeInTheDocument();
    expect(screen.queryByText('Past due')).not.toBeInTheDocument();
    expect(requests).toEqual([]);
  });
});

describe('dashboard and organizations', () => {
  it('shows balance, past due, the next scheduled payment and recent payments', async () => {
    signedIn({
      payments: [
        {
          ...payment({ status: 'scheduled', scheduledFor: '2026-12-15', processedAt: null }),
          allocations: [],
        },
        {
          ...payment({ id: '9c3a0e00-0000-4000-8000-000000000002', number: 'PAY-000041' }),
          allocations: [],
        },
      ],
    });
    renderApp('/portal/');
    const tiles = await screen.findByRole('region', { name: 'Balance summary' });
    await waitFor(() => expect(within(tiles).getByText('$3,000.00')).toBeInTheDocument());
    expect(within(tiles).getByText('$1,000.00')).toBeInTheDocument();
    expect(await screen.findByText('on Dec 15, 2026 · PAY-000042')).toBeInTheDocument();
    const recent = await screen.findByRole('list', { name: 'Recent payments' });
    expect(within(recent).getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows the dashboard with its figures and payments already in, so nothing on it moves', async () => {
    signedIn({
      payments: [
        {
          ...payment({ status: 'scheduled', scheduledFor: '2026-12-15', processedAt: null }),
          allocations: [],
        },
      ],
    });
    renderApp('/portal/');
    const tiles = await screen.findByRole('region', { name: 'Balance summary' });
    // no tile or card is still loading when the page appears (a phone would see it grow)
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
    expect(within(tiles).getByText('$3,000.00')).toBeInTheDocument();
    expect(within(tiles).getByText('Oldest: INV-1001, due Oct 31, 2026')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Pay invoices' })).toBeInTheDocument();
    expect(screen.getByText('on Dec 15, 2026 · PAY-000042')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Recent payments' })).getAllByRole('listitem'),
    ).toHaveLength(1);
  });

  it('still shows the rest of the dashboard when the balance cannot be loaded', async () => {
    signedIn();
    server.use(http.get(`${BASE}/balance`, () => problem(503, 'Accounting is not answering')));
    renderApp('/portal/');
    expect(await screen.findByText('Could not load your balance')).toBeInTheDocument();
    expect(screen.getByText('Accounting is not answering')).toBeInTheDocument();
    expect(screen.getByText('No payment is scheduled.')).toBeInTheDocument();
    expect(screen.getByText('No payments yet')).toBeInTheDocument();
  });

  it('switches organization: every query then names the other organization', async () => {
    const { requests, organizationId } = signedIn({
      organizations: [
        { id: '0b5c7a52-6c1e-4a8e-9d0a-1f1f5d7d0001', name: 'Acme Dental', permissions: allRights },
        { id: OTHER_ORG, name: 'Acme Labs', permissions: allRights },
      ],
    });
    const { user } = renderApp('/portal/');
    const switcher = await screen.findByRole('combobox', { name: 'Organization' });
    await waitFor(() =>
      expect(requests.some((r) => r.url.pathname.includes(organizationId))).toBe(true),
    );
    requests.length = 0;
    await user.selectOptions(switcher, 'Acme Labs');
    await waitFor(() => expect(requests.length).toBeGreaterThan(0));
    expect(requests.every((r) => r.url.pathname.includes(OTHER_ORG))).toBe(true);
  });
});
