import type { BrandingResponseDto } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { signedIn } from '@/testing/mocks/portal';
import { server, testBranding } from '@/testing/mocks/server';
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
    signedIn();
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

  it("shows the MSP's name in the header from the first paint of the signed-in portal", async () => {
    signedIn();
    // the branding answers last: the header still never shows a placeholder name first
    server.use(
      http.get<never, never, BrandingResponseDto>('/api/v1/settings/branding', async () => {
        await delay(150);
        return HttpResponse.json(testBranding);
      }),
    );
    renderApp('/portal/');
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.getByRole('link', { name: 'Ponderosa IT' })).toBeInTheDocument();
  });

  it('says so when staff look at the portal through the read-only Customer Portal view', async () => {
    signedIn({ staffView: true });
    renderApp('/portal/');
    expect(
      await screen.findByText(
        'Staff view of Acme Dental: this is what its contacts see. Nothing can be changed from here.',
      ),
    ).toHaveClass('portal-staff-banner');
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    server.use(http.get('/api/v1/portal/me', () => problem(401, 'Sign in first')));
    renderApp('/portal/invoices');
    expect(
      await screen.findByRole('heading', { name: 'Sign in to pay your invoices' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/portal/login');
  });

  it('goes back to sign-in when a request finds the session ended', async () => {
    signedIn();
    server.use(
      http.get('/api/v1/portal/organizations/:organizationId/payments', () =>
        problem(401, 'Sign in first'),
      ),
    );
    renderApp('/portal/history');
    expect(
      await screen.findByRole('heading', { name: 'Sign in to pay your invoices' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/portal/login');
  });

  it('shows the problem detail when sign-in is refused', async () => {
    const logins = portalLogin(() => problem(401, 'Invalid email or password'));
    const { user } = renderApp('/portal/login');
    expect(
      await screen.findByRole('heading', { name: 'Sign in to pay your invoices' }),
    ).toBeInTheDocument();
    await signIn(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password');
    expect(logins.map((r) => r.method)).toEqual(['POST']);
    expect(window.location.pathname).toBe('/portal/login');
  });

  it('signs in and opens the balance', async () => {
    signedIn();
    portalLogin(() =>
      HttpResponse.json({
        contact: {
          id: 'c0000000-0000-4000-8000-000000000001',
          name: 'Pat',
          email: 'pat@customer.example',
        },
        organizations: [],
      }),
    );
    const { user } = renderApp('/portal/login');
    await signIn(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Balance' })).toBeInTheDocument();
    expect(window.location.pathname).toMatch(/^\/portal\/?$/);
  });

  it('asks for a reset link and says only what is known (202 whether or not the account exists)', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/v1/portal/auth/password-reset', async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const { user } = renderApp('/portal/login');
    await user.type(await screen.findByLabelText('Email'), 'pat@customer.example');
    await user.click(screen.getByRole('button', { name: 'Forgot password?' }));
    expect(screen.getByLabelText('Email for the reset link')).toHaveValue('pat@customer.example');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(
      await screen.findByText(
        /If pat@customer.example has a portal account, a link to set a new password/,
      ),
    ).toBeInTheDocument();
    expect(bodies).toEqual([{ email: 'pat@customer.example' }]);
  });

  it('requests access from the sign-in page: checks the fields, sends once, promises only the email to staff', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/v1/portal/auth/access-requests', async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const { user } = renderApp('/portal/login');
    await user.click(await screen.findByRole('link', { name: 'Request access' }));
    const form = await screen.findByRole('form', { name: 'Request access' });
    await user.click(within(form).getByRole('button', { name: 'Request access' }));
    expect(within(form).getAllByText('is required')).toHaveLength(2);
    expect(within(form).getByText('must be an email address')).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await user.type(within(form).getByLabelText('Your name'), ' Sam Rivera ');
    await user.type(within(form).getByLabelText('Email'), 'sam@gryzzl.example');
    await user.type(within(form).getByLabelText('Company'), 'Gryzzl');
    await user.click(within(form).getByRole('button', { name: 'Request access' }));
    expect(
      await screen.findByText(/Your request was sent to the billing team/),
    ).toBeInTheDocument();
    expect(bodies).toEqual([
      { company: 'Gryzzl', email: 'sam@gryzzl.example', message: null, name: 'Sam Rivera' },
    ]);
  });

  it('says when too many access requests came from here', async () => {
    server.use(
      http.post('/api/v1/portal/auth/access-requests', () =>
        problem(429, 'Too many access requests. Try again in 42 minutes.'),
      ),
    );
    const { user } = renderApp('/portal/request-access');
    const form = await screen.findByRole('form', { name: 'Request access' });
    await user.type(within(form).getByLabelText('Your name'), 'Sam');
    await user.type(within(form).getByLabelText('Email'), 'sam@gryzzl.example');
    await user.type(within(form).getByLabelText('Company'), 'Gryzzl');
    await user.click(within(form).getByRole('button', { name: 'Request access' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many access requests. Try again in 42 minutes.',
    );
  });

  it('accepts the invitation from the welcome email: a password, then signed in', async () => {
    signedIn();
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/v1/portal/auth/invitations/accept', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          contact: {
            id: 'c0000000-0000-4000-8000-000000000001',
            name: 'Pat',
            email: 'pat@customer.example',
          },
          organizations: [],
        });
      }),
    );
    const { user } = renderApp('/portal/accept-invitation?token=welcome-token');
    await user.type(await screen.findByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('Confirm password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(screen.getByText('must be at least 12 characters')).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('Confirm password'));
    await user.type(screen.getByLabelText('New password'), 'a long pass phrase');
    await user.type(screen.getByLabelText('Confirm password'), 'a long pass phrase');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Balance' })).toBeInTheDocument();
    expect(bodies).toEqual([{ token: 'welcome-token', password: 'a long pass phrase' }]);
  });

  it('says a used or expired reset link cannot be used, and what to ask for', async () => {
    server.use(
      http.post('/api/v1/portal/auth/password-reset/confirm', () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'token is invalid, already used or expired; ask for a new reset link',
            errors: [
              {
                field: 'token',
                message: 'is invalid, already used or expired; ask for a new reset link',
              },
            ],
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const { user } = renderApp('/portal/reset-password?token=old-token');
    await user.type(await screen.findByLabelText('New password'), 'a long pass phrase');
    await user.type(screen.getByLabelText('Confirm password'), 'a long pass phrase');
    await user.click(screen.getByRole('button', { name: 'Change password and sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This link is invalid, already used or expired; ask for a new reset link.',
    );
    expect(window.location.pathname).toBe('/portal/reset-password');
  });
});
