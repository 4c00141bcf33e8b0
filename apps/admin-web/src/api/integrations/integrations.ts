import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import { useInvalidatingMutation, type MutationConfig, type QueryConfig } from '@/lib/react-query';

import { integrationsKeys, syncRunsKeys } from './keys';
import type { SyncSchedule } from './types';

const SCHEDULES = ['off', 'every_15_minutes', 'hourly', 'daily'] as const satisfies SyncSchedule[];

/** "Vendor, Partner" → ["Vendor", "Partner"]: the hide rules are typed as one line each. */
const nameList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  )
  .refine(
    (names) => names.every((n) => n.length <= 100),
    'each name must be at most 100 characters',
  );

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/**
 * The Connect and Edit forms (the API checks the same). The private key is required to connect;
 * when editing, an empty one keeps the stored key.
 */
export const connectWiseInputSchema = z.object({
  name: text(200),
  schedule: z.enum(SCHEDULES),
  settings: z.object({
    site: text(300).refine((v) => /^https?:\/\/\S+$/i.test(v), 'must be an http(s) URL'),
    companyId: text(100),
    publicKey: text(100),
    clientId: text(100),
    hiddenCompanyTypes: nameList,
    hiddenCompanyStatuses: nameList,
  }),
  credentials: z.object({
    privateKey: z.string().trim().max(200, 'must be at most 200 characters'),
  }),
});

/** Connecting needs the private key; editing may leave it empty. */
export const connectWiseConnectSchema = connectWiseInputSchema.extend({
  credentials: z.object({ privateKey: text(200) }),
});

/** Connect QuickBooks and its Edit form: no keys, QuickBooks' own sign-in authorizes Settle. */
export const quickBooksInputSchema = z.object({
  name: text(200),
  schedule: z.enum(SCHEDULES),
  settings: z.object({
    depositAccountId: z.string().trim().max(50, 'must be at most 50 characters'),
    hiddenCompanyStatuses: nameList,
  }),
});

export type QuickBooksInput = z.input<typeof quickBooksInputSchema>;
export type QuickBooksValues = z.output<typeof quickBooksInputSchema>;

/** The deposit account left empty is QuickBooks' Undeposited Funds (the API's default). */
const quickBooksSettingsBody = (settings: QuickBooksValues['settings']) => ({
  hiddenCompanyStatuses: settings.hiddenCompanyStatuses,
  ...(settings.depositAccountId ? { depositAccountId: settings.depositAccountId } : {}),
});

export const createQuickBooksIntegration = (values: QuickBooksValues) =>
  unwrap(
    api.POST('/api/v1/integrations', {
      body: { ...values, settings: quickBooksSettingsBody(values.settings), kind: 'quickbooks' },
    }),
  );

export function useCreateQuickBooksIntegration({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createQuickBooksIntegration> } = {}) {
  return useInvalidatingMutation(createQuickBooksIntegration, INTEGRATION_QUERIES, mutationConfig);
}

export const updateQuickBooksIntegration = ({
  id,
  values,
}: {
  id: string;
  values: QuickBooksValues;
}) =>
  unwrap(
    api.PATCH('/api/v1/integrations/{id}', {
      params: { path: { id } },
      body: { ...values, settings: quickBooksSettingsBody(values.settings) },
    }),
  );

export function useUpdateQuickBooksIntegration({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateQuickBooksIntegration> } = {}) {
  return useInvalidatingMutation(updateQuickBooksIntegration, INTEGRATION_QUERIES, mutationConfig);
}

/**
 * Where the browser goes to connect (or reconnect) QuickBooks: the API answers with a redirect
 * to Intuit's consent screen, which comes back to the API and then to this screen.
 */
export const quickBooksAuthorizePath = (id: string) =>
  `/api/v1/integrations/${encodeURIComponent(id)}/oauth/authorize`;

export type ConnectWiseInput = z.input<typeof connectWiseInputSchema>;
export type ConnectWiseValues = z.output<typeof connectWiseInputSchema>;

export const getIntegrations = () => unwrap(api.GET('/api/v1/integrations'));

export const getIntegrationsQueryOptions = () =>
  queryOptions({ queryKey: integrationsKeys.lists(), queryFn: getIntegrations });

export function useIntegrations({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getIntegrationsQueryOptions> } = {}) {
  return useQuery({ ...getIntegrationsQueryOptions(), ...queryConfig });
}

/** Every change to an integration refreshes it and its runs (status and last run move). */
const INTEGRATION_QUERIES = [integrationsKeys.all, syncRunsKeys.all];

export const createIntegration = (values: ConnectWiseValues) =>
  unwrap(
    api.POST('/api/v1/integrations', {
      body: { ...values, kind: 'connectwise' },
    }),
  );

export function useCreateIntegration({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createIntegration> } = {}) {
  return useInvalidatingMutation(createIntegration, INTEGRATION_QUERIES, mutationConfig);
}

export const updateIntegration = ({
  id,
  body,
}: {
  id: string;
  body: {
    name?: string;
    schedule?: SyncSchedule;
    settings?: ConnectWiseValues['settings'];
    credentials?: ConnectWiseValues['credentials'];
    status?: 'connected' | 'disconnected';
  };
}) => unwrap(api.PATCH('/api/v1/integrations/{id}', { params: { path: { id } }, body }));

export function useUpdateIntegration({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateIntegration> } = {}) {
  return useInvalidatingMutation(updateIntegration, INTEGRATION_QUERIES, mutationConfig);
}

export const deleteIntegration = ({ id }: { id: string }) =>
  unwrap(api.DELETE('/api/v1/integrations/{id}', { params: { path: { id } } }));

export function useDeleteIntegration({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof deleteIntegration> } = {}) {
  return useInvalidatingMutation(deleteIntegration, INTEGRATION_QUERIES, mutationConfig);
}

/** Asks the source now; a refusal marks the integration as needing attention. */
export const testIntegration = ({ id }: { id: string }) =>
  unwrap(api.POST('/api/v1/integrations/{id}/test', { params: { path: { id } } }));

export function useTestIntegration({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof testIntegration> } = {}) {
  return useInvalidatingMutation(testIntegration, INTEGRATION_QUERIES, mutationConfig);
}

/** A queued run, or the one already queued or running for the integration. */
export const startSyncRun = ({ id, full }: { id: string; full: boolean }) =>
  unwrap(
    api.POST('/api/v1/integrations/{id}/sync-runs', {
      params: { path: { id } },
      body: full ? { full: true } : {},
    }),
  );

export function useStartSyncRun({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof startSyncRun> } = {}) {
  return useInvalidatingMutation(startSyncRun, INTEGRATION_QUERIES, mutationConfig);
}
