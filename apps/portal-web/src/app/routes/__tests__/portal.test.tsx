import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { renderApp } from '@/testing/render-app';

const branding = { mspName: 'Ponderosa IT', logoDataUrl: null, accentColor: '#16a34a' };

function stubFetch(login: () => Response) {
  const fetchMock = vi.fn(async (req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/settings/branding') {
      return new Response(JSON.stringify(branding), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    if (path === '/api/v1/portal/auth/login') return login();
    return new Response('{}', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const problem = (status: number, detail: string) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: 'Error', status, detail, requestId: 'r' }),
    {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
    },
  );

async function signIn(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Email'), 'pat@customer.example');
  await user.type(screen.getByLabelText('Password'), 'secret-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('customer portal', () => {
  it('applies branding and shows the portal sections under /portal', async () => {
    stubFetch(() => problem(404, 'Not Found'));
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
      const fetchMock = stubFetch(() => problem(status, 'Not implemented'));
      const { user } = renderApp('/portal/login');
      expect(
        await screen.findByRole('heading', { name: 'Sign in to pay your invoices' }),
      ).toBeInTheDocument();
      await signIn(user);
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Customer sign-in is not available yet.',
      );
      const call = fetchMock.mock.calls.find(([r]) => r.url.endsWith('/api/v1/portal/auth/login'));
      expect(call?.[0].method).toBe('POST');
    },
  );

  it('shows the problem detail for other errors and explains Forgot password', async () => {
    stubFetch(() => problem(401, 'Invalid email or password'));
    const { user } = renderApp('/portal/login');
    await signIn(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password');
    await user.click(screen.getByRole('button', { name: 'Forgot password?' }));
    expect(screen.getByRole('note')).toHaveTextContent(/contact your provider/);
  });
});
