import { screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { ORG_ID, demoBalance, demoCompany, demoOwner, page } from '@/testing/ar-fixtures';
import { noEmailsHandlers } from '@/testing/email-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { testUser } from '@/testing/mocks/session';
import { openInvoices, paymentMethods } from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';
import { entity } from '@/testing/sync-fixtures';

/** Demo Company's profile, with its notes kept in memory as the API would. */
function profileApi() {
  const notes: components['schemas']['NoteResponseDto'][] = [
    {
      id: 'n-1',
      body: 'Until October, our new contact will be Bob from accounting.',
      authorId: 'someone-else',
      authorName: 'Leslie Knope',
      createdAt: '2024-02-01T15:00:00Z',
      updatedAt: '2024-02-01T15:00:00Z',
    },
  ];
  const requests = recordRequests();
  server.use(
    ...noEmailsHandlers(),
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    api.get('/api/v1/organizations/{id}/balance', () => HttpResponse.json(demoBalance)),
    api.get('/api/v1/organizations/{organizationId}/notification-emails', () =>
      HttpResponse.json({
        data: [{ contactId: 'c-1', name: 'Demo Owner', email: 'demo@example.com' }],
      }),
    ),
    api.get('/api/v1/organizations/{organizationId}/notes', () =>
      HttpResponse.json(page(notes, 10)),
    ),
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 200))),
    api.get('/api/v1/payments', () => HttpResponse.json(page([], 10))),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: paymentMethods }),
    ),
    api.post('/api/v1/organizations/{organizationId}/notes', async ({ request }) => {
      const note = {
        id: `n-${notes.length + 1}`,
        body: (await request.json()).body,
        authorId: testUser.id,
        authorName: testUser.name,
        createdAt: '2024-03-01T15:00:00Z',
        updatedAt: '2024-03-01T15:00:00Z',
      };
      notes.unshift(note);
      return HttpResponse.json(note, { status: 201 });
    }),
  );
  return { requests };
}

