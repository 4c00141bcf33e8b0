import { screen, waitFor, within } from '@testing-library/react';
import type { components } from '@settle/api-client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem, type Problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { testUser } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';

type Schemas = components['schemas'];

const ada: Schemas['UserResponseDto'] = {
  id: testUser.id,
  email: testUser.email,
  name: testUser.name,
  role: 'admin',
  disabled: false,
  lastLoginAt: '2025-03-04T15:30:00Z',
  twoFactorEnabled: false,
  createdAt: '2025-01-01T00:00:00Z',
};

/** The API's answer to a valid new user. */
const created = (body: Schemas['CreateUserDto']) =>
  HttpResponse.json<Schemas['UserResponseDto']>(
    {
      id: 'u2',
      email: body.email,
      name: body.name,
      role: body.role,
      disabled: false,
      lastLoginAt: null,
      twoFactorEnabled: false,
      createdAt: '2025-05-01T00:00:00Z',
    },
    { status: 201 },
  );

/** The users list; a user the create answer accepts joins it. */
function usersApi(
  answerCreate: (
    body: Schemas['CreateUserDto'],
  ) => HttpResponse<Schemas['UserResponseDto'] | Problem> = created,
) {
  const users = [ada];
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/users', () =>
      HttpResponse.json({ data: users, page: 1, pageSize: 25, total: users.length }),
    ),
    api.post('/api/v1/users', async ({ request }) => {
      const response = answerCreate(await request.json());
      if (response.status === 201) users.push(await response.clone().json());
      return response;
    }),
  );
  return { requests };
}

async function openAndFill(user: ReturnType<typeof renderApp>['user'], email: string) {
  await user.click(await screen.findByRole('button', { name: 'Add user' }));
  const dialog = screen.getByRole('dialog', { name: 'Add user' });
  await user.type(within(dialog).getByLabelText('Name'), 'Bob Billing');
  await user.type(within(dialog).getByLabelText('Email'), email);
  await user.selectOptions(within(dialog).getByLabelText('Role'), 'billing');
  await user.type(within(dialog).getByLabelText('Initial password'), 'correct-horse-battery');
  await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
  return dialog;
}

describe('settings / users', () => {
  it('lists users with status and last login in the MSP time zone', async () => {
    usersApi();
    renderApp('/settings/users');
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(await within(table).findByText('ada@msp.example')).toBeInTheDocument();
    expect(within(table).getByText('Active')).toBeInTheDocument();
    // 15:30Z is 9:30 AM in America/Chicago (CST)
    expect(within(table).getByText(/Mar 4, 2025.*9:30/)).toBeInTheDocument();
    expect(screen.getByText('Showing 1 – 1 of 1 item')).toBeInTheDocument();
  });

  it('creates a user and shows it in the list', async () => {
    const { requests } = usersApi();
    const { user } = renderApp('/settings/users');
    await openAndFill(user, 'bob@msp.example');

    expect(await screen.findByText('bob@msp.example')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Bob Billing',
      email: 'bob@msp.example',
      role: 'billing',
      password: 'correct-horse-battery',
    });
    expect(screen.getByText('User added')).toBeInTheDocument();
  });

  it('shows the API field error under the email field', async () => {
    usersApi(() =>
      problem(409, 'A user with this email already exists', {
        errors: [{ field: 'email', message: 'is already in use' }],
      }),
    );
    const { user } = renderApp('/settings/users');
    const dialog = await openAndFill(user, 'ada@msp.example');

    const email = within(dialog).getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAccessibleDescription('is already in use'));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
  });

  it('refuses a short initial password before calling the API', async () => {
    const { requests } = usersApi();
    const { user } = renderApp('/settings/users');
    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = screen.getByRole('dialog', { name: 'Add user' });
    await user.type(within(dialog).getByLabelText('Initial password'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(within(dialog).getByLabelText('Initial password')).toHaveAccessibleDescription(
      'must be at least 12 characters',
    );
    expect(requests.some((c) => c.method === 'POST')).toBe(false);
  });

  it("shows a user's sessions, ends one, and resets their two-factor sign-in", async () => {
    const bob: Schemas['UserResponseDto'] = {
      ...ada,
      id: 'u2',
      email: 'bob@msp.example',
      name: 'Bob Billing',
      role: 'billing',
      twoFactorEnabled: true,
    };
    let sessions = [
      {
        id: 's9',
        createdAt: '2025-03-04T15:30:00Z',
        lastSeenAt: '2025-03-04T16:30:00Z',
        userAgent: 'Bob laptop',
        ip: '198.51.100.9',
        current: false,
      },
    ];
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/users', () =>
        HttpResponse.json({ data: [ada, bob], page: 1, pageSize: 25, total: 2 }),
      ),
      api.get('/api/v1/users/{id}/sessions', () => HttpResponse.json({ data: sessions })),
      api.delete('/api/v1/users/{id}/sessions/{sessionId}', ({ params }) => {
        sessions = sessions.filter((s) => s.id !== params.sessionId);
        return new HttpResponse(null, { status: 204 });
      }),
      api.post('/api/v1/users/{id}/two-factor/reset', () => {
        bob.twoFactorEnabled = false;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/settings/users');
    const table = await screen.findByRole('table', { name: 'Users' });
    const bobRow = (await within(table).findByText('bob@msp.example')).closest('tr')!;
    await user.click(within(bobRow).getByRole('button', { name: 'Sessions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sessions of Bob Billing' });
    expect(await within(dialog).findByText('Bob laptop')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: /^Revoke session Bob laptop/ }));
    expect(await within(dialog).findByText('No sessions')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'DELETE')?.path).toBe('/api/v1/users/u2/sessions/s9');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    await user.click(within(bobRow).getByRole('button', { name: 'Reset 2FA' }));
    const confirm = await screen.findByRole('dialog', { name: 'Reset two-factor sign-in' });
    await user.click(within(confirm).getByRole('button', { name: 'Reset 2FA' }));
    expect(await screen.findByText('Two-factor sign-in reset')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(bobRow).queryByRole('button', { name: 'Reset 2FA' })).not.toBeInTheDocument(),
    );
  });
});
