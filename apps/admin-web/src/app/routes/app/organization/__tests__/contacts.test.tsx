import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  ORG_ID,
  accessProfiles,
  demoCompany,
  demoOwner,
  organizationSummary,
  page,
} from '@/testing/ar-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { openInvoices } from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';

function contactsApi() {
  let contact = { ...demoOwner };
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    // the menu's Open Invoices count
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 1))),
    api.get('/api/v1/access-profiles', () => HttpResponse.json({ data: accessProfiles })),
    api.get('/api/v1/organizations/{organizationId}/contacts', () =>
      HttpResponse.json(page([contact])),
    ),
    api.get('/api/v1/organizations', () =>
      HttpResponse.json({
        data: [
          organizationSummary({ id: ORG_ID, name: 'Demo Company' }),
          organizationSummary({ id: 'org-xyz', name: 'XYZ Test Company' }),
        ],
        page: 1,
        pageSize: 20,
        total: 2,
      }),
    ),
    api.post('/api/v1/contacts/{contactId}/organizations', () =>
      HttpResponse.json(contact, { status: 201 }),
    ),
    api.patch(
      '/api/v1/organizations/{organizationId}/contacts/{contactId}',
      async ({ request }) => {
        const { accessProfileId } = await request.json();
        contact = {
          ...contact,
          accessProfileId: accessProfileId ?? null,
          accessProfileName: accessProfiles.find((p) => p.id === accessProfileId)?.name ?? null,
        };
        return HttpResponse.json(contact);
      },
    ),
  );
  return { requests };
}

async function openRow() {
  const { user } = renderApp(`/organizations/${ORG_ID}/contacts`);
  const row = await screen.findByTestId('contact-row-demo@example.com');
  const select = within(row).getByLabelText('Access profile');
  // the two profiles plus "No portal access"
  await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(3));
  return { row, user };
}

