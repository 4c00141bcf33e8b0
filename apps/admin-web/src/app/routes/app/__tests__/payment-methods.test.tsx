import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoCompany, page } from '@/testing/ar-fixtures';
import { api, noContent, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { openInvoices, paymentMethods, sandboxGateway } from '@/testing/payment-fixtures';
import { renderApp } from '@/testing/render-app';

/** One organization's payment methods, kept in memory as the API would; `overrides` answer first. */
function methodsApi(...overrides: HttpHandler[]) {
  const methods = paymentMethods.map((m) => ({ ...m }));
  const requests = recordRequests();
  server.use(
    ...overrides,
    api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
    // the menu's Open Invoices count
    api.get('/api/v1/invoices', () => HttpResponse.json(page(openInvoices, 1))),
    api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
      HttpResponse.json({ data: methods }),
    ),
    api.get('/api/v1/payment-gateway', () => HttpResponse.json(sandboxGateway)),
    api.post('/api/v1/organizations/{organizationId}/payment-methods', async ({ request }) => {
      const { friendlyName } = await request.json();
      const created = {
        ...methods[0]!,
        id: 'pm-new',
        friendlyName: friendlyName ?? 'Visa •••• 4242',
        isDefault: false,
      };
      methods.push(created);
      return HttpResponse.json(created, { status: 201 });
    }),
    api.patch(
      '/api/v1/organizations/{organizationId}/payment-methods/{id}',
      async ({ params, request }) => {
        const body = await request.json();
        const m = methods.find((x) => x.id === params.id)!;
        if (body.isDefault) methods.forEach((x) => (x.isDefault = false));
        Object.assign(m, body);
        return HttpResponse.json(m);
      },
    ),
    api.post('/api/v1/organizations/{organizationId}/payment-methods/{id}/unlock', ({ params }) => {
      const m = methods.find((x) => x.id === params.id)!;
      Object.assign(m, { status: 'active', lockedReason: null, lockedAt: null });
      return HttpResponse.json(m);
    }),
    api.delete('/api/v1/organizations/{organizationId}/payment-methods/{id}', ({ params }) => {
      methods.splice(
        methods.findIndex((x) => x.id === params.id),
        1,
      );
      return noContent();
    }),
  );
  return { requests, methods };
}

