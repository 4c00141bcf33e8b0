import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const created: components['schemas']['CreatedApiKeyResponseDto'] = {
  id: 'dddddddd-0000-4000-8000-000000000001',
  name: 'Accounting export',
  prefix: 'sk_3k9x2m7q',
  role: 'viewer',
  createdAt: '2025-03-01T15:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  secret: 'sk_3k9x2m7q_full-secret-value',
};

const noKeys = () =>
  api.get('/api/v1/api-keys', () =>
    HttpResponse.json({ data: [], page: 1, pageSize: 25, total: 0 }),
  );

describe('settings / API keys', () => {
  it('creates a key with the chosen role and shows its secret once', async () => {
    const requests = recordRequests();
    server.use(
      noKeys(),
      api.post('/api/v1/api-keys', () => HttpResponse.json(created, { status: 201 })),
    );
    const { user } = renderApp('/settings/api-keys');
    await user.click(await screen.findByRole('button', { name: 'Create API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API key' });
    await user.type(within(dialog).getByLabelText('Name'), 'Accounting export');
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'viewer');
    await user.click(within(dialog).getByRole('button', { name: 'Create API key' }));

    const shown = await screen.findByRole('dialog', { name: 'API key created' });
    expect(within(shown).getByLabelText('API key secret')).toHaveTextContent(created.secret);
    expect(requests.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Accounting export',
      role: 'viewer',
    });
  });

  it('refuses an empty name before calling the API, and shows the API’s error on the name', async () => {
    const requests = recordRequests();
    server.use(
      noKeys(),
      api.post('/api/v1/api-keys', () =>
        problem(400, 'Invalid request: name must be unique', {
          errors: [{ field: 'name', message: 'must be unique' }],
        }),
      ),
    );
    const { user } = renderApp('/settings/api-keys');
    await user.click(await screen.findByRole('button', { name: 'Create API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API key' });
    const name = within(dialog).getByLabelText('Name');
    await user.click(within(dialog).getByRole('button', { name: 'Create API key' }));
    expect(name).toHaveAccessibleDescription('is required');
    expect(requests.some((c) => c.method === 'POST')).toBe(false);

    await user.type(name, 'Accounting export');
    await user.click(within(dialog).getByRole('button', { name: 'Create API key' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('must be unique'));
    expect(within(dialog).queryByText(/Invalid request/)).not.toBeInTheDocument();
  });
});
