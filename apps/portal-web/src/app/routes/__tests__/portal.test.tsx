import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

const problem = (status: number, detail: string) =>
  HttpResponse.json(
    { type: 'about:blank', title: 'Error', status, detail, requestId: 'r' },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

/**
 * Portal sign-in is not in openapi.json yet (contact auth arrives later), so this handler is
 * untyped; it records the requests it answers.
 */
function portalLogin(answer: () => Response) {
  const requests: Request[] = [];
  server.use(
    http.post('/api/v1/portal/auth/login', ({ request }) => {
      requests.push(request);
      return answer();
    }),
  );
  return requests;
}

async function signIn(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Email'), 'pat@customer.example');
  await user.type(screen.getByLabelText('Password'), 'secret-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('customer portal', () => {
  it('applies branding and shows the portal sections under /portal', async () => {
    const { user } = renderApp('/portal/');

    expect(await screen.findByText('Ponderosa IT')).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Ponderosa IT · Settle'));
    expect(document.documentElement.style.getPropertyValue('--accent')).toBe('#16a34a');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Balance', 'Open Invoices', 'Payment Methods', 'AutoPay', 'History', 'Statements']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Balance' })).toBeInTheDocument();
    await user.click(within(nav).getByRole('link', { name: 'Statements' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Statements' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/portal/statements');
  });

  it.each([404, 501])(
    'says sign-in is not available yet when the API answers %i',
    async (status) => {
      const logins = portalLogin(() => problem(status, 'Not implemented'));
      const { user } = renderApp('/portal/login');
      expect(
        await screen.findByRole('heading', { name: 'Sign in to pay your invoices' }),
      ).toBeInTheDocument();
      await signIn(user);
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Customer sign-in is not available yet.',
      );
      expect(logins.map((r) => r.method)).toEqual(['POST']);
    },
  );

  it('shows the problem detail for other errors and explains Forgot password', async () => {
    portalLogin(() => problem(401, 'Invalid email or password'));
    const { user } = renderApp('/portal/login');
    await signIn(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password');
    await user.click(screen.getByRole('button', { name: 'Forgot password?' }));
    expect(screen.getByRole('note')).toHaveTextContent(/contact your provider/);
  });
});
