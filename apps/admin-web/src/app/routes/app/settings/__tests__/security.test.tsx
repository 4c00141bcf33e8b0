import { screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

describe('settings / security', () => {
  it('turns "Require two-factor for all staff" on', async () => {
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/settings/security', () => HttpResponse.json({ requireTwoFactor: false })),
      api.put('/api/v1/settings/security', async ({ request }) =>
        HttpResponse.json(await request.json()),
      ),
    );
    const { user } = renderApp('/settings/security');
    const toggle = await screen.findByLabelText('Require two-factor for all staff');
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Security settings saved')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ requireTwoFactor: true });
  });

  it('shows why the API refused (the admin has no 2FA yet) on the toggle', async () => {
    server.use(
      api.get('/api/v1/settings/security', () => HttpResponse.json({ requireTwoFactor: false })),
      api.put('/api/v1/settings/security', () =>
        problem(422, 'Set up two-factor sign-in for yourself before requiring it', {
          errors: [
            { field: 'requireTwoFactor', message: 'set up two-factor sign-in for yourself first' },
          ],
        }),
      ),
    );
    const { user } = renderApp('/settings/security');
    const toggle = await screen.findByLabelText('Require two-factor for all staff');
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByText('set up two-factor sign-in for yourself first')).toBeInTheDocument(),
    );
  });
});
