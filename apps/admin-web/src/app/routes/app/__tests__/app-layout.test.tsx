import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoBalance, demoCompany, organizationSummary, page } from '@/testing/ar-fixtures';
import { noEmailsHandlers } from '@/testing/email-fixtures';
import { api, noContent, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { emptyAgingHandlers, emptyOverviewHandlers } from '@/testing/mocks/overview';
import { noAttention, sessionHandlers, testBranding, testUser } from '@/testing/mocks/session';
import { currentUrl, renderApp } from '@/testing/render-app';

const SECTIONS = [
  'Overview',
  'Organizations',
  'Payments',
  'ACH Returns',
  'Locked Payment Methods',
  'AutoPay',
  'Integrations',
  'Entities',
  'Reports',
  'Reconciliation',
  'Emails',
  'Settings',
];

/** The lists and reports behind the menu of an MSP with nothing in them yet. */
const emptyListHandlers = [
  api.get('/api/v1/organizations', () => HttpResponse.json(page([]))),
  api.get('/api/v1/payments', () => HttpResponse.json(page([]))),
  api.get('/api/v1/ach-returns', () => HttpResponse.json(page([]))),
  api.get('/api/v1/payment-methods', () => HttpResponse.json(page([]))),
  api.get('/api/v1/autopay/approvals', () => HttpResponse.json(page([]))),
  api.get('/api/v1/autopay/runs', () => HttpResponse.json(page([]))),
  api.get('/api/v1/settings/autopay', () => HttpResponse.json({ retryOffsetsDays: [1, 3] })),
  api.get('/api/v1/reconciliation/runs', () => HttpResponse.json(page([], 5))),
  ...emptyAgingHandlers(),
  ...noEmailsHandlers(),
];

/** What the organizations search finds: three organizations, filtered by `q` as the API does. */
const ORGS = [
  organizationSummary({ id: '00000000-0000-4000-8000-000000000201', name: 'Bonanza Ranch' }),
  organizationSummary({ id: ORG_ID, name: 'Demo Company', city: 'TestCity', region: 'ND' }),
  organizationSummary({ id: '00000000-0000-4000-8000-000000000203', name: 'Calamity Co' }),
];

const searchHandlers = [
  api.get('/api/v1/organizations', ({ request }) => {
    const query = new URL(request.url).searchParams;
    const q = (query.get('q') ?? '').toLowerCase();
    const matches = ORGS.filter((o) => o.name.toLowerCase().includes(q));
    return HttpResponse.json(page(matches, Number(query.get('pageSize') ?? 25)));
  }),
  // Demo Company's profile, where a picked suggestion leads
  api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)),
  api.get('/api/v1/organizations/{id}/balance', () => HttpResponse.json(demoBalance)),
  api.get('/api/v1/organizations/{organizationId}/notification-emails', () =>
    HttpResponse.json({ data: [] }),
  ),
  api.get('/api/v1/organizations/{organizationId}/notes', () => HttpResponse.json(page([], 10))),
  api.get('/api/v1/organizations/{organizationId}/payment-methods', () =>
    HttpResponse.json({ data: [] }),
  ),
  api.get('/api/v1/invoices', () => HttpResponse.json(page([], 200))),
  api.get('/api/v1/payments', () => HttpResponse.json(page([], 10))),
  ...noEmailsHandlers(),
];

describe('authenticated layout', () => {
  it('shows the sections in order, the Queues link for admins and the user menu', async () => {
    server.use(...emptyOverviewHandlers());
    const { user } = renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    // ACH Returns and Locked Payment Methods carry their counts once the attention report answers
    expect(links.map((l) => l.textContent?.replace(/ \(\d+\)$/, ''))).toEqual(SECTIONS);
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
    ).toEqual(['General', 'Payments']);
    expect(screen.queryByRole('link', { name: 'Queues' })).not.toBeInTheDocument();
    expect(
      await screen.findByText('Only administrators can change these settings.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('MSP name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });

  it('counts ACH returns and locked methods in the menu, and links them even at zero', async () => {
    server.use(
      api.get('/api/v1/reports/attention', () =>
        HttpResponse.json({ ...noAttention, unresolvedAchReturns: 2 }),
      ),
      ...emptyListHandlers,
    );
    const { user } = renderApp('/settings');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const returns = await within(nav).findByRole('link', { name: 'ACH Returns (2)' });
    expect(returns).toHaveAttribute('href', '/ach-returns');
    const locked = within(nav).getByRole('link', { name: 'Locked Payment Methods (0)' });
    expect(locked).toHaveAttribute('href', '/payment-methods/locked');

    await user.click(locked);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Locked Payment Methods' }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe('/payment-methods/locked');
    expect(locked).toHaveClass('active');
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

  it('searches organizations from the top bar when no suggestion is picked', async () => {
    server.use(...emptyOverviewHandlers(), ...emptyListHandlers);
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
    server.use(...emptyOverviewHandlers(), ...searchHandlers);
    const requests = recordRequests();
    const { user } = renderApp('/');
    const box = await screen.findByRole('combobox', { name: 'Find organizations' });
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.type(box, 'an');
    const list = await screen.findByRole('listbox', { name: 'Find organizations' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Bonanza Ranch', 'Demo CompanyTestCity, ND']),
    );
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('2 matches.')).toBeInTheDocument();
    // typing is debounced: one request for "an", none for "a"
    const searches = requests
      .filter((r) => r.path === '/api/v1/organizations')
      .map((r) => new URLSearchParams(r.search));
    expect(searches.map((p) => p.get('q'))).toEqual(['an']);
    expect(searches[0]!.get('pageSize')).toBe('8');

    await user.keyboard('{ArrowDown}{ArrowDown}');
    const demo = within(list).getByRole('option', { name: /Demo Company/ });
    expect(demo).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', demo.id);
    await user.keyboard('{ArrowUp}');
    expect(within(list).getByRole('option', { name: 'Bonanza Ranch' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await user.keyboard('{ArrowDown}{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Demo Company' }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe(`/organizations/${ORG_ID}`);
    expect(box).toHaveValue('');
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('says when nothing matches, and Escape closes the suggestions', async () => {
    server.use(...emptyOverviewHandlers(), ...searchHandlers);
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

  it('says how many more match than it lists, and opens a suggestion on click', async () => {
    server.use(
      // the first handler that matches answers: this one before the filtering one
      api.get('/api/v1/organizations', () =>
        HttpResponse.json({ data: ORGS, page: 1, pageSize: 8, total: 23 }),
      ),
      ...emptyOverviewHandlers(),
      ...searchHandlers,
    );
    const { user } = renderApp('/');
    await user.type(await screen.findByRole('combobox', { name: 'Find organizations' }), 'o');
    expect(
      await screen.findByText('3 of 23 matches. Press Enter to see them all.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: /Demo Company/ }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Demo Company' }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe(`/organizations/${ORG_ID}`);
  });

  it('folds the menu behind a button that Escape, a link and the backdrop close', async () => {
    server.use(...emptyOverviewHandlers(), ...emptyAgingHandlers());
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
      await user.click(
        within(nav).getByRole('link', { name: new RegExp(`^${name}( \\(\\d+\\))?$`) }),
      );
      expect(await screen.findByRole('heading', { level: 1, name })).toBeInTheDocument();
    }
  });
});
