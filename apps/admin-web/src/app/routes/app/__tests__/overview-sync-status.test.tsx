import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { page } from '@/testing/ar-fixtures';
import { api } from '@/testing/mocks/api';
import { emptyOverviewHandlers } from '@/testing/mocks/overview';
import { recordRequests, server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';
import { syncRun } from '@/testing/sync-fixtures';

describe('overview / Synchronization Status', () => {
  it('shows the three latest runs as seed 000 does: sync, start, info, status', async () => {
    const requests = recordRequests();
    server.use(
      ...emptyOverviewHandlers(),
      api.get('/api/v1/sync-runs', () =>
        HttpResponse.json({
          ...page(
            [
              syncRun({
                id: 'r-3',
                status: 'running',
                finishedAt: null,
                startedAt: '2026-12-01T17:05:00Z',
              }),
              syncRun({
                id: 'r-2',
                counts: { created: 0, updated: 3, unchanged: 196, deleted: 0, failed: 1 },
              }),
              syncRun({
                id: 'r-1',
                status: 'failed',
                error: 'ConnectWise refused the API keys (401)',
                startedAt: '2026-12-01T15:05:00Z',
              }),
            ],
            3,
          ),
          total: 12,
        }),
      ),
    );
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Synchronization Status' });
    await within(table).findAllByRole('link', { name: 'ConnectWise' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    // America/Chicago, the MSP's time zone
    expect(rows[0]).toHaveTextContent(/ConnectWise.*Dec 1, 2026, 11:05 AM.*Running.*In progress/);
    expect(rows[1]).toHaveTextContent(/ConnectWise.*10:05 AM.*Success \(99\.5%\).*Finished/);
    expect(rows[2]).toHaveTextContent(/ConnectWise.*9:05 AM.*Failed.*Failed/);
    expect(within(rows[0]!).getByRole('link', { name: 'ConnectWise' })).toHaveAttribute(
      'href',
      '/integrations',
    );
    const asked = requests.find((r) => r.path === '/api/v1/sync-runs')!;
    expect(new URLSearchParams(asked.search).get('pageSize')).toBe('3');
  });

  it('says there are none yet and links to Integrations', async () => {
    server.use(...emptyOverviewHandlers());
    renderApp('/');
    expect(await screen.findByText('No synchronizations yet')).toBeInTheDocument();
    const text = screen.getByText(/its three latest syncs are shown here/);
    expect(within(text).getByRole('link', { name: 'Integrations' })).toHaveAttribute(
      'href',
      '/integrations',
    );
  });
});
