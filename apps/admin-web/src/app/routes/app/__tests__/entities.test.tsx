import type { components } from '@settle/api-client';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { ORG_ID, demoCompany, organizationSummary, page } from '@/testing/ar-fixtures';
import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { currentUrl, renderApp } from '@/testing/render-app';
import { entity, integration } from '@/testing/sync-fixtures';

type Entity = components['schemas']['EntityResponseDto'];

/** The Entities API over a few records, filtered as the API does (type, mapped, hidden, q). */
function entitiesApi(records: Entity[]) {
  const requests = recordRequests();
  server.use(
    api.get('/api/v1/integrations', () => HttpResponse.json({ data: [integration()] })),
    api.get('/api/v1/entities', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const q = (query.get('q') ?? '').toLowerCase();
      const rows = records.filter(
        (e) =>
          (!query.get('type') || e.type === query.get('type')) &&
          (!query.get('hidden') || String(e.hidden) === query.get('hidden')) &&
          (!query.get('mapped') || String(!!e.organizationId) === query.get('mapped')) &&
          (!query.get('organizationId') || e.organizationId === query.get('organizationId')) &&
          (!q || e.name.toLowerCase().includes(q) || e.externalId.includes(q)),
      );
      return HttpResponse.json(page(rows, Number(query.get('pageSize') ?? 25)));
    }),
  );
  return requests;
}

const acme = entity();
const invoice = entity({
  id: 'cccccccc-0000-4000-8000-000000000002',
  type: 'invoice',
  externalId: '9001',
  name: 'INV-9001',
  organizationId: ORG_ID,
  organizationName: 'Demo Company',
});

describe('entities', () => {
  it('lists records by integration and type, and filters them from the URL', async () => {
    const requests = entitiesApi([acme, invoice]);
    const { user } = renderApp('/entities');
    const table = await screen.findByRole('table', { name: 'Entities' });
    await within(table).findByText('Acme Dental');
    const acmeRow = within(table).getByText('Acme Dental').closest('tr')!;
    expect(acmeRow).toHaveTextContent(/Acme Dental.*Company.*250.*ConnectWise.*Not mapped/);
    expect(within(table).getByRole('link', { name: 'Demo Company' })).toHaveAttribute(
      'href',
      `/organizations/${ORG_ID}`,
    );

    await user.selectOptions(screen.getByLabelText('Mapped'), 'false');
    await waitFor(() => expect(within(table).queryByText('INV-9001')).not.toBeInTheDocument());
    expect(currentUrl()).toBe('/entities?mapped=false');
    await user.selectOptions(screen.getByLabelText('Type'), 'invoice');
    expect(await screen.findByText('No matching records')).toBeInTheDocument();
    const asked = new URLSearchParams(requests.at(-1)!.search);
    expect(Object.fromEntries(asked)).toEqual({
      mapped: 'false',
      page: '1',
      pageSize: '25',
      type: 'invoice',
    });
  });

  it("opens on an organization's records from its chip, and shows them all again", async () => {
    server.use(api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany)));
    entitiesApi([acme, invoice]);
    const { user } = renderApp(`/entities?organizationId=${ORG_ID}`);
    expect(await screen.findByText('INV-9001')).toBeInTheDocument();
    expect(screen.queryByText('Acme Dental')).not.toBeInTheDocument();
    expect(await screen.findByText(/Records of/)).toHaveTextContent('Records of Demo Company');
    await user.click(screen.getByRole('button', { name: 'Show all organizations' }));
    expect(await screen.findByText('Acme Dental')).toBeInTheDocument();
    expect(currentUrl()).toBe('/entities');
  });

  it('maps a company to an organization found by search, and says what moved', async () => {
    const records = [acme];
    const requests = entitiesApi(records);
    server.use(
      api.get('/api/v1/organizations', ({ request }) => {
        const q = (new URL(request.url).searchParams.get('q') ?? '').toLowerCase();
        const orgs = [
          organizationSummary({ id: ORG_ID, name: 'Demo Company' }),
          organizationSummary({ id: '00000000-0000-4000-8000-000000000202', name: 'Bonanza' }),
        ].filter((o) => o.name.toLowerCase().includes(q));
        return HttpResponse.json(page(orgs, 20));
      }),
      api.post('/api/v1/entities/{id}/map', async ({ request }) => {
        const { organizationId } = await request.json();
        records[0] = { ...acme, organizationId, organizationName: 'Demo Company' };
        return HttpResponse.json(records[0]);
      }),
    );
    const { user } = renderApp('/entities');
    await user.click(await screen.findByRole('button', { name: 'Actions for Acme Dental' }));
    await user.click(screen.getByRole('menuitem', { name: 'Map to organization…' }));
    const dialog = screen.getByRole('dialog', { name: 'Map Acme Dental to an organization' });
    await user.type(within(dialog).getByLabelText('Find organization'), 'demo{Enter}');
    await waitFor(() =>
      expect(within(dialog).queryByRole('option', { name: 'Bonanza' })).not.toBeInTheDocument(),
    );
    await user.selectOptions(within(dialog).getByLabelText('Organization'), 'Demo Company');
    await user.click(within(dialog).getByRole('button', { name: 'Map' }));
    expect(await screen.findByText('Company mapped')).toBeInTheDocument();
    expect(
      screen.getByText('Acme Dental is now Demo Company; its contacts and invoices moved with it.'),
    ).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ organizationId: ORG_ID });
    expect(
      await within(screen.getByRole('table', { name: 'Entities' })).findByRole('link', {
        name: 'Demo Company',
      }),
    ).toBeInTheDocument();
  });

  it('hides a record and says so; a refused resync shows the source’s reason', async () => {
    const records = [acme];
    entitiesApi(records);
    server.use(
      api.post('/api/v1/entities/{id}/hide', () => {
        records[0] = { ...acme, hidden: true };
        return HttpResponse.json(records[0]);
      }),
      api.post('/api/v1/entities/{id}/resync', () =>
        problem(422, 'ConnectWise refused the API keys (401): Invalid credentials'),
      ),
    );
    const { user } = renderApp('/entities');
    await user.click(await screen.findByRole('button', { name: 'Actions for Acme Dental' }));
    await user.click(screen.getByRole('menuitem', { name: 'Hide' }));
    expect(await screen.findByText('Record hidden')).toBeInTheDocument();
    expect(screen.getByText('Syncs no longer bring Acme Dental in.')).toBeInTheDocument();
    const row = (await screen.findByText('Hidden', { selector: '.ui-badge' })).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Actions for Acme Dental' }));
    expect(screen.getByRole('menuitem', { name: 'Unhide' })).toBeInTheDocument();
    await user.click(screen.getByRole('menuitem', { name: 'Resync' }));
    expect(await screen.findByText('Could not read the record again')).toBeInTheDocument();
    expect(
      screen.getByText('ConnectWise refused the API keys (401): Invalid credentials'),
    ).toBeInTheDocument();
  });

  it('points to Integrations when nothing is connected', async () => {
    renderApp('/entities');
    expect(await screen.findByText('No records yet')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Entities' }).closest('.ui-table-wrap')!;
    expect(
      within(table as HTMLElement).getByRole('link', { name: 'Integrations' }),
    ).toHaveAttribute('href', '/integrations');
  });
});
