import { HttpResponse } from 'msw';

import { api } from './api';

const pageSizeOf = (request: Request) =>
  Number(new URL(request.url).searchParams.get('pageSize') ?? 25);

/**
 * An MSP that has connected and synced nothing: no integrations, no runs on the Overview, no
 * records behind a profile's chips.
 */
export function noSyncHandlers() {
  return [
    api.get('/api/v1/integrations', () => HttpResponse.json({ data: [] })),
    api.get('/api/v1/sync-runs', ({ request }) =>
      HttpResponse.json({ data: [], page: 1, pageSize: pageSizeOf(request), total: 0 }),
    ),
    api.get('/api/v1/entities', ({ request }) =>
      HttpResponse.json({ data: [], page: 1, pageSize: pageSizeOf(request), total: 0 }),
    ),
  ];
}
