import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { testUser } from '@/testing/mocks/session';
import { currentUrl, renderApp } from '@/testing/render-app';

const CODES = Array.from({ length: 10 }, (_, i) => `code${i}-abcde`);

const session = (id: string, current: boolean) => ({
  id,
  createdAt: '2025-03-04T15:30:00Z',
  lastSeenAt: '2025-03-04T16:30:00Z',
  userAgent: current ? 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' : 'Safari on iPhone',
  ip: current ? '203.0.113.7' : '198.51.100.2',
  current,
});

describe('account security', () => {
  it('sends a user who must enrol to the page, enrols with a code and shows the recovery codes once', async () => {
    let enrolled = false;
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/auth/me', () =>
        HttpResponse.json({
          ...testUser,
          twoFactorEnabled: enrolled,
          twoFactorEnrolmentRequired: !enrolled,
        }),
      ),
      api.post('/api/v1/auth/two-factor/setup', () =>
        HttpResponse.json({
          secret: 'JBSWY3DPEHPK3PXP',
          otpauthUrl: 'otpauth://totp/Settle:ada%40msp.example?secret=JBSWY3DPEHPK3PXP',
          qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
        }),
      ),
      api.post('/api/v1/auth/two-factor/enable', async ({ request }) => {
        const body = (await request.json()) as { code: string };
        if (body.code !== '123456')
          return problem(400, 'code is not a valid code', {
            errors: [{ field: 'code', message: 'is not a valid code; try the current one' }],
          });
        enrolled = true;
        return HttpResponse.json({ recoveryCodes: CODES });
      }),
      api.get('/api/v1/auth/sessions', () => HttpResponse.json({ data: [session('s1', true)] })),
    );
    const { user } = renderApp('/invoices');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your administrator requires two-factor sign-in',
    );
    expect(currentUrl()).toBe('/account/security');
    // Nothing else is asked of the API while enrolment is required.
    expect(requests.some((r) => r.path === '/api/v1/settings/general')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    expect(await screen.findByAltText('QR code for your authenticator app')).toBeInTheDocument();
    expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument();
    const code = screen.getByLabelText('2. Enter the 6-digit code the app shows');
    await user.type(code, '654321');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await waitFor(() =>
      expect(code).toHaveAccessibleDescription('is not a valid code; try the current one'),
    );
    await user.clear(code);
    await user.type(code, '123 456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));

    const codes = await screen.findByRole('region', { name: 'Recovery codes' });
    for (const c of CODES) expect(within(codes).getByText(c)).toBeInTheDocument();
    expect(within(codes).getByRole('button', { name: 'Download' })).toBeInTheDocument();
    await user.click(within(codes).getByRole('button', { name: 'I have saved them' }));
    expect(
      await screen.findByText(/You sign in with your password and a code/),
    ).toBeInTheDocument();
    expect(screen.queryByText(CODES[0]!)).not.toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Your sessions' })).toBeInTheDocument();
  });

  it('lists your sessions and ends one', async () => {
    let sessions = [session('s1', true), session('s2', false)];
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/auth/sessions', () => HttpResponse.json({ data: sessions })),
      api.delete('/api/v1/auth/sessions/{id}', ({ params }) => {
        sessions = sessions.filter((s) => s.id !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/account/security');
    const table = await screen.findByRole('table', { name: 'Your sessions' });
    expect(await within(table).findByText('Safari on iPhone')).toBeInTheDocument();
    expect(within(table).getByText('This session')).toBeInTheDocument();
    await user.click(
      within(table).getByRole('button', {
        name: 'Revoke session Safari on iPhone from 198.51.100.2',
      }),
    );
    await user.click(
      within(screen.getByRole('dialog', { name: 'End session' })).getByRole('button', {
        name: 'End session',
      }),
    );
    await waitFor(() =>
      expect(within(table).queryByText('Safari on iPhone')).not.toBeInTheDocument(),
    );
    expect(requests.find((r) => r.method === 'DELETE')?.path).toBe('/api/v1/auth/sessions/s2');
  });

  it('takes a signed-in user to the page when the API starts requiring enrolment', async () => {
    let meCalls = 0;
    server.use(
      api.get('/api/v1/auth/me', () => {
        meCalls += 1;
        return HttpResponse.json({ ...testUser, twoFactorEnrolmentRequired: meCalls > 1 });
      }),
      api.get('/api/v1/invoices', () =>
        HttpResponse.json(
          {
            type: 'urn:settle:problem:two_factor_enrolment_required',
            title: 'Forbidden',
            status: 403,
            detail: 'Two-factor sign-in is required for all staff',
            requestId: 'r1',
          },
          { status: 403, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    renderApp('/invoices');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Account security' }),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe('/account/security');
  });
});
