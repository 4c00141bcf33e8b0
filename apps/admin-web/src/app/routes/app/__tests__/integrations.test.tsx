import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { leaveAppFor } from '@/lib/leave-app';
import { page } from '@/testing/ar-fixtures';
import { api, noContent, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { sessionHandlers } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';
import { INTEGRATION_ID, integration, syncRun } from '@/testing/sync-fixtures';

type Schemas = components['schemas'];

// QuickBooks' sign-in is a page of its own: where the browser would go is recorded instead
vi.mock('@/lib/leave-app', () => ({ leaveAppFor: vi.fn() }));

const QUICKBOOKS_ID = '9b3c1f55-0d2a-4c5e-8f7a-2d6e4b1a0c99';
const quickbooks = (overrides: Partial<Schemas['IntegrationResponseDto']> = {}) =>
  integration({
    id: QUICKBOOKS_ID,
    kind: 'quickbooks',
    name: 'QuickBooks',
    settings: {
      realmId: '9130349',
      depositAccountId: null,
      paymentMethodId: null,
      hiddenCompanyTypes: [],
      hiddenCompanyStatuses: ['Inactive'],
    },
    ...overrides,
  });

describe('integrations', () => {
  it('connects ConnectWise from the form, sending the settings, the key and the schedule', async () => {
    const requests = recordRequests();
    const integrations: Schemas['IntegrationResponseDto'][] = [];
    server.use(
      api.get('/api/v1/integrations', () => HttpResponse.json({ data: integrations })),
      api.post('/api/v1/integrations', async ({ request }) => {
        const body = await request.json();
        if ('companyId' in body.settings && body.settings.companyId === 'nope')
          return problem(400, 'Invalid request', {
            errors: [{ field: 'settings.companyId', message: 'is not a ConnectWise company' }],
          });
        const made = integration({ name: body.name, schedule: body.schedule ?? 'hourly' });
        integrations.push(made);
        return HttpResponse.json(made, { status: 201 });
      }),
    );
    const { user } = renderApp('/integrations');
    expect(await screen.findByText('No integrations yet')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Connect ConnectWise' })[0]!);
    const form = screen.getByRole('form', { name: 'Connect ConnectWise' });
    await user.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(within(form).getByLabelText('Site')).toHaveAccessibleDescription(/is required/);
    expect(within(form).getByLabelText('Private key')).toHaveAccessibleDescription(/is required/);

    await user.type(within(form).getByLabelText('Site'), 'https://api-na.myconnectwise.net');
    await user.type(within(form).getByLabelText('Company id'), 'nope');
    await user.type(within(form).getByLabelText('Client id'), 'client-123');
    await user.type(within(form).getByLabelText('Public key'), 'pub-123');
    await user.type(within(form).getByLabelText('Private key'), 'priv-secret');
    await user.selectOptions(within(form).getByLabelText('Syncs on its own'), 'daily');
    await user.type(
      within(form).getByLabelText('Hide companies of these types (optional)'),
      'Vendor, Partner',
    );
    await user.click(within(form).getByRole('button', { name: 'Connect' }));
    // the API's refusal lands on its field
    expect(await within(form).findByText('is not a ConnectWise company')).toBeInTheDocument();

    await user.clear(within(form).getByLabelText('Company id'));
    await user.type(within(form).getByLabelText('Company id'), 'acmeit');
    await user.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('ConnectWise connected')).toBeInTheDocument();
    const posted = requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(posted.body).toEqual({
      kind: 'connectwise',
      name: 'ConnectWise',
      schedule: 'daily',
      settings: {
        site: 'https://api-na.myconnectwise.net',
        companyId: 'acmeit',
        clientId: 'client-123',
        publicKey: 'pub-123',
        hiddenCompanyTypes: ['Vendor', 'Partner'],
        hiddenCompanyStatuses: [],
      },
      credentials: { privateKey: 'priv-secret' },
    });
    expect(await screen.findByRole('heading', { name: 'ConnectWise' })).toBeInTheDocument();
    expect(screen.getByText('No sync runs yet')).toBeInTheDocument();
  });

  it('shows the test result as the source said it, and the needs-attention message', async () => {
    let current = integration();
    server.use(
      api.get('/api/v1/integrations', () => HttpResponse.json({ data: [current] })),
      api.post('/api/v1/integrations/{id}/test', () => {
        current = integration({
          status: 'needs_attention',
          statusMessage: 'ConnectWise refused the API keys (401): Invalid credentials',
        });
        return HttpResponse.json({
          ok: false,
          message: 'ConnectWise refused the API keys (401): Invalid credentials',
          status: 'needs_attention',
        });
      }),
    );
    const { user } = renderApp('/integrations');
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByRole('status', { name: 'Connection test' });
    expect(result).toHaveTextContent(
      'Connection refused. ConnectWise refused the API keys (401): Invalid credentials',
    );
    expect(await screen.findByText('Needs attention')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Needs attention. ConnectWise refused the API keys (401): Invalid credentials',
    );
  });

  it('syncs now and follows the run until it finishes, then lists it', async () => {
    const requests = recordRequests();
    const queued = syncRun({
      status: 'queued',
      startedAt: null,
      finishedAt: null,
      counts: { created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 },
      progress: { company: 0, contact: 0, invoice: 0 },
    });
    let runs: Schemas['SyncRunResponseDto'][] = [];
    // what GET /sync-runs/{id} answers, in turn: running part-way, then finished
    const answers = [
      syncRun({
        status: 'running',
        finishedAt: null,
        counts: { created: 3, updated: 0, unchanged: 0, deleted: 0, failed: 0 },
        progress: { company: 3, contact: 0, invoice: 0 },
      }),
      syncRun({ counts: { created: 11, updated: 0, unchanged: 0, deleted: 0, failed: 1 } }),
    ];
    server.use(
      api.get('/api/v1/integrations', () =>
        HttpResponse.json({ data: [integration({ lastRun: runs[0] ?? null })] }),
      ),
      api.post('/api/v1/integrations/{id}/sync-runs', () => {
        runs = [queued];
        return HttpResponse.json(queued, { status: 202 });
      }),
      api.get('/api/v1/sync-runs', () => HttpResponse.json(page(runs, 5))),
      api.get('/api/v1/sync-runs/{id}', () => {
        const next = answers.length > 1 ? answers.shift()! : answers[0]!;
        runs = [next];
        return HttpResponse.json(next);
      }),
    );
    const { user } = renderApp('/integrations');
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText('Sync under way')).toBeInTheDocument();
    const live = await screen.findByRole('region', { name: 'Sync in progress' }, { timeout: 3000 });
    await waitFor(() => expect(live).toHaveTextContent('Syncing…'));
    expect(within(live).getByText('Companies read').nextSibling).toHaveTextContent('3');
    // it ends: the live panel goes and the runs table shows the outcome
    await waitFor(
      () =>
        expect(screen.queryByRole('region', { name: 'Sync in progress' })).not.toBeInTheDocument(),
      { timeout: 4000 },
    );
    const table = screen.getByRole('table', { name: 'Sync runs' });
    const cells = within(within(table).getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells.slice(1).map((c) => c.textContent)).toEqual([
      'Changes only · Sync now',
      'Success (91.7%)',
      'Finished',
      '11',
      '0',
      '0',
      '0',
      '1',
      '—',
    ]);
    const started = requests.find((r) => r.method === 'POST')!;
    expect(started.path).toBe(`/api/v1/integrations/${INTEGRATION_ID}/sync-runs`);
    expect(started.body).toEqual({});
  });

  it('asks for a full sync, changes the schedule, and disconnects after confirming', async () => {
    const requests = recordRequests();
    let current = integration();
    server.use(
      api.get('/api/v1/integrations', () => HttpResponse.json({ data: [current] })),
      api.post('/api/v1/integrations/{id}/sync-runs', () =>
        HttpResponse.json(syncRun({ status: 'queued', full: true }), { status: 202 }),
      ),
      api.get('/api/v1/sync-runs/{id}', () => HttpResponse.json(syncRun({ full: true }))),
      api.patch('/api/v1/integrations/{id}', async ({ request }) => {
        current = { ...current, ...(await request.json()) } as typeof current;
        return HttpResponse.json(current);
      }),
      api.delete('/api/v1/integrations/{id}', () => noContent()),
    );
    const { user } = renderApp('/integrations');
    await user.click(await screen.findByRole('button', { name: 'Full sync' }));
    expect(await screen.findByText('Full sync under way')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ full: true });

    await user.selectOptions(screen.getByLabelText('Schedule'), 'every_15_minutes');
    expect(await screen.findByText('Schedule saved')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')!.body).toEqual({
      schedule: 'every_15_minutes',
    });

    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    const confirm = screen.getByRole('dialog', { name: 'Disconnect ConnectWise' });
    await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByText('ConnectWise disconnected')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Connect again' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  });

  it('shows the list read-only to billing staff, and a load error plainly', async () => {
    server.use(
      ...sessionHandlers({ role: 'billing' }),
      api.get('/api/v1/integrations', () => HttpResponse.json({ data: [integration()] })),
    );
    renderApp('/integrations');
    expect(await screen.findByRole('heading', { name: 'ConnectWise' })).toBeInTheDocument();
    expect(screen.getByText('Every hour')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Connect ConnectWise' })).not.toBeInTheDocument();
  });

  describe('QuickBooks', () => {
    beforeEach(() => vi.mocked(leaveAppFor).mockClear());

    it('connects: the form makes the integration, then the browser goes to QuickBooks’ sign-in', async () => {
      const requests = recordRequests();
      server.use(
        api.get('/api/v1/integrations', () => HttpResponse.json({ data: [] })),
        api.post('/api/v1/integrations', () =>
          HttpResponse.json(
            quickbooks({
              status: 'needs_attention',
              statusMessage: 'Not connected to QuickBooks yet',
              credentialsSet: false,
            }),
            { status: 201 },
          ),
        ),
      );
      const { user } = renderApp('/integrations');
      await user.click((await screen.findAllByRole('button', { name: 'Connect QuickBooks' }))[0]!);
      const form = screen.getByRole('form', { name: 'Connect QuickBooks' });
      expect(within(form).getByLabelText('Name')).toHaveValue('QuickBooks');
      await user.type(within(form).getByLabelText('Deposit account id (optional)'), '35');
      await user.click(within(form).getByRole('button', { name: 'Continue to QuickBooks' }));
      await waitFor(() =>
        expect(leaveAppFor).toHaveBeenCalledWith(
          `/api/v1/integrations/${QUICKBOOKS_ID}/oauth/authorize`,
        ),
      );
      expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
        kind: 'quickbooks',
        name: 'QuickBooks',
        schedule: 'hourly',
        settings: { depositAccountId: '35', hiddenCompanyStatuses: ['Inactive'] },
      });
    });

    it('says what the sign-in came back with', async () => {
      server.use(
        api.get('/api/v1/integrations', () => HttpResponse.json({ data: [quickbooks()] })),
      );
      renderApp('/integrations?integration=x&quickbooks=connected');
      expect(await screen.findByRole('status', { name: 'QuickBooks sign-in' })).toHaveTextContent(
        'QuickBooks connected.',
      );
      expect(await screen.findByText('9130349')).toBeInTheDocument();
    });

    it('a refused sign-in shows the reason; needing attention offers Reconnect, which signs in again', async () => {
      server.use(
        api.get('/api/v1/integrations', () =>
          HttpResponse.json({
            data: [
              quickbooks({
                status: 'needs_attention',
                statusMessage: "QuickBooks no longer accepts Settle's authorization; reconnect",
              }),
            ],
          }),
        ),
      );
      const { user } = renderApp(
        '/integrations?quickbooks=error&reason=The+connection+was+cancelled+in+QuickBooks',
      );
      expect(await screen.findByRole('alert', { name: 'QuickBooks sign-in' })).toHaveTextContent(
        'QuickBooks did not connect. The connection was cancelled in QuickBooks',
      );
      expect((await screen.findByText('Needs attention.')).parentElement).toHaveTextContent(
        'Reconnect to sign in to QuickBooks again.',
      );
      expect(screen.queryByLabelText('Site')).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Reconnect' }));
      expect(leaveAppFor).toHaveBeenCalledWith(
        `/api/v1/integrations/${QUICKBOOKS_ID}/oauth/authorize`,
      );
    });
  });

  it('says why the integrations could not be loaded', async () => {
    server.use(api.get('/api/v1/integrations', () => problem(500, 'Database unavailable')));
    renderApp('/integrations');
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
  });
});
