import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { api } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const ORG = '00000000-0000-4000-8000-0000000000a1';
const PAYMENT = '00000000-0000-4000-8000-0000000000c3';
const CONTACT = '00000000-0000-4000-8000-0000000000d4';

const page = { page: 1, pageSize: 25 };

afterEach(() => vi.restoreAllMocks());

describe('reports / the other tabs', () => {
  it('lists transactions with totals by type and method, filtered through the address', async () => {
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/reports/transactions', () =>
        HttpResponse.json({
          from: '2026-02-01',
          to: '2026-03-05',
          totals: [
            { type: 'payment', method: 'card', currency: 'USD', count: 2, amount: 15000 },
            {
              type: 'ach_return',
              method: 'us_bank_account',
              currency: 'USD',
              count: 1,
              amount: 4000,
            },
          ],
          data: [
            {
              occurredAt: '2026-03-01T15:00:00.000Z',
              type: 'payment',
              method: 'card',
              paymentId: PAYMENT,
              paymentNumber: 'PAY-000042',
              organizationId: ORG,
              organizationName: 'Bluebird Dental',
              currency: 'USD',
              amount: 10000,
            },
          ],
          ...page,
          total: 1,
        }),
      ),
    );
    const { user } = renderApp('/reports?report=transactions&from=2026-02-01&to=2026-03-05');
    const totals = await screen.findByRole('table', { name: 'Totals by type and method' });
    const card = (await within(totals).findByText('Card')).closest('tr')!;
    expect(
      within(card)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Payment', 'Card', '2', '$150.00']);
    expect(within(totals).getByText('ACH return')).toBeInTheDocument();
    const list = await screen.findByRole('table', { name: 'Transactions' });
    expect(await within(list).findByText('PAY-000042')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Transactions' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.selectOptions(screen.getByLabelText('Method'), 'us_bank_account');
    await waitFor(() =>
      expect(
        requests.some(
          (r) =>
            r.path === '/api/v1/reports/transactions' &&
            new URLSearchParams(r.search).get('method') === 'us_bank_account',
        ),
      ).toBe(true),
    );
    const last = requests.filter((r) => r.path === '/api/v1/reports/transactions').at(-1)!;
    expect(Object.fromEntries(new URLSearchParams(last.search))).toEqual({
      from: '2026-02-01',
      to: '2026-03-05',
      method: 'us_bank_account',
      page: '1',
      pageSize: '25',
    });
  });

  it('downloads a CSV as it streams, counting rows, and hands it to the browser', async () => {
    server.use(
      api.get('/api/v1/reports/portal-logins', () =>
        HttpResponse.json({
          from: '2026-02-01',
          to: '2026-03-05',
          signIns: 0,
          data: [],
          ...page,
          total: 0,
        }),
      ),
      http.get('*/api/v1/reports/portal-logins/export', () => {
        const encoder = new TextEncoder();
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(
              encoder.encode('Contact,Email,Organizations,Last sign-in,Sign-ins\r\n'),
            );
            controller.enqueue(encoder.encode('Pat,pat@example.com,Bluebird,2026-03-01,2\r\n'));
            controller.enqueue(encoder.encode('Sam,sam@example.com,Cobalt,2026-03-02,1\r\n'));
            controller.close();
          },
        });
        return new HttpResponse(body, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
      }),
    );
    const created = vi.fn((_blob: Blob) => 'blob:settle-test');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user } = renderApp('/reports?report=portal&from=2026-02-01&to=2026-03-05');
    expect(await screen.findByText('No sign-ins')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('Downloaded 2 rows')).toBeInTheDocument();
    expect(click).toHaveBeenCalledTimes(1);
    const blob = created.mock.calls[0]![0];
    expect(await blob.text()).toContain('Sam,sam@example.com');
  });

  it('shows a failed export with the server’s words', async () => {
    server.use(
      api.get('/api/v1/reports/payment-methods', () =>
        HttpResponse.json({ kind: 'expiring', data: [], ...page, total: 0 }),
      ),
      http.get('*/api/v1/reports/payment-methods/export', () =>
        HttpResponse.json(
          {
            type: 'x',
            title: 'Bad Request',
            status: 400,
            detail: 'kind must be one of: expiring, locked',
            requestId: 'r1',
          },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const { user } = renderApp('/reports?report=methods');
    expect(await screen.findByText('No card expires soon')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('kind must be one of: expiring, locked')).toBeInTheDocument();
  });

  it('shows AutoPay coverage as tiles and a bar, and each organization', async () => {
    server.use(
      api.get('/api/v1/reports/autopay-enrolment', () =>
        HttpResponse.json({
          totals: {
            organizations: 4,
            enrolled: 1,
            openBalance: 40000,
            coveredBalance: 10000,
            currency: 'USD',
          },
          data: [
            {
              organizationId: ORG,
              name: 'Bluebird Dental',
              enrolled: true,
              enabledRules: 1,
              balance: 10000,
            },
          ],
          ...page,
          total: 4,
        }),
      ),
    );
    renderApp('/reports?report=autopay');
    expect(
      await screen.findByRole('figure', { name: 'AutoPay covers 25% of the open balance' }),
    ).toBeInTheDocument();
    const term = screen.getAllByText('With AutoPay', { selector: 'dt' })[0]!;
    expect(term.nextElementSibling).toHaveTextContent('1 of 4');
    const table = screen.getByRole('table', { name: 'Organizations and AutoPay' });
    expect(within(table).getByRole('link', { name: 'Bluebird Dental' })).toBeInTheDocument();
  });

  it('charts collected against due by month and lists the figures; DSO on its own tab', async () => {
    server.use(
      api.get('/api/v1/reports/monthly', () =>
        HttpResponse.json({
          currency: 'USD',
          months: [
            {
              month: '2026-02',
              due: 50000,
              invoiced: 60000,
              collected: 45000,
              receivableAtEnd: 30000,
              dso: 14,
            },
            {
              month: '2026-03',
              due: 20000,
              invoiced: 0,
              collected: 1000,
              receivableAtEnd: 29000,
              dso: null,
            },
          ],
        }),
      ),
    );
    renderApp('/reports?report=collected');
    expect(
      await screen.findByRole('figure', {
        name: 'Collected vs due by month chart. 2026-02: due $500.00, collected $450.00; 2026-03: due $200.00, collected $10.00',
      }),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Collected vs due by month' });
    const row = within(table).getByText('2026-03').closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2026-03', '$200.00', '$10.00', '$0.00', '$290.00', '—']);
    await userEvent.click(screen.getByRole('link', { name: 'DSO' }));
    expect(
      await screen.findByRole('figure', {
        name: 'Days sales outstanding chart. 2026-02: 14.0 days; 2026-03: none',
      }),
    ).toBeInTheDocument();
  });

  it('lists portal sign-ins by contact', async () => {
    server.use(
      api.get('/api/v1/reports/portal-logins', () =>
        HttpResponse.json({
          from: '2026-02-01',
          to: '2026-03-05',
          signIns: 3,
          data: [
            {
              contactId: CONTACT,
              name: 'Pat Payer',
              email: 'pat@example.com',
              organizations: 'Bluebird Dental',
              lastSignInAt: '2026-03-01T15:00:00.000Z',
              signIns: 3,
            },
          ],
          ...page,
          total: 1,
        }),
      ),
    );
    renderApp('/reports?report=portal');
    expect(await screen.findByTestId('portal-sign-ins')).toHaveTextContent(
      '3 sign-ins by 1 contacts',
    );
    const table = screen.getByRole('table', { name: 'Portal sign-ins by contact' });
    expect(within(table).getByText('pat@example.com')).toBeInTheDocument();
  });
});
