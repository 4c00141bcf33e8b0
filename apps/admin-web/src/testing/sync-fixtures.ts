import type { components } from '@settle/api-client';

type Schemas = components['schemas'];

export const INTEGRATION_ID = 'aaaaaaaa-0000-4000-8000-000000000001';

export function syncRun(overrides: Partial<Schemas['SyncRunResponseDto']> = {}) {
  const run: Schemas['SyncRunResponseDto'] = {
    id: 'bbbbbbbb-0000-4000-8000-000000000001',
    integrationId: INTEGRATION_ID,
    integrationName: 'ConnectWise',
    status: 'succeeded',
    trigger: 'manual',
    full: false,
    counts: { created: 12, updated: 0, unchanged: 0, deleted: 0, failed: 0 },
    progress: { company: 3, contact: 4, invoice: 5 },
    timings: { fetchMs: 120, writeMs: 40 },
    error: null,
    startedAt: '2026-12-01T16:05:00Z',
    finishedAt: '2026-12-01T16:05:03Z',
    createdAt: '2026-12-01T16:04:59Z',
  };
  return { ...run, ...overrides };
}

export function integration(overrides: Partial<Schemas['IntegrationResponseDto']> = {}) {
  const made: Schemas['IntegrationResponseDto'] = {
    id: INTEGRATION_ID,
    kind: 'connectwise',
    name: 'ConnectWise',
    status: 'connected',
    statusMessage: null,
    settings: {
      site: 'https://api-na.myconnectwise.net',
      companyId: 'acmeit',
      publicKey: 'pub-123',
      clientId: 'client-123',
      hiddenCompanyTypes: ['Vendor'],
      hiddenCompanyStatuses: [],
    },
    credentialsSet: true,
    schedule: 'hourly',
    lastRun: null,
    lastFullSyncAt: null,
    createdAt: '2026-12-01T16:00:00Z',
  };
  return { ...made, ...overrides };
}

export function entity(overrides: Partial<Schemas['EntityResponseDto']> = {}) {
  const made: Schemas['EntityResponseDto'] = {
    id: 'cccccccc-0000-4000-8000-000000000001',
    integrationId: INTEGRATION_ID,
    type: 'company',
    externalId: '250',
    name: 'Acme Dental',
    organizationId: null,
    organizationName: null,
    hidden: false,
    deleted: false,
    lastSyncedAt: '2026-12-01T16:05:02Z',
  };
  return { ...made, ...overrides };
}
