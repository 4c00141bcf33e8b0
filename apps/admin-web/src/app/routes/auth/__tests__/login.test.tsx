import { screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { emptyAgingHandlers, emptyOverviewHandlers } from '@/testing/mocks/overview';
import { recordRequests, server } from '@/testing/mocks/server';
import { testUser } from '@/testing/mocks/session';
import { currentUrl, renderApp } from '@/testing/render-app';

const signedOut = api.get('/api/v1/auth/me', () => problem(401, 'Authentication required'));

const signedIn = api.post('/api/v1/auth/login', () =>
  HttpResponse.json({
    ...testUser,
    disabled: false,
    lastLoginAt: null,
    createdAt: '2025-01-01T00:00:00Z',
  }),
);

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
});
