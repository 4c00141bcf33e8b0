import { unwrap } from '@settle/api-client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { api } from '@/lib/api-client';

import { reconciliationKeys } from './keys';
import type { ReconciliationRun } from './types';

/** How often a queued or running run is asked for again. */
export const RUN_POLL_MS = 1000;

export const isActive = (run: Pick<ReconciliationRun, 'status'>) =>
  run.status === 'queued' || run.status === 'running';

export const getRun = (id: string) =>
  unwrap(api.GET('/api/v1/reconciliation/runs/{id}', { params: { path: { id } } }));

/**
 * One run, asked for again every second while it is queued or running; once it ends, the list of
 * runs is refreshed (its status and difference count changed).
 */
export function useLiveRun(id: string) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: reconciliationKeys.run(id),
    queryFn: () => getRun(id),
    refetchInterval: (query) =>
      query.state.error
        ? false
        : !query.state.data || isActive(query.state.data)
          ? RUN_POLL_MS
          : false,
  });
  const active = run.data ? isActive(run.data) : true;
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) {
      void queryClient.invalidateQueries({ queryKey: [...reconciliationKeys.all, 'runs'] });
    }
    wasActive.current = active;
  }, [active, queryClient]);
  return run;
}