describe('organization contacts', () => {
  it('shows the contact with its other organizations; Save and Undo start disabled', async () => {
    contactsApi();
    const { row } = await openRow();
    expect(row).toHaveTextContent('Demo Owner');
    expect(within(row).getByRole('link', { name: 'Ponderosa Ranch' })).toBeInTheDocument();
    expect(within(row).getByLabelText('Access profile')).toHaveValue('ap-view');
    expect(within(row).getByLabelText('Default notification contact')).toBeChecked();
    expect(within(row).getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(within(row).getByRole('button', { name: 'Undo Changes' })).toBeDisabled();
  });

  it('changing the profile enables Save, which sends PATCH with accessProfileId', async () => {
    const { requests } = contactsApi();
    const { row, user } = await openRow();
    await user.selectOptions(within(row).getByLabelText('Access profile'), 'Full Access');
    expect(within(row).getByRole('button', { name: 'Save' })).toBeEnabled();

    // Undo restores the saved value
    await user.click(within(row).getByRole('button', { name: 'Undo Changes' }));
    expect(within(row).getByLabelText('Access profile')).toHaveValue('ap-view');
    expect(within(row).getByRole('button', { name: 'Save' })).toBeDisabled();

    await user.selectOptions(within(row).getByLabelText('Access profile'), 'Full Access');
    await user.click(within(row).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = requests.find((c) => c.method === 'PATCH')!;
    expect(patch.path).toBe(`/api/v1/organizations/${ORG_ID}/contacts/${demoOwner.id}`);
    expect(patch.body).toEqual({ accessProfileId: 'ap-full' });

    // after the refetch the row shows the saved value, clean again
    const fresh = await screen.findByTestId('contact-row-demo@example.com');
    await waitFor(() =>
      expect(within(fresh).getByLabelText('Access profile')).toHaveValue('ap-full'),
    );
    await waitFor(() => expect(within(fresh).getByRole('button', { name: 'Save' })).toBeDisabled());
  });

  it('choosing "No portal access" sends accessProfileId: null and says what it did', async () => {
    const { requests } = contactsApi();
    const { row, user } = await openRow();
    expect(within(row).queryByRole('option', { name: 'Revoke Access' })).not.toBeInTheDocument();
    await user.selectOptions(within(row).getByLabelText('Access profile'), 'No portal access');
    await user.click(within(row).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.some((c) => c.method === 'PATCH')).toBe(true));
    expect(requests.find((c) => c.method === 'PATCH')!.body).toEqual({ accessProfileId: null });
    expect(await screen.findByText('Portal access removed')).toBeInTheDocument();
    const fresh = await screen.findByTestId('contact-row-demo@example.com');
    expect(
      await within(fresh).findByText('No portal access', { selector: '.ui-badge' }),
    ).toBeInTheDocument();
    expect(within(fresh).getByLabelText('Access profile')).toHaveDisplayValue('No portal access');
  });

  it('links the contact to another organization with a profile there', async () => {
    const { requests } = contactsApi();
    const { row, user } = await openRow();
    await user.click(within(row).getByRole('button', { name: 'Add to organization…' }));
    const dialog = screen.getByRole('dialog');
    const org = within(dialog).getByLabelText('Organization');
    // the contact's current organization is not offered
    await waitFor(() =>
      expect(
        within(org)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose…', 'XYZ Test Company']),
    );
    await user.selectOptions(org, 'XYZ Test Company');
    await user.selectOptions(within(dialog).getByLabelText('Access profile there'), 'Full Access');
    await user.click(within(dialog).getByRole('button', { name: 'Add to organization' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = requests.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/contacts/${demoOwner.id}/organizations`);
    expect(post.body).toEqual({ organizationId: 'org-xyz', accessProfileId: 'ap-full' });
  });

  it('adds a contact; the API’s error on the email lands under Email', async () => {
    const { requests } = contactsApi();
    server.use(
      api.post('/api/v1/organizations/{organizationId}/contacts', () =>
        problem(400, 'Invalid request: email must be an email address', {
          errors: [{ field: 'email', message: 'must be an email address' }],
        }),
      ),
    );
    const { user } = await openRow();
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    const dialog = screen.getByRole('dialog', { name: 'Add contact' });
    await user.type(within(dialog).getByLabelText('First name'), 'Grace');
    await user.type(within(dialog).getByLabelText('Last name'), 'Hopper');
    await user.type(within(dialog).getByLabelText('Email'), 'grace@example.com');
    await user.selectOptions(within(dialog).getByLabelText('Access profile'), 'Full Access');
    await user.click(within(dialog).getByRole('button', { name: 'Add contact' }));

    const email = within(dialog).getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAccessibleDescription('must be an email address'));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('First name')).not.toHaveAttribute('aria-invalid');
    expect(requests.find((c) => c.method === 'POST')!.body).toEqual({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.com',
      phone: null,
      accessProfileId: 'ap-full',
      isDefaultNotification: false,
    });
  });

  it('asks for an organization before linking, and shows a refusal in the dialog', async () => {
    const { requests } = contactsApi();
    server.use(
      api.post('/api/v1/contacts/{contactId}/organizations', () =>
        problem(409, 'The contact already belongs to XYZ Test Company'),
      ),
    );
    const { row, user } = await openRow();
    await user.click(within(row).getByRole('button', { name: 'Add to organization…' }));
    const dialog = screen.getByRole('dialog');
    const org = within(dialog).getByLabelText('Organization');
    await user.click(within(dialog).getByRole('button', { name: 'Add to organization' }));
    expect(org).toHaveAccessibleDescription('Choose an organization');
    expect(requests.some((c) => c.method === 'POST')).toBe(false);

    await waitFor(() => expect(within(org).getAllByRole('option')).toHaveLength(2));
    await user.selectOptions(org, 'XYZ Test Company');
    await user.click(within(dialog).getByRole('button', { name: 'Add to organization' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The contact already belongs to XYZ Test Company',
    );
  });
});
