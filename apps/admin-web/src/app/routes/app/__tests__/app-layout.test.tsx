import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { baseRoutes, json, mockApi, noContent, problem, testBranding } from '@/testing/fetch-mock';
import { currentUrl, renderApp } from '@/testing/render-app';

const ORGS = [
  organization('00000000-0000-4000-8000-000000000201', 'Bonanza Ranch'),
  {
    ...organization('00000000-0000-4000-8000-000000000202', 'Ponderosa Ranch'),
    city: 'Virginia City',
    region: 'NV',
  },
  organization('00000000-0000-4000-8000-000000000203', 'Calamity Co'),
];

/** An organization as the list and the profile both answer it (the profile's extra fields). */
function organization(id: string, name: string) {
  return {
    id,
    name,
    status: 'active',
    city: null,
    region: null,
    contactsCount: 0,
    openInvoices: 0,
    balance: 0,
    pastDue: 0,
    currency: 'USD',
    lastPortalLoginAt: null,
    address: {
      line1: null,
      line2: null,
      city: null,
      region: null,
      postalCode: null,
      country: null,
    },
    phone: null,
    parentOrganizationId: null,
    parentOrganizationName: null,
    convenienceFeeWaived: false,
    lastPortalLoginEmail: null,
    links: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const orgPage = (data: unknown[]) => ({ data, page: 1, pageSize: 8, total: data.length });

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

describe('authenticated layout', () => {
  it('shows the eight sections in order, the Queues link for admins and the user menu', async () => {
    mockApi(baseRoutes());
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
    mockApi(baseRoutes({ role: 'viewer', name: 'Val Viewer' }));
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
    mockApi({
      'GET /api/v1/auth/me': () => problem(401, 'Authentication required'),
      'GET /api/v1/settings/branding': () => json(200, testBranding),
    });
    renderApp('/payments');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(currentUrl()).toBe('/login?redirectTo=%2Fpayments');
  });

  it('redirects to /login when a data request answers 401', async () => {
    mockApi({
      ...baseRoutes(),
      'GET /api/v1/users': () => problem(401, 'Session expired'),
    });
    renderApp('/settings/users');
    await waitFor(() => expect(currentUrl()).toBe('/login?redirectTo=%2Fsettings%2Fusers'));
  });

  it('searches organizations from the top bar when no suggestion is picked', async () => {
    mockApi({ ...baseRoutes(), 'GET /api/v1/organizations': () => json(200, orgPage([])) });
    const { user } = renderApp('/');
    await user.type(
      await screen.findByRole('combobox', { name: 'Find organizations' }),
      'ponderosa{Enter}',
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organizations' }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe('/organizations?q=ponderosa');
  });

  it('suggests matching organizations as you type; arrows pick one and Enter opens it', async () => {
    const { calls } = mockApi({
      ...baseRoutes(),
      'GET /api/v1/organizations': ({ request }) => {
        const q = new URL(request.url).searchParams.get('q') ?? '';
        return json(200, orgPage(ORGS.filter((o) => o.name.toLowerCase().includes(q))));
      },
      'GET /api/v1/organizations/:id': ({ params }) =>
        json(
          200,
          ORGS.find((o) => o.id === params.id),
        ),
    });
    const { user } = renderApp('/');
    const box = await screen.findByRole('combobox', { name: 'Find organizations' });
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.type(box, 'ra');
    const list = await screen.findByRole('listbox', { name: 'Find organizations' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Bonanza Ranch', 'Ponderosa RanchVirginia City, NV']),
    );
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('2 matches.')).toBeInTheDocument();
    // typing is debounced: one request for "ra", none for "r"
    const searches = calls
      .filter((c) => c.path === '/api/v1/organizations')
      .map((c) => new URLSearchParams(c.search));
    expect(searches.map((p) => p.get('q'))).toEqual(['ra']);
    expect(searches[0]!.get('pageSize')).toBe('8');

    await user.keyboard('{ArrowDown}{ArrowDown}');
    const ponderosa = within(list).getByRole('option', { name: /Ponderosa Ranch/ });
    expect(ponderosa).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', ponderosa.id);
    await user.keyboard('{ArrowUp}');
    expect(within(list).getByRole('option', { name: 'Bonanza Ranch' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(currentUrl()).toBe(`/organizations/${ORGS[1]!.id}`));
    expect(box).toHaveValue('');
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('says when nothing matches, and Escape closes the suggestions', async () => {
    mockApi({ ...baseRoutes(), 'GET /api/v1/organizations': () => json(200, orgPage([])) });
    const { user } = renderApp('/');
    const box = await screen.findByRole('combobox', { name: 'Find organizations' });
    await user.type(box, 'zz');
    expect(await screen.findByText('No organizations match “zz”.')).toBeInTheDocument();
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).toHaveValue('zz');
    expect(currentUrl()).toBe('/');
  });

  it('opens a suggestion on click', async () => {
    mockApi({
      ...baseRoutes(),
      'GET /api/v1/organizations': () => json(200, orgPage(ORGS)),
      'GET /api/v1/organizations/:id': ({ params }) =>
        json(
          200,
          ORGS.find((o) => o.id === params.id),
        ),
    });
    const { user } = renderApp('/');
    await user.type(await screen.findByRole('combobox', { name: 'Find organizations' }), 'o');
    await user.click(await screen.findByRole('option', { name: /Calamity Co/ }));
    await waitFor(() => expect(currentUrl()).toBe(`/organizations/${ORGS[2]!.id}`));
  });

  it('folds the menu behind a button that Escape, a link and the backdrop close', async () => {
    mockApi(baseRoutes());
    const { container, user } = renderApp('/');
    const menu = await screen.findByRole('button', { name: 'Main menu' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const sidebar = document.getElementById(menu.getAttribute('aria-controls')!);
    expect(sidebar).toContainElement(nav);
    const shell = container.querySelector('.ui-shell')!;
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(shell).not.toHaveClass('ui-shell--menu-open');

    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(shell).toHaveClass('ui-shell--menu-open');
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveFocus();

    // following a link closes it and moves the focus to the new page
    await user.click(menu);
    await user.click(within(nav).getByRole('link', { name: 'Reports' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('main')).toHaveFocus();

    await user.click(menu);
    await user.click(container.querySelector('.ui-shell__backdrop')!);
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    await user.click(menu);
    await user.click(screen.getByRole('button', { name: 'Close menu' }));
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveFocus();
  });

  it('logs out with the CSRF token and returns to /login', async () => {
    document.cookie = 'settle_csrf=csrf-token-1; path=/';
    let signedIn = true;
    const { calls } = mockApi({
      ...baseRoutes(),
      // after logout /auth/me answers 401, as the real API would
      'GET /api/v1/auth/me': () =>
        signedIn ? baseRoutes()['GET /api/v1/auth/me']!({} as never) : problem(401, 'Signed out'),
      'POST /api/v1/auth/logout': () => {
        signedIn = false;
        return noContent();
      },
    });
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'User menu' }));
    await user.click(screen.getByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(currentUrl()).toBe('/login');
    const logout = calls.find((c) => c.path === '/api/v1/auth/logout');
    expect(logout?.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
    const me = calls.find((c) => c.path === '/api/v1/auth/me');
    expect(me?.headers.get('X-CSRF-Token')).toBeNull();
  });

  it('applies branding: accent colour and document title', async () => {
    mockApi({
      ...baseRoutes(),
      'GET /api/v1/settings/branding': () =>
        json(200, {
          mspName: 'Ponderosa IT',
          logoDataUrl: 'data:image/png;base64,AAAA',
          accentColor: '#16a34a',
        }),
    });
    renderApp('/');
    expect(await screen.findByRole('img', { name: 'Ponderosa IT' })).toHaveAttribute(
      'src',
      'data:image/png;base64,AAAA',
    );
    await waitFor(() => expect(document.title).toBe('Ponderosa IT · Settle'));
    expect(document.documentElement.style.getPropertyValue('--accent')).toBe('#16a34a');
  });

  it('renders each section page with its heading', async () => {
    mockApi(baseRoutes());
    const { user } = renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    for (const name of SECTIONS) {
      await user.click(within(nav).getByRole('link', { name }));
      expect(await screen.findByRole('heading', { level: 1, name })).toBeInTheDocument();
    }
  });
});
