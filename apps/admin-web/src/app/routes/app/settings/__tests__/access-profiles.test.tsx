import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { accessProfiles } from '@/testing/ar-fixtures';
import { api, noContent, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

function profilesApi() {
  let data = [...accessProfiles];
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/access-profiles', () => HttpResponse.json({ data })),
    api.post('/api/v1/access-profiles', async ({ request }) => {
      const created = {
        ...(await request.json()),
        id: 'ap-new',
        contactsCount: 0,
        isSystem: false,
      };
      data = [...data, created];
      return HttpResponse.json(created, { status: 201 });
    }),
    api.delete('/api/v1/access-profiles/{id}', ({ params }) => {
      data = data.filter((p) => p.id !== params.id);
      return noContent();
    }),
  );
  return { requests };
}

describe('settings / access profiles', () => {
  it('lists profiles with permission checkmarks; built-in ones cannot be deleted', async () => {
    profilesApi();
    renderApp('/settings/access-profiles');
    const table = await screen.findByRole('table', { name: 'Access profiles' });
    const viewOnly = (await within(table).findByText('View Only')).closest('tr')!;
    expect(within(viewOnly).getAllByRole('img', { name: 'Yes' })).toHaveLength(1);
    expect(within(viewOnly).getByRole('button', { name: 'Delete View Only' })).toBeDisabled();
    const full = within(table).getByText('Full Access').closest('tr')!;
    expect(within(full).getAllByRole('img', { name: 'Yes' })).toHaveLength(7);
    expect(within(full).getByRole('button', { name: 'Delete Full Access' })).toBeEnabled();
  });

  it('creates a profile from the checkboxes and deletes one after confirmation', async () => {
    const { requests } = profilesApi();
    const { user } = renderApp('/settings/access-profiles');
    await user.click(await screen.findByRole('button', { name: 'New access profile' }));
    const dialog = screen.getByRole('dialog', { name: 'New access profile' });
    await user.type(within(dialog).getByLabelText('Name'), 'Billing Admin');
    await user.click(within(dialog).getByLabelText('Pay'));
    await user.click(within(dialog).getByRole('button', { name: 'Add profile' }));
    const table = screen.getByRole('table', { name: 'Access profiles' });
    expect(await within(table).findByText('Billing Admin')).toBeInTheDocument();
    expect(requests.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Billing Admin',
      permissions: {
        viewInvoices: true,
        pay: true,
        managePaymentMethods: false,
        manageAutopay: false,
        viewCredits: false,
        viewUnappliedPayments: false,
        receiveAccountEmails: false,
      },
    });

    await user.click(screen.getByRole('button', { name: 'Delete Full Access' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(table).queryByText('Full Access')).not.toBeInTheDocument());
    expect(
      requests.some((c) => c.method === 'DELETE' && c.path === '/api/v1/access-profiles/ap-full'),
    ).toBe(true);
  });

  it('shows a 400 on a permission under that checkbox, and a name clash under the name', async () => {
    server.use(
      api.get('/api/v1/access-profiles', () => HttpResponse.json({ data: accessProfiles })),
      api.post('/api/v1/access-profiles', () =>
        problem(400, 'Invalid request', {
          errors: [
            { field: 'name', message: 'is already used by another profile' },
            { field: 'permissions.pay', message: 'needs View invoices' },
          ],
        }),
      ),
    );
    const { user } = renderApp('/settings/access-profiles');
    await user.click(await screen.findByRole('button', { name: 'New access profile' }));
    const dialog = screen.getByRole('dialog', { name: 'New access profile' });
    await user.type(within(dialog).getByLabelText('Name'), 'View Only');
    await user.click(within(dialog).getByRole('button', { name: 'Add profile' }));

    await waitFor(() =>
      expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription(
        'is already used by another profile',
      ),
    );
    expect(within(dialog).getByLabelText('Pay')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Pay')).toHaveAccessibleDescription('needs View invoices');
    expect(within(dialog).getByLabelText('Manage AutoPay')).not.toHaveAttribute('aria-invalid');
  });
});
