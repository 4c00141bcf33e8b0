import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

type Schemas = components['schemas'];

const endpoint: Schemas['WebhookEndpointResponseDto'] = {
  id: 'eeeeeeee-0000-4000-8000-000000000001',
  url: 'https://hooks.example.com/settle',
  description: 'Accounting sync',
  events: ['payment.succeeded', 'payment.failed'],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  waitingDeliveries: 0,
  failedDeliveries: 1,
  createdBy: 'admin@msp.example',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};

const delivery: Schemas['WebhookDeliveryResponseDto'] = {
  id: 'dddddddd-0000-4000-8000-00000000000a',
  endpointId: endpoint.id,
  eventId: 'evt_1042',
  eventType: 'payment.failed',
  status: 'failed',
  attempts: 3,
  nextAttemptAt: null,
  lastAttemptAt: '2026-11-02T10:00:00Z',
  lastResponseStatus: 500,
  lastError: null,
  deliveredAt: null,
  createdAt: '2026-11-02T09:00:00Z',
};

const detail: Schemas['WebhookDeliveryDetailDto'] = {
  ...delivery,
  requestBody: '{"id":"evt_1042","type":"payment.failed","data":{"amount":5000}}',
  attemptLog: [
    {
      attemptedAt: '2026-11-02T10:00:00Z',
      requestHeaders: { 'content-type': 'application/json', 'settle-signature': 't=1,v1=abc' },
      responseStatus: 500,
      responseBody: 'upstream exploded',
      error: null,
      durationMs: 120,
    },
  ],
};

const listOf = (endpoints: Schemas['WebhookEndpointResponseDto'][]) =>
  api.get('/api/v1/webhook-endpoints', () => HttpResponse.json(endpoints));

describe('settings / webhooks', () => {
  it('adds an endpoint with its events and shows the signing secret once', async () => {
    const requests = recordRequests();
    const endpoints: Schemas['WebhookEndpointResponseDto'][] = [];
    server.use(
      api.get('/api/v1/webhook-endpoints', () => HttpResponse.json(endpoints)),
      api.post('/api/v1/webhook-endpoints', async ({ request }) => {
        const body = await request.json();
        const made = { ...endpoint, ...body };
        endpoints.push(made);
        return HttpResponse.json({ ...made, secret: 'whsec_once_only_42' }, { status: 201 });
      }),
    );
    const { user } = renderApp('/settings/webhooks');
    expect(await screen.findByText('No webhook endpoints')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const dialog = screen.getByRole('dialog', { name: 'Add webhook endpoint' });
    await user.type(within(dialog).getByLabelText('URL'), 'https://hooks.example.com/settle');
    await user.click(within(dialog).getByLabelText(/^payment\.succeeded/));
    await user.click(within(dialog).getByLabelText(/^payment\.refunded/));
    await user.type(within(dialog).getByLabelText('Description (optional)'), 'Accounting sync');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));

    const shown = await screen.findByRole('dialog', { name: 'Endpoint added' });
    expect(within(shown).getByLabelText('Signing secret')).toHaveTextContent('whsec_once_only_42');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      url: 'https://hooks.example.com/settle',
      events: ['payment.succeeded', 'payment.refunded'],
      description: 'Accounting sync',
    });
    await user.click(within(shown).getByRole('button', { name: 'Done' }));

    const table = await screen.findByRole('table', { name: 'Webhook endpoints' });
    expect(await within(table).findByText('https://hooks.example.com/settle')).toBeInTheDocument();
    // shown once: gone with its dialog, and nowhere on the page
    expect(screen.queryByText('whsec_once_only_42')).not.toBeInTheDocument();
  });

  it('refuses a URL that is not one before calling the API, and puts the API’s refusal on the field', async () => {
    const requests = recordRequests();
    server.use(
      listOf([]),
      api.post('/api/v1/webhook-endpoints', () =>
        problem(400, 'url must not be a private or loopback address', {
          errors: [{ field: 'url', message: 'must not be a private or loopback address' }],
        }),
      ),
    );
    const { user } = renderApp('/settings/webhooks');
    await user.click(await screen.findByRole('button', { name: 'Add endpoint' }));
    const dialog = screen.getByRole('dialog', { name: 'Add webhook endpoint' });
    const url = within(dialog).getByLabelText('URL');
    await user.type(url, 'hooks dot example');
    await user.click(within(dialog).getByLabelText(/^payment\.succeeded/));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(url).toHaveAccessibleDescription('must be an http(s) URL');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.clear(url);
    await user.type(url, 'http://10.0.0.5/hook');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() =>
      expect(url).toHaveAccessibleDescription('must not be a private or loopback address'),
    );
    expect(within(dialog).queryByText(/url must not be/)).not.toBeInTheDocument();
  });

  it('opens a delivery from the log, shows what was sent and answered, and redelivers it', async () => {
    const requests = recordRequests();
    server.use(
      listOf([endpoint]),
      api.get('/api/v1/webhook-endpoints/{id}/deliveries', () =>
        HttpResponse.json({ data: [delivery], page: 1, pageSize: 25, total: 1 }),
      ),
      api.get('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}', () =>
        HttpResponse.json(detail),
      ),
      api.post('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver', () =>
        HttpResponse.json({ ...delivery, status: 'pending', attempts: 0 }, { status: 202 }),
      ),
    );
    const { user } = renderApp('/settings/webhooks');
    await user.click(await screen.findByRole('button', { name: 'Deliveries' }));
    const log = await screen.findByRole('table', { name: 'Webhook deliveries' });
    expect(await within(log).findByText('Failed')).toBeInTheDocument();
    expect(within(log).getByText('500')).toBeInTheDocument();
    await user.click(within(log).getByRole('button', { name: 'payment.failed' }));

    const dialog = await screen.findByRole('dialog', { name: 'Webhook delivery' });
    expect(await within(dialog).findByLabelText('Request body')).toHaveTextContent(
      '"amount": 5000',
    );
    expect(within(dialog).getByLabelText('Request headers')).toHaveTextContent(
      'settle-signature: t=1,v1=abc',
    );
    expect(within(dialog).getByLabelText('Response body')).toHaveTextContent('upstream exploded');
    await user.click(within(dialog).getByRole('button', { name: 'Redeliver' }));

    expect(await screen.findByText('Delivery queued to be sent again')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/redeliver`,
    ]);
  });

  it('rotates the secret only after confirmation and shows the new one once; pauses an endpoint', async () => {
    const requests = recordRequests();
    server.use(
      listOf([endpoint]),
      api.post('/api/v1/webhook-endpoints/{id}/rotate-secret', () =>
        HttpResponse.json({ secret: 'whsec_rotated_7' }),
      ),
      api.patch('/api/v1/webhook-endpoints/{id}', async ({ request }) =>
        HttpResponse.json({ ...endpoint, ...(await request.json()) }),
      ),
    );
    const { user } = renderApp('/settings/webhooks');
    await user.click(await screen.findByRole('button', { name: 'Rotate secret' }));
    const confirm = screen.getByRole('dialog', { name: 'Rotate signing secret' });
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Rotate secret' }));
    const shown = await screen.findByRole('dialog', { name: 'New signing secret' });
    expect(within(shown).getByLabelText('Signing secret')).toHaveTextContent('whsec_rotated_7');
    await user.click(within(shown).getByRole('button', { name: 'Done' }));

    await user.click(screen.getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Deliveries paused')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ enabled: false });
  });
});
