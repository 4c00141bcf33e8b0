import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { page } from '@/testing/ar-fixtures';
import { api, noContent, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { emptyOverviewHandlers } from '@/testing/mocks/overview';
import { sessionHandlers, testBranding, testUser } from '@/testing/mocks/session';
import { currentUrl, renderApp } from '@/testing/render-app';

const SECTIONS = [
  'Overview',
  'Organizations',
  'Payments',
  'AutoPay',
  'Integrations',
  'Entities',
  'Reports',
  'Settings',
];

/** The Organizations and Payments lists of an MSP with neither yet. */
const emptyListHandlers = [
  api.get('/api/v1/organizations', () => HttpResponse.json(page([]))),
  api.get('/api/v1/payments', () => HttpResponse.json(page([]))),
];

describe('authenticated layout', () => {
  it('shows the eight sections in order, the Queues link for admins and the user menu', async () => {
    server.use(...emptyOverviewHandlers());
    const { user } = renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(SECTIONS);
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveClass('active');
    expect(screen.getByRole('link', { name: 'Queues' })).toHaveAttribute('href', '/admin/queues');

    await user.click(screen.getByRole('button', { name: 'User menu' }));
    expect(screen.getByText('Administrator')).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Log out' })).toBeInTheDocument();
  });

  it('hides the Queues link and admin-only settings tabs from other roles', async () => {
    server.use(...sessionHandlers({ role: 'viewer', name: 'Val Viewer' }));
    renderApp('/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Settings sections' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['General']);
    expect(screen.queryByRole('link', { name: 'Queues' })).not.toBeInTheDocument();
    expect(
      await screen.findByText('Only administrators can change these settings.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('MSP name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });

  it('redirects to /login with redirectTo when the session is gone', async () => {
    server.use(
      api.get('/api/v1/auth/me', () => problem(401, 'Authentication required')),
      api.get('/api/v1/settings/branding', () => HttpResponse.json(testBranding)),
    );
    renderApp('/payments');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(currentUrl()).toBe('/login?redirectTo=%2Fpayments');
  });

  it('redirects to /login when a data request answers 401', async () => {
    server.use(api.get('/api/v1/users', () => problem(401, 'Session expired')));
    renderApp('/settings/users');
    await waitFor(() => expect(currentUrl()).toBe('/login?redirectTo=%2Fsettings%2Fusers'));
  });

  it('searches organizations from the top bar', async () => {
    server.use(...emptyOverviewHandlers(), ...emptyListHandlers);
    const { user } = renderApp('/');
    await user.type(
      await screen.findByRole('searchbox', { name: 'Find organizations' }),
      'ponderosa{Enter}',
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organizations' }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe('/organizations?q=ponderosa');
  });

  it('logs out with the CSRF token and returns to /login', async () => {
    document.cookie = 'settle_csrf=csrf-token-1; path=/';
    let signedIn = true;
    const requests = recordRequests();
    server.use(
      // after logout /auth/me answers 401, as the real API would
      api.get('/api/v1/auth/me', () =>
        signedIn ? HttpResponse.json(testUser) : problem(401, 'Signed out'),
      ),
      api.post('/api/v1/auth/logout', () => {
        signedIn = false;
        return noContent();
      }),
      ...emptyOverviewHandlers(),
    );
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'User menu' }));
    await user.click(screen.getByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(currentUrl()).toBe('/login');
    const logout = requests.find((c) => c.path === '/api/v1/auth/logout');
    expect(logout?.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
    const me = requests.find((c) => c.path === '/api/v1/auth/me');
    expect(me?.headers.get('X-CSRF-Token')).toBeNull();
  });

  it('applies branding: accent colour and document title', async () => {
    server.use(
      api.get('/api/v1/settings/branding', () =>
        HttpResponse.json({
          mspName: 'Ponderosa IT',
          logoDataUrl: 'data:image/png;base64,AAAA',
          accentColor: '#16a34a',
        }),
      ),
      ...emptyOverviewHandlers(),
    );
    renderApp('/');
    expect(await screen.findByRole('img', { name: 'Ponderosa IT' })).toHaveAttribute(
      'src',
      'data:image/png;base64,AAAA',
    );
    await waitFor(() => expect(document.title).toBe('Ponderosa IT · Settle'));
    expect(document.documentElement.style.getPropertyValue('--accent')).toBe('#16a34a');
  });

  it('renders each section page with its heading', async () => {
    server.use(...emptyOverviewHandlers(), ...emptyListHandlers);
    const { user } = renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    for (const name of SECTIONS) {
      await user.click(within(nav).getByRole('link', { name }));
      expect(await screen.findByRole('heading', { level: 1, name })).toBeInTheDocument();
    }
  });
});
