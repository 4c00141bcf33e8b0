import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { integrationsKeys, syncRunsKeys, type SyncRunsParams } from './keys';
import { isActive } from './types';

/** How often a queued or running run is asked for again. */
export const SYNC_POLL_MS = 1000;

export const getSyncRuns = (params: SyncRunsParams) =>
  unwrap(api.GET('/api/v1/sync-runs', { params: { query: clean(params) } }));

export const getSyncRunsQueryOptions = (params: SyncRunsParams) =>
  queryOptions({
    queryKey: syncRunsKeys.list(params),
    queryFn: () => getSyncRuns(params),
    placeholderData: keepPreviousData,
  });

/** Runs, newest first. */
export function useSyncRuns({
  params,
  queryConfig,
}: {
  params: SyncRunsParams;
  queryConfig?: QueryConfig<typeof getSyncRunsQueryOptions>;
}) {
  return useQuery({ ...getSyncRunsQueryOptions(params), ...queryConfig });
}

export const getSyncRun = (id: string) =>
  unwrap(api.GET('/api/v1/sync-runs/{id}', { params: { path: { id } } }));

/**
 * One run, asked for again every second while it is queued or running; when it ends the lists
 * (runs, integrations' last run and status) are refreshed once.
 */
export function useLiveSyncRun(id: string) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: syncRunsKeys.detail(id),
    queryFn: () => getSyncRun(id),
    refetchInterval: (query) =>
      !query.state.data || isActive(query.state.data) ? SYNC_POLL_MS : false,
  });
  const active = run.data ? isActive(run.data) : true;
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) {
      void queryClient.invalidateQueries({ queryKey: syncRunsKeys.all });
      void queryClient.invalidateQueries({ queryKey: integrationsKeys.all });
    }
    wasActive.current = active;
  }, [active, queryClient]);
  return run;
}
