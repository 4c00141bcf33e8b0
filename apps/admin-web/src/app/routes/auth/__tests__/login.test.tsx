import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { json, mockApi, problem, testBranding, testSettings, testUser } from '@/testing/fetch-mock';
import { currentUrl, renderApp } from '@/testing/render-app';

const signedOut = {
  'GET /api/v1/auth/me': () => problem(401, 'Authentication required'),
  'GET /api/v1/settings/branding': () => json(200, testBranding),
};

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Email'), 'ada@msp.example');
  await user.type(screen.getByLabelText('Password'), 'wrong-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login page', () => {
  it('shows the MSP name from branding and the problem detail on 401', async () => {
    const { calls } = mockApi({
      ...signedOut,
      'POST /api/v1/auth/login': () => problem(401, 'Invalid email or password'),
    });
    const { user } = renderApp('/login');

    expect(await screen.findByRole('heading', { name: 'Sign in to Acme IT' })).toBeInTheDocument();
    await fillAndSubmit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password');
    expect(currentUrl()).toBe('/login');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      email: 'ada@msp.example',
      password: 'wrong-password',
    });
  });

  it('shows when to retry on 429', async () => {
    mockApi({
      ...signedOut,
      'POST /api/v1/auth/login': () =>
        problem(429, 'Too many failed attempts, try again in 15 minutes'),
    });
    const { user } = renderApp('/login');
    await fillAndSubmit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed attempts, try again in 15 minutes',
    );
  });

  it('signs in and lands on the Overview (or the redirectTo page)', async () => {
    mockApi({
      ...signedOut,
      'POST /api/v1/auth/login': () =>
        json(200, {
          ...testUser,
          disabled: false,
          lastLoginAt: null,
          createdAt: '2025-01-01T00:00:00Z',
        }),
      'GET /api/v1/settings/general': () => json(200, testSettings),
      'GET /api/v1/reports/attention': () =>
        json(200, {
          unresolvedAchReturns: 0,
          lockedPaymentMethods: 0,
          paymentsAwaitingGateway: 0,
          failedPaymentsLast7Days: 0,
        }),
    });
    const { user } = renderApp('/login');
    await fillAndSubmit(user);

    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(currentUrl()).toBe('/');
    expect(await screen.findByText('Nothing needs your attention.')).toBeInTheDocument();
  });

  it('returns to the page in redirectTo after signing in', async () => {
    mockApi({
      ...signedOut,
      'POST /api/v1/auth/login': () =>
        json(200, {
          ...testUser,
          disabled: false,
          lastLoginAt: null,
          createdAt: '2025-01-01T00:00:00Z',
        }),
      'GET /api/v1/settings/general': () => json(200, testSettings),
    });
    const { user } = renderApp('/login?redirectTo=%2Freports');
    await fillAndSubmit(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    await waitFor(() => expect(currentUrl()).toBe('/reports'));
  });
});
