import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { demoCompany, organizationSummary } from '@/testing/ar-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';

type Schemas = components['schemas'];

const SETTINGS: Schemas['PaymentSettingsResponseDto'] = {
  gateway: 'sandbox',
  convenienceFee: { enabled: false, percentBasisPoints: 0, capMinor: null },
  sandbox: { latencyMs: 0, achSettlementHours: 96 },
  stripe: { publishableKey: null, secretKeySet: false, webhookSecretSet: false },
};

const WAIVED = organizationSummary({
  id: '00000000-0000-4000-8000-0000000000a1',
  name: 'Bluebird Dental',
});

/** The API's answer to a PUT: what was sent, secrets reduced to whether they are set. */
function echo(body: Schemas['UpdatePaymentSettingsDto']): Schemas['PaymentSettingsResponseDto'] {
  return {
    gateway: body.gateway,
    convenienceFee: body.convenienceFee,
    sandbox: body.sandbox,
    stripe: {
      publishableKey: body.stripe?.publishableKey ?? null,
      secretKeySet: !!body.stripe?.secretKey,
      webhookSecretSet: !!body.stripe?.webhookSecret,
    },
  };
}

type PutAnswer = (
  body: Schemas['UpdatePaymentSettingsDto'],
) => HttpResponse<Schemas['PaymentSettingsResponseDto'] | Schemas['ProblemDto']>;

function settingsApi(
  put: PutAnswer = (body) => HttpResponse.json(echo(body)),
  role?: 'billing' | 'viewer',
) {
  const requests = recordRequests();
  server.use(
    ...(role ? sessionHandlers({ role }) : []),
    api.get('/api/v1/settings/payments', () => HttpResponse.json(SETTINGS)),
    api.put('/api/v1/settings/payments', async ({ request }) => put(await request.json())),
    api.get('/api/v1/payment-gateway', () =>
      HttpResponse.json({
        gateway: 'sandbox',
        publishableKey: null,
        convenienceFee: { enabled: true, percentBasisPoints: 290, capMinor: 500 },
        testPaymentMethods: [],
      }),
    ),
    api.get('/api/v1/organizations', ({ request }) =>
      HttpResponse.json({
        data:
          new URL(request.url).searchParams.get('convenienceFeeWaived') === 'true' ? [WAIVED] : [],
        page: 1,
        pageSize: 200,
        total: 1,
      }),
    ),
  );
  return { requests };
}