describe('payment methods', () => {
  it('lists methods with the default badge and the lock reason', async () => {
    methodsApi();
    renderApp(`/organizations/${ORG_ID}/payment-methods`);
    const table = await screen.findByRole('table', { name: 'Payment methods' });
    const visa = await within(table).findByRole('row', { name: /Company Visa/ });
    expect(visa).toHaveTextContent('Default');
    expect(visa).toHaveTextContent('Visa •••• 4242 · expires 12/2030');
    const locked = within(table).getByRole('row', { name: /Old bank account/ });
    expect(locked).toHaveTextContent('Locked');
    expect(locked).toHaveTextContent('ACH return R02: account closed');
    expect(within(locked).getByRole('button', { name: 'Unlock' })).toBeInTheDocument();
    expect(within(visa).queryByRole('button', { name: 'Make default' })).not.toBeInTheDocument();
  });

  it('adds a sandbox test method with an Idempotency-Key, and makes another the default', async () => {
    const { requests } = methodsApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/payment-methods`);
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    const dialog = screen.getByRole('dialog', { name: 'Add payment method' });
    await user.selectOptions(
      await within(dialog).findByLabelText('Test payment method'),
      'pm_card_visa',
    );
    await user.type(within(dialog).getByLabelText('Friendly name'), 'Backup card');
    await user.click(within(dialog).getByRole('button', { name: 'Add payment method' }));

    const table = screen.getByRole('table', { name: 'Payment methods' });
    expect(await within(table).findByText('Backup card')).toBeInTheDocument();
    const post = requests.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ token: 'pm_card_visa', friendlyName: 'Backup card' });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();

    const ops = within(table).getByRole('row', { name: /Operating account/ });
    await user.click(within(ops).getByRole('button', { name: 'Make default' }));
    await waitFor(() =>
      expect(within(table).getByRole('row', { name: /Operating account/ })).toHaveTextContent(
        'Default',
      ),
    );
    expect(requests.find((c) => c.method === 'PATCH')?.body).toEqual({ isDefault: true });
  });

  it('explains that Stripe card entry is not available in this build', async () => {
    methodsApi(
      api.get('/api/v1/payment-gateway', () =>
        HttpResponse.json({
          ...sandboxGateway,
          gateway: 'stripe',
          publishableKey: 'pk_test_1',
          testPaymentMethods: [],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/payment-methods`);
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    expect(
      await screen.findByText(/Stripe Elements is not available in this build/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Test payment method')).not.toBeInTheDocument();
  });

  it('unlocks only with a reason, and removes after confirmation', async () => {
    const { requests } = methodsApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/payment-methods`);
    const table = await screen.findByRole('table', { name: 'Payment methods' });
    const locked = await within(table).findByRole('row', { name: /Old bank account/ });
    await user.click(within(locked).getByRole('button', { name: 'Unlock' }));
    const dialog = screen.getByRole('dialog', { name: 'Unlock payment method' });
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    expect(within(dialog).getByLabelText('Reason')).toHaveAttribute('aria-invalid', 'true');
    await user.type(within(dialog).getByLabelText('Reason'), 'Customer reopened the account');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(within(table).getByRole('row', { name: /Old bank account/ })).toHaveTextContent(
        'Active',
      ),
    );
    expect(requests.find((c) => c.path.endsWith('/unlock'))?.body).toEqual({
      reason: 'Customer reopened the account',
    });

    const ops = within(table).getByRole('row', { name: /Operating account/ });
    await user.click(within(ops).getByRole('button', { name: 'Remove' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Remove payment method' })).getByRole('button', {
        name: 'Remove',
      }),
    );
    await waitFor(() =>
      expect(within(table).queryByText('Operating account')).not.toBeInTheDocument(),
    );
    expect(requests.some((c) => c.method === 'DELETE' && c.path.endsWith('/pm-ops'))).toBe(true);
  });

  it('lists locked methods across organizations and unlocks one', async () => {
    const locked = { ...paymentMethods[2]!, organizationName: 'Demo Company' };
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/payment-methods', () =>
        HttpResponse.json({ data: [locked], page: 1, pageSize: 25, total: 1 }),
      ),
      api.post('/api/v1/organizations/{organizationId}/payment-methods/{id}/unlock', () =>
        HttpResponse.json({ ...locked, status: 'active' }),
      ),
    );
    const { user } = renderApp('/payment-methods/locked');
    const table = await screen.findByRole('table', { name: 'Locked payment methods' });
    const row = await within(table).findByRole('row', { name: /Old bank account/ });
    expect(within(row).getByRole('link', { name: 'Demo Company' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}/payment-methods`,
    );
    const list = requests.find((c) => c.path === '/api/v1/payment-methods');
    expect(new URLSearchParams(list?.search).get('status')).toBe('locked');
    await user.click(within(row).getByRole('button', { name: 'Unlock' }));
    const dialog = screen.getByRole('dialog', { name: 'Unlock payment method' });
    await user.type(within(dialog).getByLabelText('Reason'), 'Verified with the bank');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(
        requests.find(
          (c) => c.path === `/api/v1/organizations/${ORG_ID}/payment-methods/pm-locked/unlock`,
        ),
      ).toBeDefined(),
    );
  });

  it('asks for a test method before adding, and shows the API’s error on the name', async () => {
    const { requests } = methodsApi(
      api.post('/api/v1/organizations/{organizationId}/payment-methods', () =>
        problem(400, 'Invalid request: friendlyName is already used', {
          errors: [{ field: 'friendlyName', message: 'is already used by another method' }],
        }),
      ),
    );
    const { user } = renderApp(`/organizations/${ORG_ID}/payment-methods`);
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    const dialog = screen.getByRole('dialog', { name: 'Add payment method' });
    const submit = await within(dialog).findByRole('button', { name: 'Add payment method' });
    await user.click(submit);
    expect(within(dialog).getByLabelText('Test payment method')).toHaveAccessibleDescription(
      'Choose a test payment method',
    );
    expect(requests.some((c) => c.method === 'POST')).toBe(false);

    await user.selectOptions(
      within(dialog).getByLabelText('Test payment method'),
      'Visa — succeeds',
    );
    await user.type(within(dialog).getByLabelText('Friendly name'), 'Company Visa');
    await user.click(submit);
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Friendly name')).toHaveAccessibleDescription(
        'is already used by another method',
      ),
    );
  });

  it('renames a method; an empty name is refused before the API is asked', async () => {
    const { requests } = methodsApi();
    const { user } = renderApp(`/organizations/${ORG_ID}/payment-methods`);
    const table = await screen.findByRole('table', { name: 'Payment methods' });
    const visa = await within(table).findByRole('row', { name: /Company Visa/ });
    await user.click(within(visa).getByRole('button', { name: 'Rename' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename payment method' });
    const name = within(dialog).getByLabelText('Friendly name');
    expect(name).toHaveValue('Company Visa');
    await user.clear(name);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(name).toHaveAccessibleDescription('Enter a name');
    expect(requests.some((c) => c.method === 'PATCH')).toBe(false);

    await user.type(name, '  Corporate card ');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((c) => c.method === 'PATCH')?.body).toEqual({
      friendlyName: 'Corporate card',
    });
  });
});