describe('organization profile', () => {
  it("links a synced PSA chip to Entities on the organization's records", async () => {
    profileApi();
    const asked: string[] = [];
    server.use(
      api.get('/api/v1/entities', ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json(
          page(
            [
              entity({
                externalId: '19300',
                name: 'Demo Company',
                organizationId: ORG_ID,
                organizationName: 'Demo Company',
              }),
            ],
            50,
          ),
        );
      }),
    );
    renderApp(`/organizations/${ORG_ID}`);
    const chips = await screen.findByRole('list', { name: 'Integration links' });
    const psa = await within(chips).findByRole('link', { name: /PSA · ConnectWise 19300/ });
    expect(psa).toHaveAttribute('href', `/entities?organizationId=${ORG_ID}`);
    expect(psa).toHaveAccessibleDescription('ConnectWise id 19300');
    expect(asked[0]).toContain(`organizationId=${ORG_ID}`);
    expect(asked[0]).toContain('type=company');
  });

  it('shows the QuickBooks chip beside the PSA one when accounting links the organization', async () => {
    profileApi();
    server.use(
      api.get('/api/v1/organizations/{id}', () =>
        HttpResponse.json({
          ...demoCompany,
          links: [
            ...demoCompany.links,
            { externalId: '58', kind: 'accounting' as const, source: 'quickbooks' },
          ],
        }),
      ),
    );
    renderApp(`/organizations/${ORG_ID}`);
    const chips = await screen.findByRole('list', { name: 'Integration links' });
    expect(await within(chips).findByText(/Accounting · QuickBooks/)).toHaveTextContent(
      'Accounting · QuickBooks 58',
    );
    expect(within(chips).getByText(/PSA · ConnectWise/)).toBeInTheDocument();
    expect(within(chips).queryByText('No Accounting link')).not.toBeInTheDocument();
  });

  it('shows the name, the details and a muted chip for each kind without a link', async () => {
    profileApi();
    renderApp(`/organizations/${ORG_ID}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Demo Company' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Back to Organizations/ })).toHaveAttribute(
      'href',
      '/organizations',
    );
    const chips = screen.getByRole('list', { name: 'Integration links' });
    // the vendor's own name, not the link's lower-case slug
    expect(within(chips).getByText(/PSA · ConnectWise/)).toHaveTextContent(
      'PSA · ConnectWise 19300',
    );
    expect(within(chips).queryByText(/connectwise/)).not.toBeInTheDocument();
    expect(within(chips).queryByText('No PSA link')).not.toBeInTheDocument();
    // an integrator's link (no synced record behind it) has nothing in Entities to open
    expect(
      within(chips).queryByRole('link', { name: /PSA · ConnectWise/ }),
    ).not.toBeInTheDocument();
    // a missing link opens Entities on the companies no organization has, to map one
    const accounting = within(chips).getByRole('link', { name: 'No Accounting link' });
    expect(accounting.closest('.ui-chip')).toHaveClass('ui-chip--muted');
    expect(accounting).toHaveAttribute('href', '/entities?type=company&mapped=false');
    expect(accounting).toHaveAccessibleDescription(
      'No accounting customer is linked: open invoices and credits may not show. Map one in Entities.',
    );
    expect(within(chips).getByText('No Gateway link')).toBeInTheDocument();

    expect(screen.getByText('Test Address')).toBeInTheDocument();
    expect(screen.getByText('TestCity, ND 58103')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /2 contacts/ })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}/contacts`,
    );
    expect(
      await screen.findByRole('list', { name: 'Default notification emails' }),
    ).toHaveTextContent('demo@example.com');
    expect(await screen.findByText(/Bob from accounting/)).toBeInTheDocument();
    expect(screen.getByText('Leslie Knope')).toBeInTheDocument();

    const menu = screen.getByRole('navigation', { name: 'Organization sections' });
    expect(within(menu).getByRole('link', { name: 'Organization Details' })).toHaveClass('active');
    // the count is the Open Invoices list's own total (3 payable invoices), not the balance's
    await waitFor(() =>
      expect(
        within(menu)
          .getAllByRole('link')
          .map((l) => l.textContent),
      ).toContain('Open Invoices (3)'),
    );
  });

  it('links to a reconciliation of this organization', async () => {
    profileApi();
    renderApp(`/organizations/${ORG_ID}`);
    expect(await screen.findByRole('link', { name: 'Reconcile' })).toHaveAttribute(
      'href',
      `/reconciliation?organizationId=${ORG_ID}`,
    );
  });

  it('opens the Customer Portal view in a new tab at the one-time link the API makes', async () => {
    const { requests } = profileApi();
    const link = 'http://localhost:3000/api/v1/portal/auth/staff-view?token=once';
    server.use(
      api.post('/api/v1/organizations/{organizationId}/portal-view', () =>
        HttpResponse.json({ url: link, expiresAt: '2024-03-01T15:01:00Z' }),
      ),
    );
    const tab = { location: { href: '' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const { user } = renderApp(`/organizations/${ORG_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Customer Portal' }));
    await waitFor(() => expect(tab.location.href).toBe(link));
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(
      requests.some(
        (r) => r.method === 'POST' && r.path === `/api/v1/organizations/${ORG_ID}/portal-view`,
      ),
    ).toBe(true);
    open.mockRestore();
  });

  it('adds a note: posts the body and shows it first', async () => {
    const { requests } = profileApi();
    const { user } = renderApp(`/organizations/${ORG_ID}`);
    await screen.findByText(/Bob from accounting/);

    await user.type(
      screen.getByLabelText('Leave a comment'),
      'Only send account summaries to ap@testcompany.com',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const post = await waitFor(() => {
      const c = requests.find((c) => c.method === 'POST');
      expect(c).toBeDefined();
      return c!;
    });
    expect(post.path).toBe(`/api/v1/organizations/${ORG_ID}/notes`);
    expect(post.body).toEqual({ body: 'Only send account summaries to ap@testcompany.com' });

    const notes = screen.getByRole('list', { name: 'Notes' });
    await waitFor(() =>
      expect(within(notes).getAllByRole('listitem')[0]).toHaveTextContent(
        'Only send account summaries to ap@testcompany.com',
      ),
    );
    expect(screen.getByLabelText('Leave a comment')).toHaveValue('');
    // own notes can be edited and deleted; others' cannot
    const [mine, theirs] = within(notes).getAllByRole('listitem');
    expect(within(mine!).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(within(theirs!).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });

  it('refuses an empty note, and shows the API’s refusal of an edit under the edited text', async () => {
    const { requests } = profileApi();
    server.use(
      api.patch('/api/v1/organizations/{organizationId}/notes/{noteId}', () =>
        problem(400, 'Invalid request: body must be at most 5000 characters', {
          errors: [{ field: 'body', message: 'must be at most 5000 characters' }],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}`);
    await screen.findByText(/Bob from accounting/);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Leave a comment')).toHaveAccessibleDescription('is required');
    expect(requests.some((c) => c.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Leave a comment'), 'Call Bob first');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const notes = screen.getByRole('list', { name: 'Notes' });
    await waitFor(() =>
      expect(within(notes).getAllByRole('listitem')[0]).toHaveTextContent('Call Bob first'),
    );
    const first = within(notes).getAllByRole('listitem')[0]!;
    await user.click(within(first).getByRole('button', { name: 'Edit' }));
    const edit = within(first).getByRole('textbox', { name: 'Edit note' });
    expect(edit).toHaveValue('Call Bob first');
    await user.type(edit, ' (again)');
    await user.click(within(first).getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(edit).toHaveAccessibleDescription('must be at most 5000 characters'),
    );
    expect(requests.find((c) => c.method === 'PATCH')?.body).toEqual({
      body: 'Call Bob first (again)',
    });
  });

  it('chooses the default notification emails from the contacts', async () => {
    const other = { ...demoOwner, id: 'c-2', name: 'Ann Payable', email: 'ap@example.com' };
    const { requests } = profileApi();
    server.use(
      api.get('/api/v1/organizations/{organizationId}/contacts', () =>
        HttpResponse.json(page([{ ...demoOwner, id: 'c-1' }, other])),
      ),
      api.put('/api/v1/organizations/{organizationId}/notification-emails', () =>
        HttpResponse.json({
          data: [{ contactId: 'c-2', name: 'Ann Payable', email: 'ap@example.com' }],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}`);
    const card = (
      await screen.findByRole('heading', { name: 'Default Notification Emails' })
    ).closest('section')!;
    await user.click(await within(card).findByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Default notification emails' });
    const owner = await within(dialog).findByLabelText(/demo@example.com/);
    expect(owner).toBeChecked();
    await user.click(owner);
    await user.click(within(dialog).getByLabelText(/ap@example.com/));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((c) => c.method === 'PUT')?.body).toEqual({ contactIds: ['c-2'] });
  });

  it('shows the balance panel with aging, credits kept apart', async () => {
    profileApi();
    renderApp(`/organizations/${ORG_ID}/balance`);
    await waitFor(() => expect(screen.getByTestId('balance-total')).toHaveTextContent('$3,003.00'));
    expect(screen.getByTestId('balance-oldest-invoice')).toHaveTextContent('#1001');
    expect(screen.getByTestId('balance-open-invoices')).toHaveTextContent('4');
    const aging = screen.getByRole('table', { name: 'Aging' });
    expect(within(aging).getByRole('row', { name: /90\+ days/ })).toHaveTextContent('$2,003.00');
    expect(screen.getByTestId('balance-credits')).toHaveTextContent('$50.00');
    expect(screen.getByText(/not included in the Total/)).toBeInTheDocument();
  });

  it('shows open invoices to pay, recent payments and payment methods on the details page', async () => {
    profileApi();
    const { user } = renderApp(`/organizations/${ORG_ID}`);
    const invoices = await screen.findByRole('table', { name: 'Open Invoices' });
    await within(invoices).findByText('1001');
    expect(screen.getByRole('table', { name: 'Recent Payments' })).toBeInTheDocument();
    expect(await screen.findByText('No payments yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View all' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}/transaction-history`,
    );
    expect(
      await within(screen.getByRole('table', { name: 'Payment methods' })).findByText(
        'Company Visa',
      ),
    ).toBeInTheDocument();

    await user.click(screen.getByLabelText('Select all invoices on this page'));
    expect(screen.getByText(/3 selected · \$3,053\.00/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Pay selected' }));
    expect(await screen.findByLabelText('Amount for 1003')).toHaveValue('50.00');
  });
});