describe('settings / payments', () => {
  it('saves the fee in basis points and minor units, and the toast says what changed', async () => {
    const { requests } = settingsApi();
    const { user } = renderApp('/settings/payments');

    await user.click(await screen.findByLabelText('Charge a convenience fee on card payments'));
    const percent = screen.getByLabelText('Fee (% of the amount)');
    await user.clear(percent);
    await user.type(percent, '2.9');
    await user.type(screen.getByLabelText('Largest fee (USD)'), '5');
    const window = screen.getByLabelText('ACH settlement window (hours)');
    await user.clear(window);
    await user.type(window, '48');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Payment settings saved')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Convenience fee: off → 2.9% on card payments, capped at $5.00. ACH settlement window: 96 → 48 hours.',
      ),
    ).toBeInTheDocument();
    const put = requests.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({
      gateway: 'sandbox',
      convenienceFee: { enabled: true, percentBasisPoints: 290, capMinor: 500 },
      sandbox: { latencyMs: 0, achSettlementHours: 48 },
      stripe: { publishableKey: null },
    });
    // no confirmation: the gateway did not change
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('puts a 400 problem’s field error on the input it names, and writes nothing else', async () => {
    const { requests } = settingsApi(() =>
      problem(400, 'Invalid request: sandbox.achSettlementHours must not be greater than 720', {
        errors: [{ field: 'sandbox.achSettlementHours', message: 'must not be greater than 720' }],
      }),
    );
    const { user } = renderApp('/settings/payments');
    const latency = await screen.findByLabelText('Sandbox latency (ms)');
    await user.clear(latency);
    await user.type(latency, '5');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.getByLabelText('ACH settlement window (hours)')).toHaveAccessibleDescription(
        'must not be greater than 720',
      ),
    );
    expect(screen.queryByText('Payment settings saved')).not.toBeInTheDocument();
    expect(requests.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });

  it('checks the form before sending: a fee over 10% and Stripe without a secret key', async () => {
    const { requests } = settingsApi();
    const { user } = renderApp('/settings/payments');
    await user.click(await screen.findByLabelText('Charge a convenience fee on card payments'));
    const percent = screen.getByLabelText('Fee (% of the amount)');
    await user.clear(percent);
    await user.type(percent, '12');
    await user.click(screen.getByLabelText('Stripe'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Fee (% of the amount)')).toHaveAccessibleDescription(
        'Enter a percentage from 0 to 10, such as 2.9',
      ),
    );
    expect(screen.getByLabelText('Secret key')).toHaveAccessibleDescription(
      'is required to use Stripe',
    );
    expect(requests.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('asks before switching the gateway, sends the secret once, and shows it only as set', async () => {
    const { requests } = settingsApi();
    const { user } = renderApp('/settings/payments');
    await user.click(await screen.findByLabelText('Stripe'));
    await user.type(screen.getByLabelText('Publishable key'), 'pk_test_123');
    await user.type(screen.getByLabelText('Secret key'), 'sk_test_456');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const dialog = await screen.findByRole('dialog', { name: 'Switch to Stripe?' });
    expect(requests.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Switch gateway' }));

    expect(await screen.findByText('Payment settings saved')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Gateway: Sandbox (test payments) → Stripe. Stripe publishable key changed. Stripe secret key set.',
      ),
    ).toBeInTheDocument();
    expect(requests.find((c) => c.method === 'PUT')?.body).toMatchObject({
      gateway: 'stripe',
      stripe: { publishableKey: 'pk_test_123', secretKey: 'sk_test_456' },
    });
    expect(screen.getByLabelText('Secret key')).toHaveValue('');
    expect(screen.getByLabelText('Secret key')).toHaveAccessibleDescription(
      'A secret key is stored. It is never shown; type a new one to replace it.',
    );
  });

  it('cancelling the switch sends nothing', async () => {
    const { requests } = settingsApi();
    const { user } = renderApp('/settings/payments');
    await user.click(await screen.findByLabelText('Stripe'));
    await user.type(screen.getByLabelText('Secret key'), 'sk_test_456');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('waives the fee for an organization found by name, and removes a waiver', async () => {
    const COBALT = organizationSummary({
      id: '00000000-0000-4000-8000-0000000000b2',
      name: 'Cobalt Law',
    });
    const requests = recordRequests();
    server.use(
      api.get('/api/v1/settings/payments', () => HttpResponse.json(SETTINGS)),
      api.get('/api/v1/organizations', ({ request }) => {
        const waived = new URL(request.url).searchParams.get('convenienceFeeWaived') === 'true';
        const rows = waived ? [WAIVED] : [COBALT];
        return HttpResponse.json({ data: rows, page: 1, pageSize: 5, total: rows.length });
      }),
      api.patch('/api/v1/organizations/{id}', async ({ params, request }) =>
        HttpResponse.json({
          ...demoCompany,
          id: params.id,
          name: params.id === WAIVED.id ? WAIVED.name : COBALT.name,
          convenienceFeeWaived: (await request.json()).convenienceFeeWaived ?? false,
        }),
      ),
    );
    const { user } = renderApp('/settings/payments');
    await user.type(await screen.findByLabelText('Find an organization to waive'), 'cob{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Waive the fee for Cobalt Law' }));
    expect(
      await screen.findByText('Cobalt Law pays no convenience fee on card payments.'),
    ).toBeInTheDocument();
    const search = requests.find(
      (c) => c.path === '/api/v1/organizations' && c.search.includes('q=cob'),
    );
    expect(new URLSearchParams(search?.search).get('convenienceFeeWaived')).toBe('false');

    await user.click(screen.getByRole('button', { name: 'Remove the waiver of Bluebird Dental' }));
    expect(
      await screen.findByText('Bluebird Dental pays the convenience fee on card payments again.'),
    ).toBeInTheDocument();
    expect(requests.filter((c) => c.method === 'PATCH').map((c) => [c.path, c.body])).toEqual([
      [
        '/api/v1/organizations/00000000-0000-4000-8000-0000000000b2',
        { convenienceFeeWaived: true },
      ],
      [`/api/v1/organizations/${WAIVED.id}`, { convenienceFeeWaived: false }],
    ]);
  });

  it('shows billing users the gateway and fee read-only, without asking for the admin settings', async () => {
    const { requests } = settingsApi(undefined, 'billing');
    renderApp('/settings/payments');
    expect(
      await screen.findByText('Only administrators can change payment settings.'),
    ).toBeInTheDocument();
    expect(screen.getByText('2.9% on card payments, at most $5.00')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Bluebird Dental' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove waiver/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(requests.some((c) => c.path === '/api/v1/settings/payments')).toBe(false);
  });
});
