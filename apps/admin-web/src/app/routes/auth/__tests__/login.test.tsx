import { screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { emptyAgingHandlers, emptyOverviewHandlers } from '@/testing/mocks/overview';
import { recordRequests, server } from '@/testing/mocks/server';
import { testUser } from '@/testing/mocks/session';
import { currentUrl, renderApp } from '@/testing/render-app';

/** Like the API: /auth/me is a 401 until a sign-in has set the session cookie. */
let hasSession = false;
beforeEach(() => {
  hasSession = false;
});

const signedOut = api.get('/api/v1/auth/me', () =>
  hasSession ? HttpResponse.json(testUser) : problem(401, 'Authentication required'),
);

const signedInUser = {
  id: testUser.id,
  email: testUser.email,
  name: testUser.name,
  role: testUser.role,
  disabled: false,
  lastLoginAt: null,
  twoFactorEnabled: false,
  createdAt: '2025-01-01T00:00:00Z',
};

const signedIn = api.post('/api/v1/auth/login', () => {
  hasSession = true;
  return HttpResponse.json(signedInUser);
});

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Email'), 'ada@msp.example');
  await user.type(screen.getByLabelText('Password'), 'wrong-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login page', () => {
  it('shows the MSP name from branding and the problem detail on 401', async () => {
    server.use(
      signedOut,
      api.post('/api/v1/auth/login', () => problem(401, 'Invalid email or password')),
    );
    const requests = recordRequests();
    const { user } = renderApp('/login');

    expect(await screen.findByRole('heading', { name: 'Sign in to Acme IT' })).toBeInTheDocument();
    await fillAndSubmit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password');
    expect(currentUrl()).toBe('/login');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      email: 'ada@msp.example',
      password: 'wrong-password',
    });
  });

  it('shows when to retry on 429', async () => {
    server.use(
      signedOut,
      api.post('/api/v1/auth/login', () =>
        problem(429, 'Too many failed attempts, try again in 15 minutes'),
      ),
    );
    const { user } = renderApp('/login');
    await fillAndSubmit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed attempts, try again in 15 minutes',
    );
  });

  it('signs in and lands on the Overview (or the redirectTo page)', async () => {
    server.use(signedOut, signedIn, ...emptyOverviewHandlers());
    const { user } = renderApp('/login');
    await fillAndSubmit(user);

    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(currentUrl()).toBe('/');
    expect(await screen.findByText('Nothing needs your attention.')).toBeInTheDocument();
  });

  it('returns to the page in redirectTo after signing in', async () => {
    server.use(signedOut, signedIn, ...emptyAgingHandlers());
    const { user } = renderApp('/login?redirectTo=%2Freports');
    await fillAndSubmit(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    await waitFor(() => expect(currentUrl()).toBe('/reports'));
  });

  describe('second step (two-factor sign-in)', () => {
    const challenged = api.post('/api/v1/auth/login', () =>
      HttpResponse.json({ twoFactorRequired: true }),
    );

    it('asks for the code after the password, sends it, and lands on the Overview', async () => {
      server.use(
        signedOut,
        challenged,
        api.post('/api/v1/auth/login/two-factor', () => {
          hasSession = true;
          return HttpResponse.json({ ...signedInUser, twoFactorEnabled: true });
        }),
        ...emptyOverviewHandlers(),
      );
      const requests = recordRequests();
      const { user } = renderApp('/login');
      await fillAndSubmit(user);

      const code = await screen.findByLabelText('Authentication code');
      expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(await screen.findByText('must be the 6 digits your app shows')).toBeInTheDocument();

      await user.type(code, '123 456');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Overview' }),
      ).toBeInTheDocument();
      expect(currentUrl()).toBe('/');
      const sent = requests.find((r) => r.path === '/api/v1/auth/login/two-factor');
      expect(sent?.body).toEqual({ code: '123456' });
    });

    it('shows a refused code on the field and stays on the page', async () => {
      server.use(
        signedOut,
        challenged,
        api.post('/api/v1/auth/login/two-factor', () =>
          problem(401, 'That code is not valid or was already used', {
            errors: [{ field: 'code', message: 'is not valid or was already used' }],
          }),
        ),
      );
      const { user } = renderApp('/login');
      await fillAndSubmit(user);
      await user.type(await screen.findByLabelText('Authentication code'), '000000');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(await screen.findByText('is not valid or was already used')).toBeInTheDocument();
      expect(currentUrl()).toBe('/login');
    });

    it('takes a recovery code instead', async () => {
      server.use(
        signedOut,
        challenged,
        api.post('/api/v1/auth/login/two-factor', () => {
          hasSession = true;
          return HttpResponse.json({ ...signedInUser, twoFactorEnabled: true });
        }),
        ...emptyOverviewHandlers(),
      );
      const requests = recordRequests();
      const { user } = renderApp('/login');
      await fillAndSubmit(user);
      await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
      await user.type(screen.getByLabelText('Recovery code'), ' abcde-fghjk ');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Overview' }),
      ).toBeInTheDocument();
      const sent = requests.find((r) => r.path === '/api/v1/auth/login/two-factor');
      expect(sent?.body).toEqual({ recoveryCode: 'abcde-fghjk' });
    });
  });
});
