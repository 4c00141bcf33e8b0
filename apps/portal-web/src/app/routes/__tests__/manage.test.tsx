import { formatDate } from '@settle/ui';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, onTestFinished } from 'vitest';

import { allRights, card, invoice, payment, signedIn } from '@/testing/mocks/portal';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const BASE = '/api/v1/portal/organizations/:organizationId';

const problem = (status: number, detail: string) =>
  HttpResponse.json(
    { type: 'about:blank', title: 'Error', status, detail, requestId: 'r' },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

const bank = {
  ...card,
  id: '7a1e9f00-0000-4000-8000-000000000002',
  type: 'us_bank_account' as const,
  brand: 'STRIPE TEST BANK',
  last4: '6789',
  expMonth: null,
  expYear: null,
  friendlyName: 'Operating account',
  isDefault: false,
};

describe('payment methods', () => {
  it('adds a sandbox test method with a name and one Idempotency-Key', async () => {
    const methods = [card];
    signedIn({ methods });
    const posts: { body: unknown; key: string | null }[] = [];
    server.use(
      http.post(`${BASE}/payment-methods`, async ({ request }) => {
        posts.push({ body: await request.json(), key: request.headers.get('Idempotency-Key') });
        methods.push(bank);
        return HttpResponse.json(bank, { status: 201 });
      }),
    );
    const { user } = renderApp('/portal/payment-methods');

    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a payment method' });
    await user.selectOptions(
      await within(dialog).findByLabelText('Test method'),
      'Bank account (settles)',
    );
    await user.type(within(dialog).getByLabelText('Name (optional)'), 'Operating account');
    await user.click(within(dialog).getByRole('button', { name: 'Add method' }));

    expect(await screen.findByText('Payment method added')).toBeInTheDocument();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({
      token: 'pm_usBankAccount_success',
      friendlyName: 'Operating account',
    });
    expect(posts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Payment methods' });
    expect(await within(list).findByText('Operating account')).toBeInTheDocument();
  });

  it('says why a method could not be added and keeps the dialog open', async () => {
    signedIn();
    server.use(
      http.post(`${BASE}/payment-methods`, () =>
        problem(400, 'The gateway refused the token: no such payment method'),
      ),
    );
    const { user } = renderApp('/portal/payment-methods');
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    await user.click(await screen.findByRole('button', { name: 'Add method' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not add the method: The gateway refused the token: no such payment method',
    );
    expect(screen.getByRole('dialog', { name: 'Add a payment method' })).toBeInTheDocument();
  });

  it('makes a method the default', async () => {
    signedIn({ methods: [card, bank] });
    const patches: { url: string; body: unknown }[] = [];
    server.use(
      http.patch(`${BASE}/payment-methods/:id`, async ({ request, params }) => {
        patches.push({ url: String(params.id), body: await request.json() });
        return HttpResponse.json({ ...bank, isDefault: true });
      }),
    );
    const { user } = renderApp('/portal/payment-methods');
    await user.click(
      await screen.findByRole('button', { name: 'Make Operating account the default' }),
    );
    expect(await screen.findByText('Operating account is now the default')).toBeInTheDocument();
    expect(patches).toEqual([{ url: bank.id, body: { isDefault: true } }]);
  });

  it('removes a method after confirmation, and explains a 409 in words', async () => {
    signedIn({ methods: [card, bank] });
    const deletes: string[] = [];
    server.use(
      http.delete(`${BASE}/payment-methods/:id`, ({ params }) => {
        deletes.push(String(params.id));
        return params.id === card.id
          ? problem(409, 'Payment PAY-000017 scheduled for Dec 15, 2026 uses this method')
          : new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/portal/payment-methods');

    await user.click(await screen.findByRole('button', { name: 'Remove Office Visa' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove payment method' });
    expect(confirm).toHaveTextContent('Remove Office Visa (Visa •••• 4242 · expires 12/2030)?');
    expect(deletes).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not remove Office Visa.');
    expect(alert).toHaveTextContent('still used by a scheduled or processing payment');
    expect(alert).toHaveTextContent('PAY-000017');

    await user.click(screen.getByRole('button', { name: 'Remove Operating account' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Remove payment method' })).getByRole('button', {
        name: 'Remove',
      }),
    );
    expect(await screen.findByText('Operating account was removed')).toBeInTheDocument();
    expect(deletes).toEqual([card.id, bank.id]);
  });

  it('shows the methods read-only without manageMethods', async () => {
    signedIn({ permissions: { ...allRights, manageMethods: false } });
    renderApp('/portal/payment-methods');
    expect(await screen.findByText('Office Visa')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Add payment method|Remove/ })).toBeNull();
  });
});

/** The device's calendar day `days` from today, as the date input takes it. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('receipts', () => {
  it('says who each receipt went to and shows the emailed receipt in a sandboxed frame', async () => {
    signedIn();
    const paid = payment();
    server.use(
      http.get(`${BASE}/payments/:paymentId`, () => HttpResponse.json(paid)),
      http.get(`${BASE}/payments/:paymentId/receipts`, () =>
        HttpResponse.json([
          {
            id: '5e1a0000-0000-4000-8000-000000000001',
            status: 'sent',
            to: ['ap@example.com'],
            subject: 'Receipt for payment PAY-000042',
            createdAt: '2026-11-20T10:00:02Z',
            sentAt: '2026-11-20T10:00:03Z',
          },
          {
            id: '5e1a0000-0000-4000-8000-000000000002',
            status: 'skipped',
            to: [],
            subject: 'Receipt for payment PAY-000042',
            createdAt: '2026-11-20T10:00:02Z',
            sentAt: null,
          },
        ]),
      ),
    );
    const { user } = renderApp(`/portal/history/${paid.id}`);

    const receipts = await screen.findByRole('list', { name: 'Receipts' });
    expect(
      within(receipts).getByText(/^Emailed to ap@example\.com on Nov 20, 2026/),
    ).toBeInTheDocument();
    expect(
      within(receipts).getByText('Not emailed: nobody here receives receipts'),
    ).toBeInTheDocument();
    await user.click(within(receipts).getAllByRole('button', { name: 'View receipt' })[0]);
    const frame = within(screen.getByRole('dialog', { name: 'Receipt' })).getByTitle(
      'Receipt: Receipt for payment PAY-000042',
    );
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame).toHaveAttribute(
      'src',
      `/api/v1/portal/organizations/${paid.organizationId}/payments/${paid.id}/receipts/5e1a0000-0000-4000-8000-000000000001/html`,
    );
  });
});

describe('scheduled payments', () => {
  const scheduledFor = dayFromToday(10);
  const movedTo = dayFromToday(20);
  const scheduled = payment({
    status: 'scheduled',
    scheduledFor,
    processedAt: null,
    allocations: [
      {
        invoiceId: invoice(1).id,
        invoiceNumber: 'INV-1001',
        amount: 150000,
        requestedAmount: 150000,
        amountRefunded: 0,
      },
    ],
  });

  function paymentEndpoints() {
    const sent: { method: string; body: unknown }[] = [];
    let current = scheduled;
    server.use(
      http.get(`${BASE}/payments/:paymentId`, () => HttpResponse.json(current)),
      http.patch(`${BASE}/payments/:paymentId`, async ({ request }) => {
        const body = (await request.json()) as { scheduledFor: string };
        sent.push({ method: 'PATCH', body });
        current = { ...current, scheduledFor: body.scheduledFor };
        return HttpResponse.json(current);
      }),
      http.post(`${BASE}/payments/:paymentId/cancel`, async ({ request }) => {
        sent.push({ method: 'POST', body: await request.json() });
        current = { ...current, status: 'cancelled' };
        return HttpResponse.json(current);
      }),
    );
    return sent;
  }

  it('moves a scheduled payment to another day', async () => {
    signedIn();
    const sent = paymentEndpoints();
    const { user } = renderApp(`/portal/history/${scheduled.id}`);

    await user.click(await screen.findByRole('button', { name: 'Change date' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the payment date' });
    const input = within(dialog).getByLabelText('New date');
    expect(input).toHaveAttribute('type', 'date');
    expect(input.getAttribute('min')! <= input.getAttribute('max')!).toBe(true);
    await user.clear(input);
    await user.type(input, movedTo);
    await user.click(within(dialog).getByRole('button', { name: 'Move payment' }));

    expect(await screen.findByText(`Payment moved to ${formatDate(movedTo)}`)).toBeInTheDocument();
    expect(sent).toEqual([{ method: 'PATCH', body: { scheduledFor: movedTo } }]);
    expect(
      await screen.findByText(`$1,545.00 will be charged on ${formatDate(movedTo)}.`),
    ).toBeInTheDocument();
  });

  it('refuses a date before today in the form, sending nothing', async () => {
    signedIn();
    const sent = paymentEndpoints();
    const { user } = renderApp(`/portal/history/${scheduled.id}`);
    await user.click(await screen.findByRole('button', { name: 'Change date' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the payment date' });
    const input = within(dialog).getByLabelText('New date');
    await user.clear(input);
    await user.type(input, '2001-01-01');
    expect(within(dialog).getByText(/^Pick a day from/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Move payment' })).toBeDisabled();
    expect(sent).toEqual([]);
  });

  it('cancels a scheduled payment only after confirmation', async () => {
    signedIn();
    const sent = paymentEndpoints();
    const { user } = renderApp(`/portal/history/${scheduled.id}`);

    await user.click(await screen.findByRole('button', { name: 'Cancel payment' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this payment?' });
    expect(dialog).toHaveTextContent(
      `$1,545.00 will not be charged on ${formatDate(scheduledFor)}`,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Keep payment' }));
    expect(sent).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Cancel payment' }));
    const again = screen.getByRole('dialog', { name: 'Cancel this payment?' });
    await user.type(within(again).getByLabelText('Reason (optional)'), 'Paid by check');
    await user.click(within(again).getByRole('button', { name: 'Cancel payment' }));
    expect(await screen.findByText('Payment cancelled. Nothing was charged.')).toBeInTheDocument();
    expect(sent).toEqual([{ method: 'POST', body: { reason: 'Paid by check' } }]);
    expect(
      await screen.findByText('The payment was cancelled. Nothing was charged.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Change date' })).toBeNull();
  });

  it('shows a 409 when the payment already ran', async () => {
    signedIn();
    paymentEndpoints();
    server.use(
      http.post(`${BASE}/payments/:paymentId/cancel`, () =>
        problem(409, 'The payment has already been processed'),
      ),
    );
    const { user } = renderApp(`/portal/history/${scheduled.id}`);
    await user.click(await screen.findByRole('button', { name: 'Cancel payment' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this payment?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel payment' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The payment was not cancelled: The payment has already been processed',
    );
  });

  it('offers no changes without the pay right', async () => {
    signedIn({ permissions: { ...allRights, pay: false } });
    paymentEndpoints();
    renderApp(`/portal/history/${scheduled.id}`);
    expect(await screen.findByText(/will be charged on/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Change date' })).toBeNull();
  });
});

describe('downloads', () => {
  it('downloads the statement from the dashboard and an invoice PDF when it has one', async () => {
    signedIn({ invoices: [invoice(1, { hasPdf: true }), invoice(2)] });
    const saved: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    const click = HTMLAnchorElement.prototype.click;
    // jsdom neither makes blob URLs nor saves files: record the name the link would save as
    URL.createObjectURL = () => 'blob:statement';
    URL.revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    onTestFinished(() => {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = click;
    });
    server.use(
      http.get(`${BASE}/statement.pdf`, () =>
        HttpResponse.arrayBuffer(new TextEncoder().encode('%PDF-1.4').buffer, {
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': 'attachment; filename="statement-acme.pdf"',
          },
        }),
      ),
      http.get(`${BASE}/invoices/:invoiceId`, ({ params }) =>
        HttpResponse.json(
          params.invoiceId === invoice(1).id ? invoice(1, { hasPdf: true }) : invoice(2),
        ),
      ),
    );
    const first = renderApp('/portal/');
    await first.user.click(await screen.findByRole('button', { name: 'Download statement (PDF)' }));
    await waitFor(() => expect(saved).toEqual(['statement-acme.pdf']));
    expect(screen.queryByRole('alert')).toBeNull();
    first.unmount();

    renderApp(`/portal/invoices/${invoice(2).id}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Invoice INV-1002' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download PDF' })).toBeNull();
  });

  it('says in words when an invoice PDF cannot be fetched', async () => {
    signedIn({ invoices: [invoice(1, { hasPdf: true })] });
    server.use(
      http.get(`${BASE}/invoices/:invoiceId`, () =>
        HttpResponse.json(invoice(1, { hasPdf: true })),
      ),
      http.get(`${BASE}/invoices/:invoiceId/pdf`, () =>
        problem(502, 'ConnectWise did not return the PDF'),
      ),
    );
    const { user } = renderApp(`/portal/invoices/${invoice(1).id}`);
    await user.click(await screen.findByRole('button', { name: 'Download PDF' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not download the PDF: ConnectWise did not return the PDF',
    );
  });
});
